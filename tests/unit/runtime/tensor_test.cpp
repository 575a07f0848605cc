// Tensor: zero-initialized aligned storage, value semantics, and views onto it.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "ricci/tensor.h"

namespace ricci {
namespace {

bool aligned64(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }

float sum(CRef<float, 2> v) {
  float s = 0;
  for (int64_t i = 0; i < v.extent(0); ++i)
    for (int64_t j = 0; j < v.extent(1); ++j) s += v(i, j);
  return s;
}

void fill(Ref<float, 2> v, float x) {
  for (int64_t i = 0; i < v.extent(0); ++i)
    for (int64_t j = 0; j < v.extent(1); ++j) v(i, j) = x;
}

TEST_CASE("resize keeps the storage for the same extents and gives zeros for new ones") {
  Tensor<float, 2> t({2, 3});
  fill(t, 1.0f);
  const float* storage = t.data();
  t.resize({2, 3});
  CHECK(t.data() == storage);
  CHECK(sum(t) == 6.0f);
  t.resize({3, 4});
  CHECK(t.extents() == std::array<int64_t, 2>{3, 4});
  CHECK(sum(t) == 0.0f);
  CHECK(aligned64(t.data()));
}

TEST_CASE("a new tensor is zero, row-major and 64-byte aligned") {
  Tensor<double, 3> t({2, 3, 5});
  CHECK(t.size() == 30);
  CHECK(t.extents() == std::array<int64_t, 3>{2, 3, 5});
  CHECK(t.extent(2) == 5);
  CHECK(aligned64(t.data()));
  for (int64_t k = 0; k < t.size(); ++k) CHECK(t.data()[k] == 0.0);
  t(1, 2, 3) = 9.0;
  CHECK(t.data()[1 * 15 + 2 * 5 + 3] == 9.0);
  const Tensor<double, 3>& c = t;
  CHECK(c(1, 2, 3) == 9.0);
  static_assert(std::is_same_v<decltype(c(0, 0, 0)), const double&>);
}

TEST_CASE("odd sizes are aligned too") {
  for (int64_t n : {1, 3, 17, 1000}) {
    Tensor<float, 1> t({n});
    CHECK(aligned64(t.data()));
  }
}

TEST_CASE("a tensor converts to mutable and const views of its data") {
  Tensor<float, 2> t({2, 3});
  fill(t, 2.0f);
  CHECK(sum(t) == 12.0f);
  Ref<float, 2> r = t.ref();
  CHECK(r.data() == t.data());
  CHECK(r.contiguous());
  const Tensor<float, 2>& c = t;
  CRef<float, 2> cr = c.cref();
  CHECK(cr.data() == t.data());
  CHECK(cr.strides() == std::array<int64_t, 2>{3, 1});
  static_assert(!std::is_convertible_v<const Tensor<float, 2>&, Ref<float, 2>>);
  static_assert(std::is_convertible_v<const Tensor<float, 2>&, CRef<float, 2>>);
}

TEST_CASE("copies are deep and moves steal the buffer") {
  Tensor<int32_t, 1> a({4});
  a(2) = 7;
  Tensor<int32_t, 1> b = a;
  CHECK(b.data() != a.data());
  b(2) = 8;
  CHECK(a(2) == 7);

  const int32_t* buffer = a.data();
  Tensor<int32_t, 1> m = std::move(a);
  CHECK(m.data() == buffer);
  CHECK(m(2) == 7);

  Tensor<int32_t, 1> assigned({1});
  assigned = m;
  CHECK(assigned.extent(0) == 4);
  CHECK(assigned(2) == 7);
  assigned = std::move(b);
  CHECK(assigned(2) == 8);
  const Tensor<int32_t, 1>& self = assigned;
  assigned = self;
  CHECK(assigned(2) == 8);
}

TEST_CASE("a rank-0 tensor is a zero scalar, also when default-constructed") {
  Tensor<double, 0> s;
  CHECK(s.size() == 1);
  REQUIRE(s.data() != nullptr);
  CHECK(s() == 0.0);
  s() = 3.0;
  CRef<double, 0> v = s;
  CHECK(v() == 3.0);
  Tensor<double, 0> copy = s;
  CHECK(copy() == 3.0);
}

TEST_CASE("empty tensors own no storage") {
  Tensor<float, 2> d;
  CHECK(d.size() == 0);
  CHECK(d.data() == nullptr);
  Tensor<float, 2> e({0, 5});
  CHECK(e.size() == 0);
  Tensor<float, 2> copy = e;
  CHECK(copy.extent(1) == 5);
}

TEST_CASE("impossible extents throw Error") {
  using Vector = Tensor<float, 1>;
  using Cube = Tensor<double, 3>;
  CHECK_THROWS_WITH_AS(Vector({-3}), "tensor extent -3 is negative", Error);
  CHECK_THROWS_AS(Cube({int64_t{1} << 40, int64_t{1} << 40, 1 << 20}), Error);
}

}  // namespace
}  // namespace ricci
