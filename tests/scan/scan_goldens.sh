#!/usr/bin/env bash
# `ricci scan` goldens: examples/scan/model.hpp against model.expected (the definitions it
# writes) and each tests/scan/<case>.hpp against <case>.expected (the diagnostics, Clang's or
# ricci's, the exit status and that nothing was written). Runs from the source root so that
# messages name files relatively. `--update` rewrites the expected files.
# usage: scan_goldens.sh RICCI SOURCE_DIR WORK_DIR [--update]
set -uo pipefail
ricci=$(realpath "$1") src=$(realpath "$2") work=$3 update=${4:-}
rm -rf "$work" && mkdir -p "$work" && work=$(realpath "$work")
fails=0 passes=0

# observe HEADER OUT_DIR SHOWN_FILE...: the golden text of one scan.
observe() {
  local header=$1 out=$2
  shift 2
  local rc=0
  (cd "$src" && NO_COLOR=1 "$ricci" scan "$header" -o "$out" 2>"$out.stderr") || rc=$?
  echo "--- wrote: $(ls "$out" 2>/dev/null | tr '\n' ' ')"
  for f in "$@"; do
    echo "--- $f"
    cat "$out/$f"
  done
  if [ -s "$out.stderr" ]; then
    echo "--- stderr"
    cat "$out.stderr"
  fi
  echo "--- exit $rc"
}

# compare NAME EXPECTED OBSERVED_FILE
compare() {
  if [ "$update" = --update ]; then
    cp "$3" "$2"
    passes=$((passes + 1))
  elif diff -u "$2" "$3" >"$work/$1.diff"; then
    passes=$((passes + 1))
  else
    echo "FAIL $1"; cat "$work/$1.diff"
    fails=$((fails + 1))
  fi
}

observe examples/scan/model.hpp "$work/model" model.h model.cpp >"$work/model.observed"
compare model "$src/tests/scan/model.expected" "$work/model.observed"
for header in "$src"/tests/scan/*.hpp; do
  name=$(basename "$header" .hpp)
  observe "tests/scan/$name.hpp" "$work/$name" >"$work/$name.observed"
  compare "$name" "$src/tests/scan/$name.expected" "$work/$name.observed"
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
