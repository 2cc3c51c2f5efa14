#!/usr/bin/env bash
# redis-benchmark against redis-server and against qsctl's 0-db server, in one run, side by side.
# See bench/README.md ("0-db server") for what it does and why; docs/benchmarks.md has the figures.
#
#   bench/zdb/run.sh [--quick] [--reps N] [--out FILE] [--keep] [--cases a,a-r,b,b-r,c,c-r]
#
# Environment:
#   ZDB_SERVER=auto|cli|bench  which of our servers to run (auto: `qsctl zdb` if cli/target/qsctl.jar
#                              has that command, else the bench main io.qsctl.bench.zdb.ZdbBenchServer)
#   ZDB_CLI_JAR                the qsctl jar to run (default cli/target/qsctl.jar)
#   ZDB_JAVA_OPTS              extra JVM options for our server (e.g. -XX:StartFlightRecording=...)
#   ZDB_SERVER_ARGS            extra arguments for our server (e.g. --sync)
#   ZDB_BENCH_DIR              where the data directories go (default bench/target; never tmpfs)
#   SERVER_CORE / CLIENT_CORE  cores for the servers / for redis-benchmark (default 1 / 0)
#   QUIET_LIMIT                a run is redone (4 attempts in all) when other processes used more than
#                              this % of a core during it, and none starts before the machine is
#                              that quiet (default 15; waits at most QUIET_WAIT seconds, default 1800)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/bench/target/benchmarks.jar
CLI_JAR=${ZDB_CLI_JAR:-$ROOT/cli/target/qsctl.jar}
REPS=3
SCALE=1
KEEP=0
ONLY=""
OUT=""
while [ $# -gt 0 ]; do
    case $1 in
        --quick) SCALE=10; REPS=1 ;;
        --reps) REPS=$2; shift ;;
        --out) OUT=$2; shift ;;
        --keep) KEEP=1 ;;
        --cases) ONLY=",$2,"; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 64 ;;
    esac
    shift
done
QUIET_LIMIT=${QUIET_LIMIT:-15}
QUIET_WAIT=${QUIET_WAIT:-1800}
SERVER_CORE=${SERVER_CORE:-1}
CLIENT_CORE=${CLIENT_CORE:-0}
ZDB_SERVER=${ZDB_SERVER:-auto}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
HEAD_AT_START=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
# the newest commit to the code under test, to tell whether a jar predates it
LAST_ZDB=$(git -C "$ROOT" log -1 --format=%ct -- fs-runtime/zdb fs-runtime/zdb-client 2>/dev/null || echo 0)
LAST_CLI=$(git -C "$ROOT" log -1 --format=%ct -- fs-runtime/zdb fs-runtime/zdb-client cli 2>/dev/null || echo 0)
OUT=${OUT:-$ROOT/bench/target/zdb-results-$STAMP.md}

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for tool in redis-server redis-benchmark redis-cli taskset java du findmnt; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install redis-server redis-tools util-linux openjdk-17-jdk-headless)"
done
[ "$(nproc --all)" -ge 2 ] || die "needs two cores: one for the server under test, one for redis-benchmark"
if [ ! -f "$JAR" ]; then
    log "building bench/target/benchmarks.jar"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)
fi

# ---------------------------------------------------------------- where the data goes: a real disk
PARENT=${ZDB_BENCH_DIR:-$ROOT/bench/target}
mkdir -p "$PARENT"
WORK=$(mktemp -d "$PARENT/zdb-bench.XXXXXX")
FSTYPE=$(findmnt -n -o FSTYPE -T "$WORK")
FSSOURCE=$(findmnt -n -o SOURCE -T "$WORK")
case $FSTYPE in tmpfs|ramfs) rm -rf "$WORK"; die "$WORK is on $FSTYPE; set ZDB_BENCH_DIR to a directory on a disk" ;; esac
FREE_KB=$(df -Pk "$WORK" | awk 'NR==2 {print $4}')
[ "$FREE_KB" -gt $((12 * 1024 * 1024)) ] || die "needs 12 GiB free on $WORK (64 KiB runs write about 3.2 GB each)"

