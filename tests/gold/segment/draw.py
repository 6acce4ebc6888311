#!/usr/bin/env python3
"""Draws the paragraphs of the sentence-boundary gold set (see README.md, RULES.md).

Usage: draw.py DATA_DIR [--draft]
  DATA_DIR  ../shared/data (read in place, never copied into the repository)
  --draft   pre-cut each paragraph naively (one line per cut) for hand correction

Prints blocks `## <n> <half> <source path>`, then `> ` and the paragraph exactly as
drawn (and, with --draft, its naively pre-cut lines). Paragraphs come from the Markdown bodies of wh-briefings and the English
answers of the MFA regular press conferences, read by tests/gold/tools/extract.py.
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from extract import mfa_text, wh_text  # noqa: E402

SEED = 20261202
PER_SOURCE = {"wh": (36, 36), "mfa": (24, 24)}  # (any paragraph, abbreviation-like)
HARD = re.compile(r"\b(?:[A-Z]\.|[A-Za-z]\.[A-Za-z]\.|No\.|Mr\.|Ms\.|Mrs\.|Dr\.|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")


def paragraphs(data):
    out = {"wh": [], "mfa": []}
    for root, _, files in sorted(os.walk(os.path.join(data, "wh-briefings"))):
        for f in sorted(files):
            if f.endswith(".md"):
                add(out["wh"], data, os.path.join(root, f), wh_text)
    eng = os.path.join(data, "mfa-fmprc", "www.fmprc.gov.cn", "mfa_eng")
    for root, _, files in sorted(os.walk(eng)):
        for f in sorted(files):
            p = os.path.join(root, f)
            if f.endswith(".shtml") and "Regular Press Conference" in open(p, encoding="utf-8", errors="replace").read():
                add(out["mfa"], data, p, mfa_text)
    return out


def add(into, data, path, read):
    rel = os.path.relpath(path, data)
    for para in read(path).split("\n\n"):
        para = para.strip()
        if "." in para and 40 <= len(para) <= 1200:
            into.append((rel, para))


def draft(para):
    return re.sub(r"([.!?][\"”’)]?)[ \u00a0]+(?=[\"“(]?[A-Z])", "\\1\n", para)


def main():
    data = sys.argv[1]
    rng = random.Random(SEED)
    paras = paragraphs(data)
    drawn = []
    for source in ("wh", "mfa"):
        pool = sorted(set(paras[source]))
        plain, hard = PER_SOURCE[source]
        pick = rng.sample(pool, plain)
        hard_pool = [p for p in pool if HARD.search(p[1]) and p not in pick]
        drawn += pick + rng.sample(hard_pool, hard)
    rng.shuffle(drawn)
    for n, (rel, para) in enumerate(drawn, 1):
        half = "tune" if n % 2 else "held"
        print(f"## {n} {half} {rel}")
        print(f"> {para}")
        if "--draft" in sys.argv:
            print(draft(para))
        print()


if __name__ == "__main__":
    main()
