#!/usr/bin/env python3
"""Near-duplicate quality: dossier's clusters against the exact Jaccard similarity of word 5-shingles.

Usage: scripts/dupes-quality.py INDEX_DIR [DOSSIER_BIN]   (DOSSIER_BIN defaults to target/release/dossier)
The index is built beforehand, e.g. `target/release/dossier --index /tmp/bench-ix index ../shared/data/bench`.

Reads the texts dossier indexed (`dossier --index DIR export '*' --format jsonl`) and its clusters
(`dossier --index DIR dupes --format json -n 100000000`). Shingles are tokenized as dossier's
src/dupes/signature.rs does: words are maximal runs of alphanumeric characters, lowercased one
character at a time; a shingle is five consecutive words, a text of fewer words is one shingle.
(Python's str.isalnum stands in for Rust's char::is_alphanumeric: they differ only on rare
non-Latin combining marks, which Rust counts as letters.) Shingles are kept as 64-bit hashes, one
sorted array of ints per article.

Every pair with exact Jaccard J >= 0.8 is found by exact all-pairs prefix filtering (AllPairs):
shingles in a global order, rarest first; each article's prefix of |x| - ceil(0.8 |x|) + 1
shingles is indexed and probed, articles in increasing size with the size filter; every
candidate is verified exactly. Then:
  recall    = share of the pairs at J >= 0.8 that dossier puts in one cluster (target >= 0.90)
  precision = 1 - (clustered pairs at J < 0.5) / (clustered pairs) (target >= 0.95);
              clustered pairs at 0.5 <= J < 0.8 count as neither, and are counted apart.
Clustered pairs are all pairs within each cluster; each one's exact J is computed directly.
Prints figures only, never article text. Skips (exit 0) when ../shared is absent.
"""

import json
import os
import re
import subprocess
import sys
import time
from array import array
from collections import Counter

THRESHOLD_NUM, THRESHOLD_DEN = 4, 5  # t = 0.8, in integers so no rounding moves a boundary
LOW_NUM, LOW_DEN = 1, 2  # J < 0.5 is a wrong clustered pair
SHINGLE_WORDS = 5
COUNT_BITS = 26  # document-frequency table: 2^26 saturating byte counters (64 MB)

WORD = re.compile(r"[^\W_]+")  # maximal runs of str.isalnum() characters


def lower(word):
    # Rust lowercases char by char (char::to_lowercase): no final-sigma rule, unlike str.lower().
    if word.isascii():
        return word.lower()
    return "".join(map(str.lower, word))


def shingles(text):
    """Sorted array of the hashes of the text's distinct word 5-shingles (empty without words)."""
    words = [lower(w) for w in WORD.findall(text)]
    if not words:
        return array("q")
    if len(words) < SHINGLE_WORDS:
        hashes = {hash(tuple(words))}
    else:
        hashes = set(map(hash, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))
    return array("q", sorted(hashes))


