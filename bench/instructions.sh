#!/usr/bin/env bash
# Instructions per search: each query of bench/queries.txt run once under callgrind against one
# index, for one or more dossier binaries side by side. Instruction counts do not move with the
# machine's other load, unlike the wall times of bench/run.sh (they do not see cache misses, so
# check an indexing change with CPU seconds instead).
#
# usage: bench/instructions.sh INDEX BINARY [BINARY ...]
#
#   INDEX    a dossier index (e.g. the one `bench/run.sh --keep` leaves)
#   BINARY   dossier binaries to compare (e.g. an older build and target/release/dossier)
#
# Needs valgrind; says it skipped and exits 0 without it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUERIES="$ROOT/bench/queries.txt"

if [[ ${1:-} == -h || ${1:-} == --help || $# -lt 2 ]]; then
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    [[ $# -ge 2 ]] && exit 0 || exit 2
fi
if ! command -v valgrind >/dev/null; then
    echo "instructions: skipped: valgrind not found (apt-get install valgrind)"
    exit 0
fi
index=$1
shift
[[ -f $index/meta.json ]] || { echo "instructions: $index: not an index" >&2; exit 2; }
for b in "$@"; do [[ -x $b ]] || { echo "instructions: $b: not an executable" >&2; exit 2; }; done

# instructions BINARY ARGS...: instructions of one search (callgrind's total).
instructions() {
    local bin=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --index "$index" search "$@" \
        --format json -n 10 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

mapfile -t qlines < <(grep -v '^[[:space:]]*#' "$QUERIES" | grep -v '^[[:space:]]*$' | sed 's/ ||| .*//')
header="| query |"
rule="|---|"
for b in "$@"; do
    header+=" $(basename "$b") |"
    rule+="--:|"
done
echo "$header"
echo "$rule"
declare -a totals
for line in "${qlines[@]}"; do
    mapfile -d '' -t args < <(printf '%s' "$line" | xargs printf '%s\0')
    row="| \`${line//|/\\|}\` |"
    i=0
    for b in "$@"; do
        n=$(instructions "$b" "${args[@]}")
        totals[i]=$((${totals[i]:-0} + ${n:-0}))
        row+=" $(awk -v n="${n:-0}" 'BEGIN {printf "%.2f M", n / 1e6}') |"
        i=$((i + 1))
    done
    echo "$row"
done
row="| all ${#qlines[@]} queries |"
for t in "${totals[@]}"; do
    row+=" $(awk -v n="$t" 'BEGIN {printf "%.1f M", n / 1e6}') |"
done
echo "$row"
if (($# > 1)); then
    echo
    echo "Last against first: $(awk -v a="${totals[0]}" -v b="${totals[$(($# - 1))]}" 'BEGIN {printf "%.2fx the instructions", b / a}')."
fi
