#!/usr/bin/env python3
"""Reads the saved MFA pages with the standard library only (never with readouts):
the title, the date and the body paragraphs of each regular press conference, so the
conferences in both languages can be listed and drawn, and a labeller can read both
versions side by side. Usage:
  pages.py list DATA        dates present in both languages, one a line
  pages.py show DATA DATE   the two versions' paragraphs, numbered
"""
import html.parser, os, re, sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "January February March April May June July August September October November December".split())}


class Body(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0      # div depth inside the body div, 0 = outside
        self.paras, self.cur, self.title, self.in_title = [], None, "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div":
            if self.depth:
                self.depth += 1
            elif a.get("id") == "News_Body_Txt_A" or a.get("class") == "content":
                self.depth = 1
            if a.get("id") == "News_Body_Title":
                self.in_title = True
        if tag == "h2" and a.get("class") == "title":
            self.in_title = True
        if self.depth and tag == "p":
            self.cur = []
        if self.depth and tag == "br" and self.cur is not None:
            self.cur.append("\n")

    def handle_endtag(self, tag):
        if tag in ("div", "h2"):
            self.in_title = False
        if tag == "div" and self.depth:
            self.depth -= 1
        if tag == "p" and self.cur is not None:
            for line in "".join(self.cur).split("\n"):
                t = line.replace("\u3000", " ").strip()
                if t:
                    self.paras.append(t)
            self.cur = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.cur is not None:
            self.cur.append(data)


def read(path):
    b = Body()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    return b.title.strip(), b.paras


def date_of(title):
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", title)
    if m:
        return "%s-%02d-%02d" % (m[1], int(m[2]), int(m[3]))
    m = re.search(r" on (\w+) (\d{1,2}), (\d{4})", title)
    if m and m[1] in MONTHS:
        return "%s-%02d-%02d" % (m[3], MONTHS[m[1]], int(m[2]))
    return None


def conferences(data):
    found = {"zh": {}, "en": {}}
    for root, _, files in os.walk(data):
        for name in files:
            if not (name.startswith("t") and name.endswith(".shtml")):
                continue
            path = os.path.join(root, name)
            lang = "en" if "/mfa_eng/" in path else "zh"
            title, _ = read(path)
            if "例行记者会" not in title and "Regular Press Conference" not in title:
                continue
            d = date_of(title)
            if d:
                found[lang].setdefault(d, []).append(path)
    return found


def main():
    cmd, data = sys.argv[1], sys.argv[2]
    found = conferences(data)
    both = sorted(set(found["zh"]) & set(found["en"]))
    if cmd == "list":
        for d in both:
            print(d, " ".join(os.path.basename(p) for p in found["zh"][d] + found["en"][d]))
    elif cmd == "show":
        d = sys.argv[3]
        for lang in ("zh", "en"):
            for path in found[lang].get(d, []):
                title, paras = read(path)
                print("=" * 20, lang, os.path.basename(path), title)
                for i, p in enumerate(paras, 1):
                    print("%s%d\t%s" % (lang, i, p))


if __name__ == "__main__":
    main()
