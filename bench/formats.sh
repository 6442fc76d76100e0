#!/usr/bin/env bash
# Ingest speed by format: the same bench articles as JSON Lines and as a WARC archive of HTML pages
# (one gzip member per record, as crawls write them), indexed by dossier one after the other, in MB
# of article text per second (dossier's own summary line); and PDF pages per second on PDFs given
# with --pdf. Research data stays in a temporary folder, never in the project.
#
# Usage: bench/formats.sh [--articles N] [--runs N] [--pdf FILE.pdf ...]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=5000
runs=3
pdfs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --pdf) shift; while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do pdfs+=("$1"); shift; done ;;
    *) echo "formats: unknown option $1" >&2; exit 2 ;;
  esac
done
bench=../shared/data/bench
if [ ! -d "$bench" ]; then
  echo "formats: $bench not found (../shared is absent); skipping"
  exit 0
fi
cargo build --release --quiet
bin=$PWD/target/release/dossier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$bench" "$work" "$articles" <<'PY'
import gzip, html, json, os, sys
bench, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for name in sorted(os.listdir(bench)):
    if not name.endswith('.jsonl.gz'):
        continue
    with gzip.open(os.path.join(bench, name), 'rt', encoding='utf-8') as f:
        for line in f:
            a = json.loads(line)
            text = a.get('text') or ''
            if text.strip():
                rows.append(a)
            if len(rows) >= n:
                break
    if len(rows) >= n:
        break
with open(os.path.join(work, 'articles.jsonl'), 'w', encoding='utf-8') as out:
    for i, a in enumerate(rows):
        out.write(json.dumps({'id': f'https://example.org/{i}', 'title': a.get('title') or '',
                              'date': a.get('date') or '', 'text': a['text']}) + '\n')
with open(os.path.join(work, 'articles.warc.gz'), 'wb') as out:
    for i, a in enumerate(rows):
        paras = ''.join(f'<p>{html.escape(p)}</p>' for p in a['text'].split('\n') if p.strip())
        page = (f'<html><head><title>{html.escape(a.get("title") or "")}</title></head>'
                f'<body><article>{paras}</article></body></html>').encode('utf-8')
        http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + page
        head = (f'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/{i}\r\n'
                f'WARC-Date: 2020-10-01T00:00:00Z\r\nContent-Length: {len(http)}\r\n\r\n').encode()
        out.write(gzip.compress(head + http + b'\r\n\r\n'))
PY
rate() { sed -n 's/.*, \([0-9.]*\) MB\/s$/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: > "$work/jsonl.rates"; : > "$work/warc.rates"
for r in $(seq "$runs"); do
  for f in jsonl warc; do
    file=$work/articles.$f; [ "$f" = warc ] && file=$work/articles.warc.gz
    rm -rf "$work/ix"
    "$bin" --index "$work/ix" index "$file" --progress none 2>&1 | tail -1 | rate >> "$work/$f.rates"
  done
done
j=$(median < "$work/jsonl.rates"); w=$(median < "$work/warc.rates")
echo "| format | MB of article text per second (median of $runs) |"
echo "|---|--:|"
echo "| JSON Lines ($articles articles) | $j |"
echo "| WARC, HTML pages, gzip per record (same articles) | $w |"
echo "| WARC / JSON Lines | $(awk -v a="$w" -v b="$j" 'BEGIN {printf "%.2f", a/b}') |"
if [ ${#pdfs[@]} -gt 0 ]; then
  start=$(date +%s.%N)
  "$bin" extract --format jsonl "${pdfs[@]}" > "$work/pdf.jsonl"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  pages=$("$bin" --index "$work/pdfix" index "${pdfs[@]}" --progress none >/dev/null 2>&1; "$bin" --index "$work/pdfix" search '*' --format json -n 1000000 --all-copies | python3 -c "import sys,json; m={}
for l in sys.stdin:
    h=json.loads(l); m[h['path']]=max(m.get(h['path'],0),h['page'] or 0)
print(sum(m.values()))")
  echo "| PDF: $pages pages with text in ${#pdfs[@]} files, read and extracted | $(awk -v p="$pages" -v s="$secs" 'BEGIN {printf "%.0f pages/s", p/s}') |"
fi
