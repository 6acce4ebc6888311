"""Draw the document pairs of the alignment gold set (tests/gold/align/).

Usage: python3 draw_align.py ../shared/data > tests/gold/align/pairs.tsv

Pairs come from three places, all drawn with fixed seeds so the draw can be
repeated: the White House readout / joint statement pairs of
tests/gold/pair/wh-briefings.toml (all 3), the readout / remarks pairs of
tests/gold/pair/wh-remarks.toml (REMARKS drawn of 99, seed 1701) and the USA
and CHN speeches of UN General Debates 1972-2022 (YEARS drawn, seed 1702).
The tune/test split is a seeded shuffle (seed 1703) of the drawn pairs, cut
in half. Output: id, part, source, left, right (paths below the data folder).
"""
import glob, os, random, re, sys, tomllib

REMARKS, YEARS = 24, 4
data = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
wh = os.path.join(data, 'wh-briefings')

by_url = {}
for p in sorted(glob.glob('**/*.md', root_dir=wh, recursive=True)):
    head = open(os.path.join(wh, p), encoding='utf-8').read(4000)
    m = re.search(r'^(?:source_url|permalink): (\S+)', head, re.M)
    if m:
        by_url.setdefault(m.group(1).strip('\'"'), p)

def gold(name):
    with open(os.path.join(here, '..', 'pair', name), 'rb') as f:
        return tomllib.load(f)['pair']

pairs = [('wh-briefings', by_url[p['readout']], by_url[p['joint']])
         for p in gold('wh-briefings.toml')]
remarks = [('wh-briefings', by_url[p['readout']], by_url[p['remarks']])
           for p in gold('wh-remarks.toml')]
pairs += random.Random(1701).sample(remarks, REMARKS)
for year in sorted(random.Random(1702).sample(range(1972, 2023), YEARS)):
    folder = f'Session {year - 1945:02d} - {year}'
    pairs.append(('ungdc', f'{folder}/USA_{year - 1945}_{year}.txt',
                  f'{folder}/CHN_{year - 1945}_{year}.txt'))

order = list(range(len(pairs)))
random.Random(1703).shuffle(order)
tune = set(order[: len(order) // 2])
for i, (source, left, right) in enumerate(pairs):
    part = 'tune' if i in tune else 'test'
    print(f'{i + 1:02d}\t{part}\t{source}\t{left}\t{right}')
