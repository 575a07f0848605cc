// For the harness e2e_runner generates to prove that the in-place forms allocate nothing:
// replaces the global operator new to count every heap allocation of the process.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <new>

#include <ricci/tensor.h>
#include <ricci/workspace.h>

namespace ricci_noalloc {

inline long& allocations() {
  static long count = 0;
  return count;
}

inline int& failures() {
  static int count = 0;
  return count;
}

inline void* counted(std::size_t bytes, std::size_t align) {
  ++allocations();
  std::size_t size = bytes == 0 ? align : (bytes + align - 1) / align * align;
  if (void* p = std::aligned_alloc(align, size)) return p;
  throw std::bad_alloc();
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
  const long before = allocations();
  call(ws);
  const long during = allocations() - before;
  bool ok = during == 0 && ws.capacity() == capacity && ws.peak() == predicted;
  std::printf("%s %s: %ld allocations, workspace peak %zu of %zu predicted bytes, capacity %s\n",
              ok ? "ok  " : "FAIL", what, during, ws.peak(), predicted,
              ws.capacity() == capacity ? "unchanged" : "grew");
  if (!ok) ++failures();
}

}  // namespace ricci_noalloc

void* operator new(std::size_t bytes) { return ricci_noalloc::counted(bytes, alignof(std::max_align_t)); }
void* operator new(std::size_t bytes, std::align_val_t align) {
  return ricci_noalloc::counted(bytes, static_cast<std::size_t>(align));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
