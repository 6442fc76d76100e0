#!/usr/bin/env bash
# Benchmark: dossier on one machine beside dossier over a local 3-node Quickwit cluster, on the
# same slice of the bench corpus (see README "Scaling out").
#
# usage: bench/quickwit.sh [--articles N] [--runs N] [--no-build] [--keep]
#
#   --articles N  size of the slice of ../shared/data/bench [default: 20000]: 5 lines in 14 of
#                 the files in name order, the first N of them (a mix of every source)
#   --runs N      timed runs per query and side, each a fresh process [default: 5]
#   --no-build    use target/release/dossier as it is
#   --keep        keep the temporary folder (slice, index, export, cluster logs)
#
# Environment: QUICKWIT_BIN (default ../shared/bin/quickwit), TMPDIR.
#
# Prints, as Markdown: local `dossier index` against `export --to quickwit` + `push` (wall time,
# MB of article text per second), passages counted on each side, and for the 30 queries of
# bench/queries.txt the median and p95 search latency of each side and the top-10 agreement
# (passage ids found by both / 10) per query and on average.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
articles=20000
runs=5
build=1
keep=0
while (($#)); do
    case "$1" in
    --articles) articles=$2; shift ;;
    --runs) runs=$2; shift ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ $articles =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: --articles and --runs take positive numbers" >&2; exit 2; }
QW=${QUICKWIT_BIN:-$ROOT/../shared/bin/quickwit}
CORPUS=$ROOT/../shared/data/bench
[[ -x $QW ]] || { echo "bench: skipped: no Quickwit binary at $QW (set QUICKWIT_BIN)"; exit 0; }
[[ -d $CORPUS ]] || { echo "bench: skipped: no $CORPUS"; exit 0; }
((build)) && (cd "$ROOT" && cargo build --release -q)
D=$ROOT/target/release/dossier
T=$(mktemp -d "${TMPDIR:-/tmp}/dossier-qw.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if ((keep)); then echo "bench: kept $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT
note() { echo "bench: $*" >&2; }
now() { date +%s.%N; }

# The slice (copyrighted text: it stays in the temporary folder).
set +o pipefail # zcat is cut short once the slice is complete
for f in "$CORPUS"/*.jsonl.gz; do zcat "$f"; done | awk -v n="$articles" 'NR % 14 < 5 { print; if (++c >= n) exit }' >"$T/slice.jsonl"
set -o pipefail
note "slice: $(wc -l <"$T/slice.jsonl") articles, $(du -m "$T/slice.jsonl" | cut -f1) MB; load: $(uptime | sed 's/.*load average: //')"

# The cluster: node-1 with every service, two searchers.
port() { # a REST port whose gRPC port (+1) is free too
    python3 -c 'import socket
while True:
    s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]
    try:
        t=socket.socket(); t.bind(("127.0.0.1",p+1)); t.close(); print(p); break
    except OSError: pass'
}
mkdir -p "$T/qw/indexes"
ports=()
for i in 1 2 3; do
    p=$(port)
    while [[ " ${ports[*]-} " == *" $p "* || " ${ports[*]-} " == *" $((p - 1)) "* || " ${ports[*]-} " == *" $((p + 1)) "* ]]; do p=$(port); done
    ports+=("$p")
done
for i in 1 2 3; do
    p=${ports[$((i - 1))]}
    mkdir -p "$T/qw/node-$i"
    cat >"$T/qw/node-$i.yaml" <<EOF
version: 0.8
cluster_id: dossier-bench
node_id: node-$i
listen_address: 127.0.0.1
rest:
  listen_port: $p
peer_seeds: [127.0.0.1:${ports[0]}]
data_dir: $T/qw/node-$i
metastore_uri: file://$T/qw/indexes
default_index_root_uri: file://$T/qw/indexes
EOF
    if ((i == 1)); then
        QW_DISABLE_TELEMETRY=1 "$QW" run --config "$T/qw/node-$i.yaml" >"$T/qw/node-$i.log" 2>&1 &
    else
        QW_DISABLE_TELEMETRY=1 QW_ENABLED_SERVICES=searcher "$QW" run --config "$T/qw/node-$i.yaml" >"$T/qw/node-$i.log" 2>&1 &
    fi
    pids+=($!)
done
URL=http://127.0.0.1:${ports[0]}
SEARCH_URL=http://127.0.0.1:${ports[1]}
for p in "${ports[@]}"; do
    for _ in $(seq 1 300); do
        [[ $(curl -s "http://127.0.0.1:$p/health/readyz" || true) == true ]] && break
        sleep 0.2
    done
done
note "cluster up on ${ports[*]}"

# Local index, then export + push of the same index.
cd "$T"
t0=$(now)
"$D" --index ix index slice.jsonl 2>"index.log"
t1=$(now)
passages=$("$D" --index ix stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["passages"])')
text_mb=$(sed -n 's/.* \([0-9.]*\) MB of text.*/\1/p' index.log)
"$D" --index ix export --to quickwit --out ex 2>"export.log"
t2=$(now)
"$D" push --quickwit "$URL" --from ex -q
t3=$(now)
remote=$(curl -s -XPOST "$SEARCH_URL/api/v1/dossier/search" -H 'content-type: application/json' -d '{"query":"*","max_hits":0}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["num_hits"])')
splits=$(curl -s "$URL/api/v1/indexes/dossier/splits?split_states=Published" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("splits",d if isinstance(d,list) else [])))' 2>/dev/null || echo "?")
ndjson_mb=$(du -m ex/docs.ndjson | cut -f1)

