// NumPy .npy files: read versions 1.0, 2.0 and 3.0, write 1.0; little-endian, C order.
#pragma once

#include <array>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ricci/error.h"
#include "ricci/npy_header.h"
#include "ricci/tensor.h"

// The API lives in ricci::npy (the spelling generated drivers use) and is also declared in
// ricci itself (the spelling of the runtime's specification); both name the same entities.
namespace ricci::npy {

// The element types the runtime exchanges: <f4, <f8, <i4 (index tables), <i8.
enum class DType { f4, f8, i4, i8 };

namespace detail {

template <class T>
inline constexpr bool is_element_v =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, int32_t> ||
    std::is_same_v<T, int64_t>;

template <class T>
constexpr DType dtype_of() {
  static_assert(is_element_v<T>, "npy elements are float, double, int32_t or int64_t");
  if constexpr (std::is_same_v<T, float>) return DType::f4;
  else if constexpr (std::is_same_v<T, double>) return DType::f8;
  else if constexpr (std::is_same_v<T, int32_t>) return DType::i4;
  else return DType::i8;
}

constexpr std::size_t item_bytes(DType d) { return d == DType::f4 || d == DType::i4 ? 4 : 8; }

constexpr const char* descr_of(DType d) {
  switch (d) {
    case DType::f4: return "<f4";
    case DType::f8: return "<f8";
    case DType::i4: return "<i4";
    case DType::i8: return "<i8";
  }
  return "";
}

// The unsigned integer as wide as T, to move T's bits through.
template <class T>
using BitsOf = std::conditional_t<sizeof(T) == 2, uint16_t,
                                  std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>;

// Byte by byte, so the code is right on any host; compilers turn it into one load or store.
template <class T>
T load_le(const unsigned char* p) noexcept {
  using Bits = BitsOf<T>;
  Bits bits = 0;
  for (std::size_t b = 0; b < sizeof(T); ++b) bits |= static_cast<Bits>(p[b]) << (8 * b);
  T value;
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

template <class T>
void store_le(unsigned char* p, T value) noexcept {
  using Bits = BitsOf<T>;
  Bits bits;
  std::memcpy(&bits, &value, sizeof(T));
  for (std::size_t b = 0; b < sizeof(T); ++b) p[b] = static_cast<unsigned char>(bits >> (8 * b));
}

// Numeric conversion; an integer target must represent the value exactly (an index table
// read from a float file must hold whole numbers in range), otherwise Error.
template <class T, class S>
T convert(S v) {
  if constexpr (std::is_integral_v<T> && std::is_floating_point_v<S>) {
    S bound = std::ldexp(S(1), std::numeric_limits<T>::digits);
    if (!(v >= -bound && v < bound) || std::trunc(v) != v)
      throw Error("array value " + std::to_string(v) + " is not a " +
                  std::to_string(8 * sizeof(T)) + "-bit integer");
  } else if constexpr (std::is_integral_v<T> && sizeof(T) < sizeof(S)) {
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
      throw Error("array value " + std::to_string(v) + " does not fit in a " +
                  std::to_string(8 * sizeof(T)) + "-bit integer");
  }
  return static_cast<T>(v);
}

template <class T, class S>
void convert_all(const unsigned char* bytes, std::size_t count, T* out) {
  for (std::size_t k = 0; k < count; ++k) out[k] = convert<T>(load_le<S>(bytes + k * sizeof(S)));
}

// Sets c = a * b, or returns true when b is negative or the product overflows: in a header
// either means the file is corrupt.
inline bool mul_overflows(std::size_t a, int64_t b, std::size_t& c) {
  if (b < 0) return true;
  if (b != 0 && a > std::numeric_limits<std::size_t>::max() / static_cast<std::size_t>(b))
    return true;
  c = a * static_cast<std::size_t>(b);
  return false;
}

inline DType parse_descr(const std::string& descr, const std::string& what) {
  for (DType d : {DType::f4, DType::f8, DType::i4, DType::i8})
    if (descr == descr_of(d)) return d;
  if (!descr.empty() && descr[0] == '>')
    throw Error(what + ": big-endian dtype `" + descr + "` is not supported");
  throw Error(what + ": unsupported dtype `" + descr + "` (expected `<f4`, `<f8`, `<i4` or `<i8`)");
}

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

inline std::string system_reason() { return errno != 0 ? std::strerror(errno) : "unknown error"; }

}  // namespace detail

// A decoded .npy array: its dtype, shape (empty for a 0-d scalar) and little-endian
// element bytes in C order.
struct Array {
  DType dtype = DType::f8;
  std::vector<int64_t> shape;
  std::vector<unsigned char> bytes;

  int64_t size() const {
    int64_t n = 1;
    for (int64_t e : shape) n *= e;
    return n;
  }

  // The elements converted to T, whatever the stored dtype (see detail::convert).
  template <class T>
  std::vector<T> to() const {
    std::vector<T> out(static_cast<std::size_t>(size()));
    convert_into(out.data());
    return out;
  }

