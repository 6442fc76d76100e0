#!/usr/bin/env bash
# Where a search's start-up time goes: fresh processes, runs interleaved, one column per step.
#
#   /bin/true              a process: fork, exec, exit (the floor of any command)
#   --version              + loading dossier and its libraries, applying its load-time
#                            relocations, parsing arguments
#   search, no match       + opening the index (meta.json, segments, term dictionaries) and
#                            building the query, with nothing to score or print
#   search QUERY           + scoring, fetching and decompressing the hits, highlighting, printing
#
# For each binary: the median wall time of each step and, with perf, its mean CPU time
# (`perf stat` task-clock, user and kernel: steadier than wall time on a busy machine), the page
# faults of one search (GNU time `%R`, `?` without it) and what the dynamic loader reports
# (glibc `LD_DEBUG=statistics`): relocations applied at load, the loader's time in CPU cycles
# and the share of it spent relocating.
#
# usage: bench/startup.sh [--runs N] [--index DIR] [--query Q] [BINARY...]
#
#   BINARY     dossier binaries to time side by side [default: target/release/dossier, built]
#   --index    a dossier index [default: a temporary index of the bundled corpus/]
#   --query    the search [default: "voting systems"]
#   --runs N   timed runs per binary and step [default: 200]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=200
index=
query="voting systems"
miss=zzzxqvw
binaries=()
while (($#)); do
    case $1 in
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    --runs)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "startup: --runs needs a positive number" >&2; exit 2; }
        runs=$2
        shift 2
        ;;
    --index) index=${2:?startup: --index needs a folder}; shift 2 ;;
    --query) query=${2:?startup: --query needs a query}; shift 2 ;;
    -*) echo "startup: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) binaries+=("$1"); shift ;;
    esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-startup.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if ((${#binaries[@]} == 0)); then
    echo "startup: building target/release/dossier" >&2
    (cd "$ROOT" && cargo build --release --quiet)
    binaries=("${CARGO_TARGET_DIR:-$ROOT/target}/release/dossier")
fi
for b in "${binaries[@]}"; do
    [[ -x $b ]] || { echo "startup: $b: not an executable" >&2; exit 2; }
done
if [[ -z $index ]]; then
    index=$WORK/index
    "${binaries[0]}" --index "$index" index --quiet "$ROOT/corpus" >/dev/null 2>&1
fi
[[ -f $index/meta.json ]] || { echo "startup: $index: not an index" >&2; exit 2; }

steps=(true version miss query)
step() { # binary step
    case $2 in
    true) /bin/true ;;
    version) "$1" --version ;;
    miss) "$1" --index "$index" search "$miss" --format json -n 10 || true ;;
    query) "$1" --index "$index" search "$query" --format json -n 10 ;;
    esac >/dev/null
}

declare -A ms=()
for ((r = 0; r <= runs; r++)); do
    for i in "${!binaries[@]}"; do
        for s in "${steps[@]}"; do
            start=$EPOCHREALTIME
            step "${binaries[$i]}" "$s"
            end=$EPOCHREALTIME
            # The first round warms the page cache and is not counted.
            ((r > 0)) && ms[$i.$s]+="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", (b - a) * 1000}') "
        done
    done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# Mean CPU time of a step over the runs, in ms (perf's task-clock), or nothing without perf.
cpu() { # binary step
    command -v perf >/dev/null || return 0
    local cmd
    case $2 in
    true) cmd=(/bin/true) ;;
    version) cmd=("$1" --version) ;;
    miss) cmd=("$1" --index "$index" search "$miss" --format json -n 10) ;;
    query) cmd=("$1" --index "$index" search "$query" --format json -n 10) ;;
    esac
    perf stat -r "$runs" -x, -e task-clock -- "${cmd[@]}" 2>&1 >/dev/null |
        awk -F, '/task-clock/ { printf " (%.2f)", $1 }'
}
cell() { # binary index step
    printf '%s ms%s' "$(median <<<"${ms[$2.$3]}")" "$(cpu "$1" "$3")"
}
faults() {
    [[ -x /usr/bin/time ]] || { echo "?"; return; }
    /usr/bin/time -f '%R' "$1" --index "$index" search "$query" --format json -n 10 2>&1 >/dev/null | tail -n 1
}
# Relocations applied at load, and the loader's time (CPU cycles) and its share spent on them,
# from glibc's loader statistics.
loader() {
    LD_DEBUG=statistics "$1" --version 2>&1 >/dev/null | awk '
        /total startup time in dynamic loader:/ { total = $(NF - 1) }
        /time needed for relocation:/ { p = $NF; gsub(/[()]/, "", p) }
        /number of relocations:/ { n = $NF }
        /number of relative relocations:/ { rel = $NF }
        END {
            if (n == "") print "? | ?"
            else printf "%d relative + %d symbolic | %.0fk cycles, %s relocating\n", rel, n, total / 1000, p
        }'
}
kind() { # ELF type: PIE or fixed address
    case $(od -An -j16 -N2 -tu2 "$1" | tr -d ' ') in
    3) echo PIE ;; 2) echo "fixed address" ;; *) echo "?" ;;
    esac
}

echo "| \`dossier\`, $runs fresh processes each: median wall (mean CPU) | /bin/true | \`--version\` | search, no match | \`search '$query'\` | page faults | load-time relocations | dynamic loader |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for i in "${!binaries[@]}"; do
    b=${binaries[$i]}
    printf '| %s (%s) | %s | %s | %s | %s | %s | %s |\n' "${b/#$ROOT\//}" "$(kind "$b")" \
        "$(cell "$b" "$i" true)" "$(cell "$b" "$i" version)" "$(cell "$b" "$i" miss)" \
        "$(cell "$b" "$i" query)" "$(faults "$b")" "$(loader "$b")"
done
