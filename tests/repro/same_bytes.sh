#!/usr/bin/env bash
# Generating every example twice, from different working directories and with relative and
# absolute paths, must give byte-identical files (no paths, times or locale in the output), for
# C++ and CUDA, drivers included. Then a write that fails half-way must leave the previous
# files whole and no temporary behind.
# usage: same_bytes.sh RICCI WORK_DIR SPEC...
set -euo pipefail
ricci=$(realpath "$1") work=$2
shift 2
rm -rf "$work" && mkdir -p "$work/a/deep/er" "$work/b"
fails=0 passes=0
for spec in "$@"; do
  abs=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
  stem=$(basename "$spec" .ricci)
  for target in cpp cuda; do
    out=$stem.$target
    (cd "$work/a/deep/er" && "$ricci" gen "$(realpath --relative-to=. "$abs")" -o "out/$out" --driver --target=$target)
    (cd / && LC_ALL=C.UTF-8 "$ricci" gen "$abs" -o "$work/b/$out" --driver --target=$target)
    if [ -n "$(ls -A "$work/b/$out")" ] && diff -r "$work/a/deep/er/out/$out" "$work/b/$out" >/dev/null; then
      passes=$((passes + 1))
    else
      echo "FAIL $spec --target=$target: outputs differ"; diff -r "$work/a/deep/er/out/$out" "$work/b/$out" | head -20
      fails=$((fails + 1))
    fi
  done
done

# Failed writes, on the first spec's outputs from above: each file must then be either its
# previous version or a whole new one, and no temporary file may be left.
spec=$1 good=$work/b/$(basename "$1" .ricci).cpp
cp -r "$good" "$work/saved"
"$ricci" gen "$spec" -o "$work/new" --driver --namespace changed
check_whole() {
  local bad=""
  for f in "$work/saved"/*; do
    name=$(basename "$f")
    cmp -s "$f" "$good/$name" || cmp -s "$work/new/$name" "$good/$name" || bad="$bad $name"
  done
  if [ -z "$bad" ] && [ -z "$(find "$good" -name '*.tmp')" ]; then
    passes=$((passes + 1))
  else
    echo "FAIL $1: truncated or clobbered:$bad $(find "$good" -name '*.tmp')"; fails=$((fails + 1))
  fi
}
expect_io_error() {
  if [ "$1" -eq 3 ]; then passes=$((passes + 1)); else echo "FAIL $2 exited $1, not 3"; fails=$((fails + 1)); fi
}
# Writes past 4 KiB fail with EFBIG (SIGXFSZ ignored, so ricci sees the error, as on a full disk).
status=0
(trap '' XFSZ; ulimit -f 4; "$ricci" gen "$spec" -o "$good" --driver --namespace changed) 2>/dev/null || status=$?
expect_io_error $status "a write beyond the file size limit"
check_whole "a write beyond the file size limit"
# The output directory is a file.
status=0
"$ricci" gen "$spec" -o "$good/$(ls "$good" | head -1)" --namespace changed 2>/dev/null || status=$?
expect_io_error $status "an output directory that is a file"
check_whole "an output directory that is a file"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
