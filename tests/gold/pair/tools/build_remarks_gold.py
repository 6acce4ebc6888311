import json,re,subprocess,datetime as dt,sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from remarks_labels import L
docs=json.load(open(sys.argv[1] if len(sys.argv)>1 else 'docs.json'))
rd=[d for d in docs if 'readout' in d['path'].lower()]
def find(date,frag):
    # One readout, or one readout filed twice (same date and title, two urls).
    m=[d for d in rd if d['date']==date and frag in d['path']]
    assert m and all(d['title']==m[0]['title'] for d in m),(date,frag,[d['path'] for d in m])
    m.sort(key=lambda d:not d['path'].startswith('statements-releases'))
    return dict(m[0],copies=[d['url'] for d in m[1:]])
# the remarks files in the order draw.py prints them
out={}
for w in '1234':
    txt=subprocess.run(['python3', __import__('os').path.join(__import__('os').path.dirname(__file__), 'draw_remarks.py'), w],capture_output=True,text=True).stdout
    for m in re.finditer(r'## R(\d+) (\S+) [^#]*?\n   url: (\S+)',txt): out[int(m.group(1))]=(m.group(2),m.group(3))
assert sorted(out)==sorted(L),set(out)^set(L)
def title(d): return re.sub(r'\s+',' ',d['title'].encode().decode('unicode_escape') if '\\u' in d['title'] else d['title'])
pairs=[];misses=[];amb=[];unp=[]
for r,(p,nm) in sorted(L.items()):
    date,url=out[r]; split='report' if r>=120 else 'tune' if r%2==0 else 'test'
    if p=='ambiguous': amb.append(r)
    elif p is None: unp.append((r,split,url))
    elif p: d=find(*p); pairs.append((r,split,d['url'],url,d['copies']))
    for q in nm:
        d=find(*q)
        for u in [d['url']]+d['copies']: misses.append((r,split,u,url,[]))
print(len(pairs),'pairs',len(misses),'near misses',len(unp),'unpaired',len(amb),'ambiguous',file=sys.stderr)
for s in ('tune','test','report'): print(s,sum(p[1]==s for p in pairs),sum(p[1]==s for p in misses),file=sys.stderr)
print('''# Hand-made gold for `readouts pair --kinds readout,remarks` on
# ../shared/data/wh-briefings: the readout of a bilateral meeting and the
# remarks the two principals made before (or during, or after) it. See
# README.md in this folder for how it was made; the labels are in
# tools/remarks_labels.py, this file is written from them by
# tools/build_remarks_gold.py. Keys are the files' `source_url`.
# [[pair]]: one meeting. [[near_miss]]: same counterpart, another meeting or
# call, within two days. `copies`: the same readout filed under another
# url (either is right). `sample` is the remarks file's number in the draw,
# `split` tune (even numbers below 120) or test (odd), or report (120 on:
# drawn after the tool was first run, see README.md). [[unpaired]]: a drawn remarks
# file with no readout of its meeting within two days (any pair made with it
# is wrong). [[ambiguous]]: drawn but not judged (see README.md).
''')
for kind,rows in (('pair',pairs),('near_miss',misses)):
    for r,split,ru,mu,copies in rows:
        also=''.join(f'\ncopies = {json.dumps(copies)}' for _ in [1] if copies)
        print(f'[[{kind}]]\nsample = {r}\nsplit = "{split}"\nreadout = "{ru}"{also}\nremarks = "{mu}"\n')
for kind,rows in (('unpaired',unp),):
    for r,split,mu in rows:
        print(f'[[{kind}]]\nsample = {r}\nsplit = "{split}"\nremarks = "{mu}"\n')
for r in amb:
    print(f'[[ambiguous]]\nsample = {r}\nremarks = "{out[r][1]}"\n')
