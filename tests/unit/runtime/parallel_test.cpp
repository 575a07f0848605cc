// Thread count (defaults from the environment, set_num_threads reaching OpenMP), the region
// test, and parallel_for on and below its threshold.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "ricci/parallel.h"

namespace ricci {
namespace {

// Sets an environment variable for the life of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      saved_ = old;
      had_ = true;
    }
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (had_) {
      setenv(name_, saved_.c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::string saved_;
  bool had_ = false;
};

TEST_CASE("the default thread count comes from RICCI_NUM_THREADS, then OMP_NUM_THREADS") {
  {
    ScopedEnv ricci("RICCI_NUM_THREADS", "5");
    ScopedEnv omp("OMP_NUM_THREADS", "3");
    CHECK(parallel_detail::default_num_threads() == 5);
  }
  {
    ScopedEnv ricci("RICCI_NUM_THREADS", nullptr);
    ScopedEnv omp("OMP_NUM_THREADS", "3");
    CHECK(parallel_detail::default_num_threads() == 3);
  }
  {
    ScopedEnv ricci("RICCI_NUM_THREADS", "0");
    ScopedEnv omp("OMP_NUM_THREADS", "2x");
    CHECK(parallel_detail::default_num_threads() >= 1);
    CHECK(parallel_detail::positive_env("RICCI_NUM_THREADS") == 0);
    CHECK(parallel_detail::positive_env("OMP_NUM_THREADS") == 0);
  }
}

TEST_CASE("set_num_threads sets the runtime's count and OpenMP's, never below one") {
  const int saved = num_threads();
  set_num_threads(3);
  CHECK(num_threads() == 3);
#ifdef _OPENMP
  CHECK(omp_get_max_threads() == 3);
#endif
  set_num_threads(0);
  CHECK(num_threads() == 1);
  set_num_threads(saved);
  CHECK(num_threads() == saved);
}

TEST_CASE("in_parallel_region is true exactly inside a team of several threads") {
  CHECK_FALSE(in_parallel_region());
#ifdef _OPENMP
  int wrong = 0;
#pragma omp parallel num_threads(2) reduction(+ : wrong)
  wrong += in_parallel_region() == (omp_get_num_threads() > 1) ? 0 : 1;
  CHECK(wrong == 0);
#endif
}

// OpenMP's nesting depth at the caller: 0 outside any parallel region.
int openmp_level() {
#ifdef _OPENMP
  return omp_get_level();
#else
  return 0;
#endif
}

// Each index's call count, and the deepest OpenMP nesting a call ran at.
struct Calls {
  std::vector<int> per_index;
  int deepest = 0;
};

Calls run_parallel_for(int64_t count, int64_t work) {
  Calls calls{std::vector<int>(static_cast<std::size_t>(count), 0), 0};
  std::vector<int> level(static_cast<std::size_t>(count), 0);
  // Each index is one iteration of one thread: its elements are written by that thread only.
  parallel_for(count, work, [&](int64_t i) {
    ++calls.per_index[static_cast<std::size_t>(i)];
    level[static_cast<std::size_t>(i)] = openmp_level();
  });
  for (int l : level) calls.deepest = std::max(calls.deepest, l);
  return calls;
}

TEST_CASE("parallel_for calls the body once per index, in a parallel region only from the threshold on") {
  const int saved = num_threads();
  set_num_threads(2);
  for (int64_t count : {0, 1, 7, 1000}) {
    INFO("count " << count);
    Calls below = run_parallel_for(count, RICCI_PARALLEL_MIN_WORK - 1);
    CHECK(below.per_index == std::vector<int>(static_cast<std::size_t>(count), 1));
    CHECK(below.deepest == 0);
    Calls above = run_parallel_for(count, RICCI_PARALLEL_MIN_WORK);
    CHECK(above.per_index == std::vector<int>(static_cast<std::size_t>(count), 1));
#ifdef _OPENMP
    // One index is no loop to share; several run in a region.
    CHECK(above.deepest == (count > 1 ? 1 : 0));
#endif
  }
  // On one thread, or inside a region already running, the calling thread does it all.
  set_num_threads(1);
  CHECK(run_parallel_for(100, RICCI_PARALLEL_MIN_WORK).deepest == 0);
  set_num_threads(2);
#ifdef _OPENMP
  int deepest = 0;
#pragma omp parallel num_threads(2) reduction(max : deepest)
  deepest = run_parallel_for(100, RICCI_PARALLEL_MIN_WORK).deepest;
  CHECK(deepest == 1);
#endif
  set_num_threads(saved);
}

TEST_CASE("parallel_blocks covers the range once, in one block per thread from the threshold on") {
  const int saved = num_threads();
  set_num_threads(2);
  for (int64_t count : {0, 1, 7, 1000}) {
    for (int64_t work : {int64_t{RICCI_PARALLEL_MIN_WORK} - 1, int64_t{RICCI_PARALLEL_MIN_WORK}}) {
      INFO("count " << count << ", work " << work);
      std::vector<int> calls(static_cast<std::size_t>(count), 0);
      std::vector<int> blocks_at_level(2, 0);
      parallel_blocks(count, work, [&](int64_t begin, int64_t end) {
        // Blocks are disjoint: each thread writes only the elements of its own.
        for (int64_t i = begin; i < end; ++i) ++calls[static_cast<std::size_t>(i)];
#ifdef _OPENMP
#pragma omp atomic
#endif
        ++blocks_at_level[static_cast<std::size_t>(std::min(openmp_level(), 1))];
      });
      CHECK(calls == std::vector<int>(static_cast<std::size_t>(count), 1));
      bool threaded = false;
#ifdef _OPENMP
      threaded = work >= RICCI_PARALLEL_MIN_WORK && count > 1;
#endif
      CHECK(blocks_at_level[0] == (threaded ? 0 : 1));
      CHECK(blocks_at_level[1] == (threaded ? 2 : 0));
    }
  }
  set_num_threads(saved);
}

}  // namespace
}  // namespace ricci
