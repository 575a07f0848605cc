// Threads: one thread count for the runtime, OpenMP and OpenBLAS, and the threshold below
// which generated loop nests stay on one thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <thread>

#ifdef _OPENMP
#include <omp.h>
#endif

// Generated loop nests with fewer iterations than this run on one thread: a parallel region
// costs microseconds. Define it to 0 to thread every nest (the tests do), or higher for fewer.
// Read where ricci::parallel_for is instantiated, that is, in the generated source.
#ifndef RICCI_PARALLEL_MIN_WORK
#define RICCI_PARALLEL_MIN_WORK 32768
#endif

#ifdef RICCI_HAVE_OPENBLAS
extern "C" void openblas_set_num_threads(int);
#endif

namespace ricci {

namespace parallel_detail {

// A positive integer from the environment variable `name`, or 0 when unset or malformed.
inline int positive_env(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr) return 0;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 1 || value > 1 << 16) return 0;
  return static_cast<int>(value);
}

inline int default_num_threads() {
  if (int n = positive_env("RICCI_NUM_THREADS")) return n;
  if (int n = positive_env("OMP_NUM_THREADS")) return n;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(hardware) : 1;
}

// Hands the count to OpenMP (for parallel regions the calling thread opens) and OpenBLAS.
inline void apply_thread_count(int n) {
#ifdef _OPENMP
  omp_set_num_threads(n);
#endif
#ifdef RICCI_HAVE_OPENBLAS
  openblas_set_num_threads(n);
#endif
  static_cast<void>(n);
}

// The process-wide count, read on every GEMM. The first use also applies the default, so
// RICCI_NUM_THREADS reaches OpenMP and OpenBLAS without a call to set_num_threads.
inline int& thread_count() {
  static int count = [] {
    const int n = default_num_threads();
    apply_thread_count(n);
    return n;
  }();
  return count;
}

}  // namespace parallel_detail

// How many threads the runtime's parallel loops and the BLAS it calls may use.
// Default: RICCI_NUM_THREADS, else OMP_NUM_THREADS, else the hardware's thread count.
inline int num_threads() { return parallel_detail::thread_count(); }

// Sets the thread count for the runtime, OpenMP (in the calling thread, which is where
// generated code opens its parallel regions) and OpenBLAS. Values below 1 mean 1. Call it
// from outside parallel regions: like omp_set_num_threads, it is not meant to race with
// running GEMMs.
inline void set_num_threads(int n) {
  if (n < 1) n = 1;
  parallel_detail::thread_count() = n;
  parallel_detail::apply_thread_count(n);
}

// True inside an OpenMP parallel region with more than one thread, where the runtime must
// not start threads of its own (nor call a threaded BLAS).
inline bool in_parallel_region() {
#ifdef _OPENMP
  return omp_in_parallel() != 0;
#else
  return false;
#endif
}

namespace parallel_detail {

// Whether a nest of `work` iterations whose outer loop has `count` iterations runs on the
// runtime's threads: from RICCI_PARALLEL_MIN_WORK on, with several threads, and not inside a
// region already running.
inline bool threaded(int64_t count, int64_t work) {
  return work >= RICCI_PARALLEL_MIN_WORK && count > 1 && num_threads() > 1 && !in_parallel_region();
}

}  // namespace parallel_detail

// Calls body(i) for every i in [0, count), where `work` is the iterations of the whole nest
// that body(i) runs for each i: on the runtime's threads when work reaches
// RICCI_PARALLEL_MIN_WORK, else on the calling thread without entering OpenMP at all (a
// parallel region turned off by an `if` clause still costs about 0.3 us: on this project's
// machine a 32x32 matrix-vector nest took 0.21 us alone and 0.55 us under one). Generated loop
// nests thread their outermost loop through it; every body(i) must write elements of its own.
template <class Body>
inline void parallel_for(int64_t count, int64_t work, const Body& body) {
#ifdef _OPENMP
  if (parallel_detail::threaded(count, work)) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < count; ++i) body(i);
    return;
  }
#endif
  static_cast<void>(work);
  for (int64_t i = 0; i < count; ++i) body(i);
}

// Calls body(chunk, begin, end) for each of `chunks` consecutive blocks that cover [0, count),
// sharing the chunks out among threads as parallel_for shares out its iterations. A generated
// nest of several kernels that adds into a vector across its outermost loop (`d_gamma(f) +=
// ...` over the rows `b`) threads so: each chunk adds into partial sums of its own, which the
// nest then adds up in chunk order. The chunks are fixed by the sizes alone (chunk_count), so
// the sums come out the same on any number of threads.
// How many chunks parallel_chunks splits a nest of `work` iterations into, whose outermost loop
// has `count`: at most `max_chunks` and `count`, each of at least RICCI_PARALLEL_MIN_WORK / 2
// iterations (so that a nest that threads has two), at least one when count > 0. Each chunk
// costs a pass over partial sums of its own, which small nests cannot pay for.
inline int64_t chunk_count(int64_t count, int64_t work, int64_t max_chunks) {
  constexpr int64_t min_work = RICCI_PARALLEL_MIN_WORK / 2;
  const int64_t by_work = min_work > 0 ? std::max<int64_t>(1, work / min_work) : max_chunks;
  return std::min({count, max_chunks, by_work});
}

template <class Body>
inline void parallel_chunks(int64_t count, int64_t chunks, int64_t work, const Body& body) {
  parallel_for(chunks, work, [&](int64_t c) { body(c, count * c / chunks, count * (c + 1) / chunks); });
}

// Calls body(begin, end) on consecutive blocks that cover [0, count), one block per thread
// when parallel_for would thread, else once with (0, count). Generated nests that sum
// over their outer loops and write a vector in their innermost loop (`d_bias(o) += ...`) thread
// over blocks of that innermost label, so that each thread adds into elements of its own.
template <class Body>
inline void parallel_blocks(int64_t count, int64_t work, const Body& body) {
#ifdef _OPENMP
  if (parallel_detail::threaded(count, work)) {
    const int64_t blocks = std::min<int64_t>(num_threads(), count);
#pragma omp parallel for schedule(static) num_threads(static_cast<int>(blocks))
    for (int64_t b = 0; b < blocks; ++b) body(count * b / blocks, count * (b + 1) / blocks);
    return;
  }
#endif
  static_cast<void>(work);
  body(int64_t{0}, count);
}

}  // namespace ricci
