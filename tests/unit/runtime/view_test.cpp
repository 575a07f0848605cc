// View: strides, const conversion, contiguity and rank 0.
#include <doctest/doctest.h>

#include <array>
#include <type_traits>

#include "ricci/view.h"

namespace ricci {
namespace {

TEST_CASE("a view over contiguous data has row-major strides") {
  float data[24] = {};
  View<float, 3> v(data, {2, 3, 4});
  CHECK(v.data() == data);
  CHECK(v.extents() == std::array<int64_t, 3>{2, 3, 4});
  CHECK(v.strides() == std::array<int64_t, 3>{12, 4, 1});
  CHECK(v.extent(1) == 3);
  CHECK(v.stride(0) == 12);
  CHECK(v.size() == 24);
  CHECK(v.contiguous());
  v(1, 2, 3) = 5.0f;
  CHECK(data[1 * 12 + 2 * 4 + 3] == 5.0f);
}

TEST_CASE("explicit strides address a transposed matrix") {
  double data[6] = {0, 1, 2, 3, 4, 5};  // 2x3, row-major
  View<double, 2> t(data, {3, 2}, {1, 3});
  CHECK(t(0, 1) == 3);
  CHECK(t(2, 0) == 2);
  CHECK(t(2, 1) == 5);
  CHECK_FALSE(t.contiguous());
}

TEST_CASE("indices of any integer type are accepted") {
  int data[4] = {1, 2, 3, 4};
  View<int, 2> v(data, {2, 2});
  CHECK(v(1, 0) == 3);
  CHECK(v(int64_t{1}, 1u) == 4);
  CHECK(v(short{0}, std::size_t{1}) == 2);
}

TEST_CASE("contiguity ignores the stride of unit axes and holds for empty views") {
  float data[3] = {};
  CHECK(View<float, 2>(data, {1, 3}, {99, 1}).contiguous());
  CHECK_FALSE(View<float, 2>(data, {3, 1}, {2, 1}).contiguous());
  CHECK(View<float, 2>(data, {0, 3}, {7, 7}).contiguous());
}

TEST_CASE("a mutable view converts to a const view, never the reverse") {
  float data[6] = {};
  Ref<float, 2> r(data, {2, 3}, {3, 1});
  CRef<float, 2> c = r;
  CHECK(c.data() == data);
  CHECK(c.extents() == r.extents());
  CHECK(c.strides() == r.strides());
  r(1, 1) = 2.5f;
  CHECK(c(1, 1) == 2.5f);
  static_assert(std::is_convertible_v<Ref<float, 2>, CRef<float, 2>>);
  static_assert(!std::is_convertible_v<CRef<float, 2>, Ref<float, 2>>);
  static_assert(!std::is_convertible_v<Ref<float, 2>, CRef<double, 2>>);
  static_assert(!std::is_convertible_v<Ref<float, 2>, CRef<float, 3>>);
  static_assert(std::is_same_v<decltype(c(0, 0)), const float&>);
}

TEST_CASE("a rank-0 view is a scalar") {
  double x = 4.0;
  CRef<double, 0> s(&x, {});
  CHECK(s.size() == 1);
  CHECK(s.contiguous());
  CHECK(s() == 4.0);
  Ref<double, 0> m(&x, std::array<int64_t, 0>{});
  m() = 7.0;
  CHECK(x == 7.0);
}

TEST_CASE("a default view is null") {
  View<float, 2> v;
  CHECK(v.data() == nullptr);
  CHECK(v.size() == 0);
  CHECK(View<float, 0>().data() == nullptr);
}

TEST_CASE("views are usable in constant expressions") {
  static constexpr int data[6] = {0, 1, 2, 3, 4, 5};
  constexpr CRef<int, 2> v(data, {2, 3});
  static_assert(v(1, 2) == 5);
  static_assert(v.stride(0) == 3);
}

}  // namespace
}  // namespace ricci
