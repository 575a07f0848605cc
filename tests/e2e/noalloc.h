// For the harness e2e_runner generates to prove that the in-place forms allocate nothing.
// The harness links tests/unit/runtime/heap_counter.cpp, the runtime unit tests' replacement
// of the global allocation functions: its counter is atomic, as OpenMP's threads allocate too.
#pragma once

#include <array>
#include <cstddef>
#include <cstdio>

#include <ricci/tensor.h>
#include <ricci/workspace.h>

namespace ricci::test {
std::size_t heap_allocations();
}

namespace ricci_noalloc {

inline int& failures() {
  static int count = 0;
  return count;
}

// Any values will do: the harness checks memory, e2e_runner's drivers check the numbers.
template <class T, int Rank>
ricci::Tensor<T, Rank> filled(std::array<int64_t, Rank> extents) {
  ricci::Tensor<T, Rank> t(extents);
  for (int64_t k = 0; k < t.size(); ++k) t.data()[k] = T(0.25) + T(k % 7) / T(8);
  return t;
}

// Runs `call` twice on a workspace reserved to `predicted` bytes: the first call may start
// threads or size the GEMM's scratch; the second must touch the heap not at all, and
// neither may grow the workspace. Its peak must be exactly the prediction. A failure is
// printed and counted in failures().
template <class Call>
void check(const char* what, std::size_t predicted, Call call) {
  ricci::Workspace ws;
  ws.reserve(predicted);
  const std::size_t capacity = ws.capacity();
  call(ws);
  const std::size_t before = ricci::test::heap_allocations();
  call(ws);
  const std::size_t during = ricci::test::heap_allocations() - before;
  bool ok = during == 0 && ws.capacity() == capacity && ws.peak() == predicted;
  std::printf("%s %s: %zu allocations, workspace peak %zu of %zu predicted bytes, capacity %s\n",
              ok ? "ok  " : "FAIL", what, during, ws.peak(), predicted,
              ws.capacity() == capacity ? "unchanged" : "grew");
  if (!ok) ++failures();
}

}  // namespace ricci_noalloc
