#!/usr/bin/env bash
# Speed of the analysis commands on an existing index: facets and timeline over every article,
# facets beside a plain search on one selective query, and export's output rate. Each run is a
# fresh process; the commands are interleaved, run after run; the table gives medians. Prints a
# Markdown table, ready to paste.
#
# usage: bench/analysis.sh [--runs N] [--no-build] [--query Q] [--since DATE --until DATE] INDEX
#
#   INDEX          a dossier index, e.g. of ../shared/data/bench (dossier --index DIR index ...)
#   --runs N       timed runs per command [default: 7]
#   --no-build     use target/release/dossier as it is
#   --query Q      the selective query [default: "oil prices", 919 articles of the bench corpus]
#   --since/--until the date range exported [default: 2016 .. 2018-12, about 10,000 bench articles]
#
# Environment: DOSSIER_BIN (a dossier binary to use instead of target/release/dossier).
# Wall time comes from bash's clock; CPU time (user + system) from bash's `time`, which is steadier
# than wall time when the machine is shared.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() {
    echo "analysis: $*" >&2
    exit 2
}
note() { echo "analysis: $*" >&2; }

runs=7
build=1
query="oil prices"
since=2016
until=2018-12
index=""
while (($#)); do
    case "$1" in
    --runs)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"
        runs=$2
        shift
        ;;
    --no-build) build=0 ;;
    --query)
        query=${2:?--query needs a query}
        shift
        ;;
    --since)
        since=${2:?--since needs a date}
        shift
        ;;
    --until)
        until=${2:?--until needs a date}
        shift
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
        [[ -z $index ]] || die "one INDEX only (see --help)"
        index=$1
        ;;
    esac
    shift
done
[[ -n $index ]] || die "give the INDEX folder (see --help)"
[[ -d $index ]] || die "$index: no such folder"

target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
if ((build)); then
    note "building (cargo build --release)"
    (cd "$ROOT" && cargo build --release --quiet)
fi
DOSSIER=${DOSSIER_BIN:-$target_dir/release/dossier}
[[ -x $DOSSIER ]] || die "$DOSSIER is missing; run without --no-build"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-analysis.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# The commands, by name: label and arguments (after `dossier --index INDEX`).
names=(facets_all timeline_all search_all facets_q search_q export)
declare -A label args
label[facets_all]="facets '*' --by actor"
label[timeline_all]="timeline '*' --by week"
label[search_all]="search '*' -n 10"
label[facets_q]="facets '$query' --by actor"
label[search_q]="search '$query' -n 10"
label[export]="export '*' --since $since --until $until --format jsonl --out FILE"
run_cmd() {
    case $1 in
    facets_all) "$DOSSIER" --index "$index" facets '*' --by actor ;;
    timeline_all) "$DOSSIER" --index "$index" timeline '*' --by week ;;
    search_all) "$DOSSIER" --index "$index" search '*' -n 10 ;;
    facets_q) "$DOSSIER" --index "$index" facets "$query" --by actor ;;
    search_q) "$DOSSIER" --index "$index" search "$query" -n 10 ;;
    export) "$DOSSIER" --index "$index" export '*' --since "$since" --until "$until" --format jsonl --out "$WORK/export.jsonl" ;;
    esac
}

# timed NAME: one run; appends "wall_ms cpu_ms" to $WORK/NAME.times.
timed() {
    local start=$EPOCHREALTIME rc=0 TIMEFORMAT='%3U %3S'
    { time run_cmd "$1" >"$WORK/$1.out" 2>"$WORK/$1.err" || rc=$?; } 2>"$WORK/$1.cpu"
    local end=$EPOCHREALTIME
    ((rc <= 1)) || die "${label[$1]} failed (exit $rc): $(head -n 1 "$WORK/$1.err")"
    awk -v a="$start" -v b="$end" '{printf "%.3f %.3f\n", (b - a) * 1000, ($1 + $2) * 1000}' \
        "$WORK/$1.cpu" >>"$WORK/$1.times"
}
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
med() { cut -d' ' -f"$2" "$WORK/$1.times" | median; }
calc() { awk "BEGIN { $1 }"; }

note "$runs runs x ${#names[@]} commands, interleaved (one untimed warm-up each) ..."
for n in "${names[@]}"; do
    timed "$n"
    : >"$WORK/$n.times"
done
for ((r = 0; r < runs; r++)); do
    for n in "${names[@]}"; do timed "$n"; done
done

articles=$(wc -l <"$WORK/export.jsonl")
bytes=$(stat -c %s "$WORK/export.jsonl")
q_articles=$(sed -n 's/^(\([0-9]*\) matching articles)$/\1/p' "$WORK/facets_q.out")
all_articles=$(sed -n 's/^(\([0-9]*\) matching articles)$/\1/p' "$WORK/facets_all.out")
ms() { printf '%.0f ms' "$(med "$1" 1)"; }
cpu() { printf '%.0f ms' "$(med "$1" 2)"; }
verdict() { calc "print ($1) ? \"yes\" : \"**no**\""; }
ratio_wall=$(calc "printf \"%.2f\", $(med facets_q 1) / $(med search_q 1)")
ratio_cpu=$(calc "printf \"%.2f\", $(med facets_q 2) / $(med search_q 2)")
mbs_wall=$(calc "printf \"%.1f\", $bytes / 1e6 / ($(med export 1) / 1000)")
mbs_cpu=$(calc "printf \"%.1f\", $bytes / 1e6 / ($(med export 2) / 1000)")

echo
echo "### dossier analysis commands"
echo
echo "Index: $index (${all_articles:-?} articles as facets counts them, copies collapsed); $(nproc) cores, load average $load_before at start and $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at end; $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- src 2>/dev/null || echo '+changes'); median of $runs runs, fresh process each."
echo
echo "| command | wall (median) | CPU (median) | target | met (wall) |"
echo "|---|--:|--:|---|---|"
echo "| \`${label[facets_all]}\` | $(ms facets_all) | $(cpu facets_all) | < 100 ms | $(verdict "$(med facets_all 1) < 100") |"
echo "| \`${label[timeline_all]}\` | $(ms timeline_all) | $(cpu timeline_all) | < 100 ms | $(verdict "$(med timeline_all 1) < 100") |"
echo "| \`${label[search_all]}\` | $(ms search_all) | $(cpu search_all) | | |"
echo "| \`${label[facets_q]}\` (${q_articles:-?} articles) | $(ms facets_q) | $(cpu facets_q) | | |"
echo "| \`${label[search_q]}\` | $(ms search_q) | $(cpu search_q) | | |"
echo "| facets / search, '$query' | ${ratio_wall}x | ${ratio_cpu}x | < 2x | $(verdict "$ratio_wall < 2") |"
echo "| \`${label[export]}\` ($articles articles, $(calc "printf \"%.1f\", $bytes / 1e6") MB) | $(ms export) | $(cpu export) | | |"
echo "| export rate (MB of output per second) | $mbs_wall MB/s | $mbs_cpu MB/s of CPU | >= 50 MB/s | $(verdict "$mbs_wall >= 50") |"
echo
echo "Raw (wall ms, CPU ms per run):"
for n in "${names[@]}"; do
    echo "- ${label[$n]}: $(tr '\n' ';' <"$WORK/$n.times" | sed 's/;$//; s/;/; /g')"
done
