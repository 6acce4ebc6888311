#!/usr/bin/env python3
"""Writes labels into a drawn gold table.

  merge.py DRAWN.tsv LABELS.txt OUT.tsv COLUMN [REASON_COLUMN]
LABELS.txt: one line per labelled row, `id<space>value[<space>reason...]`. Rows of the
drawn table without a line get the value `none` (recall) or are refused (hits: every
drawn hit must be labelled). Tabs never occur in values.
"""
import sys


def main():
    drawn, labels, out, column = sys.argv[1:5]
    reason_col = sys.argv[5] if len(sys.argv) > 5 else None
    given = {}
    for line in open(labels, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(" ", 2)
        if parts[0] in given:
            sys.exit(f"{labels}: {parts[0]} labelled twice")
        given[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    rows = [l.rstrip("\n").split("\t") for l in open(drawn, encoding="utf-8")]
    head = rows[0]
    ci = head.index(column)
    ri = head.index(reason_col) if reason_col else None
    ids = {r[0] for r in rows[1:]}
    unknown = set(given) - ids
    if unknown:
        sys.exit(f"{labels}: unknown ids {sorted(unknown)[:5]}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\t".join(head) + "\n")
        for r in rows[1:]:
            value, reason = given.get(r[0], (None, ""))
            if value is None:
                if reason_col:
                    sys.exit(f"{labels}: {r[0]} is not labelled")
                value = "none"
            r[ci] = value
            if ri is not None:
                r[ri] = reason
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
