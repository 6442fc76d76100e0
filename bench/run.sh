#!/usr/bin/env bash
# Benchmark: dossier side by side with a bare tantivy indexer and with rg, on JSON Lines.
# See bench/README.md for what each row means.
#
# usage: bench/run.sh [--quick] [--jobs N] [--repeat N] [--no-build] [--keep] [FILE|DIR ...]
#
#   FILE|DIR    .jsonl / .jsonl.gz files, or folders holding them
#               [default: ../shared/data/bench/*.jsonl.gz relative to the repository root]
#   --quick     only the two smallest files, 3 runs per query
#   --jobs N    threads for both indexers [default: all cores]
#   --repeat N  timed runs per query and tool [default: 5]
#   --no-build  use the binaries already built
#   --keep      keep the temporary folder (indexes, logs, per-query timings)
#
# Environment: DOSSIER_BIN (a dossier binary to use instead of target/release/dossier),
# TMPDIR (where the temporary folder goes), BENCH_BACKTRACE (RUST_BACKTRACE for the runs, default 0).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUERIES="$ROOT/bench/queries.txt"
DEFAULT_CORPUS="$ROOT/../shared/data/bench"
BENCH_NAME=bench
source "$ROOT/bench/common.sh"

quick=0
build=1
keep=0
jobs=$(nproc 2>/dev/null || echo 1)
repeat=""
inputs=()
while (($#)); do
    case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    --jobs | -j) number "$1" "${2:-}" && jobs=$2 && shift ;;
    --repeat) number "$1" "${2:-}" && repeat=$2 && shift ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) inputs+=("$1") ;;
    esac
    shift
done
[[ -n $repeat ]] || repeat=$((quick ? 3 : 5))
export RUST_BACKTRACE=${BENCH_BACKTRACE:-0}

# ---------------------------------------------------------------- corpus
corpus_files "$DEFAULT_CORPUS" "${inputs[@]}"
if ((quick)); then
    mapfile -t files < <(for f in "${files[@]}"; do printf '%s\t%s\n' "$(stat -c %s "$f")" "$f"; done |
        sort -n | head -n 2 | cut -f2-)
fi

# ---------------------------------------------------------------- tools
install_tools
target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
((build)) && build_release "$ROOT"
DOSSIER=${DOSSIER_BIN:-$target_dir/release/dossier}
BARE=$target_dir/release/examples/bare_tantivy
EXTRACT=$target_dir/release/examples/bench_extract
FLOOR=$target_dir/release/examples/floor_tantivy
[[ -x $DOSSIER ]] || die "$DOSSIER is missing; run without --no-build"
[[ -x $BARE ]] || die "$BARE is missing; run without --no-build"
[[ -x $EXTRACT ]] || die "$EXTRACT is missing; run without --no-build"
[[ -x $FLOOR ]] || die "$FLOOR is missing; run without --no-build"

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
if ((keep)); then
    note "keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi

# ---------------------------------------------------------------- helpers
# measure NAME CMD...: runs CMD with stdout to $WORK/NAME.out and stderr to $WORK/NAME.log;
# sets M_RC (exit status), M_SECS (wall seconds), M_CPU (user+system seconds, "?" when unknown)
# and M_RSS_KB (peak resident set, KB).
measure() {
    local name=$1
    shift
    M_RC=0
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -o "$WORK/$name.time" -f '%e %M %U %S' "$@" >"$WORK/$name.out" 2>"$WORK/$name.log" || M_RC=$?
        local user sys
        read -r M_SECS M_RSS_KB user sys < <(tail -n 1 "$WORK/$name.time")
        M_CPU=$(calc "printf \"%.1f\", $user + $sys")
    else
        # No GNU time: poll VmHWM (a high-water mark, so polling only misses the last 50 ms).
        local start=$EPOCHREALTIME hwm=0 v
        "$@" >"$WORK/$name.out" 2>"$WORK/$name.log" &
        local pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n $v ]] && ((v > hwm)) && hwm=$v
            sleep 0.05
        done
        wait "$pid" || M_RC=$?
        M_SECS=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}')
        M_RSS_KB=$hwm
        M_CPU="?"
    fi
}


mb() { calc "printf \"%.1f\", $1 / 1e6"; } # MB = 10^6 bytes throughout
dir_bytes() { du -sb "$1" | cut -f1; }
fmt_int() { printf "%'d" "$1" 2>/dev/null || printf '%d' "$1"; }

