#!/usr/bin/env python3
"""The peers of dossier's HTML reader on the same pages, for scripts/html-score.sh.

usage: html-peers.py FOLDER OUT_DIR ROUNDS
Reads every FOLDER/<id>.html(.gz), and for each peer that is installed (trafilatura with its
default settings and with favor_precision; readability-lxml's summary reduced to text) writes
OUT_DIR/<peer>.json in the benchmark's prediction shape ({"<id>": {"articleBody": ...}}) and
prints one line per peer: name and milliseconds per page spent in the extractor (parsing
included, reading and decompressing the files not), the first pass of ROUNDS timed passes
giving the text."""
import gzip
import json
import os
import sys
import time


def pages(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html.gz"):
            raw = gzip.open(os.path.join(folder, name)).read()
            out.append((name[: -len(".html.gz")], raw))
        elif name.endswith(".html"):
            raw = open(os.path.join(folder, name), "rb").read()
            out.append((name[: -len(".html")], raw))
    return [(i, raw.decode("utf-8", errors="replace")) for i, raw in out]


def peers():
    found = {}
    try:
        import trafilatura

        found["trafilatura-default"] = lambda html: trafilatura.extract(html) or ""
        found["trafilatura-precision"] = (
            lambda html: trafilatura.extract(html, favor_precision=True) or ""
        )
    except ImportError:
        print("trafilatura: not installed (pip install trafilatura); skipped", file=sys.stderr)
    try:
        import lxml.html
        from readability import Document

        def readability_text(html):
            summary = Document(html).summary(html_partial=True)
            return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

        found["readability"] = readability_text
    except ImportError:
        print("readability: not installed (pip install readability-lxml); skipped", file=sys.stderr)
    return found


def main():
    folder, out_dir, rounds = sys.argv[1], sys.argv[2], max(1, int(sys.argv[3]))
    docs = pages(folder)
    for name, extract in peers().items():
        texts = {}
        start = time.perf_counter()
        for r in range(rounds):
            for page_id, html in docs:
                text = extract(html)
                if r == 0:
                    texts[page_id] = {"articleBody": text}
        ms = (time.perf_counter() - start) * 1000 / (len(docs) * rounds)
        with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(texts, f, ensure_ascii=False)
        print(f"{name} {ms:.2f}")


main()
