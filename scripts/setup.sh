#!/usr/bin/env bash
# Installs the Debian 12 packages ricci's build and test suite need; apt runs only when one is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ make        # the build
  clang libclang-rt-14-dev libomp-dev   # the fuzzer and the sanitizer build; OpenMP for clang
  libfmt-dev libcli11-dev doctest-dev
  libclang-14-dev libclang-cpp14-dev llvm-14-dev   # libTooling for `ricci scan`
  libopenblas-pthread-dev           # optional BLAS for the runtime's GEMM: the system's choice,
  libopenblas-openmp-dev            #   and the build that g++'s OpenMP threads run (docs/runtime.md)
  python3                           # the editor grammar test
  libbenchmark-dev                  # bench/ (Google Benchmark)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