# ---------------------------------------------------------------- raw copy for rg
note "corpus: ${#files[@]} files; decompressing once for rg into $WORK/raw"
mkdir -p "$WORK/raw"
gz_bytes=0
for f in "${files[@]}"; do
    base=$(basename "$f")
    gz_bytes=$((gz_bytes + $(stat -c %s "$f")))
    if [[ $f == *.gz ]]; then
        gzip -dc "$f" >"$WORK/raw/${base%.gz}"
    else
        cp "$f" "$WORK/raw/$base"
    fi
done
raw_bytes=$(cat "$WORK"/raw/* | wc -c)
raw_lines=$(cat "$WORK"/raw/* | wc -l)
raw_mb=$(calc "printf \"%.1f\", $raw_bytes / 1e6")

# ---------------------------------------------------------------- 1. indexing
note "dossier index (jobs $jobs) ..."
measure dossier_index "$DOSSIER" --index "$WORK/dossier-index" index -j "$jobs" "${files[@]}"
d_rc=$M_RC d_secs=$M_SECS d_rss=$M_RSS_KB d_cpu=$M_CPU
d_ok=1
if ((d_rc != 0 && d_rc != 3)); then
    d_ok=0
    note "dossier index FAILED (exit $d_rc); last lines of its stderr:"
    tail -n 5 "$WORK/dossier_index.log" >&2
elif ((d_rc == 3)); then
    note "dossier index exit 3 (some files or lines unreadable): $(grep -c '^dossier: ' "$WORK/dossier_index.log" || true) messages"
fi
d_summary=$(grep -v '^dossier: .*:[0-9]*: ' "$WORK/dossier_index.log" | tail -n 1 || true)
note "  ${d_secs}s (CPU ${d_cpu}s), peak RSS $((d_rss / 1024)) MB, exit $d_rc: $d_summary"
d_articles=0 d_passages=0 d_segments=0 d_disk=0
if ((d_ok)); then
    "$DOSSIER" --index "$WORK/dossier-index" stats --format json >"$WORK/stats.json" || true
    d_articles=$(json_key "$WORK/stats.json" articles)
    d_passages=$(json_key "$WORK/stats.json" passages)
    d_segments=$(json_key "$WORK/stats.json" segments)
    d_disk=$(json_key "$WORK/stats.json" bytes_on_disk)
fi
d_size=$(dir_bytes "$WORK/dossier-index" 2>/dev/null || echo 0)

# What leaving boilerplate aside costs: the same run with it kept as text.
note "dossier index --keep-boilerplate (jobs $jobs) ..."
measure keep_index "$DOSSIER" --index "$WORK/keep-index" index -j "$jobs" --keep-boilerplate "${files[@]}"
k_rc=$M_RC k_secs=$M_SECS k_cpu=$M_CPU
note "  ${k_secs}s (CPU ${k_cpu}s), exit $k_rc"
rm -rf "$WORK/keep-index"

note "bare tantivy index (jobs $jobs) ..."
measure bare_index "$BARE" index -j "$jobs" "$WORK/bare-index" "${files[@]}"
b_rc=$M_RC b_secs=$M_SECS b_rss=$M_RSS_KB b_cpu=$M_CPU
b_summary=$(tail -n 1 "$WORK/bare_index.log")
note "  ${b_secs}s (CPU ${b_cpu}s), peak RSS $((b_rss / 1024)) MB, exit $b_rc: $b_summary"
((b_rc == 0)) || die "bare tantivy indexer failed (exit $b_rc); see above"
b_articles=$(sed -n 's/.*indexed \([0-9]*\) articles.*/\1/p' <<<"$b_summary")
text_bytes=$(sed -n 's/.* \([0-9]*\) bytes of title+text.*/\1/p' <<<"$b_summary")
b_segments=$(sed -n 's/.* into \([0-9]*\) segments.*/\1/p' <<<"$b_summary")
b_size=$(dir_bytes "$WORK/bare-index")

# The floor: tantivy alone over dossier's own documents (same schema, extraction done beforehand
# in the same process, untimed as indexing): dossier's run minus this is extraction plus glue.
note "floor: tantivy over dossier's documents (jobs $jobs) ..."
measure floor_index "$FLOOR" -j "$jobs" "$WORK/floor-index" "${files[@]}"
f_rc=$M_RC f_rss=$M_RSS_KB
f_summary=$(tail -n 1 "$WORK/floor_index.log")
f_secs=$(sed -n 's/^floor: indexed [0-9]* documents in \([0-9.]*\) s.*/\1/p' <<<"$f_summary")
f_cpu=$(sed -n 's/.* s (CPU \([0-9.]*\) s); prepared.*/\1/p' <<<"$f_summary")
p_secs=$(sed -n 's/.*; prepared in \([0-9.]*\) s.*/\1/p' <<<"$f_summary")
p_cpu=$(sed -n 's/.*; prepared in [0-9.]* s (CPU \([0-9.]*\) s).*/\1/p' <<<"$f_summary")
f_docs=$(sed -n 's/^floor: indexed \([0-9]*\) documents.*/\1/p' <<<"$f_summary")
note "  exit $f_rc: $f_summary"
rm -rf "$WORK/floor-index" "$WORK/floor-index.prep"

# Extraction alone, on all indexing threads, the texts already in memory: the part of dossier's
# work that the bare indexer does not do at all.
note "extraction alone (bench_extract, $jobs threads) ..."
x_secs=$(RAYON_NUM_THREADS=$jobs "$EXTRACT" --parallel-only --mb 1000000 "${files[@]}" 2>"$WORK/extract.log" |
    sed -n 's/^all, parallel .*(\([0-9.]*\) s,.*/\1/p' || true)
if [[ -n $x_secs ]]; then
    note "  ${x_secs}s"
else
    note "  bench_extract failed; last lines of its output:"
    tail -n 5 "$WORK/extract.log" >&2 || true
fi

# ---------------------------------------------------------------- 2. re-index, unchanged
r_secs="" r_rc=""
if ((d_ok)); then
    note "dossier index again (unchanged corpus) ..."
    measure dossier_reindex "$DOSSIER" --index "$WORK/dossier-index" index -j "$jobs" "${files[@]}"
    r_secs=$M_SECS r_rc=$M_RC r_rss=$M_RSS_KB r_cpu=$M_CPU
    note "  ${r_secs}s (CPU ${r_cpu}s), peak RSS $((r_rss / 1024)) MB, exit $r_rc: $(tail -n 1 "$WORK/dossier_reindex.log")"
fi

# ---------------------------------------------------------------- 3. search
# Each query: one untimed warm-up run per tool, then $repeat timed runs, tools interleaved.
mapfile -t qlines < <(grep -v '^[[:space:]]*#' "$QUERIES" | grep -v '^[[:space:]]*$')
note "search: ${#qlines[@]} queries x $repeat runs x 3 tools (fresh process each run, warm page cache) ..."

run_dossier() { "$DOSSIER" --index "$WORK/dossier-index" search "${dq[@]}" --format json -n 10; }
run_bare() { "$BARE" search "$WORK/bare-index" "$bq"; }
# pipe_rg: the stages of run_rg chained with pipes.
pipe_rg() {
    local n=${#rq[@]} i cmd=""
    for ((i = 0; i < n; i++)); do
        cmd+="${cmd:+ | }stage $i"
    done
    eval "$cmd"
}
stage() {
    local i=$1 p=${rq[$1]} flag=() last=()
    if [[ $p == '!'* ]]; then
        flag=(-v)
        p=${p:1}
    fi
    ((i == ${#rq[@]} - 1)) && last=(-c)
    if ((i == 0)); then
        rg -i --no-filename -N "${flag[@]}" "${last[@]}" -e "$p" "$WORK/raw"
    else
        rg -i -N "${flag[@]}" "${last[@]}" -e "$p"
    fi
}

# timed TOOL: runs run_TOOL once, output to $WORK/q.TOOL; sets T_MS and T_RC.
timed() {
    local start=$EPOCHREALTIME
    T_RC=0
    case $1 in
    dossier) run_dossier >"$WORK/q.dossier" 2>"$WORK/q.dossier.err" || T_RC=$? ;;
    bare) run_bare >"$WORK/q.bare" 2>"$WORK/q.bare.err" || T_RC=$? ;;
    rg) pipe_rg >"$WORK/q.rg" 2>"$WORK/q.rg.err" || T_RC=$? ;;
    esac
    T_MS=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", (b - a) * 1000}')
}

tools=(bare rg)
((d_ok)) && tools=(dossier bare rg)
: >"$WORK/per-query.tsv"
qn=0
search_errors=0
for line in "${qlines[@]}"; do
    qn=$((qn + 1))
    [[ $line == *' ||| '*' ||| '* ]] || die "queries.txt: malformed line (needs 3 forms): $line"
    dform=${line%% ||| *}
    rest=${line#* ||| }
    bform=${rest%% ||| *}
    rform=${rest#* ||| }
    mapfile -d '' -t dq < <(words "$dform")
    mapfile -d '' -t bqa < <(words "$bform")
    mapfile -d '' -t rq < <(words "$rform")
    ((${#bqa[@]} == 1)) || die "queries.txt: the bare form must be one quoted query: $bform"
    bq=${bqa[0]}
    declare -A ms=() hits=()
    for tool in "${tools[@]}"; do
        timed "$tool" # warm-up
        case $tool in
        dossier | bare)
            if ((T_RC > 1)); then
                note "query $qn: $tool failed (exit $T_RC): $(head -n 1 "$WORK/q.$tool.err")"
                search_errors=$((search_errors + 1))
            fi
            hits[$tool]=$(wc -l <"$WORK/q.$tool")
            ;;
        rg) hits[$tool]=$(awk -F: '{s += $NF} END {print s + 0}' "$WORK/q.rg") ;;
        esac
    done
    for ((r = 0; r < repeat; r++)); do
        for tool in "${tools[@]}"; do
            timed "$tool"
            ms[$tool]+="$T_MS "
        done
    done
    row="$qn"
    for tool in dossier bare rg; do
        if [[ -n ${ms[$tool]:-} ]]; then
            row+=$'\t'"$(tr ' ' '\n' <<<"${ms[$tool]}" | grep . | median)"$'\t'"${hits[$tool]}"
        else
            row+=$'\t-\t-'
        fi
    done
    row+=$'\t'"$dform"
    printf '%s\n' "$row" >>"$WORK/per-query.tsv"
    unset ms hits
done

col() { cut -f"$1" "$WORK/per-query.tsv" | grep -v '^-$' || true; }
d_med=$(col 2 | median) d_p95=$(col 2 | p95)
b_med=$(col 4 | median) b_p95=$(col 4 | p95)
g_med=$(col 6 | median) g_p95=$(col 6 | p95)
d_hit=$(col 3 | awk '$1 > 0' | wc -l)
b_hit=$(col 5 | awk '$1 > 0' | wc -l)
g_hit=$(col 7 | awk '$1 > 0' | wc -l)

# ---------------------------------------------------------------- 4. report
ratio() { calc "if ($2 > 0 && $1 > 0) printf \"%.2f\", $1 / $2; else printf \"-\""; }
secs() { calc "printf ($1 < 10 ? \"%.2f s\" : \"%.1f s\"), $1"; }
d_mbs=$(calc "printf \"%.2f\", $raw_bytes / 1e6 / $d_secs")
b_mbs=$(calc "printf \"%.2f\", $raw_bytes / 1e6 / $b_secs")
x_text() { calc "if ($text_bytes > 0) printf \"%.2fx\", $1 / $text_bytes; else printf \"-\""; }
na() { if ((d_ok)); then echo "$1"; else echo "failed (exit $d_rc)"; fi; }

echo
echo "### dossier vs bare tantivy vs rg"
echo
echo "Corpus: ${#files[@]} files, $(fmt_int "$raw_lines") lines, $raw_mb MB of JSON Lines ($(calc "printf \"%.1f\", $gz_bytes / 1e6") MB gzip), $(calc "printf \"%.1f\", $text_bytes / 1e6") MB of title+text."
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load average $load_before at start and $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at end, $jobs indexing threads; $(date -u '+%Y-%m-%d %H:%M UTC'); dossier $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- src 2>/dev/null || echo '+changes'); ${DOSSIER_BIN:+binary $DOSSIER_BIN; }search: ${#qlines[@]} queries, median of $repeat runs each."
echo
echo "| | dossier | bare tantivy | rg -i | dossier vs the others |"
echo "|---|--:|--:|--:|---|"
echo "| index: time | $(na "$(secs "$d_secs")") | $(secs "$b_secs") | – | |"
echo "| index: CPU time (user+system) | $(na "$d_cpu s") | $b_cpu s | – | $(na "$(ratio "$d_cpu" "$b_cpu")x bare") |"
if ((k_rc == 0 || k_rc == 3)); then
    echo "| index: time with --keep-boilerplate (no lines left aside) | $(secs "$k_secs") (CPU $k_cpu s) | – | – | $(na "$(ratio "$d_cpu" "$k_cpu")x CPU of keeping") |"
fi
echo "| index: throughput (MB/s of JSON Lines) | $(na "$d_mbs") | $b_mbs | – | $(na "$(ratio "$d_mbs" "$b_mbs")x bare") |"
if ((f_rc == 0)) && [[ -n $f_secs ]]; then
    echo "| index: floor: tantivy alone over dossier's $(fmt_int "$f_docs") documents (prepared beforehand) | $(secs "$f_secs") (CPU $f_cpu s) | – | – | dossier $(na "$(ratio "$d_secs" "$f_secs")x the floor's time") |"
    echo "| index: floor + its preparation (reading, line counts, extraction, passage layout) | $(secs "$(calc "print $f_secs + $p_secs")") (CPU $(calc "printf \"%.1f\", $f_cpu + $p_cpu") s) | – | – | dossier $(na "$(ratio "$d_cpu" "$(calc "print $f_cpu + $p_cpu")")x its CPU: the glue") |"
fi
if [[ -n $x_secs ]]; then
    echo "| index: extraction alone (same threads, texts in memory) | $(secs "$x_secs") | – | – | $(ratio "$x_secs" "$b_secs")x bare's whole run |"
fi
echo "| index: peak RSS | $(mb "$d_rss*1024") MB | $(mb "$b_rss*1024") MB | – | $(ratio "$d_rss" "$b_rss")x bare |"
echo "| index: size on disk | $(mb "$d_size") MB ($(x_text "$d_size") text) | $(mb "$b_size") MB ($(x_text "$b_size") text) | $(mb "$raw_bytes") MB raw | $(ratio "$d_size" "$b_size")x bare |"
echo "| index: articles | $(na "$(fmt_int "$d_articles")") | $(fmt_int "$b_articles") | $(fmt_int "$raw_lines") lines | |"
echo "| index: documents | $(na "$(fmt_int "$d_passages") passages") | $(fmt_int "$b_articles") articles | – | |"
echo "| index: segments | $(na "$d_segments") | $b_segments | – | |"
if ((d_ok)); then
    echo "| re-index, unchanged corpus | $(secs "$r_secs") ($(calc "printf \"%.2f\", 100 * $r_secs / $d_secs")% of full) | – | – | |"
