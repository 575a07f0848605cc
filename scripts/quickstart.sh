#!/usr/bin/env bash
# Installs what is missing, builds ricci, and runs it on a bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target ricci
echo "== ricci show examples/bilinear.ricci --emit=math"
build/compiler/ricci show examples/bilinear.ricci --emit=math
echo "== ricci gen examples/bilinear.ricci -o build/gen --driver"
build/compiler/ricci gen examples/bilinear.ricci -o build/gen --driver
ls build/gen
