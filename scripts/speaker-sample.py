#!/usr/bin/env python3
"""Speaker attribution of direct quotations on the bench corpus: a seeded sample, hand annotations, a score.

Usage:
  scripts/speaker-sample.py sample [--seed N] [--n N] [--bin PATH] [--context N] > /tmp/speakers.sample.tsv
  scripts/speaker-sample.py score eval/speakers.bench.tsv [--bin PATH]

The sample: `dossier extract --format jsonl` over ../shared/data/bench/*.jsonl.gz, every direct
quotation (each article's `quotes`, not `partial_quotes`), N of them (default 200) drawn with
random.Random(SEED) (default 2026) from the list in (file, article id, start) order, then sorted by
article id and offset. Draw it with the binary whose quotations are to be annotated (the current
one); an older binary is scored on the same quotations.

`sample` prints a TSV for the annotator only, never to be committed: article_id, start, end, the
binary's predicted speaker, the quotation, and --context characters (default 400) before and after
(newlines and tabs shown as spaces). The committed file eval/speakers.bench.tsv holds no bench text:
a header line, then article_id, start, end (character offsets of the quotation in the article's
text) and speaker: the correct speaker as a canonical full name as the article identifies it
(pronouns and descriptions resolved to whom the article means), or `-` when the article never says
who speaks. Lines starting with `#` are comments.

`score` re-extracts the annotated articles with --bin (default target/release/dossier), matches each
annotated quotation to the binary's direct quotation in the same article with the largest offset
overlap, and prints accuracy = right / annotated. A prediction is right when, lowercased and without
titles (Mr, Ms, Dr, President, Sen., ...), punctuation and "the", it equals the gold name, or one
is the other's surname-complete form: a tail of its words, or the same first and last word with
middle names left out (predicted "Putin" for gold "Vladimir Putin" is right, and "Kamala Harris"
for "Kamala D. Harris"; "Mr Putin's spokesman" for gold "Dmitry Peskov" is wrong). A gold name may
list alternatives with `|` (two co-authors, or an outlet the article names two ways), and `=NAME`
asks for NAME's words exactly (an organization named after a person: "=People for Bernie Sanders"
is not right for predicted "Bernie Sanders"). Gold `-` is right only when the
prediction is null. Counts: right, wrong, missing (null predicted, gold known), not found (no
overlapping quotation: counted wrong in the accuracy).
Prints figures only, never article text. Skips (exit 0) when ../shared is absent.
"""

import argparse
import glob
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile

BENCH = "../shared/data/bench"
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice", "prime", "minister", "sen", "senator", "rep", "representative",
    "gov", "governor", "gen", "general", "col", "capt", "captain", "chancellor", "judge",
    "justice", "rev", "reverend", "pope", "king", "queen", "prince", "princess", "secretary",
    "mayor", "chairman", "ceo", "speaker", "leader", "the",
}


def bench_files():
    return sorted(glob.glob(os.path.join(BENCH, "*.jsonl.gz")))


def extract(binary, paths):
    """Yields each article's extraction (dicts with id, quotes) for the given input files."""
    proc = subprocess.Popen(
        [binary, "extract", "--format", "jsonl", *paths], stdout=subprocess.PIPE, text=True
    )
    for line in proc.stdout:
        yield json.loads(line)
    if proc.wait() != 0:
        sys.exit(f"speaker-sample: {binary} extract failed ({proc.returncode})")


def article_files(ids):
    """Maps each wanted article id to its bench file, and the wanted texts by id."""
    where, texts = {}, {}
    for path in bench_files():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("id") in ids:
                    where[d["id"]] = path
                    texts[d["id"]] = d.get("text") or ""
    return where, texts


def draw(binary, seed, n):
    quotes = []
    for art in extract(binary, bench_files()):
        for q in art.get("quotes") or []:
            quotes.append((art["id"], q["start"], q["end"], q.get("speaker")))
    chosen = random.Random(seed).sample(quotes, min(n, len(quotes)))
    chosen.sort(key=lambda q: (q[0], q[1]))
    return chosen, len(quotes)


