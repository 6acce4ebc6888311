#!/usr/bin/env bash
# Growth benchmark: time and peak memory of each readouts command on the UN
# General Debate Corpus at 1x and on generated 3x and 10x corpora, run
# alternately with the peers (`../shared/peers/peer_keyness.py`, and
# `rg -c -i -w -F -f ../shared/peers/lexicon-phrases.txt` over the raw files).
# Prints one Markdown table row per command and scale: median seconds and
# median peak resident set size (MB) of RUNS runs, from /usr/bin/time.
#
#   benches/growth.sh BINARY [SCALES] [RUNS]      e.g. benches/growth.sh target/release/readouts "1 3 10" 3
#
# The generated corpora live in a temporary folder (never in the repository)
# and are removed at the end: scale k holds every JSONL file of the imported
# corpus k times, the copies' event ids suffixed (`ungdc-2022` → `ungdc-2022-r2`),
# and k hard-linked copies of the raw session folders for the peers.
set -eu
bin=$(realpath "$1")
scales=${2:-"1 3 10"}
runs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
raw="$here/../shared/data/ungdc"
peers="$here/../shared/peers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" import ungdc "$raw" --into "$work/c1" >/dev/null
make_scale() { # k
  local k=$1 dir="$work/c$1" rawdir="$work/raw$1"
  mkdir -p "$dir/ungdc" "$rawdir"
  for r in $(seq 1 "$k"); do
    for f in "$work/c1"/ungdc/*.jsonl; do
      if [ "$r" = 1 ]; then
        cp "$f" "$dir/ungdc/"
      else
        sed -E "s/\"event\":\"(ungdc-[0-9]+)\"/\"event\":\"\\1-r$r\"/" "$f" >"$dir/ungdc/$(basename "$f" .jsonl)-r$r.jsonl"
      fi
    done
    cp -al "$raw" "$rawdir/r$r"
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # label scale cmd...
  local label=$1 k=$2
  shift 2
  local times=() mems=()
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    read -r t m <"$work/t"
    times+=("$t") mems+=("$m")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | median)
  m=$(printf '%s\n' "${mems[@]}" | median)
  printf '| %s | %sx | %s | %d |\n' "$label" "$k" "$t" $((m / 1024))
}

echo "| command | corpus | median s | median peak MB |"
echo "|---|---|---|---|"
for k in $scales; do
  [ "$k" = 1 ] || make_scale "$k"
  c="$work/c$k"
  r=$([ "$k" = 1 ] && echo "$raw" || echo "$work/raw$k")
  ro() { "$bin" --color never --corpus "$c" "$@"; }
  measure "index (fresh build)" "$k" sh -c "rm -rf '$c/.index' && '$bin' --corpus '$c' index"
  measure "index (nothing changed)" "$k" "$bin" --corpus "$c" index
  for i in 1 2; do
    measure "diff ungdc-2022 --sides USA,CHN" "$k" "$bin" --color never --corpus "$c" diff ungdc-2022 --sides USA,CHN
    measure "keyness --side USA,CHN --by side --paired" "$k" "$bin" --corpus "$c" keyness --side USA,CHN --by side --paired
    measure "keyness --a side:USA --b side:CHN --paired" "$k" "$bin" --corpus "$c" keyness --a side:USA --b side:CHN --paired
    measure "peer_keyness.py USA CHN 1972" "$k" python3 "$peers/peer_keyness.py" "$r" USA CHN 1972
    [ "$i" = 1 ] || continue
    measure "phrases --format csv" "$k" "$bin" --corpus "$c" phrases --format csv
    measure "rg -c -i -w -F -f lexicon-phrases.txt" "$k" rg -c -i -w -F -f "$peers/lexicon-phrases.txt" "$r"
    measure "phrases --summary" "$k" "$bin" --corpus "$c" phrases --summary
    measure "tone" "$k" "$bin" --corpus "$c" tone
    measure "search \"peaceful reunification\"" "$k" "$bin" --corpus "$c" search '"peaceful reunification"'
  done
  ro check >/dev/null 2>&1 || true
  [ "$k" = 1 ] || rm -rf "$work/c$k" "$work/raw$k"
done
