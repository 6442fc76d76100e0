#!/usr/bin/env bash
# How dossier's costs grow with the corpus: 1x, 2x and 4x the bench corpus, recombined into new
# articles (examples/scale_corpus.rs), each indexed, re-indexed, searched and counted, with rg over
# the same files beside it. See bench/README.md ("Growth with the corpus").
#
# usage: bench/scale.sh [--sizes "1 2 4"] [--repeat N] [--rg-repeat N] [--jobs N] [--seed S]
#                       [--out DIR] [--no-build] [--keep] [FILE|DIR ...]
#
#   FILE|DIR     .jsonl / .jsonl.gz files to recombine, or folders holding them
#                [default: ../shared/data/bench relative to the repository root]
#   --sizes      corpus sizes, as multiples of the input [default: "1 2 4"]
#   --repeat N   timed runs per query for dossier, and of `dossier stats` [default: 5]
#   --rg-repeat N  timed runs per query for rg [default: 3]
#   --jobs N     indexing threads [default: all cores]
#   --seed S     seed of the recombination [default: 13]
#   --out DIR    where the table (scale.md), the points (scale.tsv) and the chart (scale.svg, and
#                scale.png when rsvg-convert is installed) go [default: bench/scale]
#   --index-args "ARGS"  extra arguments of every `dossier index` run (e.g. "--memory 200")
#   --no-build   use the binaries already built
#   --keep       keep the temporary folder (corpora, last index, logs)
#
# Environment: DOSSIER_BIN (another dossier binary), TMPDIR (where corpora and indexes go: the
# 4x run needs about 2.5 GB free).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUERIES="$ROOT/bench/queries.txt"
DEFAULT_CORPUS="$ROOT/../shared/data/bench"
BENCH_NAME=scale
source "$ROOT/bench/common.sh"

sizes="1 2 4"
repeat=5
rg_repeat=3
jobs=$(nproc 2>/dev/null || echo 1)
seed=13
out="$ROOT/bench/scale"
build=1
keep=0
inputs=()
index_args=()
while (($#)); do
    case "$1" in
    --sizes)
        [[ ${2:-} =~ ^[1-9][0-9]*( [1-9][0-9]*)*$ ]] || die "--sizes needs multiples like \"1 2 4\""
        sizes=$2
        shift
        ;;
    --repeat) number "$1" "${2:-}" && repeat=$2 && shift ;;
    --rg-repeat) number "$1" "${2:-}" && rg_repeat=$2 && shift ;;
    --jobs | -j) number "$1" "${2:-}" && jobs=$2 && shift ;;
    --seed) number "$1" "${2:-}" && seed=$2 && shift ;;
    --out)
        [[ -n ${2:-} ]] || die "--out needs a folder"
        out=$2
        shift
        ;;
    --index-args)
        [[ $# -ge 2 ]] || die "--index-args needs its arguments in one word, e.g. \"--memory 200\""
        read -r -a index_args <<<"$2"
        shift
        ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) inputs+=("$1") ;;
    esac
    shift
done
export RUST_BACKTRACE=0

# ---------------------------------------------------------------- input
corpus_files "$DEFAULT_CORPUS" "${inputs[@]}"
largest=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -n 1)

# ---------------------------------------------------------------- tools
install_tools
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is needed for peak memory; install the 'time' package"
target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
((build)) && build_release "$ROOT"
DOSSIER=${DOSSIER_BIN:-$target_dir/release/dossier}
GEN=$target_dir/release/examples/scale_corpus
CHART=$target_dir/release/examples/scale_chart
for b in "$DOSSIER" "$GEN" "$CHART"; do
    [[ -x $b ]] || die "$b is missing; run without --no-build"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-scale.XXXXXX")
if ((keep)); then
    note "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi
free_kb=$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')
need_kb=$((largest * 900 * 1024))
((free_kb > need_kb)) || die "$WORK has $((free_kb / 1024)) MB free; ${largest}x needs about $((need_kb / 1024)) MB (set TMPDIR)"
mkdir -p "$out"

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", (b - a) * 1000}'; }