REDIS_PID=""
ZDB_PID=""
cleanup() {
    [ -n "$ZDB_PID" ] && kill "$ZDB_PID" 2>/dev/null && wait "$ZDB_PID" 2>/dev/null || true
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null || true
    if [ "$KEEP" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local p
    # below Linux's ephemeral range (32768+), and not used by any socket, listening or not
    for p in $(shuf -i 20000-32000 -n 100); do
        if command -v ss >/dev/null; then
            [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ] && { echo "$p"; return; }
        elif ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"; return
        fi
    done
    die "no free port"
}

wait_ping() { # port pid name
    local i
    for i in $(seq 1 200); do
        if [ "$(redis-cli -p "$1" PING 2>/dev/null)" = PONG ]; then return; fi
        kill -0 "$2" 2>/dev/null || { tail -n 5 "$WORK/$3.log" >&2; die "$3 exited at start-up"; }
        sleep 0.1
    done
    die "$3 does not answer PING on port $1"
}

# ---------------------------------------------------------------- the two servers, each on one core
REDIS_PORT=$(free_port)
mkdir -p "$WORK/redis"
taskset -c "$SERVER_CORE" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$WORK/redis" --logfile "$WORK/redis.log" &
REDIS_PID=$!
wait_ping "$REDIS_PORT" "$REDIS_PID" redis

ZDB_PORT=$(free_port)
DATA=$WORK/zdb-data
INDEX=$WORK/zdb-index
if [ "$ZDB_SERVER" = auto ]; then
    ZDB_SERVER=bench
    if [ -f "$CLI_JAR" ] && java -jar "$CLI_JAR" zdb --help 2>/dev/null | grep -q 'Usage: qsctl zdb'; then ZDB_SERVER=cli; fi
fi
# shellcheck disable=SC2206
JOPTS=(${ZDB_JAVA_OPTS:-})
# shellcheck disable=SC2206
SARGS=(${ZDB_SERVER_ARGS:-})
case $ZDB_SERVER in
    cli) cp "$CLI_JAR" "$WORK/qsctl.jar"   # a copy: a rebuild of cli/ during the run must not pull the jar away
         ZDB_CMD=(java "${JOPTS[@]}" -jar "$WORK/qsctl.jar" zdb --port "$ZDB_PORT" --data "$DATA" --index "$INDEX" "${SARGS[@]}")
         ZDB_LABEL="qsctl zdb (java -jar $CLI_JAR zdb, jar of $(date -u -r "$CLI_JAR" +%Y-%m-%dT%H:%MZ), sha256 $(sha256sum "$CLI_JAR" | cut -c1-12))" ;;
    bench) ZDB_CMD=(java "${JOPTS[@]}" -cp "$JAR" io.qsctl.bench.zdb.ZdbBenchServer --port "$ZDB_PORT" --data "$DATA" --index "$INDEX" "${SARGS[@]}")
           ZDB_LABEL="qsctl 0-db server (bench main io.qsctl.bench.zdb.ZdbBenchServer: ZdbEngine + ZdbServer)" ;;
    *) die "ZDB_SERVER is auto, cli or bench" ;;
esac
taskset -c "$SERVER_CORE" "${ZDB_CMD[@]}" >"$WORK/zdb.log" 2>&1 &
ZDB_PID=$!
wait_ping "$ZDB_PORT" "$ZDB_PID" zdb
log "redis-server on :$REDIS_PORT (pid $REDIS_PID), our server on :$ZDB_PORT (pid $ZDB_PID, $ZDB_SERVER), both on core $SERVER_CORE; redis-benchmark on core $CLIENT_CORE"
log "data in $WORK ($FSTYPE on $FSSOURCE)"

