#!/usr/bin/env bash
# Compares the outputs of two readouts binaries on one corpus, command by
# command: stdout, stderr and exit status must be byte-identical. Used to show
# that reading only the selected statements (the catalog beside the index)
# changes nothing. The new binary runs twice: once without a catalog (full
# load, which writes it) and once through it.
#
#   benches/compare_outputs.sh OLD_BINARY NEW_BINARY CORPUS_DIR
#
# CORPUS_DIR is typically the UN corpus imported with
# `readouts import ungdc ../shared/data/ungdc --into DIR`. The index (one,
# shared by both binaries: tantivy's multi-threaded build orders tied search
# hits differently from one build to the next) and the catalog go to a
# temporary folder; the corpus is only read.
# keyness's default prior is now the two groups pooled (before --paired), so
# its `prior:` line (and "prior" fields) differ by design; those runs are
# compared with that line left out, and with `--prior corpus` in full.
set -u
old=$1 new=$2 corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 runs=0

run() { # label binary index_dir args...
  local label=$1 bin=$2 idx=$3
  shift 3
  "$bin" --color never --corpus "$corpus" --index "$idx" "$@" >"$work/$label.out" 2>"$work/$label.err"
  echo $? >"$work/$label.code"
}

compare() { # filter args...
  local filter=$1
  shift
  runs=$((runs + 1))
  run old "$old" "$work/idx" "$@"
  rm -f "$work/idx/catalog.json"
  run cold "$new" "$work/idx" "$@"
  run warm "$new" "$work/idx" "$@"
  for v in cold warm; do
    for part in out err code; do
      if ! cmp -s <($filter <"$work/old.$part") <($filter <"$work/$v.$part"); then
        echo "DIFFERS ($v, $part): $*"
        diff <($filter <"$work/old.$part") <($filter <"$work/$v.$part") | head -5
        fail=1
      fi
    done
  done
}

no_prior() { grep -v -e '^prior: ' -e '"label": "the' ; }
# keyness CSV rows now end with the prior's label and word count.
old_csv_columns() { sed -E 's/,the selected corpus,[0-9]+$//; s/,prior_label,prior_words$//' ; }

compare cat diff ungdc-2022 --sides USA,CHN
compare cat diff ungdc-2022 --sides USA,CHN --format json
compare cat diff ungdc-2022 --sides USA,CHN --format html
compare cat diff ungdc-2021 ungdc-2022 --side CHN
compare cat diff ungdc-2022 --sides USA,XXX
compare cat diff ungdc-2099 --sides USA,CHN
compare cat keyness --side USA,CHN --by side --paired --prior corpus
compare cat keyness --side USA,CHN --by side --paired --prior corpus --format json
compare old_csv_columns keyness --side USA,CHN --by side --paired --prior corpus --format csv
compare cat keyness --side FRA,GBR --by side --prior pooled --format html
compare no_prior keyness --side USA,CHN --by side --paired
compare cat keyness --a side=USA --b side=CHN --paired --prior corpus
compare cat keyness --a "side=CHN,query=hegemonism" --prior corpus --side CHN,USA --top 5
compare cat phrases ungdc-2022 --format csv
compare cat phrases --query hegemonism --format csv
compare cat phrases --side CHN --summary
compare cat phrases --side CHN --from 2000 --format json
compare cat tone --side USA,CHN --by side
compare cat tone --query '"peaceful reunification"' --format csv
compare cat search '"peaceful reunification"' --limit 50
compare cat kwic hegemonism --side CHN
echo "compared $runs commands (each: old, new without catalog, new with catalog)"
exit $fail