# measure NAME CMD...: runs CMD (stdout and stderr to $WORK/NAME.out/.log) under GNU time -v;
# sets M_RC, M_SECS (wall), M_CPU (user+system) and M_RSS_KB (maximum resident set), and, sampled
# from /proc every 0.2 s, M_ANON_KB (peak anonymous memory: the heap and thread stacks) and
# M_FILE_KB (peak file-backed pages mapped: the index files tantivy reads through mmap).
measure() {
    local name=$1
    shift
    M_RC=0
    /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.log" &
    local tp=$! pid="" anon=0 file=0 a f
    while kill -0 "$tp" 2>/dev/null; do
        [[ -n $pid ]] || pid=$(pgrep -P "$tp" | head -n 1 || true)
        if [[ -n $pid ]] && read -r a f < <(awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} END {if (a != "") print a, f}' "/proc/$pid/status" 2>/dev/null); then
            ((a > anon)) && anon=$a
            ((f > file)) && file=$f
        fi
        sleep 0.2
    done
    wait "$tp" || M_RC=$?
    M_ANON_KB=$anon M_FILE_KB=$file
    local t=$WORK/$name.time
    M_RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$t")
    M_CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.1f", u + s}' "$t")
    M_SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s}' "$t")
}

# ---------------------------------------------------------------- corpora
note "recombining ${#files[@]} files into ${largest}x (seed $seed) under $WORK/corpus ..."
"$GEN" --copies "$largest" --seed "$seed" "$WORK/corpus" "${files[@]}" 2>"$WORK/gen.log" ||
    {
        tail -n 3 "$WORK/gen.log" >&2
        die "scale_corpus failed"
    }
tail -n 1 "$WORK/gen.log" >&2