# ---------------------------------------------------------------- one redis-benchmark run
NS_COUNTER=0
# /proc/stat: "total busy steal" jiffies over all CPUs (busy: user + nice + system + irq + softirq;
# the ticks a process is charged include the softirq work, loopback packets, done in its context)
cpu_jiffies() { awk '$1 == "cpu" {t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $2 + $3 + $4 + $7 + $8, $9}' /proc/stat; }
# utime + stime of a process (all threads), and cutime + cstime (children it waited for)
pid_jiffies() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
pid_child_jiffies() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $14 + $15}'; }
# wait_quiet: until all processes together use less than QUIET_LIMIT % of a core over 2 s (the
# servers idle between runs), so that other people's builds and tests do not land in a run
wait_quiet() {
    local waited=0 a b busy
    while :; do
        a=$(cpu_jiffies); sleep 2; b=$(cpu_jiffies)
        busy=$(awk -v a="$a" -v b="$b" -v n="$(nproc --all)" 'BEGIN {
            split(a, x, " "); split(b, y, " "); w = (y[1] - x[1]) / n; if (w <= 0) w = 1;
            printf "%.0f", 100 * (y[2] - x[2]) / w }')
        [ "$busy" -lt "$QUIET_LIMIT" ] && break
        if [ "$waited" -ge "$QUIET_WAIT" ]; then
            log "machine still busy ($busy % of a core) after ${waited} s; running anyway"
            break
        fi
        [ $((waited % 60)) = 0 ] && log "machine busy ($busy % of a core in other processes); waiting"
        sleep 8; waited=$((waited + 10))
    done
}

# run_one SERVER CASE-ARGS...; writes "TEST RPS" lines to $WORK/result, side facts to $WORK/facts
run_one() {
    local server=$1; shift
    local port extra=() ns="" before=0 after=0 raw
    if [ "$server" = redis ]; then
        port=$REDIS_PORT
        redis-cli -p "$port" FLUSHALL >/dev/null
    else
        port=$ZDB_PORT
        NS_COUNTER=$((NS_COUNTER + 1))
        ns=$NS_COUNTER   # a fresh namespace per run; redis-benchmark SELECTs it with --dbnum
        [ "$(redis-cli -p "$port" NSNEW "$ns")" = OK ] || die "NSNEW $ns failed"
        extra=(--dbnum "$ns")
        before=$(du -sb "$DATA/$ns" | cut -f1)
    fi
    raw=$WORK/last-run.csv
    local pid=$REDIS_PID; [ "$server" = zdb ] && pid=$ZDB_PID
    local s0 p0 c0 s1 p1 c1 others attempt
    for attempt in 1 2 3 4; do
        wait_quiet
        s0=$(cpu_jiffies); p0=$(pid_jiffies "$pid"); c0=$(pid_child_jiffies $$)
        timeout 900 taskset -c "$CLIENT_CORE" redis-benchmark -h 127.0.0.1 -p "$port" "${extra[@]}" --csv "$@" \
            >"$raw" 2>"$WORK/last-run.err" || log "redis-benchmark exited with $? ($server $*)"
        s1=$(cpu_jiffies); p1=$(pid_jiffies "$pid"); c1=$(pid_child_jiffies $$)
        # CPU used by anything but the server under test and redis-benchmark (and stolen by the
        # hypervisor, where the VM reports it), in % of one core over the run
        others=$(awk -v s0="$s0" -v s1="$s1" -v p="$((p1 - p0))" -v c="$((c1 - c0))" -v n="$(nproc --all)" 'BEGIN {
            split(s0, a, " "); split(s1, b, " "); wall = (b[1] - a[1]) / n; if (wall <= 0) wall = 1;
            printf "%.0f %.0f", 100 * ((b[2] - a[2]) - p - c) / wall, 100 * (b[3] - a[3]) / wall }')
        NOISE="others ${others% *} %, steal ${others#* } % of a core"
        [ "${others% *}" -lt "$QUIET_LIMIT" ] && break
        if [ "$attempt" = 4 ]; then NOISE="$NOISE, DISTURBED (kept after 4 attempts)"; break; fi
        log "run disturbed ($NOISE): $server $* again"
        if [ "$server" = redis ]; then redis-cli -p "$port" FLUSHALL >/dev/null; else
            redis-cli -p "$port" NSDEL "$ns" >/dev/null
            redis-cli -p "$port" NSNEW "$ns" >/dev/null
            before=$(du -sb "$DATA/$ns" | cut -f1)
        fi
    done
    echo "$NOISE" >"$WORK/noise"
    # --csv lines look like "SET","91743.12",...; progress (if any) uses carriage returns
    tr '\r' '\n' <"$raw" | awk -F'"' '$2 ~ /^(SET|GET)$/ {print $2, $4}' >"$WORK/result"
    [ -s "$WORK/result" ] || log "no figures from redis-benchmark ($server $*): $(tr '\r' '\n' <"$WORK/last-run.err" | tail -n 2)"
    if [ "$server" = zdb ]; then
        local t0 t1 entries
        t0=$(date +%s.%N); sync; t1=$(date +%s.%N)
        after=$(du -sb "$DATA/$ns" | cut -f1)
        entries=$(redis-cli -p "$port" NSINFO "$ns" | tr -d '\r' | awk -F': ' '$1=="entries" {print $2}')
        echo "$ns $* | entries $entries | data dir grew by $((after - before)) bytes | sync afterwards $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b-a}') s | $NOISE" >>"$WORK/facts"
        redis-cli -p "$port" NSDEL "$ns" >/dev/null
    else
        local keys mem
        keys=$(redis-cli -p "$port" DBSIZE | tr -d '\r')
        mem=$(redis-cli -p "$port" INFO memory | tr -d '\r' | awk -F: '$1=="used_memory" {print $2}')
        sync
        echo "redis $* | keys $keys | used_memory $mem | $NOISE" >>"$WORK/facts"
        redis-cli -p "$port" FLUSHALL >/dev/null
    fi
}

