#!/usr/bin/env bash
# Load and memory of `dossier serve` on loopback: the 30 queries of bench/queries.txt, as
# /api/search requests (query and filters as parameters, 10 hits each), replayed round-robin by
# 16 keep-alive connections for 120 s (examples/serve_load.rs, a bounded client). Reports requests
# per second, p50 and p99 latency, errors, and the server's RSS at 30 s and at 120 s, as a
# Markdown table ready to paste.
#
# usage: bench/serve.sh [--no-build] [--seconds N] [--connections N] [--index DIR]
#
#   --index DIR    a dossier index [default: /tmp/serve-benchix, built from
#                  ../shared/data/bench/*.jsonl.gz when missing]
#   --seconds N    measured seconds [default: 120]; RSS is sampled at 30 s and at the end
#   --connections  concurrent connections [default: 16]
#   --no-build     use target/release as it is
#
# A 5 s warm-up (not measured) runs first. Beside the load run, one at a time: the same queries as
# `dossier search` processes (3 rounds) and over one connection (10 s), the ratio of the two.
# The machine's load (uptime) is printed beside the figures; the load client shares the machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() {
    echo "serve.sh: $*" >&2
    exit 2
}
note() { echo "serve.sh: $*" >&2; }

index=/tmp/serve-benchix
seconds=120
connections=16
build=1
while (($#)); do
    case "$1" in
    --index)
        index=${2:?--index needs a folder}
        shift
        ;;
    --seconds)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--seconds needs a positive number"
        seconds=$2
        shift
        ;;
    --connections)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--connections needs a positive number"
        connections=$2
        shift
        ;;
    --no-build) build=0 ;;
    *) die "unknown argument $1 (see the top of this script)" ;;
    esac
    shift
done

cd "$ROOT"
if ((build)); then
    cargo build --release --bin dossier --example serve_load >&2
fi
bin=target/release/dossier
load=target/release/examples/serve_load
[[ -x $bin && -x $load ]] || die "no $bin or $load: run without --no-build"

if [[ ! -f $index/meta.json ]]; then
    shopt -s nullglob
    corpus=("$ROOT"/../shared/data/bench/*.jsonl.gz)
    if ((${#corpus[@]} == 0)); then
        note "skipped: no index at $index and no ../shared/data/bench to build one from"
        exit 0
    fi
    note "building the bench index at $index"
    "$bin" --index "$index" index "${corpus[@]}" --progress none >&2
fi

tmp=$(mktemp -d)
server=""
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# Percent-encodes $1 (bytes outside A-Z a-z 0-9 - _ . ~).
enc() {
    local LC_ALL=C s=$1 out="" c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
        [A-Za-z0-9._~-]) out+=$c ;;
        *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}

# The dossier form of each query (shell words: the query, then filters) as an /api/search path.
n=0
while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    form=${line%% ||| *}
    eval "set -- $form"
    path="/api/search?q=$(enc "$1")"
    shift
    while (($#)); do
        case "$1" in
        --actor | --speaker | --since | --until | --mentions | --sort)
            path+="&${1#--}=$(enc "$2")"
            shift
            ;;
        --quotes) path+="&quotes=1" ;;
        --per-article)
            path+="&per_article=$2"
            shift
            ;;
        *) die "queries.txt: cannot turn $1 into a parameter" ;;
        esac
        shift
    done
    echo "$path&limit=10" >>"$tmp/paths"
    echo "$form" >>"$tmp/forms"
    n=$((n + 1))
done <"$ROOT/bench/queries.txt"
((n == 30)) || note "queries.txt holds $n queries, not 30"

"$bin" --index "$index" serve --addr 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
server=$!
for _ in $(seq 100); do
    grep -q 'http://' "$tmp/out" && break
    sleep 0.1
done
url=$(grep -o 'http://[^ ]*' "$tmp/out") || die "the server did not start: $(cat "$tmp/err")"
addr=${url#http://}
addr=${addr%/}
# Every query answers 200 before the run.
while IFS= read -r p; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://$addr$p")
    [[ $code == 200 ]] || die "$p answered $code"
done <"$tmp/paths"

"$load" --addr "$addr" --paths "$tmp/paths" --connections "$connections" --seconds 5 >/dev/null
# One at a time: fresh `dossier search` processes, then one connection to the server.
cli_start=$(date +%s.%N)
for _ in 1 2 3; do
    while IFS= read -r form; do
        eval "set -- $form"
        "$bin" --index "$index" search "$@" -n 10 --format json >/dev/null || [[ $? == 1 ]]
    done <"$tmp/forms"
done
cli_rate=$(awk -v n="$((3 * n))" -v a="$cli_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", n / (b - a) }')
one=$("$load" --addr "$addr" --paths "$tmp/paths" --connections 1 --seconds 10)
echo "$one" >&2
one_rate=$(echo "$one" | tr ' ' '\n' | grep -A1 -x rps | tail -1)

before=$(uptime | sed 's/.*load average: //')
result=$("$load" --addr "$addr" --paths "$tmp/paths" --connections "$connections" \
    --seconds "$seconds" --pid "$server" --rss-at "$( ((seconds > 30)) && echo "30,$seconds" || echo "$seconds")")
after=$(uptime | sed 's/.*load average: //')
echo "$result" >&2

field() { echo "$result" | tr ' ' '\n' | grep -A1 -x "$1" | tail -1; }
rss30=$(echo "$result" | awk '/^rss_at_30s_kb/ {print $2}')
rssend=$(echo "$result" | awk -v k="rss_at_${seconds}s_kb" '$1 == k {print $2}')
growth=$(awk -v a="$rss30" -v b="$rssend" 'BEGIN { if (a > 0) printf "%+.1f%%", 100 * (b - a) / a; else print "?" }')

commit=$(git -C "$ROOT" rev-parse --short HEAD)
echo
echo "dossier serve, $(date -u +%Y-%m-%d) at $commit, $(nproc) cores; load average $before before, $after after"
echo
echo "| one at a time | requests/s |"
echo "|---|---|"
echo "| \`dossier search\` processes | $cli_rate |"
printf '| one connection to dossier serve | %.1f (%.1fx) |\n' "$one_rate" "$(awk -v a="$one_rate" -v b="$cli_rate" 'BEGIN { print a / b }')"
echo
echo "| connections | seconds | requests/s | p50 | p99 | errors | RSS at 30 s | RSS at ${seconds} s |"
echo "|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %.0f | %.1f ms | %.1f ms | %s | %.0f MB | %.0f MB (%s) |\n' \
    "$connections" "$seconds" "$(field rps)" "$(field p50_ms)" "$(field p99_ms)" "$(field errors)" \
    "$(awk -v k="$rss30" 'BEGIN{print k/1024}')" "$(awk -v k="$rssend" 'BEGIN{print k/1024}')" "$growth"
