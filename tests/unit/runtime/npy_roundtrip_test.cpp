// .npy writing and reading: every dtype at ranks 0 to 4, exact headers, tensors, conversions.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

#include "ricci/npy.h"

namespace ricci {
namespace {

using namespace npy;

// A fresh path in the system's temporary directory, removed when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_((std::filesystem::temp_directory_path() /
               ("ricci_unit_runtime_" + std::to_string(counter()++) + "_" + name))
                  .string()) {}
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string path_;
};

std::vector<unsigned char> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <class T>
std::vector<T> sample(std::size_t n) {
  std::vector<T> v(n);
  for (std::size_t k = 0; k < n; ++k)
    v[k] = static_cast<T>(k % 2 == 0 ? int64_t(k) * 3 - 7 : -int64_t(k) * 5);
  return v;
}

template <class T>
DType dtype() {
  if constexpr (std::is_same_v<T, float>) return DType::f4;
  else if constexpr (std::is_same_v<T, double>) return DType::f8;
  else if constexpr (std::is_same_v<T, int32_t>) return DType::i4;
  else return DType::i8;
}

TEST_CASE_TEMPLATE("every dtype round-trips at ranks 0 to 4", T, float, double, int32_t,
                   int64_t) {
  const std::vector<std::vector<int64_t>> shapes = {{}, {5}, {2, 3}, {2, 1, 3}, {2, 3, 1, 2},
                                                    {0}, {3, 0, 2}};
  for (const auto& shape : shapes) {
    CAPTURE(shape.size());
    std::size_t n = 1;
    for (int64_t e : shape) n *= static_cast<std::size_t>(e);
    std::vector<T> values = sample<T>(n);
    TempFile file("roundtrip.npy");
    write(file.path(), values.data(), shape);
    Array a = read(file.path());
    CHECK(a.dtype == dtype<T>());
    CHECK(a.shape == shape);
    CHECK(a.size() == static_cast<int64_t>(n));
    CHECK(a.template to<T>() == values);
    CHECK((file_bytes(file.path()).size() - n * sizeof(T)) % 64 == 0);
  }
}

TEST_CASE("the written header is NumPy's dict, padded to 64 bytes") {
  TempFile file("header.npy");
  std::vector<float> values = {1, 2, 3, 4, 5, 6};
  write(file.path(), values.data(), {2, 3});
  std::vector<unsigned char> bytes = file_bytes(file.path());
  REQUIRE(bytes.size() == 128 + 24);
  std::string preamble(bytes.begin(), bytes.begin() + 8);
  CHECK(preamble == std::string("\x93NUMPY\x01\x00", 8));
  CHECK(bytes[8] + 256 * bytes[9] == 118);
  std::string header(bytes.begin() + 10, bytes.begin() + 128);
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  CHECK(header == dict + std::string(118 - dict.size() - 1, ' ') + "\n");
  // 1.0f little-endian.
  CHECK(std::vector<unsigned char>(bytes.begin() + 128, bytes.begin() + 132) ==
        std::vector<unsigned char>{0x00, 0x00, 0x80, 0x3f});
}

TEST_CASE("rank 0 and rank 1 shapes are Python tuples") {
  TempFile scalar("scalar.npy"), vector("vector.npy");
  double x = 2.5;
  write(scalar.path(), &x, {});
  std::vector<unsigned char> s = file_bytes(scalar.path());
  CHECK(std::string(s.begin() + 10, s.end()).find("'shape': (), }") != std::string::npos);
  int64_t v[3] = {1, 2, 3};
  write(vector.path(), v, {3});
  std::vector<unsigned char> w = file_bytes(vector.path());
  CHECK(std::string(w.begin() + 10, w.end()).find("'shape': (3,), }") != std::string::npos);
}

TEST_CASE("tensors are written and read back at their rank") {
  Tensor<double, 2> t({2, 3});
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j) t(i, j) = double(10 * i + j);
  TempFile file("tensor.npy");
  write(file.path(), t);
  Array a = read(file.path());
  Tensor<double, 2> back = to_tensor<double, 2>(a, "B");
  CHECK(back.extents() == t.extents());
  CHECK(back(1, 2) == 12.0);
  Tensor<float, 2> narrowed = to_tensor<float, 2>(a, "B");
  CHECK(narrowed(1, 1) == 11.0f);

  Tensor<float, 0> s;
  s() = 4.0f;
  TempFile scalar("tensor0.npy");
  write(scalar.path(), s);
  CHECK(to_tensor<float, 0>(read(scalar.path()), "alpha")() == 4.0f);
}

TEST_CASE("a rank-4 file becomes a row-major rank-4 tensor") {
  std::vector<int32_t> flat = sample<int32_t>(2 * 3 * 1 * 4);
  TempFile file("rank4.npy");
  write(file.path(), flat.data(), {2, 3, 1, 4});
  Tensor<int64_t, 4> t = to_tensor<int64_t, 4>(read(file.path()), "p");
  CHECK(t.extents() == std::array<int64_t, 4>{2, 3, 1, 4});
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t l = 0; l < 4; ++l) CHECK(t(i, j, 0, l) == flat[(i * 3 + j) * 4 + l]);
}


TEST_CASE("a rank mismatch names the input and both ranks") {
  Array a{DType::f4, {2, 3, 4}, std::vector<unsigned char>(2 * 3 * 4 * 4)};
  CHECK_THROWS_WITH_AS((to_tensor<float, 2>(a, "B")), "input `B` has rank 3, expected 2", Error);
  Array scalar{DType::f8, {}, std::vector<unsigned char>(8)};
  CHECK_THROWS_WITH_AS((to_tensor<double, 1>(scalar, "x")), "input `x` has rank 0, expected 1",
                       Error);
}

TEST_CASE("arrays convert numerically between dtypes") {
  std::vector<int32_t> ints = {-3, 0, 7};
  TempFile file("ints.npy");
  write(file.path(), ints.data(), {3});
  Array a = read(file.path());
  CHECK(a.to<double>() == std::vector<double>{-3.0, 0.0, 7.0});
  CHECK(a.to<float>() == std::vector<float>{-3.0f, 0.0f, 7.0f});
  CHECK(a.to<int64_t>() == std::vector<int64_t>{-3, 0, 7});

  Array whole{DType::f8, {2}, {}};
  whole.bytes.resize(16);
  double vals[2] = {4.0, -2.0};
  std::memcpy(whole.bytes.data(), vals, 16);  // the test host is little-endian
  CHECK(whole.to<int32_t>() == std::vector<int32_t>{4, -2});
}

TEST_CASE("conversions that would lose an integer value throw") {
  Array a{DType::f8, {1}, std::vector<unsigned char>(8)};
  double half = 2.5;
  std::memcpy(a.bytes.data(), &half, 8);
  CHECK_THROWS_AS(a.to<int32_t>(), Error);
  CHECK_THROWS_WITH_AS((to_tensor<int64_t, 1>(a, "p")),
                       "input `p`: array value 2.500000 is not a 64-bit integer", Error);
  Array big{DType::i8, {1}, std::vector<unsigned char>(8)};
  int64_t v = int64_t{1} << 40;
  std::memcpy(big.bytes.data(), &v, 8);
  CHECK_THROWS_AS(big.to<int32_t>(), Error);
  CHECK(big.to<int64_t>() == std::vector<int64_t>{v});
}

}  // namespace
}  // namespace ricci
