#!/usr/bin/env python3
"""Seeded draw for the Chinese framing gold standard (tests/gold/framing-zh/README.md).

  draw_zh.py HITS.csv OUT.tsv
      From `readouts phrases --format csv` over the imported MFA pages: the hits whose
      matched words hold a Han character and that the tool counts (not negated);
      PER_CATEGORY of each category (all of them where a category has fewer), each row
      with an empty label and reason to fill in. A row is `test` when the first byte of
      sha256(SEED:event) is even, else `tune`, so all hits of one conference fall in
      one part. Standard library only.
"""
import csv
import hashlib
import random
import re
import sys

SEED = 20261202
PER_CATEGORY = 45
CATEGORIES = ["cooperative", "confrontational", "disagreement-code", "demand",
              "commitment", "concern-ladder", "initiative"]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def split_of(event):
    return "test" if hashlib.sha256(f"{SEED}:{event}".encode()).digest()[0] % 2 == 0 else "tune"


def flat(s):
    return re.sub(r"\s+", " ", s).strip()


def main(csv_path, out):
    csv.field_size_limit(1 << 30)
    pools = {c: [] for c in CATEGORIES}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["negated"] == "true" or not HAN.search(row["surface"]):
                continue
            pools[row["category"]].append(row)
    rng = random.Random(SEED)
    rows = []
    for c in CATEGORIES:
        pool = sorted(pools[c], key=lambda r: (r["statement"], int(r["start_byte"])))
        rng.shuffle(pool)
        rows += pool[:PER_CATEGORY]
        print(f"{c}: {len(pool)} hits, {min(len(pool), PER_CATEGORY)} drawn", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as f:
        f.write("id\tsplit\tevent\tdate\tcategory\tentry\tsurface\tlabel\treason\tsentence\n")
        for n, r in enumerate(rows, 1):
            f.write("\t".join([f"z{n:04d}", split_of(r["event"]), r["event"], r["date"],
                               r["category"], r["entry"], flat(r["surface"]), "", "",
                               flat(r["sentence"])]) + "\n")
    print(f"{len(rows)} hits", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
