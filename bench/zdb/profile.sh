#!/usr/bin/env bash
# Where our 0-db server spends its core during one redis-benchmark case: starts the server pinned
# (as run.sh does), warms it up with the case, records the case with JFR, and prints the hottest
# methods (own time, and the engine/server frames they were called from).
#
#   bench/zdb/profile.sh [redis-benchmark arguments]
#   bench/zdb/profile.sh -t set -d 128 -c 50 -P 16 -n 3000000 -r 1000000      # the default
#
# ZDB_SERVER=cli|bench, ZDB_CLI_JAR, SERVER_CORE, CLIENT_CORE and ZDB_BENCH_DIR as for run.sh. The recording
# stays in bench/target/zdb-profile-<time>.jfr for `jfr print` or JDK Mission Control.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/bench/target/benchmarks.jar
CLI_JAR=${ZDB_CLI_JAR:-$ROOT/cli/target/qsctl.jar}
SERVER_CORE=${SERVER_CORE:-1}
CLIENT_CORE=${CLIENT_CORE:-0}
ZDB_SERVER=${ZDB_SERVER:-auto}
[ $# -gt 0 ] || set -- -t set -d 128 -c 50 -P 16 -n 3000000 -r 1000000
for tool in redis-benchmark redis-cli taskset java jcmd jfr; do
    command -v "$tool" >/dev/null || { echo "profile.sh: $tool is missing" >&2; exit 1; }
done
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am)

PARENT=${ZDB_BENCH_DIR:-$ROOT/bench/target}
mkdir -p "$PARENT"
WORK=$(mktemp -d "$PARENT/zdb-profile.XXXXXX")
JFR_FILE=$ROOT/bench/target/zdb-profile-$(date -u +%Y%m%dT%H%M%SZ).jfr
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=""
for p in $(shuf -i 20000-32000 -n 100); do
    [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ] && { PORT=$p; break; }
done
if [ "$ZDB_SERVER" = auto ]; then
    ZDB_SERVER=bench
    if [ -f "$CLI_JAR" ] && java -jar "$CLI_JAR" zdb --help 2>/dev/null | grep -q 'Usage: qsctl zdb'; then ZDB_SERVER=cli; fi
fi
if [ "$ZDB_SERVER" = cli ]; then
    cp "$CLI_JAR" "$WORK/qsctl.jar"
    CMD=(java -jar "$WORK/qsctl.jar" zdb)
else
    CMD=(java -cp "$JAR" io.qsctl.bench.zdb.ZdbBenchServer)
fi
taskset -c "$SERVER_CORE" "${CMD[@]}" --port "$PORT" --data "$WORK/data" --index "$WORK/index" >"$WORK/zdb.log" 2>&1 &
PID=$!
for _ in $(seq 1 200); do
    [ "$(redis-cli -p "$PORT" PING 2>/dev/null)" = PONG ] && break
    sleep 0.1
done

run_case() { # namespace: a fresh namespace, the case, "SET n req/s  GET n req/s"
    redis-cli -p "$PORT" NSNEW "$1" >/dev/null
    taskset -c "$CLIENT_CORE" redis-benchmark -p "$PORT" --dbnum "$1" --csv "${ARGS[@]}" 2>/dev/null | tr '\r' '\n' |
        awk -F'"' '$2 ~ /^(SET|GET)$/ {printf "%s %s req/s  ", $2, $4}'
}
ARGS=("$@")
echo "server: $ZDB_SERVER, pid $PID, core $SERVER_CORE; case: redis-benchmark $*" >&2
echo "warm-up:   $(run_case 1)" >&2
redis-cli -p "$PORT" NSDEL 1 >/dev/null
jcmd "$PID" JFR.start name=bench settings=profile >/dev/null
echo "recorded:  $(run_case 2)" >&2
jcmd "$PID" JFR.stop name=bench filename="$JFR_FILE" >/dev/null

# execution samples: the top frame (own time), and the first io.qsctl frame on each stack
jfr print --events jdk.ExecutionSample "$JFR_FILE" >"$WORK/samples.txt"
TOTAL=$(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt" || true)
echo "## $TOTAL execution samples (JFR, 20 ms period per thread under settings=profile)"
echo
echo "Hottest methods, own time (top frame):"
awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print}' "$WORK/samples.txt" |
    sort | uniq -c | sort -rn | head -n 25 | awk -v t="$TOTAL" '{n = $1; $1 = ""; printf "%6.1f %%  %s\n", 100 * n / t, $0}'
echo
echo "Nearest io.qsctl frame on each stack (where our code is, or what it called into):"
awk '/stackTrace = \[/ {inside = 1; next}
     inside && /io\.qsctl\./ {sub(/^ +/, ""); sub(/ +line:.*/, ""); print; inside = 0}
     inside && /^ *\]/ {print "(no io.qsctl frame)"; inside = 0}' "$WORK/samples.txt" |
    sort | uniq -c | sort -rn | head -n 25 | awk -v t="$TOTAL" '{n = $1; $1 = ""; printf "%6.1f %%  %s\n", 100 * n / t, $0}'
echo
echo "Threads in native code (jdk.NativeMethodSample: system calls, mostly), top frame:"
jfr print --events jdk.NativeMethodSample "$JFR_FILE" >"$WORK/native.txt"
NATIVE=$(grep -c 'jdk.NativeMethodSample' "$WORK/native.txt" || true)
awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print}' "$WORK/native.txt" |
    sort | uniq -c | sort -rn | head -n 8 | awk -v t="$NATIVE" '{n = $1; $1 = ""; printf "%6.1f %%  %s\n", 100 * n / t, $0}'
echo
echo "Allocation by site (jdk.ObjectAllocationSample weights; the first sample, which carries what was"
echo "allocated before the recording, is left out): class, and the nearest io.qsctl frame"
jfr print --events jdk.ObjectAllocationSample "$JFR_FILE" |
    awk '/^jdk.ObjectAllocationSample/ {n++; c = ""; w = 0; site = ""}
         /objectClass = / {c = $3}
         /weight = / {w = $3; u = $4; w *= (u ~ /kB/) ? 1024 : (u ~ /MB/) ? 1048576 : (u ~ /GB/) ? 1073741824 : 1}
         !/objectClass/ && /io\.qsctl\./ && site == "" {site = $1; sub(/\(.*/, "", site); if (n > 1) s[c "  <-  " site] += w}
         END {for (k in s) printf "%10.1f MB  %s\n", s[k] / 1048576, k}' | sort -rn | head -n 10
echo
echo "recording: $JFR_FILE"
