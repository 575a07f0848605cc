// Source text, byte ranges into it, and line/column lookup for diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ricci {

// A half-open byte range [begin, end) into one SourceFile.
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;

  static SourceRange cover(SourceRange a, SourceRange b) {
    return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
  }
};

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in bytes
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string_view slice(SourceRange r) const;
  LineCol line_col(uint32_t offset) const;
  // The line holding `offset`, without its newline.
  std::string_view line_text(uint32_t offset) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace ricci
