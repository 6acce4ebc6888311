#!/usr/bin/env python3
"""Seeded draws for the framing gold standard (procedure: tests/gold/framing/README.md).

  draw.py hits HITS.csv SOURCES.tsv OUT.tsv
      From `readouts phrases --format csv` over the corpus of extract.py: PER_CATEGORY
      hits of each category that the tool counts (not negated), split as evenly as
      the hits allow over the three sources, each with an empty label to fill in.
  draw.py recall GOLD.jsonl SOURCES.tsv OUT.tsv [ROUND]
      RECALL_PER_SOURCE[ROUND] random sentences of 6 to 80 words per source, chosen
      without looking at any lexicon word, each with an empty category list to fill
      in. Round 1 (the default) uses random.Random(SEED + 1); round 2, drawn because
      round 1 gave fewer than 200 framing sentences, uses random.Random(SEED + 2) on
      the sentences round 1 did not take, numbering on from round 1.

Every row carries its split: `test` when the first byte of sha256(SEED:source file)
is even, else `tune`, so all hits of one document fall in one part.
"""
import csv
import hashlib
import json
import random
import re
import sys

SEED = 20261201
PER_CATEGORY = 105
RECALL_PER_SOURCE = {1: 150, 2: 50}
CATEGORIES = ["cooperative", "confrontational", "disagreement-code", "demand",
              "commitment", "concern-ladder", "initiative"]


def split_of(path):
    return "test" if hashlib.sha256(f"{SEED}:{path}".encode()).digest()[0] % 2 == 0 else "tune"


def flat(s):
    return re.sub(r"\s+", " ", s).strip()


def sources(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        event, source, rel = line.rstrip("\n").split("\t")
        out[event] = (source, rel)
    return out


def draw_hits(csv_path, src, out):
    csv.field_size_limit(1 << 30)
    pools = {(c, s): [] for c in CATEGORIES for s in ("wh", "mfa", "un")}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["negated"] == "true":
                continue
            source, rel = src[row["event"]]
            pools[(row["category"], source)].append((rel, source, row))
    rng = random.Random(SEED)
    rows = []
    for c in CATEGORIES:
        per = {s: pools[(c, s)] for s in ("wh", "mfa", "un")}
        for s in per:
            per[s].sort(key=lambda r: (r[0], int(r[2]["byte_start"])))
            rng.shuffle(per[s])
        taken = {s: 0 for s in per}
        want = PER_CATEGORY
        while want > 0 and any(taken[s] < len(per[s]) for s in per):
            for s in ("wh", "mfa", "un"):
                if want > 0 and taken[s] < len(per[s]):
                    rows.append(per[s][taken[s]])
                    taken[s] += 1
                    want -= 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("id\tsplit\tsource\tfile\tcategory\tentry\tsurface\tlabel\treason\tsentence\n")
        for n, (rel, source, r) in enumerate(rows, 1):
            f.write("\t".join([f"h{n:04d}", split_of(rel), source, rel, r["category"],
                               r["entry"], flat(r["surface"]), "", "", flat(r["sentence"])]) + "\n")
    print(f"{len(rows)} hits", file=sys.stderr)


def sentences(text):
    for para in re.split(r"\n\s*\n", text):
        for s in re.split(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])", flat(para)):
            if 6 <= len(s.split()) <= 80:
                yield s


def draw_recall(jsonl, src, out, rnd=1):
    per = {"wh": [], "mfa": [], "un": []}
    for line in open(jsonl, encoding="utf-8"):
        d = json.loads(line)
        source, rel = src[d["event"]]
        per[source] += [(rel, s) for s in sentences(d["text"])]
    n = 0
    for r in range(1, rnd):
        rng = random.Random(SEED + r)
        for source in ("wh", "mfa", "un"):
            taken = rng.sample(per[source], RECALL_PER_SOURCE[r])
            n += len(taken)
            chosen = set(taken)
            per[source] = [x for x in per[source] if x not in chosen]
    rng = random.Random(SEED + rnd)
    with open(out, "w", encoding="utf-8") as f:
        f.write("id\tsplit\tsource\tfile\tcategories\tnote\tsentence\n")
        for source in ("wh", "mfa", "un"):
            for rel, s in rng.sample(per[source], RECALL_PER_SOURCE[rnd]):
                n += 1
                f.write("\t".join([f"r{n:04d}", split_of(rel), source, rel, "", "", s]) + "\n")
    print(f"{n} sentences", file=sys.stderr)


if __name__ == "__main__":
    kind, a, b, out = sys.argv[1:5]
    if kind == "recall":
        draw_recall(a, sources(b), out, int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    else:
        draw_hits(a, sources(b), out)
