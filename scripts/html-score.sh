#!/usr/bin/env bash
# Main text of HTML pages, measured: dossier's reader (src/ingest/html/, through
# examples/html_text.rs) on ../shared/data/html-extraction (real article pages with the text a
# person marked), scored with the benchmark's own metric (score_html.py), side by side in one
# run with trafilatura (default and favor_precision) and readability-lxml when they are
# installed, with milliseconds per page for each. Research data: read from ../shared, never
# copied here.
#
# Usage: scripts/html-score.sh [ROUNDS]   (timed passes over the pages; default 3)
# HTML_DATA names another copy of the data set (default ../shared/data/html-extraction).
# Peers: PYTHON (default python3) must import trafilatura / readability for their columns, e.g.
#   python3 -m venv /tmp/peers && /tmp/peers/bin/pip install trafilatura readability-lxml
#   PYTHON=/tmp/peers/bin/python scripts/html-score.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=${HTML_DATA:-../shared/data/html-extraction}
if [ ! -d "$data/html" ] || [ ! -f "$data/score_html.py" ]; then
  echo "html-score: $data not found (the benchmark data is absent); skipping"
  exit 0
fi
rounds=${1:-3}
python=${PYTHON:-python3}
cargo build --release --quiet --example html_text
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load: $(uptime | sed 's/.*load average: //')"
printf '%-24s %7s %9s %7s %9s\n' extractor F1 precision recall ms/page
score() { # name, prediction file, ms/page
  python3 "$data/score_html.py" "$data/ground-truth.dev.json" "$2" |
    python3 -c 'import json,sys; m=json.load(sys.stdin); print("%-24s %7.3f %9.3f %7.3f %9s" % (sys.argv[1], m["f1"], m["precision"], m["recall"], sys.argv[2]))' "$1" "$3"
}
target/release/examples/html_text "$data/html" "$rounds" > "$out/dossier.json" 2> "$out/dossier.err"
dossier_ms=$(sed -n 's/.* \([0-9.]*\) ms\/page/\1/p' "$out/dossier.err")
score dossier "$out/dossier.json" "$dossier_ms"
"$python" scripts/html-peers.py "$data/html" "$out" "$rounds" > "$out/peers.txt"
while read -r name ms; do
  score "$name" "$out/$name.json" "$ms"
  if [ "$name" = trafilatura-default ]; then
    ratio=$(python3 -c "print('%.1f' % ($ms / $dossier_ms))")
  fi
done < "$out/peers.txt"
if [ -n "${ratio:-}" ]; then
  echo "dossier is ${ratio}x faster per page than trafilatura (default)"
fi
echo "load: $(uptime | sed 's/.*load average: //')"
