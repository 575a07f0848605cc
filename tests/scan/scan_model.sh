#!/usr/bin/env bash
# The definitions `ricci scan` writes for examples/scan/model.hpp, compiled with each given
# compiler under -Wall -Wextra -Werror (under Clang RICCI_LAYER is an attribute, elsewhere
# nothing) together with model_main.cpp, which checks numbers computed by hand.
# usage: scan_model.sh RICCI SOURCE_DIR WORK_DIR CXX...
set -euo pipefail
ricci=$(realpath "$1") src=$(realpath "$2") work=$3
shift 3
rm -rf "$work" && mkdir -p "$work" && work=$(realpath "$work")
"$ricci" scan "$src/examples/scan/model.hpp" -o "$work/gen"
for cxx in "$@"; do
  exe="$work/model_$(basename "$cxx")"
  "$cxx" -std=c++17 -O1 -Wall -Wextra -Wpedantic -Werror -I"$src/runtime/include" -I"$src/examples/scan" \
    -I"$work/gen" "$work/gen/model.cpp" "$work/gen/model_layers.cpp" "$src/tests/scan/model_main.cpp" -o "$exe"
  echo "$(basename "$cxx"):"
  "$exe"
done
