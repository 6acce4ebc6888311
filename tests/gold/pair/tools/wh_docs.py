"""Read every Markdown file of ../shared/data/wh-briefings into docs.json
(path, date, title, source_url, first 1,500 characters), the input of
draw_remarks.py and build_remarks_gold.py. Usage: python3 wh_docs.py DIR"""
import glob, json, os, re, sys

root = sys.argv[1]
docs = []
for p in sorted(glob.glob('**/*.md', root_dir=root, recursive=True)):
    s = open(os.path.join(root, p), encoding='utf-8').read()
    m = re.match(r'---\n(.*?)\n---\n', s, re.S)
    if not m:
        continue
    fm = m.group(1)
    d = re.search(r"^date: '?(\d{4}-\d\d-\d\d)", fm, re.M)
    t = re.search(r'^title: (.*?)(?=^\w+:|\Z)', fm, re.M | re.S)
    u = re.search(r'^(?:source_url|permalink): (\S+)', fm, re.M)
    title = t.group(1) if t else ''
    title = re.sub(r'\s*\\\n\s*\\?', ' ', title).strip().strip('"\'').replace('\\_', ' ')
    docs.append(dict(path=p, date=d.group(1) if d else None, title=title,
                     url=u.group(1) if u else None, body=s[m.end():][:1500]))
json.dump(docs, open('docs.json', 'w'))
print(len(docs), 'documents', file=sys.stderr)
