// Aligned heap blocks: the one place the runtime asks the system for memory.
#pragma once

#include <cstddef>
#include <new>

namespace ricci {

// Every buffer the runtime hands out starts on a cache line, which is also enough for any
// SIMD load up to AVX-512.
inline constexpr std::size_t alignment = 64;

inline void* allocate_aligned(std::size_t bytes) {
  return ::operator new(bytes, std::align_val_t{alignment});
}

inline void free_aligned(void* p) noexcept {
  ::operator delete(p, std::align_val_t{alignment});
}

// Rounds up to a multiple of `alignment`; the caller guarantees no overflow.
constexpr std::size_t round_up_to_alignment(std::size_t bytes) noexcept {
  return (bytes + alignment - 1) / alignment * alignment;
}

}  // namespace ricci
