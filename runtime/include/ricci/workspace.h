// Workspace: a bump arena for intermediates, so that generated code never allocates in a hot loop.
#pragma once

#include <cstddef>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "ricci/memory.h"

namespace ricci {

// Memory comes in chunks that are kept until destruction, and allocation only moves forward
// through them: a request that does not fit the rest of the current chunk goes to the next
// chunk with room, and only when none is left does the arena allocate a new chunk (the only
// time it touches the heap). Releasing to a mark and repeating the same requests therefore
// retraces the same path and never allocates again.
//
// Every request is rounded up to a multiple of 64 bytes; used(), peak() and reserve() count
// in those rounded bytes. Not thread-safe: give each thread its own workspace.
class Workspace {
 public:
  // A position in the arena to return to with release().
  struct Mark {
    std::size_t chunk = 0;
    std::size_t offset = 0;
    std::size_t used = 0;
  };

  // Marks on construction and releases on destruction, so the intermediates of one call
  // are freed however it exits.
  class Scope {
   public:
    explicit Scope(Workspace& ws) noexcept : ws_(ws), mark_(ws.mark()) {}
    ~Scope() { ws_.release(mark_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Workspace& ws_;
    Mark mark_;
  };

  Workspace() noexcept = default;

  explicit Workspace(std::size_t initial_bytes) {
    if (initial_bytes > 0) add_chunk(round_up_to_alignment(initial_bytes));
  }

  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  Workspace(Workspace&& other) noexcept
      : chunks_(std::move(other.chunks_)),
        current_(std::exchange(other.current_, Mark{})),
        peak_(std::exchange(other.peak_, 0)) {
    other.chunks_.clear();
  }

  Workspace& operator=(Workspace&& other) noexcept {
    std::swap(chunks_, other.chunks_);
    std::swap(current_, other.current_);
    std::swap(peak_, other.peak_);
    return *this;
  }

  ~Workspace() {
    for (const Chunk& c : chunks_) free_aligned(c.data);
  }

  // Uninitialized, 64-byte-aligned storage for `count` elements, valid until the arena is
  // released past this call or destroyed. count == 0 gives nullptr.
  template <class T>
  T* alloc(std::size_t count) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                  "the workspace hands out raw storage for plain data");
    static_assert(alignof(T) <= alignment, "over-aligned types are not supported");
    if (count == 0) return nullptr;
    if (count > (std::numeric_limits<std::size_t>::max() - alignment) / sizeof(T))
      throw std::bad_array_new_length();
    return static_cast<T*>(alloc_bytes(round_up_to_alignment(count * sizeof(T))));
  }

  Mark mark() const noexcept { return current_; }

  // Frees everything allocated since `m` was taken; `m` must not be older than a mark
  // already released past.
  void release(Mark m) noexcept { current_ = m; }

  std::size_t used() const noexcept { return current_.used; }
  std::size_t peak() const noexcept { return peak_; }

  std::size_t capacity() const noexcept {
    std::size_t total = 0;
    for (const Chunk& c : chunks_) total += c.size;
    return total;
  }

  // After reserve(n), any sequence of requests totalling at most n rounded bytes, made from
  // an empty arena, touches the heap no more: it suffices that one chunk can hold n, since
  // the requests that land in that chunk can then never overflow it.
  void reserve(std::size_t bytes) {
    if (bytes == 0) return;
    std::size_t rounded = round_up_to_alignment(bytes);
    for (const Chunk& c : chunks_)
      if (c.size >= rounded) return;
    add_chunk(rounded);
  }

 private:
  struct Chunk {
    unsigned char* data;
    std::size_t size;
  };

  // Chunks grow geometrically so a workspace that starts small needs few of them.
  static constexpr std::size_t min_chunk_bytes = std::size_t{64} << 10;

  void* alloc_bytes(std::size_t bytes) {
    while (current_.chunk < chunks_.size()) {
      const Chunk& c = chunks_[current_.chunk];
      if (c.size - current_.offset >= bytes) return bump(bytes);
      ++current_.chunk;
      current_.offset = 0;
    }
    std::size_t grown = chunks_.empty() ? min_chunk_bytes : 2 * chunks_.back().size;
    add_chunk(bytes > grown ? bytes : grown);
    current_.chunk = chunks_.size() - 1;
    current_.offset = 0;
    return bump(bytes);
  }

  void* bump(std::size_t bytes) noexcept {
    void* p = chunks_[current_.chunk].data + current_.offset;
    current_.offset += bytes;
    current_.used += bytes;
    if (current_.used > peak_) peak_ = current_.used;
    return p;
  }

  void add_chunk(std::size_t bytes) {
    chunks_.reserve(chunks_.size() + 1);
    chunks_.push_back(Chunk{static_cast<unsigned char*>(allocate_aligned(bytes)), bytes});
  }

  std::vector<Chunk> chunks_;
  Mark current_;
  std::size_t peak_ = 0;
};

}  // namespace ricci
