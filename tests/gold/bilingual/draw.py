#!/usr/bin/env python3
"""Draws the 20 conferences of the bilingual gold set: from the dates on which
pages.py finds a regular press conference in both languages, 20 with a fixed
seed; the first 10 of the draw tune, the last 10 report. Usage: draw.py DATA"""
import random, subprocess, sys, os

here = os.path.dirname(os.path.abspath(__file__))
out = subprocess.run([sys.executable, os.path.join(here, "pages.py"), "list", sys.argv[1]],
                     capture_output=True, text=True, check=True).stdout
dates = sorted(line.split()[0] for line in out.splitlines())
drawn = random.Random(20261219).sample(dates, 20)
for i, d in enumerate(drawn):
    print(d, "tune" if i < 10 else "report")
