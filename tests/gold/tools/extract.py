#!/usr/bin/env python3
"""Builds a throw-away corpus (JSON Lines, one statement per source document) from the
three real sources, for drawing gold hits with `readouts phrases --format csv`.

Usage: extract.py DATA_DIR OUT_DIR
  DATA_DIR  ../shared/data (read in place, never copied into the repository)
  OUT_DIR   a new directory outside the repository (it must not exist)

Sources (documented in tests/gold/framing/README.md):
  wh   every Markdown file of wh-briefings, front matter stripped, hard wraps joined
  mfa  every English regular press conference of mfa-fmprc, answers only (paragraphs
       that open with "Q:" or are wholly bold are journalists' questions and dropped)
  un   UN_SAMPLE speeches of ungdc drawn with random.Random(SEED)
Writes OUT_DIR/corpus/gold.jsonl and OUT_DIR/sources.tsv (event id -> source path).
"""
import html
import json
import os
import random
import re
import sys

SEED = 20261201
UN_SAMPLE = 400


def wh_text(path):
    raw = open(path, encoding="utf-8").read()
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        raw = raw[end + 4:] if end >= 0 else raw
    raw = raw.replace("\\###", "").replace("\\", "")
    paras = []
    for block in re.split(r"\n\s*\n", raw):
        line = " ".join(l.strip() for l in block.splitlines()).strip()
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"^#+\s*", "", line).replace("**", "").replace("__", "")
        if line and line != "###":
            paras.append(line)
    return "\n\n".join(paras)


def mfa_text(path):
    raw = open(path, encoding="utf-8", errors="replace").read()
    start = raw.find('<div class="content">')
    if start < 0:
        return ""
    body = raw[start:]
    paras = []
    for p in re.findall(r"<p[^>]*>(.*?)</p>", body, flags=re.S | re.I):
        bold = re.fullmatch(r"\s*(<[^>]+>\s*)*<b>.*</b>(\s*<[^>]+>)*\s*", p, flags=re.S | re.I)
        text = html.unescape(re.sub(r"<[^>]+>", "", p))
        text = re.sub(r"\s+", " ", text).strip()
        if not text or bold or re.match(r"(Q|Follow-up|Follow up)\s*:", text, re.I):
            continue
        text = re.sub(r"^A\s*:\s*", "", text)
        paras.append(text)
    return "\n\n".join(paras)


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "corpus"))
    docs = []
    for root, _, files in os.walk(os.path.join(data, "wh-briefings")):
        for f in sorted(files):
            if f.endswith(".md"):
                docs.append(("wh", os.path.join(root, f), wh_text))
    eng = os.path.join(data, "mfa-fmprc", "www.fmprc.gov.cn", "mfa_eng")
    for root, _, files in os.walk(eng):
        for f in sorted(files):
            p = os.path.join(root, f)
            if f.endswith(".shtml") and re.search(r'class="title">[^<]*Regular Press Conference', open(p, encoding="utf-8", errors="replace").read()):
                docs.append(("mfa", p, mfa_text))
    un = []
    for root, _, files in os.walk(os.path.join(data, "ungdc")):
        un += [os.path.join(root, f) for f in files if f.endswith(".txt") and "_" in f]
    un.sort()
    for p in random.Random(SEED).sample(un, UN_SAMPLE):
        docs.append(("un", p, lambda q: open(q, encoding="utf-8", errors="replace").read()))
    docs.sort(key=lambda d: d[1])
    with open(os.path.join(out, "corpus", "gold.jsonl"), "w", encoding="utf-8") as js, \
            open(os.path.join(out, "sources.tsv"), "w", encoding="utf-8") as tsv:
        n = 0
        for source, path, read in docs:
            text = read(path).strip()
            if not text:
                continue
            n += 1
            event = f"g{n:05d}"
            rel = os.path.relpath(path, data)
            side = {"wh": "USA", "mfa": "CHN", "un": "UN"}[source]
            js.write(json.dumps({"event": event, "date": "2020", "kind": "statement",
                                 "event_title": rel, "side": side, "issuer": source,
                                 "coverage": "full", "text": text}, ensure_ascii=False) + "\n")
            tsv.write(f"{event}\t{source}\t{rel}\n")
    print(f"{n} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