# Searches: each query once untimed on each side, then --runs timed runs, sides interleaved.
: >"lat.tsv"
cat >ids.py <<'PY'
import json, sys
print(" ".join("%s#%s" % (h["doc_id"], h["passage"]) for h in map(json.loads, sys.stdin)))
PY
: >"agree.tsv"
n=0
while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    form=${line%% ||| *}
    eval "set -- $form"
    n=$((n + 1))
    "$D" --index ix search "$@" --format json | python3 ids.py >"l.ids" || true
    "$D" --index ix search "$@" --format json --quickwit "$SEARCH_URL" | python3 ids.py >"r.ids" || true
    python3 - "$n" "$form" l.ids r.ids >>"agree.tsv" <<'PY'
import sys
n, form, l, r = sys.argv[1:]
a = open(l).read().split(); b = open(r).read().split()
common = len(set(a) & set(b)); size = max(len(a), len(b), 1)
print(f"{n}\t{form}\t{len(a)}\t{len(b)}\t{common}\t{common/size:.2f}\t{int(a == b)}")
PY
    for _ in $(seq 1 "$runs"); do
        s=$(now); "$D" --index ix search "$@" >/dev/null || true; e=$(now)
        echo -e "local\t$n\t$(python3 -c "print($e - $s)")" >>"lat.tsv"
        s=$(now); "$D" search "$@" --quickwit "$SEARCH_URL" >/dev/null || true; e=$(now)
        echo -e "quickwit\t$n\t$(python3 -c "print($e - $s)")" >>"lat.tsv"
    done
done <"$ROOT/bench/queries.txt"

python3 - "$t0" "$t1" "$t2" "$t3" "$text_mb" "$passages" "$remote" "$ndjson_mb" "$splits" <<'PY'
import sys, statistics
t0, t1, t2, t3, mb = map(float, sys.argv[1:6])
passages, remote, ndjson_mb, splits = sys.argv[6:10]
def pct(xs, p):
    xs = sorted(xs); k = max(0, min(len(xs) - 1, round(p / 100 * len(xs) + 0.5) - 1)); return xs[k]
lat = {"local": [], "quickwit": []}
for l in open("lat.tsv"):
    side, _, s = l.split("\t"); lat[side].append(float(s) * 1000)
rows = [l.rstrip("\n").split("\t") for l in open("agree.tsv")]
print("| | local `dossier index` / search | Quickwit, 3 nodes on this machine (export + push) / search |")
print("|---|--:|--:|")
print(f"| wall time to searchable | {t1 - t0:.1f} s | {t3 - t1:.1f} s (export {t2 - t1:.1f} s + push {t3 - t2:.1f} s) |")
print(f"| MB of article text per second | {mb / (t1 - t0):.2f} | {mb / (t3 - t1):.2f} (push alone {mb / (t3 - t2):.2f}) |")
print(f"| passages searchable | {passages} | {remote} ({ndjson_mb} MB of NDJSON, {splits} splits) |")
print(f"| search latency, median | {statistics.median(lat['local']):.1f} ms | {statistics.median(lat['quickwit']):.1f} ms |")
print(f"| search latency, p95 | {pct(lat['local'], 95):.1f} ms | {pct(lat['quickwit'], 95):.1f} ms |")
avg = sum(float(r[5]) for r in rows) / len(rows)
same = sum(int(r[6]) for r in rows)
print(f"| top-10 agreement (ids found by both / 10), mean over {len(rows)} queries | | {avg:.3f}; identical order in {same} |")
print()
print("| # | query | local hits | Quickwit hits | in both | agreement | same order |")
print("|--:|---|--:|--:|--:|--:|:-:|")
for r in rows:
    print(f"| {r[0]} | `{r[1]}` | {r[2]} | {r[3]} | {r[4]} | {r[5]} | {'yes' if r[6] == '1' else 'no'} |")
PY
note "load after: $(uptime | sed 's/.*load average: //')"
