#!/usr/bin/env bash
# `ricci scan --depfile`: the depfile of examples/scan/model.hpp names the rule target and lists
# the header as given, then every header it includes (ricci/view.h, ricci/layer.h, <vector>, ...)
# once each and absolute; `-o -` needs --depfile-target; a failed scan writes no depfile.
# usage: scan_depfile.sh RICCI SOURCE_DIR WORK_DIR
set -euo pipefail
ricci=$(realpath "$1") src=$(realpath "$2") work=$3
rm -rf "$work" && mkdir -p "$work" && work=$(realpath "$work")
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The default target is the first generated file.
(cd "$src" && "$ricci" scan examples/scan/model.hpp -o "$work/gen" --depfile "$work/model.d")
read -r -a words <"$work/model.d"
[ "$(wc -l <"$work/model.d")" = 1 ] || fail "the depfile is not one line: $(cat "$work/model.d")"
[ "${words[0]}" = "$work/gen/model_layers.h:" ] || fail "target: got \`${words[0]}\`"
deps=("${words[@]:1}")
[ "${deps[0]}" = examples/scan/model.hpp ] || fail "first prerequisite: got \`${deps[0]}\`, want the header as given"
printf '%s\n' "${deps[@]}" | grep -qx "$src/runtime/include/ricci/view.h" || fail "ricci/view.h is not listed"
printf '%s\n' "${deps[@]}" | grep -qx "$src/runtime/include/ricci/layer.h" || fail "ricci/layer.h is not listed"
printf '%s\n' "${deps[@]}" | grep -q '/vector$' || fail "<vector> is not listed"
dups=$(printf '%s\n' "${deps[@]}" | sort | uniq -d)
[ -z "$dups" ] || fail "listed twice: $dups"
relative=$(printf '%s\n' "${deps[@]:1}" | grep -v '^/' || true)
[ -z "$relative" ] || fail "not absolute: $relative"

# An explicit target; with `-o -` it is required.
"$ricci" scan "$src/examples/scan/model.hpp" -o - --depfile "$work/stdout.d" --depfile-target model.stamp >/dev/null
[ "$(cut -d' ' -f1 "$work/stdout.d")" = model.stamp: ] || fail "--depfile-target is not the target"
rc=0
"$ricci" scan "$src/examples/scan/model.hpp" -o - --depfile "$work/none.d" >/dev/null 2>"$work/none.err" || rc=$?
[ "$rc" = 2 ] || fail "-o - without --depfile-target: exit $rc, want 2"
grep -q "needs --depfile-target" "$work/none.err" || fail "-o - without --depfile-target: $(cat "$work/none.err")"
[ ! -e "$work/none.d" ] || fail "-o - without --depfile-target wrote a depfile"

# Nothing is written when the header has an error.
rc=0
"$ricci" scan "$src/tests/scan/clang_error.hpp" -o "$work/bad" --depfile "$work/bad.d" 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "a Clang error: exit $rc, want 1"
[ ! -e "$work/bad.d" ] || fail "a failed scan wrote a depfile"

[ "$fails" = 0 ] && echo "ok: scan depfile"
exit $((fails > 0))
