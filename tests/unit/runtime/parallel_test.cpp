// Thread count (defaults from the environment, set_num_threads reaching OpenMP) and the
// region test.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

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

}  // namespace
}  // namespace ricci