def jaccard_at_least(inter, a, b, num, den):
    """inter / (a + b - inter) >= num / den, exactly."""
    return den * inter >= num * (a + b - inter)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(root, "..", "shared")):
        print("dupes-quality: ../shared not found (../shared is absent); skipping")
        return 0
    if len(sys.argv) not in (2, 3) or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    index = sys.argv[1]
    dossier = sys.argv[2] if len(sys.argv) == 3 else os.path.join(root, "target", "release", "dossier")
    started = time.monotonic()

    # 1. texts -> shingle sets, and document frequencies (approximate from above: hash buckets).
    ids, sets = [], []
    counts = bytearray(1 << COUNT_BITS)
    mask = (1 << COUNT_BITS) - 1
    text_bytes = 0
    proc = subprocess.Popen(
        [dossier, "--index", index, "export", "*", "--format", "jsonl"],
        stdout=subprocess.PIPE,
    )
    for line in proc.stdout:
        obj = json.loads(line)
        text = obj.get("text") or ""
        text_bytes += len(text.encode("utf-8"))
        s = shingles(text)
        ids.append(obj["id"])
        sets.append(s)
        for h in s:
            i = h & mask
            if counts[i] < 255:
                counts[i] += 1
    if proc.wait() != 0:
        print(f"dupes-quality: dossier export failed (exit {proc.returncode})", file=sys.stderr)
        return 1
    t_read = time.monotonic() - started
    n = len(ids)
    dup_ids = sum(c - 1 for c in Counter(ids).values() if c > 1)
    empty = sum(1 for s in sets if not s)
    where = {}
    for i, a in enumerate(ids):
        where.setdefault(a, i)

    # 2. exact all-pairs at J >= 0.8 by prefix filtering. Global order: (approximate document
    # frequency, hash); any fixed total order keeps the method exact, rarity only makes it fast.
    # A shingle whose bucket counts 1 is in one article only, so it is never indexed or probed.
    order = sorted((i for i in range(n) if sets[i]), key=lambda i: len(sets[i]))
    inverted = {}
    pairs = {}  # (i, j) with i < j -> exact J, for every pair at J >= 0.8
    candidates = 0
    for x in order:
        sx = sets[x]
        size = len(sx)
        prefix_len = size - (THRESHOLD_NUM * size + THRESHOLD_DEN - 1) // THRESHOLD_DEN + 1
        ranked = sorted(sx, key=lambda h: (counts[h & mask], h))[:prefix_len]
        ranked = [h for h in ranked if counts[h & mask] > 1]
        if not ranked:
            continue
        seen = set()
        for h in ranked:
            for y in inverted.get(h, ()):
                seen.add(y)
        if seen:
            setx = set(sx)
            for y in seen:
                sy = sets[y]
                # Size filter: y came earlier, so |y| <= |x|; J >= t needs |y| >= t |x|.
                if THRESHOLD_DEN * len(sy) < THRESHOLD_NUM * size:
                    continue
                candidates += 1
                inter = len(setx.intersection(sy))
                if jaccard_at_least(inter, size, len(sy), THRESHOLD_NUM, THRESHOLD_DEN):
                    pairs[(min(x, y), max(x, y))] = inter / (size + len(sy) - inter)
        for h in ranked:
            posting = inverted.get(h)
            if posting is None:
                inverted[h] = [x]
            else:
                posting.append(x)
    del inverted
    t_pairs = time.monotonic() - started - t_read

    # 3. dossier's clusters, and the exact J of every pair within each.
    cluster_of = {}
    clustered = wrong = middle = right = missing = 0
    largest = 0
    wrong_examples = []
    proc = subprocess.Popen(
        [dossier, "--index", index, "dupes", "--format", "json", "-n", "100000000"],
        stdout=subprocess.PIPE,
    )
    clusters = 0
    for line in proc.stdout:
        row = json.loads(line)
        clusters += 1
        members = []
        for m in row["members"]:
            i = where.get(m)
            if i is None:
                missing += 1
            else:
                members.append(i)
                cluster_of[i] = clusters
        largest = max(largest, len(row["members"]))
        msets = [set(sets[i]) for i in members]
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                clustered += 1
                sa, sb = msets[a], msets[b]
                inter = len(sa & sb)
                la, lb = len(sa), len(sb)
                if la + lb - inter == 0 or not jaccard_at_least(inter, la, lb, LOW_NUM, LOW_DEN):
                    wrong += 1
                    if len(wrong_examples) < 10:
                        j = inter / (la + lb - inter) if la + lb - inter else 0.0
                        wrong_examples.append((ids[members[a]], ids[members[b]], j, row["cluster"]))
                elif jaccard_at_least(inter, la, lb, THRESHOLD_NUM, THRESHOLD_DEN):
                    right += 1
                else:
                    middle += 1
    proc.wait()
    t_total = time.monotonic() - started

    found = sum(1 for (i, j) in pairs if cluster_of.get(i) is not None and cluster_of.get(i) == cluster_of.get(j))
    missed = [(ids[i], ids[j], jv) for (i, j), jv in pairs.items() if cluster_of.get(i) is None or cluster_of.get(i) != cluster_of.get(j)]
    recall = found / len(pairs) if pairs else 1.0
    # Identical shingle sets (J = 1) are the easy part, and one large group of them dominates
    # the pair counts; the pairs at 0.8 <= J < 1 are the near-duplicates proper.
    near = [(i, j) for (i, j), jv in pairs.items() if jv < 1.0]
    near_found = sum(1 for (i, j) in near if cluster_of.get(i) is not None and cluster_of.get(i) == cluster_of.get(j))
    precision = 1 - wrong / clustered if clustered else 1.0

    print(f"articles                      {n} ({text_bytes / 1e6:.1f} MB of text; {empty} without words; {dup_ids} repeated ids)")
    print(f"pairs at exact J >= 0.8       {len(pairs)} ({candidates} candidates verified)")
    print(f"  of which clustered together {found}")
    print(f"recall                        {recall:.4f} (target >= 0.90)")
    print(f"  pairs at 0.8 <= J < 1       {len(near)}, clustered together {near_found}, recall {near_found / len(near) if near else 1.0:.4f}")
    print(f"clusters                      {clusters} (largest {largest}; {missing} member ids not exported)")
    print(f"clustered pairs               {clustered}")
    print(f"  exact J >= 0.8              {right}")
    print(f"  0.5 <= exact J < 0.8        {middle} (neither right nor wrong)")
    print(f"  exact J < 0.5               {wrong}")
    print(f"precision                     {precision:.4f} (target >= 0.95)")
    print(f"runtime                       {t_total:.1f} s (export+shingles {t_read:.1f} s, all-pairs {t_pairs:.1f} s, clusters {t_total - t_read - t_pairs:.1f} s)")
    if os.environ.get("DUPES_QUALITY_EXAMPLES"):
        missed.sort(key=lambda p: -p[2])
        for a, b, jv in missed[:10]:
            print(f"missed   {a}  {b}  J={jv:.3f}")
        for a, b, jv, c in wrong_examples:
            print(f"wrong    {a}  {b}  J={jv:.3f}  cluster {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