fi
echo "| search: median latency | $(na "$d_med ms") | $b_med ms | $g_med ms | $(na "$(ratio "$d_med" "$b_med")x bare, $(ratio "$g_med" "$d_med")x faster than rg") |"
echo "| search: p95 latency | $(na "$d_p95 ms") | $b_p95 ms | $g_p95 ms | $(na "$(ratio "$d_p95" "$b_p95")x bare, $(ratio "$g_p95" "$d_p95")x faster than rg") |"
echo "| search: queries with hits | $(na "$d_hit/${#qlines[@]}") | $b_hit/${#qlines[@]} | $g_hit/${#qlines[@]} | |"
echo
echo "<details><summary>Per query: median ms (hits; rg: matching articles)</summary>"
echo
echo "| # | dossier query | dossier | bare tantivy | rg -i |"
echo "|--:|---|--:|--:|--:|"
while IFS=$'\t' read -r n dm dh bm bh gm gh q; do
    echo "| $n | \`${q//|/\\|}\` | $dm ($dh) | $bm ($bh) | $gm ($gh) |"
done <"$WORK/per-query.tsv"
echo
echo "</details>"
echo
echo "Raw: dossier index exit $d_rc, ${d_secs}s wall, ${d_cpu}s CPU, ${d_rss} KB peak, $d_size bytes (stats bytes_on_disk $d_disk); re-index ${r_secs:-–}s wall ${r_cpu:-–}s CPU exit ${r_rc:-–}; bare index ${b_secs}s wall, ${b_cpu}s CPU, ${b_rss} KB peak, $b_size bytes; floor ${f_summary:-–} (exit $f_rc, ${f_rss} KB peak); extraction alone ${x_secs:-–}s; JSON Lines $raw_bytes bytes, title+text $text_bytes bytes; search errors $search_errors."
echo "dossier summary: ${d_summary:-–}"
((d_ok)) || exit 1
