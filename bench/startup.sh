#!/usr/bin/env bash
# Start-up cost of a search: `dossier search` from a fresh process, the binary linked as
# build.rs links it (position-dependent on Linux glibc) against the same code linked as a PIE
# (DOSSIER_PIE=1), runs interleaved. Prints the median wall time of each and, with GNU time,
# the page faults per run.
#
# usage: bench/startup.sh [--runs N] [INDEX [QUERY]]
#
#   INDEX    a dossier index [default: a temporary index of the bundled corpus/]
#   QUERY    the search [default: "voting systems"]
#   --runs N timed runs per binary [default: 200]
#
# Builds twice with cargo (only the final link differs) and leaves target/release as built
# without DOSSIER_PIE.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=200
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    exit 0
fi
if [[ ${1:-} == --runs ]]; then
    [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "startup: --runs needs a positive number" >&2; exit 2; }
    runs=$2
    shift 2
fi
index=${1:-}
query=${2:-voting systems}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-startup.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
build() { (cd "$ROOT" && env "$@" cargo build --release --quiet); }
echo "startup: building (PIE, then as build.rs links it)" >&2
build DOSSIER_PIE=1
cp "$target_dir/release/dossier" "$WORK/pie"
build
cp "$target_dir/release/dossier" "$WORK/default"

if [[ -z $index ]]; then
    index=$WORK/index
    "$WORK/default" --index "$index" index "$ROOT/corpus" >/dev/null 2>&1
fi
[[ -f $index/meta.json ]] || { echo "startup: $index: not an index" >&2; exit 2; }

declare -A ms=() faults=()
for ((r = 0; r <= runs; r++)); do
    for b in default pie; do
        start=$EPOCHREALTIME
        "$WORK/$b" --index "$index" search "$query" --format json -n 10 >/dev/null
        end=$EPOCHREALTIME
        # The first round warms the page cache and is not counted.
        ((r > 0)) && ms[$b]+="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) * 1000}') "
    done
done
if [[ -x /usr/bin/time ]]; then
    for b in default pie; do
        faults[$b]=$(/usr/bin/time -f '%R' "$WORK/$b" --index "$index" search "$query" --format json -n 10 2>&1 >/dev/null | tail -n 1)
    done
fi
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
relocs() { readelf -r "$1" 2>/dev/null | grep -c 'R_X86_64_RELATIVE' || true; }

echo "| \`dossier search '$query'\`, $runs fresh processes each | median wall | page faults | relative relocations |"
echo "|---|--:|--:|--:|"
for b in default pie; do
    name=$([[ $b == pie ]] && echo "PIE (DOSSIER_PIE=1)" || echo "as built (build.rs)")
    echo "| $name | $(median <<<"${ms[$b]}") ms | ${faults[$b]:-?} | $(relocs "$WORK/$b") |"
done
