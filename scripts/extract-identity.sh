#!/usr/bin/env bash
# Shows that extraction did not change: runs `dossier extract --format jsonl` of a base revision and
# of the working tree over the gold dev sets (../shared/eval/dev) and a sample of the bench corpus
# (../shared/data/bench), and compares the outputs byte for byte. For refactors that must keep
# behaviour (moving code, renaming). Research data is read from ../shared, never copied here.
#
# Usage: scripts/extract-identity.sh BASE_REV [--sample-lines N]
#   BASE_REV        a commit, branch or tag to compare against (e.g. the commit before a split)
#   --sample-lines  articles taken from the head of each bench file (default 2000)
# Exit status: 0 identical (or skipped: ../shared absent), 1 a difference (the first lines of the
# diff are printed), 2 usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-}
[ -n "$base" ] || { echo "usage: scripts/extract-identity.sh BASE_REV [--sample-lines N]" >&2; exit 2; }
shift
lines=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --sample-lines) lines=$2; shift 2 ;;
    *) echo "extract-identity: unknown option $1" >&2; exit 2 ;;
  esac
done
dev=../shared/eval/dev
bench=../shared/data/bench
if [ ! -d "$dev" ]; then
  echo "extract-identity: $dev not found (../shared is absent); skipping"
  exit 0
fi
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || { echo "extract-identity: no such revision: $base" >&2; exit 2; }

work=$(mktemp -d)
tree="$work/base"
cleanup() { git worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# The base is built in its own target folder under target/, so its dependencies are built once and
# kept between runs.
git worktree add --detach --quiet "$tree" "$base"
echo "extract-identity: building $base and the working tree" >&2
CARGO_TARGET_DIR="$PWD/target/identity-base" cargo build --release --quiet --manifest-path "$tree/Cargo.toml" || exit 2
cargo build --release --quiet || exit 2
old="$PWD/target/identity-base/release/dossier"
new="$PWD/target/release/dossier"

inputs=("$dev"/*.jsonl)
if [ -d "$bench" ]; then
  mkdir -p "$work/sample"
  for f in "$bench"/*.jsonl.gz; do
    # head closes the pipe early; zcat's SIGPIPE is expected.
    (zcat "$f" || true) | head -n "$lines" > "$work/sample/$(basename "$f" .gz)"
  done
  inputs+=("$work/sample"/*.jsonl)
fi

status=0
for f in "${inputs[@]}"; do
  name=$(basename "$f")
  "$old" extract --format jsonl "$f" > "$work/old.$name" 2> /dev/null || true
  "$new" extract --format jsonl "$f" > "$work/new.$name" 2> /dev/null || true
  n=$(wc -l < "$work/new.$name")
  if cmp -s "$work/old.$name" "$work/new.$name"; then
    printf 'same       %7d articles  %s\n' "$n" "$name"
  else
    printf 'DIFFERENT  %7d articles  %s\n' "$n" "$name"
    diff <(tr ',' '\n' < "$work/old.$name") <(tr ',' '\n' < "$work/new.$name") | head -20 || true
    status=1
  fi
done
if [ $status -eq 0 ]; then
  echo "extract-identity: identical to $base on ${#inputs[@]} inputs"
else
  echo "extract-identity: output differs from $base"
fi
exit $status
