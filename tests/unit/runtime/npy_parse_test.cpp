// .npy parsing: format versions 2.0 and 3.0, lenient spellings, and one test per malformed file.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "ricci/npy.h"

namespace ricci {
namespace {

using namespace npy;

// A .npy image: preamble for the version, then the header text verbatim, then `data`.
std::string image(int major, int minor, const std::string& header, const std::string& data) {
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += static_cast<char>(minor);
  std::size_t n = header.size();
  int length_bytes = major == 1 ? 2 : 4;
  for (int b = 0; b < length_bytes; ++b) out += static_cast<char>((n >> (8 * b)) & 0xff);
  return out + header + data;
}

std::string dict(const std::string& descr, const std::string& shape,
                 const std::string& fortran = "False") {
  return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape +
         ", }\n";
}

std::string doubles(std::vector<double> v) {
  std::string s(v.size() * 8, '\0');
  std::memcpy(s.data(), v.data(), s.size());  // the test host is little-endian
  return s;
}

Array parse_image(const std::string& bytes) { return parse(bytes.data(), bytes.size(), "B.npy"); }

// The message parse() throws for `bytes`, or "" when it succeeds.
std::string error_of(const std::string& bytes) {
  try {
    parse_image(bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const std::string six = doubles({1, 2, 3, 4, 5, 6});

TEST_CASE("format versions 2.0 and 3.0 have a four-byte header length") {
  for (int major : {2, 3}) {
    std::string header = dict("<f8", "(2, 3)");
    header.insert(header.size() - 1, std::string(64 - (12 + header.size()) % 64, ' '));
    Array a = parse_image(image(major, 0, header, six));
    CHECK(a.dtype == DType::f8);
    CHECK(a.shape == std::vector<int64_t>{2, 3});
    CHECK(a.to<double>() == std::vector<double>{1, 2, 3, 4, 5, 6});
  }
}

TEST_CASE("headers written by other tools and older NumPy are accepted") {
  const std::string one = doubles({1});
  for (std::string header : {
           std::string("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1,)}"),
           std::string("{'shape': (1,), 'fortran_order': False, 'descr': '<f8'}      \n"),
           std::string("{ 'descr' : '<f8' ,\n 'fortran_order' : False , 'shape' : ( 1 , ) , }"),
           std::string("{'descr': '<f8', 'fortran_order': False, 'shape': (1L,), }\n"),
       }) {
    CAPTURE(header);
    CHECK(error_of(image(1, 0, header, one)) == "");
  }
}

TEST_CASE("fortran_order is harmless when at most one axis is longer than 1") {
  CHECK(parse_image(image(1, 0, dict("<f8", "(6,)", "True"), six)).shape.size() == 1);
  CHECK(parse_image(image(1, 0, dict("<f8", "(1, 6)", "True"), six)).shape.size() == 2);
}

TEST_CASE("error: missing file") {
  CHECK_THROWS_WITH_AS(read("/nonexistent-ricci-dir/B.npy"),
                       "/nonexistent-ricci-dir/B.npy: cannot open file: No such file or directory",
                       Error);
}

TEST_CASE("error: a path that cannot be read") {
  std::string dir = std::filesystem::temp_directory_path().string();
  CHECK_THROWS_WITH_AS(read(dir), (dir + ": cannot read file: Is a directory").c_str(), Error);
}

TEST_CASE("error: bad magic string") {
  std::string expected = "B.npy: not a .npy file (bad magic string)";
  CHECK(error_of("") == expected);
  CHECK(error_of("\x93NUM") == expected);
  CHECK(error_of("PK\x03\x04 a zip file, perhaps an .npz") == expected);
}

TEST_CASE("error: unsupported version") {
  CHECK(error_of(image(4, 0, dict("<f8", "(6,)"), six)) ==
        "B.npy: unsupported .npy format version 4.0 (expected 1.0, 2.0 or 3.0)");
  CHECK(error_of(image(1, 1, dict("<f8", "(6,)"), six)) ==
        "B.npy: unsupported .npy format version 1.1 (expected 1.0, 2.0 or 3.0)");
  CHECK(error_of(image(0, 0, dict("<f8", "(6,)"), six)) ==
        "B.npy: unsupported .npy format version 0.0 (expected 1.0, 2.0 or 3.0)");
}

TEST_CASE("error: big-endian dtype") {
  CHECK(error_of(image(1, 0, dict(">f8", "(6,)"), six)) ==
        "B.npy: big-endian dtype `>f8` is not supported");
}

TEST_CASE("error: unsupported dtype") {
  for (std::string descr : {"<u2", "|b1", "<c16", "<f2", "=f8", ""}) {
    CHECK(error_of(image(1, 0, dict(descr, "(6,)"), six)) ==
          "B.npy: unsupported dtype `" + descr + "` (expected `<f4`, `<f8`, `<i4` or `<i8`)");
  }
  CHECK(error_of(image(1, 0, "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (6,)}",
                       six)) == "B.npy: structured dtypes are not supported");
}

TEST_CASE("error: fortran_order") {
  CHECK(error_of(image(1, 0, dict("<f8", "(2, 3)", "True"), six)) ==
        "B.npy: fortran_order arrays are not supported (save in C order)");
}

TEST_CASE("error: truncated data") {
  CHECK(error_of(image(1, 0, dict("<f8", "(2, 3)"), six.substr(0, 20))) ==
        "B.npy: truncated data: expected 48 bytes, got 20");
  CHECK(error_of(image(1, 0, dict("<f8", "(7,)"), "")) ==
        "B.npy: truncated data: expected 56 bytes, got 0");
}

TEST_CASE("error: data left over after the array") {
  CHECK(error_of(image(1, 0, dict("<f8", "(5,)"), six)) ==
        "B.npy: 8 unexpected bytes after the data");
}

TEST_CASE("error: truncated header") {
  CHECK(error_of(std::string("\x93NUMPY\x01", 7)) == "B.npy: truncated header");
  CHECK(error_of(std::string("\x93NUMPY\x02\x00\x10\x00", 10)) == "B.npy: truncated header");
  std::string full = image(1, 0, dict("<f8", "(6,)"), "");
  CHECK(error_of(full.substr(0, 20)) == "B.npy: truncated header: expected " +
                                             std::to_string(full.size() - 10) + " bytes, got 10");
}

TEST_CASE("error: malformed header") {
  struct Case {
    std::string header, problem;
  };
  const std::string f8 = "'descr': '<f8', ";
  const std::string c = "'fortran_order': False, ";
  for (const Case& k : std::vector<Case>{
           {"", "expected `{`, got the end of the header"},
           {"{'descr': '<f8', 'fortran_order': False",
            "expected `,` or `}` after the value of `fortran_order`, got the end of the header"},
           {"{'descr': '<f8', ", "expected a key, got the end of the header"},
           {"{" + f8 + c + "}", "missing key `shape`"},
           {"{" + c + "'shape': (6,)}", "missing key `descr`"},
           {"{" + f8 + "'shape': (6,)}", "missing key `fortran_order`"},
           {"{" + f8 + f8 + c + "'shape': (6,)}", "duplicate key `descr`"},
           {"{" + f8 + c + "'shape': (6,), 'order': 'C'}", "unexpected key `order`"},
           {"{descr: '<f8'}", "expected a key, got `d`"},
           {"{'descr' '<f8'}", "expected `:`, got `'`"},
           {"{'descr': '<f8' 'shape': (6,)}",
            "expected `,` or `}` after the value of `descr`, got `'`"},
           {"{'descr': '<f8", "unterminated string"},
           {"{'descr': 8}", "expected the `descr` string, got `8`"},
           {"{" + f8 + "'fortran_order': 0, 'shape': (6,)}",
            "expected `True` or `False` for `fortran_order`, got `0`"},
           {"{" + f8 + c + "'shape': (6)}",
            "`shape` is not a tuple (a single axis is written `(n,)`)"},
           {"{" + f8 + c + "'shape': [6]}", "expected `(`, got `[`"},
           {"{" + f8 + c + "'shape': (-6,)}",
            "expected a non-negative integer in `shape`, got `-`"},
           {"{" + f8 + c + "'shape': (6,,)}",
            "expected a non-negative integer in `shape`, got `,`"},
           {"{" + f8 + c + "'shape': (99999999999999999999,)}", "extent in `shape` is too large"},
           {"{" + f8 + c + "'shape': (4294967296, 4294967296, 4294967296)}",
            "`shape` is too large"},
           {"{" + f8 + c + "'shape': (6,)} extra", "unexpected text after the dict"},
       }) {
    CAPTURE(k.header);
    CHECK(error_of(image(1, 0, k.header, six)) == "B.npy: malformed header: " + k.problem);
  }
}

TEST_CASE("no corruption of a valid file crashes the reader") {
  const std::string good = image(1, 0, dict("<f8", "(2, 3)"), six);
  REQUIRE(error_of(good) == "");
  for (std::size_t n = 0; n < good.size(); ++n) {
    CAPTURE(n);
    CHECK(error_of(good.substr(0, n)) != "");
  }
  int accepted = 0, rejected = 0;
  for (std::size_t at = 0; at < good.size() - six.size(); ++at) {
    for (char byte : {'\0', '\xff', '(', ')', ',', '9', ' ', '\'', '{', '}', 'L', '<', ':'}) {
      std::string bad = good;
      bad[at] = byte;
      (error_of(bad).empty() ? accepted : rejected) += 1;
    }
  }
  // Reaching here without another exception or a crash is the test; both outcomes occur.
  CHECK(rejected > 0);
  CHECK(accepted > 0);
}

}  // namespace
}  // namespace ricci
