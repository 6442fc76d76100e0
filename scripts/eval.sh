#!/usr/bin/env bash
# Scores `dossier extract` against the gold dev sets in ../shared/eval/dev with the project's
# scorer (../shared/eval/score.py). Research data: read from ../shared, never copied here.
# Usage: scripts/eval.sh [SPLIT_DIR]   (default: ../shared/eval/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
gold_dir=${1:-../shared/eval/dev}
scorer=../shared/eval/score.py
if [ ! -d "$gold_dir" ] || [ ! -f "$scorer" ]; then
  echo "eval: $gold_dir or $scorer not found (../shared is absent); skipping"
  exit 0
fi
cargo build --release --quiet
bin=target/release/dossier
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-40s %s\n' "file" "scores"
for gold in "$gold_dir"/*.jsonl; do
  name=$(basename "$gold")
  case "$name" in
    actors.*) kind=actors ;;
    dates.*) kind=dates ;;
    quotes.*) kind=quotes ;;
    *) continue ;;
  esac
  start=$(date +%s.%N)
  "$bin" extract --format jsonl "$gold" > "$out/$name" 2> "$out/$name.err" || true
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%-40s %s  (%.2f s)\n' "$name" "$(python3 "$scorer" "$kind" "$gold" "$out/$name")" "$secs"
done
