"""Turn the hand labels of the alignment gold set into tests/gold/align/gold.tsv.

Usage: python3 build_align_gold.py BINARY ../shared/data WORKDIR

The labels (tests/gold/align/labels.txt) name sentences by a snippet of their
text, written while reading the documents. This script finds, for every pair
of pairs.tsv, the sentences exactly as `readouts diff` numbers them: it
imports the White House archive and the UN corpus into WORKDIR with the
binary, runs `diff --threshold 1 --format json` (a threshold no sentence
pair reaches, so every sentence comes out as its own row; only the sentence
numbers and texts are read, never the rows' kinds), and looks each snippet up
among them (white space folded; it must occur in exactly one sentence).

Writes gold.tsv (id, label, left number, right number, left text, right
text) and counts.tsv (id, sentences left, sentences right), both in
tests/gold/align/.
"""
import glob, json, os, re, subprocess, sys

binary, data, work = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
gold_dir = os.path.join(here, '..', 'align')
wh_dir = os.path.join(data, 'wh-briefings')


def run(*args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f'{args}: {out.stderr}')
    return out.stdout


def imported(name, *args):
    corpus = os.path.join(work, name)
    if not os.path.isdir(corpus):
        run('import', *args, '--into', corpus)
    return corpus


def fold(s):
    return ' '.join(s.split())


def events_by_url(corpus):
    out = {}
    for path in glob.glob(os.path.join(corpus, 'import', '*.jsonl')):
        for line in open(path, encoding='utf-8'):
            rec = json.loads(line)
            if rec.get('url'):
                out[rec['url']] = rec['event']
    return out


def url_of(rel):
    head = open(os.path.join(wh_dir, rel), encoding='utf-8').read(4000)
    return re.search(r'^(?:source_url|permalink): (\S+)', head, re.M).group(1).strip('\'"')


def sentences(diff_json):
    sides = {'left': {}, 'right': {}}
    for row in json.loads(diff_json)['rows']:
        for side in sides:
            for p in row[side]:
                text = ''.join(s['text'] for s in p['segments'])
                sides[side][p['sentence_number']] = fold(text)
    return [[sides[s][n] for n in sorted(sides[s])] for s in ('left', 'right')]


def find(snippet, sents, where):
    hits = [i for i, s in enumerate(sents) if fold(snippet) in s]
    if len(hits) != 1:
        sys.exit(f'{where}: snippet {snippet!r} is in {len(hits)} sentences')
    return hits[0]


def labels():
    out, pair = {}, None
    for line in open(os.path.join(gold_dir, 'labels.txt'), encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('## '):
            pair = line[3:].strip()
            out[pair] = []
        elif line and not line.startswith('#'):
            out[pair].append(line.split('\t'))
    return out


wh = imported('wh', 'markdown', wh_dir)
un = imported('un', 'ungdc', os.path.join(data, 'ungdc'))
events = events_by_url(wh)
labelled = labels()
gold, counts = [], []
for line in open(os.path.join(gold_dir, 'pairs.tsv'), encoding='utf-8'):
    pid, part, source, left, right = line.rstrip('\n').split('\t')
    if source == 'ungdc':
        year = left.split('_')[-1][:4]
        out = run('--corpus', un, 'diff', f'ungdc-{year}', '--sides', 'USA,CHN',
                  '--threshold', '1', '--format', 'json')
    else:
        a, b = events[url_of(left)], events[url_of(right)]
        out = run('--corpus', wh, 'diff', a, b, '--side', 'USA',
                  '--threshold', '1', '--format', 'json')
    ls, rs = sentences(out)
    counts.append(f'{pid}\t{len(ls)}\t{len(rs)}')
    found = {}
    for label, lsnip, rsnip in labelled.get(pid, []):
        i = find(lsnip, ls, f'pair {pid} left')
        j = find(rsnip, rs, f'pair {pid} right')
        # Two snippets of one sentence pair: "same" wins over "maybe".
        if found.get((i, j)) != 'same':
            found[(i, j)] = label
    for (i, j), label in sorted(found.items()):
        gold.append(f'{pid}\t{label}\t{i + 1}\t{j + 1}\t{ls[i]}\t{rs[j]}')
with open(os.path.join(gold_dir, 'gold.tsv'), 'w', encoding='utf-8') as f:
    f.write('id\tlabel\tleft\tright\tleft_text\tright_text\n' + '\n'.join(gold) + '\n')
with open(os.path.join(gold_dir, 'counts.tsv'), 'w', encoding='utf-8') as f:
    f.write('id\tleft_sentences\tright_sentences\n' + '\n'.join(counts) + '\n')
print(len(gold), 'labels in', len(counts), 'pairs', file=sys.stderr)