mapfile -t qlines < <(grep -v '^[[:space:]]*#' "$QUERIES" | grep -v '^[[:space:]]*$')
# stage I: one rg of the pipe for query $rq (first stage reads the files, -z decompresses).
stage() {
    local i=$1 p=${rq[$1]} flag=() last=()
    if [[ $p == '!'* ]]; then
        flag=(-v)
        p=${p:1}
    fi
    ((i == ${#rq[@]} - 1)) && last=(-c)
    if ((i == 0)); then
        rg -z -i --no-filename -N "${flag[@]}" "${last[@]}" -e "$p" "${sized[@]}"
    else
        rg -i -N "${flag[@]}" "${last[@]}" -e "$p"
    fi
}
pipe_rg() {
    local n=${#rq[@]} i cmd=""
    for ((i = 0; i < n; i++)); do cmd+="${cmd:+ | }stage $i"; done
    eval "$cmd"
}

points="$out/scale.tsv"
: >"$points"
table_rows=()
declare -A cell
load_start=$(load)
for size in $sizes; do
    sized=()
    for ((c = 0; c < size; c++)); do
        for f in "$WORK"/corpus/copy"$c"-*.jsonl.gz; do sized+=("$f"); done
    done
    gz_bytes=$(cat "${sized[@]}" | wc -c)
    raw_bytes=$(for f in "${sized[@]}"; do gzip -dc "$f"; done | wc -c)
    raw_mb=$(calc "printf \"%.1f\", $raw_bytes / 1e6")
    idx="$WORK/index-$size"
    rm -rf "$idx"
    note "${size}x: ${#sized[@]} files, $raw_mb MB of JSON Lines; load $(load); dossier index ..."
    measure "index-$size" "$DOSSIER" --index "$idx" index -j "$jobs" "${index_args[@]}" "${sized[@]}"
    ((M_RC == 0 || M_RC == 3)) || {
        tail -n 5 "$WORK/index-$size.log" >&2
        die "dossier index failed at ${size}x (exit $M_RC)"
    }
    i_secs=$M_SECS i_cpu=$M_CPU i_rss=$M_RSS_KB i_anon=$M_ANON_KB i_file=$M_FILE_KB
    note "  ${i_secs}s (CPU ${i_cpu}s), peak RSS $((i_rss / 1024)) MB (anonymous $((i_anon / 1024)) MB, files mapped $((i_file / 1024)) MB)"
    "$DOSSIER" --index "$idx" stats --format json >"$WORK/stats-$size.json"
    articles=$(json_key "$WORK/stats-$size.json" articles)
    passages=$(json_key "$WORK/stats-$size.json" passages)
    segments=$(json_key "$WORK/stats-$size.json" segments)
    i_bytes=$(du -sb "$idx" | cut -f1)

    measure "reindex-$size" "$DOSSIER" --index "$idx" index -j "$jobs" "${index_args[@]}" "${sized[@]}"
    r_secs=$M_SECS r_rss=$M_RSS_KB

    # dossier stats: $repeat fresh processes (the first included: `index` left the counts ready).
    st=()
    for ((r = 0; r < repeat; r++)); do
        start=$EPOCHREALTIME
        "$DOSSIER" --index "$idx" stats >/dev/null
        st+=("$(ms_since "$start")")
    done
    s_med=$(printf '%s\n' "${st[@]}" | median)

    note "  searching: ${#qlines[@]} queries x $repeat runs (dossier), x $rg_repeat (rg -z) ..."
    : >"$WORK/q-$size.tsv"
    for line in "${qlines[@]}"; do
        dform=${line%% ||| *}
        rform=${line##* ||| }
        mapfile -d '' -t dq < <(words "$dform")
        mapfile -d '' -t rq < <(words "$rform")
        # Warm-up for dossier (the first search after indexing also writes the near-duplicate
        # cache); rg reads files that indexing just read, and a warm-up would double its long runs.
        "$DOSSIER" --index "$idx" search "${dq[@]}" --format json -n 10 >/dev/null 2>&1 || true
        dms=() gms=()
        for ((r = 0; r < repeat || r < rg_repeat; r++)); do
            if ((r < repeat)); then
                start=$EPOCHREALTIME
                "$DOSSIER" --index "$idx" search "${dq[@]}" --format json -n 10 >/dev/null 2>&1 || true
                dms+=("$(ms_since "$start")")
            fi
            if ((r < rg_repeat)); then
                start=$EPOCHREALTIME
                pipe_rg >/dev/null 2>&1 || true
                gms+=("$(ms_since "$start")")
            fi
        done
        printf '%s\t%s\n' "$(printf '%s\n' "${dms[@]}" | median)" "$(printf '%s\n' "${gms[@]}" | median)" >>"$WORK/q-$size.tsv"
    done
    d_med=$(cut -f1 "$WORK/q-$size.tsv" | median) d_p95=$(cut -f1 "$WORK/q-$size.tsv" | p95)
    g_med=$(cut -f2 "$WORK/q-$size.tsv" | median) g_p95=$(cut -f2 "$WORK/q-$size.tsv" | p95)
    note "  search median $d_med ms (p95 $d_p95), rg -z median $g_med ms; stats $s_med ms; load $(load)"

    cell[$size, corpus]="$raw_mb MB ($(calc "printf \"%.1f\", $gz_bytes / 1e6") MB gz)"
    cell[$size, articles]=$articles
    cell[$size, passages]=$passages
    cell[$size, segments]=$segments
    cell[$size, index]=$(calc "printf \"%.1f s\", $i_secs")
    cell[$size, cpu]=$(calc "printf \"%.1f s\", $i_cpu")
    cell[$size, rate]=$(calc "printf \"%.2f MB/s\", $raw_bytes / 1e6 / $i_secs")
    cell[$size, rss]=$(calc "printf \"%.0f MB\", $i_rss / 1024")
    cell[$size, anon]=$(calc "printf \"%.0f MB\", $i_anon / 1024")
    cell[$size, file]=$(calc "printf \"%.0f MB\", $i_file / 1024")
    cell[$size, size]=$(calc "printf \"%.0f MB\", $i_bytes / 1e6")
    cell[$size, reindex]=$(calc "printf \"%.0f ms\", $r_secs * 1000")
    cell[$size, reindex_rss]=$(calc "printf \"%.0f MB\", $r_rss / 1024")
    cell[$size, med]=$(calc "printf \"%.1f ms\", $d_med")
    cell[$size, p95]=$(calc "printf \"%.1f ms\", $d_p95")
    cell[$size, stats]=$(calc "printf \"%.1f ms\", $s_med")
    cell[$size, rg]=$(calc "printf \"%.0f ms\", $g_med")
    cell[$size, rg95]=$(calc "printf \"%.0f ms\", $g_p95")
    cell[$size, ratio]=$(calc "printf \"%.1fx\", $g_med / $d_med")
    # raw numbers for the growth column
    cell[$size, n_index]=$i_secs cell[$size, n_rss]=$i_rss cell[$size, n_size]=$i_bytes
    cell[$size, n_anon]=$i_anon cell[$size, n_file]=$i_file
    cell[$size, n_reindex]=$r_secs cell[$size, n_med]=$d_med cell[$size, n_p95]=$d_p95
    cell[$size, n_stats]=$s_med cell[$size, n_rg]=$g_med cell[$size, n_mb]=$raw_mb
    cell[$size, n_rate]=$(calc "printf \"%.3f\", $raw_bytes / 1e6 / $i_secs")
    cell[$size, n_cpu]=$i_cpu
    {
        printf 'index\t%s\t%s\n' "$raw_mb" "$(calc "printf \"%.0f\", $i_secs * 1000")"
        printf 're-index (unchanged)\t%s\t%s\n' "$raw_mb" "$(calc "printf \"%.0f\", $r_secs * 1000")"
        printf 'rg -z, median query\t%s\t%s\n' "$raw_mb" "$g_med"
        printf 'dossier stats\t%s\t%s\n' "$raw_mb" "$s_med"
        printf 'search p95\t%s\t%s\n' "$raw_mb" "$d_p95"
        printf 'search median\t%s\t%s\n' "$raw_mb" "$d_med"
    } >>"$points"
    ((keep)) || rm -rf "$idx"
done

# ---------------------------------------------------------------- report
first=${sizes%% *}
last=${sizes##* }
growth() { calc "if ($2 > 0) printf \"%.2fx\", $1 / $2; else printf \"-\""; }
row() {
    local label=$1 key=$2 n=${3:-} r="| $1 |"
    for s in $sizes; do r+=" ${cell[$s, $key]} |"; done
    if [[ -n $n ]]; then
        r+=" $(growth "${cell[$last, $n]}" "${cell[$first, $n]}") |"
    else
        r+=" |"
    fi
    echo "$r"
}
commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- src 2>/dev/null || echo '+changes')
{
    echo "### Growth with the corpus"
    echo
    echo "Corpora: ${sizes// /, } times ${#files[@]} input files, recombined (scale_corpus, seed $seed). Machine: $(nproc) cores, load average $load_start at start and $(load) at end, $jobs indexing threads; $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $commit${index_args[*]:+, index ${index_args[*]}}. Search: ${#qlines[@]} queries, median of $repeat runs each (rg -z: $rg_repeat), fresh process each run, warm page cache."
    echo
    header="| |" rule="|---|"
    for s in $sizes; do
        header+=" ${s}x |"
        rule+="--:|"
    done
    echo "$header ${last}x / ${first}x |"
    echo "$rule--:|"
    row "corpus (JSON Lines)" corpus n_mb
    row "articles" articles
    row "passages" passages
    row "index: wall time" index n_index
    row "index: CPU time" cpu n_cpu
    row "index: throughput" rate n_rate
    row "index: peak RSS" rss n_rss
    row "index: peak anonymous memory (sampled)" anon n_anon
    row "index: peak index files mapped (sampled)" file n_file
    row "index: size on disk" size n_size
    row "index: segments" segments
    row "re-index, unchanged" reindex n_reindex
    row "search: median" med n_med
    row "search: p95" p95 n_p95
    row "\`dossier stats\`" stats n_stats
    row "rg -z: median query" rg n_rg
    row "rg -z: p95 query" rg95
    row "rg median / dossier median" ratio
} | tee "$out/scale.md"

"$CHART" "$points" "$out/scale.svg" "dossier: cost against corpus size ($(date -u '+%Y-%m-%d'), $commit)" ||
    die "scale_chart failed"
if command -v rsvg-convert >/dev/null; then
    rsvg-convert -b white -o "$out/scale.png" "$out/scale.svg"
fi
note "wrote $out/scale.md, $out/scale.tsv, $out/scale.svg${out:+ (and scale.png with rsvg-convert)}"