  // Writes the size() converted elements to `out`.
  template <class T>
  void convert_into(T* out) const {
    static_assert(detail::is_element_v<T>,
                  "arrays convert to float, double, int32_t or int64_t");
    std::size_t count = static_cast<std::size_t>(size());
    if (bytes.size() != count * detail::item_bytes(dtype))
      throw Error("array of " + std::to_string(count) + " elements holds " +
                  std::to_string(bytes.size()) + " bytes");
    switch (dtype) {
      case DType::f4: return detail::convert_all<T, float>(bytes.data(), count, out);
      case DType::f8: return detail::convert_all<T, double>(bytes.data(), count, out);
      case DType::i4: return detail::convert_all<T, int32_t>(bytes.data(), count, out);
      case DType::i8: return detail::convert_all<T, int64_t>(bytes.data(), count, out);
    }
  }
};

// Decodes a whole .npy image; `what` names it in errors (the file path, usually).
inline Array parse(const void* data, std::size_t n, const std::string& what) {
  static constexpr unsigned char magic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  const auto* p = static_cast<const unsigned char*>(data);
  if (n < sizeof magic || std::memcmp(p, magic, sizeof magic) != 0)
    throw Error(what + ": not a .npy file (bad magic string)");
  if (n < 8) throw Error(what + ": truncated header");
  unsigned major = p[6], minor = p[7];
  if (major < 1 || major > 3 || minor != 0)
    throw Error(what + ": unsupported .npy format version " + std::to_string(major) + "." +
                std::to_string(minor) + " (expected 1.0, 2.0 or 3.0)");
  std::size_t length_bytes = major == 1 ? 2 : 4;
  std::size_t preamble = 8 + length_bytes;
  if (n < preamble) throw Error(what + ": truncated header");
  std::size_t header_len = major == 1 ? detail::load_le<uint16_t>(p + 8)
                                      : detail::load_le<uint32_t>(p + 8);
  if (n - preamble < header_len)
    throw Error(what + ": truncated header: expected " + std::to_string(header_len) +
                " bytes, got " + std::to_string(n - preamble));
  std::string_view text(reinterpret_cast<const char*>(p + preamble), header_len);
  detail::Header header = detail::parse_header(text, what);

  Array a;
  a.dtype = detail::parse_descr(header.descr, what);
  a.shape = std::move(header.shape);
  // At most one axis longer than 1 means C and Fortran order coincide.
  int long_axes = 0;
  for (int64_t e : a.shape) long_axes += e > 1;
  if (header.fortran_order && long_axes > 1)
    throw Error(what + ": fortran_order arrays are not supported (save in C order)");

  std::size_t expected = detail::item_bytes(a.dtype);
  for (int64_t e : a.shape)
    if (detail::mul_overflows(expected, e, expected))
      throw Error(what + ": malformed header: `shape` is too large");
  std::size_t available = n - preamble - header_len;
  if (available < expected)
    throw Error(what + ": truncated data: expected " + std::to_string(expected) +
                " bytes, got " + std::to_string(available));
  if (available > expected)
    throw Error(what + ": " + std::to_string(available - expected) +
                " unexpected bytes after the data");
  const unsigned char* body = p + preamble + header_len;
  a.bytes.assign(body, body + expected);
  return a;
}

inline Array read(const std::string& path) {
  errno = 0;
  detail::File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw Error(path + ": cannot open file: " + detail::system_reason());
  std::vector<unsigned char> image;
  unsigned char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, f.get())) > 0)
    image.insert(image.end(), buffer, buffer + got);
  if (std::ferror(f.get()))
    throw Error(path + ": cannot read file: " + detail::system_reason());
  return parse(image.data(), image.size(), path);
}

template <class T>
void write(const std::string& path, const T* data, const std::vector<int64_t>& shape) {
  constexpr DType dtype = detail::dtype_of<T>();
  std::size_t count = 1;
  for (int64_t e : shape)
    if (detail::mul_overflows(count, e, count))
      throw Error(path + ": cannot write an array of invalid shape");
  std::string header = detail::format_header(detail::descr_of(dtype), shape, 10);
  if (header.size() > std::numeric_limits<uint16_t>::max())
    throw Error(path + ": shape of rank " + std::to_string(shape.size()) +
                " does not fit a .npy 1.0 header");

  std::vector<unsigned char> image(10 + header.size() + count * sizeof(T));
  static constexpr unsigned char preamble[] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  std::memcpy(image.data(), preamble, sizeof preamble);
  detail::store_le(image.data() + 8, static_cast<uint16_t>(header.size()));
  std::memcpy(image.data() + 10, header.data(), header.size());
  unsigned char* body = image.data() + 10 + header.size();
  for (std::size_t k = 0; k < count; ++k) detail::store_le(body + k * sizeof(T), data[k]);

  errno = 0;
  detail::File f(std::fopen(path.c_str(), "wb"));
  if (!f) throw Error(path + ": cannot open file for writing: " + detail::system_reason());
  if (std::fwrite(image.data(), 1, image.size(), f.get()) != image.size() ||
      std::fclose(f.release()) != 0)
    throw Error(path + ": cannot write file: " + detail::system_reason());
}

template <class T, int Rank>
void write(const std::string& path, const Tensor<T, Rank>& t) {
  write(path, t.data(), std::vector<int64_t>(t.extents().begin(), t.extents().end()));
}

// The array as a tensor of the rank the layer expects, converting the dtype; `name` is the
// input's name in the spec, for the error.
template <class T, int Rank>
Tensor<T, Rank> to_tensor(const Array& a, const std::string& name) {
  if (a.shape.size() != static_cast<std::size_t>(Rank))
    throw Error("input `" + name + "` has rank " + std::to_string(a.shape.size()) +
                ", expected " + std::to_string(Rank));
  std::array<int64_t, Rank> extents{};
  for (int axis = 0; axis < Rank; ++axis) extents[axis] = a.shape[axis];
  Tensor<T, Rank> t(extents);
  try {
    a.convert_into(t.data());
  } catch (const Error& e) {
    throw Error("input `" + name + "`: " + e.what());
  }
  return t;
}

}  // namespace ricci::npy
