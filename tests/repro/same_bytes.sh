#!/usr/bin/env bash
# Generating every example twice, from different working directories and with relative and
# absolute paths, must give byte-identical files (no paths, times or locale in the output).
# usage: same_bytes.sh RICCI WORK_DIR SPEC...
set -euo pipefail
ricci=$(realpath "$1") work=$2
shift 2
rm -rf "$work" && mkdir -p "$work/a/deep/er" "$work/b"
fails=0 passes=0
for spec in "$@"; do
  abs=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
  stem=$(basename "$spec" .ricci)
  (cd "$work/a/deep/er" && "$ricci" gen "$(realpath --relative-to=. "$abs")" -o "out/$stem" --driver)
  (cd / && LC_ALL=C.UTF-8 "$ricci" gen "$abs" -o "$work/b/$stem" --driver)
  if diff -r "$work/a/deep/er/out/$stem" "$work/b/$stem" >/dev/null; then
    passes=$((passes + 1))
  else
    echo "FAIL $spec: outputs differ"; diff -r "$work/a/deep/er/out/$stem" "$work/b/$stem" | head -20
    fails=$((fails + 1))
  fi
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
