#!/usr/bin/env bash
# Builds and runs the whole benchmark: ricci_bench (every bench layer x program x dtype at -O1
# and -O0, plus BLAS GEMM) and PyTorch autograd on the same layers, at 1 and 2 threads, then
# writes bench/RESULTS.md. Takes about 10-15 minutes on 2 cores.
#
#   scripts/bench.sh                 # everything
#   BENCH_FILTER=gemm scripts/bench.sh   # only layers whose name matches (a regex for
#                                        # ricci_bench, a substring for PyTorch); quick checks
#
# Environment: BUILD_DIR (default build-bench), JOBS (default 2), THREADS (default "1 2"),
# RESULTS (default bench/RESULTS.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-bench}"
jobs="${JOBS:-2}"
threads="${THREADS:-1 2}"
results="${RESULTS:-$root/bench/RESULTS.md}"
filter="${BENCH_FILTER:-}"
python=/usr/bin/python3  # Debian's, which has numpy and python3-torch
raw="$build/bench-results"

# The environment sets OPENBLAS_CORETYPE=Haswell, which halves OpenBLAS's speed on AVX-512
# machines; every tool below runs without it.
unset OPENBLAS_CORETYPE

bash "$root/scripts/setup.sh"
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "bench: installing python3-torch for the PyTorch comparison"
  apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRICCI_BUILD_BENCH=ON \
  "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -march=native -DNDEBUG"
cmake --build "$build" -j "$jobs" --target ricci_bench

# The OpenBLAS that ricci_bench loads (cmake/RicciBlas.cmake prefers Debian's OpenMP build);
# PyTorch gets the same one, through the loader's path, when it is not the system's choice.
openblas="$(ldd "$build/bench/ricci_bench" | awk '/libopenblas/ {print $3}')"
torch_env=()
# With the OpenMP build, OpenMP threads are bound one per CPU for every tool: unbound, about one
# 2-thread process in five ran every program about 1.4 times slower from start to end. The
# pthreads build's threads would all inherit the bound calling thread's CPU (docs/runtime.md).
case "$openblas" in
  */openblas-openmp/*)
    torch_env=("LD_LIBRARY_PATH=$(dirname "$openblas")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
    export OMP_PROC_BIND=spread ;;
esac

mkdir -p "$raw"
ricci_json=() torch_json=()
for t in $threads; do
  echo "== ricci_bench, $t thread(s)"
  # OpenMP's default wait policy: with OpenBLAS on the same OpenMP threads there is one pool,
  # and a thread that sleeps after each parallel region (PASSIVE) costs about 30 us to wake
  # at the next (docs/runtime.md, "OpenMP and OpenBLAS on the same cores"). Nine repetitions:
  # other work on the machine slows a repetition now and then (trace3's 2-thread evaluate
  # took 410 us in one run's median of five and 232 us in another's of twelve).
  env -u OMP_WAIT_POLICY RICCI_NUM_THREADS=$t OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t \
    "$build/bench/ricci_bench" \
    --benchmark_filter="${filter:-.}" \
    --benchmark_repetitions=9 --benchmark_min_time=0.05 --benchmark_report_aggregates_only=true \
    --benchmark_out="$raw/ricci-t$t.json" --benchmark_out_format=json
  ricci_json+=("$raw/ricci-t$t.json")

  # PyTorch under both wait policies: neither is faster on every row, and the report keeps
  # each row's faster time.
  for policy in default PASSIVE; do
    echo "== PyTorch, $t thread(s), OMP_WAIT_POLICY $policy"
    policy_env=(-u OMP_WAIT_POLICY)
    [ "$policy" = default ] || policy_env=("OMP_WAIT_POLICY=$policy")
    env "${policy_env[@]}" "${torch_env[@]}" OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
      "$python" "$root/bench/torch_bench.py" --layers "$root/bench/layers" --threads "$t" \
      --filter "$filter" --out "$raw/torch-t$t-$policy.json"
    torch_json+=("$raw/torch-t$t-$policy.json")
  done
done

"$python" "$root/bench/report.py" --ricci "${ricci_json[@]}" --torch "${torch_json[@]}" --out "$results" \
  --note "OpenBLAS: \`$openblas\` for ricci_bench and PyTorch alike" \
  --note "OMP_PROC_BIND: ${OMP_PROC_BIND:-unset} for every tool" \
  --note "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- 2>/dev/null || echo ' with local changes')" \
  --note "load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrote $results"
