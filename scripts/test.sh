#!/usr/bin/env bash
# Builds and runs the whole test suite: a release build, then a clang ASan+UBSan build that
# also runs the front-end fuzzer for 60 s. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
# The CUDA toolkit's nvcc, where installed, so that the generated CUDA is compiled too.
if [ -d /usr/local/cuda/bin ]; then export PATH="$PATH:/usr/local/cuda/bin"; fi

echo "== release build and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build -j "$jobs" --output-on-failure

echo "== ASan+UBSan build (clang) with the fuzzer, and tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DRICCI_SANITIZE=ON -DRICCI_FUZZ=ON -DRICCI_BUILD_BENCH=OFF -DRICCI_USE_CUDA=OFF >/dev/null
cmake --build build-asan -j "$jobs"
# The CMake package tests build and install like a user would: the release pass covers them.
ctest --test-dir build-asan -j "$jobs" --output-on-failure -LE cmake
