// ShapeChecker: sizes bound once, mismatches reported with both tensors, no allocation.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <string>

#include "ricci/shape.h"

namespace ricci {
namespace test {
std::size_t heap_allocations();
}  // namespace test

namespace {

// The bilinear layer of the design brief: A[i,k] := B[i,j] * C[j,k] * D[l,l].
enum Extent { i, j, k, l };

TEST_CASE("the first bind of an extent fixes its size") {
  ShapeChecker<4> shape("bilinear", {"i", "j", "k", "l"});
  CHECK(shape[j] == -1);
  shape.bind(i, "B", 0, 3);
  shape.bind(j, "B", 1, 4);
  shape.bind(j, "C", 0, 4);
  shape.bind(k, "C", 1, 5);
  shape.bind(l, "D", 0, 0);
  shape.bind(l, "D", 1, 0);
  CHECK(shape[i] == 3);
  CHECK(shape[j] == 4);
  CHECK(shape[k] == 5);
  CHECK(shape[l] == 0);
}

TEST_CASE("a disagreeing size names both tensors, the index and both sizes") {
  ShapeChecker<4> shape("bilinear", {"i", "j", "k", "l"});
  shape.bind(i, "B", 0, 3);
  shape.bind(j, "B", 1, 4);
  CHECK_THROWS_WITH_AS(
      shape.bind(j, "C", 0, 5),
      "layer `bilinear`: `C` axis 0 (index `j`) has size 5, but `j` has size 4 from `B` axis 1",
      ShapeError);
  // The first binding stands: later checks still compare against B.
  CHECK(shape[j] == 4);
  CHECK_THROWS_AS(shape.bind(j, "A", 1, 6), Error);
}

TEST_CASE("names may come from a named array, a std::array or the deduced count") {
  static constexpr const char* names[] = {"b", "o"};
  ShapeChecker<2> from_array("mlp", names);
  ShapeChecker<2> from_std("mlp", std::array<const char*, 2>{"b", "o"});
  ShapeChecker deduced("mlp", {"b", "o"});
  static_assert(std::is_same_v<decltype(deduced), ShapeChecker<2>>);
  for (ShapeChecker<2>* s : {&from_array, &from_std, &deduced}) {
    s->bind(1, "W", 0, 8);
    CHECK_THROWS_WITH_AS(
        s->bind(1, "bias", 0, 7),
        "layer `mlp`: `bias` axis 0 (index `o`) has size 7, but `o` has size 8 from `W` axis 0",
        ShapeError);
  }
}

TEST_CASE("a layer of scalars has a checker with no extents") {
  ShapeChecker<0> shape("scalars", std::array<const char*, 0>{});
  ShapeChecker<0> braced("scalars", {});
  (void)shape;
  (void)braced;
}

TEST_CASE("checking shapes does not allocate") {
  std::size_t before = test::heap_allocations();
  ShapeChecker<3> shape("bilinear", {"i", "j", "k"});
  shape.bind(i, "B", 0, 3);
  shape.bind(j, "B", 1, 4);
  shape.bind(j, "C", 0, 4);
  shape.bind(k, "C", 1, 5);
  int64_t total = shape[i] + shape[j] + shape[k];
  std::size_t after = test::heap_allocations();
  CHECK(after == before);
  CHECK(total == 12);
}

}  // namespace
}  // namespace ricci
