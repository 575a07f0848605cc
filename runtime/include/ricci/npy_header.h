// The .npy header: a Python dict literal, parsed strictly and written the way NumPy writes it.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "ricci/error.h"

namespace ricci::npy::detail {

struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

// Accepts exactly what NumPy's writers produce and its reader accepts: a dict with the keys
// 'descr' (a string), 'fortran_order' (True/False) and 'shape' (a tuple of non-negative
// integers), any whitespace, single or double quotes, trailing commas. Everything else is
// an Error naming `what` (the file), never undefined behaviour: the input is untrusted.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& what) : text_(text), what_(what) {}

  Header parse() {
    Header h;
    bool seen_descr = false, seen_fortran = false, seen_shape = false;
    expect('{');
    while (!peek_is('}')) {
      std::string key = string_literal("a key");
      expect(':');
      if (key == "descr") {
        once(seen_descr, key);
        if (peek_is('[')) fail_unsupported("structured dtypes are not supported");
        h.descr = string_literal("the `descr` string");
      } else if (key == "fortran_order") {
        once(seen_fortran, key);
        h.fortran_order = boolean();
      } else if (key == "shape") {
        once(seen_shape, key);
        h.shape = tuple();
      } else {
        fail("unexpected key `" + key + "`");
      }
      if (peek_is('}')) break;
      if (!peek_is(','))
        fail("expected `,` or `}` after the value of `" + key + "`, got " + describe_next());
      ++pos_;
    }
    expect('}');
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the dict");
    if (!seen_descr) fail("missing key `descr`");
    if (!seen_fortran) fail("missing key `fortran_order`");
    if (!seen_shape) fail("missing key `shape`");
    return h;
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(what_ + ": malformed header: " + problem);
  }

  [[noreturn]] void fail_unsupported(const std::string& problem) const {
    throw Error(what_ + ": " + problem);
  }

  void once(bool& seen, const std::string& key) const {
    if (seen) fail("duplicate key `" + key + "`");
    seen = true;
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool peek_is(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  std::string describe_next() {
    skip_space();
    if (pos_ == text_.size()) return "the end of the header";
    return std::string("`") + text_[pos_] + "`";
  }

  void expect(char c) {
    if (!peek_is(c)) fail(std::string("expected `") + c + "`, got " + describe_next());
    ++pos_;
  }

  std::string string_literal(const char* role) {
    skip_space();
    if (!peek_is('\'') && !peek_is('"'))
      fail(std::string("expected ") + role + ", got " + describe_next());
    char quote = text_[pos_++];
    std::size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string s(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }

  bool consume_word(std::string_view word) {
    skip_space();
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool boolean() {
    if (consume_word("True")) return true;
    if (consume_word("False")) return false;
    fail("expected `True` or `False` for `fortran_order`, got " + describe_next());
  }

  // Python spells a one-element tuple `(3,)`; `(3)` is the integer 3, which NumPy rejects.
  std::vector<int64_t> tuple() {
    std::vector<int64_t> dims;
    bool comma = false;
    expect('(');
    while (!peek_is(')')) {
      dims.push_back(integer());
      comma = false;
      if (peek_is(')')) break;
      expect(',');
      comma = true;
    }
    expect(')');
    if (dims.size() == 1 && !comma)
      fail("`shape` is not a tuple (a single axis is written `(n,)`)");
    return dims;
  }

  int64_t integer() {
    skip_space();
    if (pos_ == text_.size() || !std::isdigit(static_cast<unsigned char>(text_[pos_])))
      fail("expected a non-negative integer in `shape`, got " + describe_next());
    int64_t v = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      int digit = text_[pos_++] - '0';
      if (v > (std::numeric_limits<int64_t>::max() - digit) / 10)
        fail("extent in `shape` is too large");
      v = v * 10 + digit;
    }
    // Python 2 era NumPy wrote long integers with a suffix: (3L, 4L).
    if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;
    return v;
  }

  std::string_view text_;
  const std::string& what_;
  std::size_t pos_ = 0;
};

inline Header parse_header(std::string_view text, const std::string& what) {
  return HeaderParser(text, what).parse();
}

// The header dict as NumPy writes it, padded with spaces and a final newline so that the
// data starts at a multiple of 64 bytes after a preamble of `preamble_bytes`.
inline std::string format_header(std::string_view descr, const std::vector<int64_t>& shape,
                                 std::size_t preamble_bytes) {
  std::string dims;
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    if (axis > 0) dims += ", ";
    dims += std::to_string(shape[axis]);
  }
  if (shape.size() == 1) dims += ',';
  std::string dict = "{'descr': '" + std::string(descr) +
                     "', 'fortran_order': False, 'shape': (" + dims + "), }";
  std::size_t unpadded = preamble_bytes + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  return dict;
}

}  // namespace ricci::npy::detail