# ---------------------------------------------------------------- the cases
# id | redis-benchmark arguments | target (ours/redis) | label
N_A=$((500000 / SCALE)); N_B=$((3000000 / SCALE)); N_C=$((50000 / SCALE))
CASES=(
    "a|-t set,get -d 128 -c 50 -n $N_A|0.95|(a) 128 B, 50 clients, one key"
    "a-r|-t set,get -d 128 -c 50 -n $N_A -r 1000000|0.95|(a) 128 B, 50 clients, -r 1000000"
    "b|-t set,get -d 128 -c 50 -P 16 -n $N_B|1.0|(b) 128 B, 50 clients, -P 16, one key"
    "b-r|-t set,get -d 128 -c 50 -P 16 -n $N_B -r 1000000|1.0|(b) 128 B, 50 clients, -P 16, -r 1000000"
    "c|-t set -d 65536 -c 50 -n $N_C|0.6|(c) 64 KiB SET, 50 clients, one key"
    "c-r|-t set -d 65536 -c 50 -n $N_C -r 1000000|0.6|(c) 64 KiB SET, 50 clients, -r 1000000"
)

declare -A RES
log "warm-up (discarded): each server gets (a), (b) and (c) with random keys once"
for server in zdb redis; do
    for id in a-r b-r c-r; do
        for c in "${CASES[@]}"; do
            IFS='|' read -r cid args _ _ <<<"$c"
            [ "$cid" = "$id" ] || continue
            # shellcheck disable=SC2086
            run_one "$server" $args
            while read -r t r; do log "  warm-up $server $cid $t $r req/s"; done <"$WORK/result"
        done
    done
done
: >"$WORK/facts"

for c in "${CASES[@]}"; do
    IFS='|' read -r id args _ label <<<"$c"
    [ -z "$ONLY" ] || [[ $ONLY == *",$id,"* ]] || continue
    for rep in $(seq 1 "$REPS"); do
        if [ $((rep % 2)) = 1 ]; then order="redis zdb"; else order="zdb redis"; fi
        for server in $order; do
            # shellcheck disable=SC2086
            run_one "$server" $args
            while read -r t r; do
                RES["$id|$server|$t"]="${RES["$id|$server|$t"]:-} $r"
                log "$label, run $rep: $server $t $r req/s ($(cat "$WORK/noise"))"
            done <"$WORK/result"
        done
    done
done

