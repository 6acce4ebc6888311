#!/usr/bin/env python3
"""Draw the events of the initiator gold standard (tests/gold/initiator/README.md).

Usage: draw_initiator.py DATA OUT.tsv SHEET.txt

DATA is ../shared/data. Every White House briefing-room file and every English and
Chinese MFA page is one event as the importers make it. The events are put in four
strata by a broad cue pattern written for this draw (wider than any lexicon
phrase: any form of request, invite, host, "initiated", "call from",
"placed a call", "welcomed … to the White House", and the Chinese 应约, 应邀,
邀请, 请求; the White House cue stratum only from the two sections that hold
readouts and joint statements), shuffled with
random.Random(SEED) after sorting by path, and the first N of each stratum are
kept. Within a stratum the drawn events alternate tune, report, tune, ...

OUT.tsv gets one row per drawn event (id, stratum, split, path, url, title). SHEET.txt
is what the labeller reads: the title, the opening of the text and every
sentence holding a cue word, nothing the tool computed. Standard library only.
"""

import html
import random
import re
import sys
from pathlib import Path

SEED = 20261202
STRATA = [("wh-cue", 120), ("wh-plain", 20), ("mfa-en", 12), ("mfa-zh", 8)]
# Added after the first four strata were labelled (they gave 18 events that state
# an initiator, most White House "readouts" being domestic): every other cue
# document whose file name names a foreign counterpart (a country of the ISO
# table, or a foreign office: prime minister, chancellor, king ...).
SECOND = "wh-diplomatic"
FOREIGN = re.compile(
    r"prime-minister|chancellor|king-|queen-|amir|emir|crown-prince|taoiseach|minister|"
    r"secretary-general|sultan|premier|joint-statement|joint-readout|leaders|bilateral|"
    r"state-visit|official-visit"
)
# Added after the fifth stratum was labelled (54 events stating an initiator):
# every cue document of the readout sections not drawn yet, so that the cue
# documents of those sections are all labelled.
THIRD = "wh-rest"
ISO = Path(__file__).resolve().parents[3] / "src" / "corpus" / "iso3166.rs"


def country_slugs():
    names = re.findall(r'\("[A-Z]{3}", "[A-Z]{2}", "([^"]+)"\)', ISO.read_text())
    slugs = {re.sub(r"[^a-z]+", "-", n.lower().split(",")[0]).strip("-") for n in names}
    # U.S. states that share a country's name.
    return sorted(s for s in slugs if len(s) > 3 and s not in ("georgia", "jersey"))


def names_foreign(path, slugs):
    slug = path.name
    if FOREIGN.search(slug):
        return True
    return any(f"-{s}-" in slug or slug.endswith(f"-{s}.md") for s in slugs)
CUE = re.compile(
    r"\b(request\w*|invit\w*|host(?:ed|s|ing)?|initiated|call(?:ed)? from|"
    r"placed (?:a|the) (?:phone |telephone )?call|"
    r"welcomed [^.]{0,80} to (?:the White House|Washington|Camp David))\b|应约|应邀|邀请|请求",
    re.IGNORECASE,
)
# The sections that hold readouts and joint statements (the others hold remarks,
# briefings, fact sheets and proclamations).
ACCOUNTS = ("statements-releases", "briefings-statements")
SENTENCE = re.compile(r"(?<=[.!?。！？])\s+")


def wh_text(path):
    raw = path.read_text(encoding="utf-8")
    title, url = "", ""
    if raw.startswith("---"):
        head, _, raw = raw[3:].partition("\n---")
        u = re.search(r"^source_url:\s*(\S+)", head, re.MULTILINE)
        url = u.group(1) if u else ""
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', head, re.MULTILINE | re.DOTALL)
        if m:
            title = re.sub(r"\\\s*\n\s*|\\_|\\", " ", m.group(1))
            title = re.sub(r"\s+", " ", title).split("\n")[0]
            title = re.sub(r'"\s*\w+:.*$', "", title)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    text = re.sub(r"[*_]{1,3}", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return title.strip(), url, text


def mfa_text(path):
    raw = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"<title>(.*?)</title>", raw, re.DOTALL)
    title = html.unescape(m.group(1)).strip() if m else ""
    body = re.sub(r"(?is)<(script|style).*?</\1>", " ", raw)
    body = re.sub(r"(?s)<[^>]+>", " ", body)
    body = re.sub(r"\s+", " ", html.unescape(body)).strip()
    return re.sub(r"\s+", " ", title), body


def mfa_url(path, data):
    return "https://" + str(path.relative_to(data / "mfa-fmprc"))


def documents(data):
    out = []
    for p in sorted((data / "wh-briefings").rglob("*.md")):
        title, url, text = wh_text(p)
        cue = CUE.search(text) and p.relative_to(data).parts[1] in ACCOUNTS
        stratum = "wh-cue" if cue else "wh-plain"
        out.append((stratum, p.relative_to(data), title, url, text))
    mfa = data / "mfa-fmprc" / "www.fmprc.gov.cn"
    for p in sorted(mfa.rglob("*.shtml")):
        lang = "mfa-en" if "/mfa_eng/" in str(p) else "mfa-zh"
        title, text = mfa_text(p)
        if len(text) < 500 or not CUE.search(text):
            continue
        out.append((lang, p.relative_to(data), title, mfa_url(p, data), text))
    return out


def draw_all(rng, pool, stratum, n, rows, pages):
    """Every document of `pool` in shuffled order; returns the last id number."""
    rng.shuffle(pool)
    for i, (_, path, title, url, text) in enumerate(pool):
        n += 1
        gid = f"i{n:03d}"
        split = "tune" if i % 2 == 0 else "report"
        rows.append("\t".join([gid, stratum, split, str(path), url, title]))
        cues = [s for s in SENTENCE.split(text) if CUE.search(s)]
        pages.append(
            f"=== {gid} {stratum} {path}\nTITLE: {title}\nOPEN: {text[:300]}\n"
            + "".join(f"  CUE: {s[:300]}\n" for s in cues[:5])
        )
    return n


def main():
    data, out_tsv, sheet = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    docs = documents(data)
    rng = random.Random(SEED)
    rows, pages = [], []
    n = 0
    for name, count in STRATA:
        pool = [d for d in docs if d[0] == name]
        rng.shuffle(pool)
        for i, (stratum, path, title, url, text) in enumerate(pool[:count]):
            n += 1
            gid = f"i{n:03d}"
            split = "tune" if i % 2 == 0 else "report"
            rows.append("\t".join([gid, stratum, split, str(path), url, title]))
            cues = [s for s in SENTENCE.split(text) if CUE.search(s)]
            pages.append(
                f"=== {gid} {stratum} {path}\nTITLE: {title}\nOPEN: {text[:400]}\n"
                + "".join(f"  CUE: {s[:400]}\n" for s in cues[:8])
            )
    taken = {r.split("\t")[3] for r in rows}
    slugs = country_slugs()
    pool = [
        d
        for d in docs
        if d[0] == "wh-cue" and str(d[1]) not in taken and names_foreign(d[1], slugs)
    ]
    n = draw_all(rng, pool, SECOND, n, rows, pages)
    taken = {r.split("\t")[3] for r in rows}
    rest = [d for d in docs if d[0] == "wh-cue" and str(d[1]) not in taken]
    draw_all(rng, rest, THIRD, n, rows, pages)
    out_tsv.write_text("id\tstratum\tsplit\tpath\turl\ttitle\n" + "\n".join(rows) + "\n")
    sheet.write_text("\n".join(pages))
    print(f"{len(rows)} events drawn from {len(docs)} documents")


if __name__ == "__main__":
    main()
