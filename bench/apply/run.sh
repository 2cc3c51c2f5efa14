#!/usr/bin/env bash
# Times `qsctl apply` of 20 backends (16 data + 4 metadata) on the embedded grid, as a user runs
# it: the real CLI through ./qsctl, a process per apply (JVM start included), the grid already up.
# Also times the first apply on a cold grid (grid start included) once.
#
#   bench/apply/run.sh [RUNS]      (default 5)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qsctl-apply-bench.XXXXXX")
export QSCTL_GRID_HOME=$WORK/grid QSCTL_STATE_DIR=$WORK/state QSCTL_IDENTITY_FILE=$WORK/no-identity.json
QSCTL=$ROOT/qsctl
cleanup() { "$QSCTL" grid down >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

spec() {
    cat >"$WORK/$1.yaml" <<YAML
apiVersion: qsctl.io/v1
kind: StorageCluster
metadata: {name: $1}
spec:
  network: local
  capacity: 20GiB
  redundancy: {dataShards: 12, parityShards: 4}
  nodes: {count: 16}
  metadata: {backends: 4}
YAML
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

"$QSCTL" --version >/dev/null            # build once, outside the timing
spec cold
t0=$(now); "$QSCTL" apply -f "$WORK/cold.yaml" --auto-approve >/dev/null 2>"$WORK/cold.err"; t1=$(now)
backends=$("$QSCTL" get backends -f "$WORK/cold.yaml" -o json 2>/dev/null | grep -c '"nodeId"')
echo "cold grid (grid start + apply of $backends backends): $(elapsed "$t0" "$t1") s"
"$QSCTL" destroy -f "$WORK/cold.yaml" --confirm cold >/dev/null 2>&1

times=()
for i in $(seq 1 "$RUNS"); do
    spec "run$i"
    t0=$(now); "$QSCTL" apply -f "$WORK/run$i.yaml" --auto-approve >/dev/null 2>"$WORK/run$i.err"; t1=$(now)
    n=$("$QSCTL" get backends -f "$WORK/run$i.yaml" -o json 2>/dev/null | grep -c '"nodeId"')
    [ "$n" = 20 ] || { echo "run $i created $n backends, not 20" >&2; cat "$WORK/run$i.err" >&2; exit 1; }
    times+=("$(elapsed "$t0" "$t1")")
    echo "run $i: apply of 20 backends: ${times[-1]} s"
    "$QSCTL" destroy -f "$WORK/run$i.yaml" --confirm "run$i" >/dev/null 2>&1
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d: %.2f s (min %.2f, max %.2f)\n", NR, a[int((NR+1)/2)], a[1], a[NR]}'