median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{v[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# ---------------------------------------------------------------- report
{
    echo "## redis-benchmark: redis-server vs qsctl 0-db server ($STAMP)"
    echo
    echo "- our server: $ZDB_LABEL; JVM options: ${ZDB_JAVA_OPTS:-(defaults)}; server options: ${ZDB_SERVER_ARGS:-(defaults)}"
    RUN_JAR=$JAR; LAST_CHANGE=$LAST_ZDB; [ "$ZDB_SERVER" = cli ] && { RUN_JAR=$CLI_JAR; LAST_CHANGE=$LAST_CLI; }
    echo "- sources: HEAD $HEAD_AT_START when the run started$(git -C "$ROOT" status --porcelain -- fs-runtime/zdb fs-runtime/zdb-client cli 2>/dev/null | grep -q . && echo ', with uncommitted changes in fs-runtime/zdb, fs-runtime/zdb-client or cli' || true); the jar run was built $(date -u -r "$RUN_JAR" +%Y-%m-%dT%H:%MZ)$([ "$(stat -c %Y "$RUN_JAR")" -lt "$LAST_CHANGE" ] && echo ", **before the last commit to the code it holds** ($(date -u -d "@$LAST_CHANGE" +%Y-%m-%dT%H:%MZ)): rebuild to measure HEAD" || true)"
    echo "- reference: $(redis-server --version | cut -d' ' -f1-3), \`--save \"\" --appendonly no\`; client: $(redis-benchmark --version 2>/dev/null || echo redis-benchmark)"
    echo "- CPU: $(lscpu | awk -F: '/^Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc --all) vCPUs; RAM $(free -g | awk '/^Mem:/ {print $2}') GiB; kernel $(uname -r)"
    echo "- java: $(java -version 2>&1 | sed -n 2p)"
    echo "- data dir: $FSTYPE on $FSSOURCE ($(findmnt -n -o OPTIONS -T "$WORK" | cut -c1-60))"
    echo "- pinning: servers on core $SERVER_CORE, redis-benchmark on core $CLIENT_CORE (taskset); $REPS runs per case and server, alternating servers; median shown, all runs in brackets"
    echo
    echo "| case | test | redis-server req/s | ours req/s | ours / redis (medians) | per-run ratios | target |"
    echo "|---|---|---|---|---|---|---|"
    for c in "${CASES[@]}"; do
        IFS='|' read -r id args target label <<<"$c"
        for t in SET GET; do
            [ -n "${RES["$id|redis|$t"]:-}" ] || [ -n "${RES["$id|zdb|$t"]:-}" ] || continue
            rr=$(echo "${RES["$id|redis|$t"]:-}" | median)
            zz=$(echo "${RES["$id|zdb|$t"]:-}" | median)
            ratio=$(awk -v z="$zz" -v r="$rr" 'BEGIN {if (r > 0) printf "%.2f", z / r; else print "n/a"}')
            met=$(awk -v x="$ratio" -v t="$target" 'BEGIN {print (x + 0 >= t + 0) ? "met" : "**not met**"}')
            runs_r=$(echo "${RES["$id|redis|$t"]:-}" | awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", (i > 1 ? ", " : ""), $i}')
            runs_z=$(echo "${RES["$id|zdb|$t"]:-}" | awk '{for (i = 1; i <= NF; i++) printf "%s%.0f", (i > 1 ? ", " : ""), $i}')
            # run k of each server belongs to the same round (back to back), so their ratio is
            # less exposed to the machine's drift than the ratio of the medians
            pairs=$(awk -v r="${RES["$id|redis|$t"]:-}" -v z="${RES["$id|zdb|$t"]:-}" 'BEGIN {
                n = split(r, x, " "); split(z, y, " "); s = "";
                for (i = 1; i <= n; i++) if (x[i] > 0) s = s (s == "" ? "" : ", ") sprintf("%.2f", y[i] / x[i]); print s }')
            printf '| %s | %s | %.0f [%s] | %.0f [%s] | **%s** | %s | ≥ %s (%s) |\n' \
                "$label" "$t" "$rr" "$runs_r" "$zz" "$runs_z" "$ratio" "$pairs" "$target" "$met"
        done
    done
    echo
    if grep -q DISTURBED "$WORK/facts"; then
        echo "Some runs were disturbed by other processes even after 4 attempts; they are marked DISTURBED below."
    else
        echo "No run kept was disturbed: other processes used less than $QUIET_LIMIT % of a core during each (redone otherwise)."
    fi
    echo
    echo "What each measured run left behind (our server: one fresh namespace per run; redis: FLUSHALL before each run):"
    echo
    echo '```'
    cat "$WORK/facts"
    echo '```'
} | tee "$OUT"
log "results written to $OUT"
