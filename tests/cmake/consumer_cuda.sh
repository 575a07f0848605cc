#!/usr/bin/env bash
# examples/cmake-consumer-cuda built against an installed ricci with Ninja, for one CUDA
# architecture: ricci_add_layers(... CUDA ...) generates, nvcc compiles, the executable links
# the CUDA layer and its C++ twin. A no-op build then runs nothing, and touching the spec
# regenerates both without compiling. With a GPU the executable compares the two; without one
# the test ends after the build and says so. Without nvcc it is skipped (exit status 77).
set -euo pipefail
while [ $# -gt 0 ]; do
  case $1 in
    --cmake) cmake=$2 ;; --cxx) cxx=$2 ;; --nvcc) nvcc=$2 ;; --arch) arch=$2 ;;
    --source) source=$2 ;; --build) build=$2 ;; --work) work=$2 ;;
    *) echo "usage: consumer_cuda.sh --cmake C --cxx CXX --nvcc NVCC --arch SM --source DIR --build DIR --work DIR" >&2
       exit 2 ;;
  esac
  shift 2
done

if [ -z "$nvcc" ] || [ ! -x "$nvcc" ]; then
  echo "SKIPPED: no CUDA compiler (nvcc) was found when ricci was configured"
  exit 77
fi

fail() { echo "FAIL: $*"; exit 1; }
build() { "$cmake" --build "$bin" 2>&1 | tee "$work/last.log"; }
ran() { grep -q "$1" "$work/last.log"; }

rm -rf "$work" && mkdir -p "$work"
"$cmake" --install "$build" --prefix "$work/prefix" >/dev/null
src=$work/src bin=$work/build
cp -r "$source/examples/cmake-consumer-cuda" "$src"
"$cmake" -S "$src" -B "$bin" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CUDA_COMPILER="$nvcc" -DCMAKE_CUDA_ARCHITECTURES="$arch" >"$work/configure.log" 2>&1 ||
  fail "configuring the consumer failed: $(cat "$work/configure.log")"
build >/dev/null || fail "building the consumer failed: $(cat "$work/last.log")"
ran "Building CUDA object.*dense.cu" || fail "no CUDA source was compiled: $(cat "$work/last.log")"

build >/dev/null
if ran "ricci:\|Building"; then fail "a no-op build did work: $(cat "$work/last.log")"; fi
touch "$src/dense.ricci"
build >/dev/null
[ "$(grep -c "ricci: generating" "$work/last.log")" = 2 ] || fail "touching the spec did not regenerate both kinds"
if ran "Building"; then fail "an unchanged regeneration compiled: $(cat "$work/last.log")"; fi

status=0
"$bin/consumer_cuda" || status=$?
case $status in
  0) echo "ok: built for sm_$arch; the CUDA layer agrees with the C++ one on this GPU" ;;
  77) echo "ok: built for sm_$arch; not run, as there is no CUDA GPU here" ;;
  *) fail "the consumer's comparison failed (exit status $status)" ;;
esac