def flat(s):
    return re.sub(r"[\t\r\n]+", " ", s)


def cmd_sample(args):
    chosen, total = draw(args.bin, args.seed, args.n)
    _, texts = article_files({q[0] for q in chosen})
    print(f"# {len(chosen)} of {total} direct quotations, seed {args.seed}", file=sys.stderr)
    print("article_id\tstart\tend\tpredicted\tquote\tbefore\tafter")
    for aid, start, end, speaker in chosen:
        t = texts.get(aid, "")
        before = t[max(0, start - args.context):start]
        after = t[end:end + args.context]
        print("\t".join([aid, str(start), str(end), speaker or "-", flat(t[start:end]), flat(before), flat(after)]))


def words(name):
    s = name.lower().replace("\u2019", "'")
    s = re.sub(r"[^\w'\- ]+", " ", s)
    return [w for w in s.split() if w not in TITLES]


def subsequence(short, long_):
    it = iter(long_)
    return all(w in it for w in short)


def right(pred, gold):
    """Gold `-` wants a null prediction; gold `A|B` accepts either; gold `=A` wants A's words exactly."""
    if gold == "-":
        return pred is None
    if pred is None:
        return False
    p = words(pred)
    for alt in gold.split("|"):
        exact = alt.startswith("=")
        g = words(alt.lstrip("="))
        if not p or not g:
            continue
        if exact:
            if p == g:
                return True
            continue
        short, long_ = (p, g) if len(p) <= len(g) else (g, p)
        # "Putin" for "Vladimir Putin" (a tail), "Kamala Harris" for "Kamala D. Harris" (same first
        # and last word, middle names left out)
        if long_[len(long_) - len(short):] == short:
            return True
        if short[0] == long_[0] and short[-1] == long_[-1] and subsequence(short, long_):
            return True
    return False


def read_gold(path):
    gold = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or (i == 0 and line.startswith("article_id")):
                continue
            aid, start, end, speaker = line.split("\t")
            gold.append((aid, int(start), int(end), speaker.strip()))
    return gold


def cmd_score(args):
    gold = read_gold(args.file)
    where, _ = article_files({g[0] for g in gold})
    arts = {}
    for art in extract(args.bin, sorted(set(where.values()))):
        if art["id"] in where:
            arts[art["id"]] = art.get("quotes") or []
    n_right = n_wrong = n_missing = n_gone = 0
    for aid, start, end, speaker in gold:
        best, overlap = None, 0
        for q in arts.get(aid, []):
            o = min(end, q["end"]) - max(start, q["start"])
            if o > overlap:
                best, overlap = q, o
        if best is None:
            n_gone += 1
            if args.verbose:
                print(f"NOT FOUND\t{aid}\t{start}\t{end}\t{speaker}")
            continue
        pred = best.get("speaker")
        if right(pred, speaker):
            n_right += 1
        else:
            if pred is None:
                n_missing += 1
            else:
                n_wrong += 1
            if args.verbose:
                print(f"{'MISSING' if pred is None else 'WRONG'}\t{aid}\t{start}\t{end}\tgold={speaker}\tpred={pred}")
    n = len(gold)
    print(f"binary: {args.bin}")
    print(f"annotated: {n}")
    print(f"accuracy: {n_right / n if n else 0:.3f} ({n_right}/{n})")
    print(f"right: {n_right}  wrong: {n_wrong}  missing: {n_missing}  not found: {n_gone}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["sample", "score"])
    ap.add_argument("file", nargs="?", default="eval/speakers.bench.tsv")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--bin", default="target/release/dossier")
    ap.add_argument("--context", type=int, default=400)
    ap.add_argument("-v", "--verbose", action="store_true", help="score: list each wrong one (ids and names)")
    args = ap.parse_args()
    if not bench_files():
        print(f"speaker-sample: no {BENCH}/*.jsonl.gz, skipped")
        return 0
    if args.mode == "sample":
        cmd_sample(args)
    else:
        cmd_score(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
