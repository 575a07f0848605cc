// Workspace: alignment, mark/release, Scope, growth, and no heap use once reserved.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "ricci/workspace.h"

namespace ricci {
namespace test {
std::size_t heap_allocations();
}  // namespace test

namespace {

bool aligned64(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }

TEST_CASE("allocations are 64-byte aligned and counted in rounded bytes") {
  Workspace ws(1024);
  CHECK(ws.capacity() == 1024);
  float* a = ws.alloc<float>(3);
  double* b = ws.alloc<double>(9);
  char* c = ws.alloc<char>(1);
  CHECK(aligned64(a));
  CHECK(aligned64(b));
  CHECK(aligned64(c));
  CHECK(reinterpret_cast<char*>(b) - reinterpret_cast<char*>(a) == 64);
  CHECK(ws.used() == 64 + 128 + 64);
  CHECK(ws.alloc<float>(0) == nullptr);
  CHECK(ws.used() == 256);
}

TEST_CASE("release returns to a mark and memory is reused") {
  Workspace ws(4096);
  ws.alloc<float>(16);
  Workspace::Mark m = ws.mark();
  float* first = ws.alloc<float>(100);
  ws.alloc<float>(100);
  CHECK(ws.used() == 64 + 2 * 448);
  ws.release(m);
  CHECK(ws.used() == 64);
  CHECK(ws.alloc<float>(100) == first);
  CHECK(ws.peak() == 64 + 2 * 448);
}

TEST_CASE("a scope releases what was allocated inside it, nested or not") {
  Workspace ws;
  {
    Workspace::Scope outer(ws);
    ws.alloc<double>(8);
    {
      Workspace::Scope inner(ws);
      ws.alloc<double>(8);
      CHECK(ws.used() == 128);
    }
    CHECK(ws.used() == 64);
  }
  CHECK(ws.used() == 0);
  CHECK(ws.peak() == 128);
}

TEST_CASE("a scope releases on exceptions too") {
  Workspace ws;
  try {
    Workspace::Scope scope(ws);
    ws.alloc<float>(10);
    throw 1;
  } catch (int) {
  }
  CHECK(ws.used() == 0);
}

TEST_CASE("a full chunk grows the arena without moving earlier allocations") {
  Workspace ws(256);
  double* a = ws.alloc<double>(32);  // fills the first chunk exactly
  a[31] = 1.5;
  double* b = ws.alloc<double>(1);
  CHECK(ws.capacity() > 256);
  CHECK(a[31] == 1.5);
  CHECK(aligned64(b));
  CHECK((b < a || b >= a + 32));
  double* big = ws.alloc<double>(1 << 20);  // larger than any growth step
  big[(1 << 20) - 1] = 2.0;
  CHECK(ws.used() == 256 + 64 + (8 << 20));
  CHECK(ws.peak() == ws.used());
}

TEST_CASE("repeating a released sequence of requests never allocates again") {
  Workspace ws(128);
  auto run = [&ws] {
    Workspace::Scope scope(ws);
    for (std::size_t n : {10u, 5000u, 3u, 70000u, 1u, 200000u}) ws.alloc<float>(n)[n - 1] = 1.0f;
  };
  run();
  std::size_t capacity = ws.capacity();
  std::size_t before = test::heap_allocations();
  for (int k = 0; k < 5; ++k) run();
  CHECK(test::heap_allocations() == before);
  CHECK(ws.capacity() == capacity);
}

TEST_CASE("after reserve, any requests up to the reserved total never allocate") {
  Workspace ws;
  ws.alloc<char>(1);  // a small first chunk that reserve must not rely on
  ws.release(Workspace::Mark{});
  ws.reserve(100000);
  std::size_t capacity = ws.capacity();
  std::vector<std::size_t> sizes = {64, 1000, 30000, 4, 12000, 50000, 2048};
  std::size_t total = 0;
  for (std::size_t s : sizes) total += (s + 63) / 64 * 64;
  REQUIRE(total <= 100000);

  std::size_t before = test::heap_allocations();
  for (int order = 0; order < 3; ++order) {
    Workspace::Scope scope(ws);
    for (std::size_t s : sizes) ws.alloc<unsigned char>(s)[s - 1] = 1;
    std::swap(sizes.front(), sizes[static_cast<std::size_t>(order) + 2]);
  }
  std::size_t after = test::heap_allocations();
  CHECK(after == before);
  CHECK(ws.capacity() == capacity);
  ws.reserve(50000);
  CHECK(ws.capacity() == capacity);
}

TEST_CASE("growing is the one time the arena touches the heap") {
  Workspace ws;
  std::size_t before = test::heap_allocations();
  ws.alloc<float>(1);
  std::size_t after_first = test::heap_allocations();
  ws.alloc<float>(1);
  std::size_t after_second = test::heap_allocations();
  CHECK(after_first > before);
  CHECK(after_second == after_first);
}

TEST_CASE("a default workspace owns nothing until used") {
  std::size_t before = test::heap_allocations();
  Workspace ws;
  std::size_t after = test::heap_allocations();
  CHECK(after == before);
  CHECK(ws.capacity() == 0);
  CHECK(ws.used() == 0);
  CHECK(ws.peak() == 0);
}

TEST_CASE("a workspace can be moved") {
  Workspace a(512);
  float* p = a.alloc<float>(4);
  Workspace b = std::move(a);
  CHECK(b.used() == 64);
  CHECK(b.capacity() == 512);
  CHECK(a.capacity() == 0);
  CHECK(b.alloc<float>(4) == p + 16);
  Workspace c;
  c = std::move(b);
  CHECK(c.used() == 128);
}

TEST_CASE("impossible requests throw") {
  Workspace ws;
  CHECK_THROWS_AS(ws.alloc<double>(static_cast<std::size_t>(-1) / 4), std::bad_alloc);
}

}  // namespace
}  // namespace ricci
