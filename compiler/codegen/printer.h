// A line printer for generated code: fmt formatting, RAII indentation, commented closers.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ricci::codegen {

class Printer {
 public:
  // Prints one line at the current indentation.
  template <class... Args>
  void line(fmt::format_string<Args...> format, Args&&... args) {
    put(fmt::format(format, std::forward<Args>(args)...));
  }
  // Prints `text`, indenting each of its lines.
  void put(std::string_view text);
  void blank();
  // `// text`, word-wrapped at kWidth columns, continuation lines indented by two spaces.
  void comment(std::string_view text);

  // `head(a, b, ...)tail`, wrapped after commas at kWidth columns (at the current
  // indentation) with continuation lines aligned after the parenthesis; `brackets` may be
  // "{}" for a braced initializer. Not printed: the result goes to put() or a Block head.
  std::string wrap(std::string_view head, const std::vector<std::string>& items, std::string_view tail,
                   std::string_view brackets = "()") const;
  static constexpr std::size_t kWidth = 100;

  // Indents every line printed while it lives.
  class Indent {
   public:
    explicit Indent(Printer& p) : p_(p) { ++p_.depth_; }
    ~Indent() { --p_.depth_; }
    Indent(const Indent&) = delete;
    Indent& operator=(const Indent&) = delete;

   private:
    Printer& p_;
  };

  // Prints `head {`, indents, and on destruction prints `}` + `close` (e.g. ` // for i`,
  // `;`), so every brace the generated code opens is closed where its scope ends.
  class Block {
   public:
    Block(Printer& p, std::string_view head, std::string close);
    ~Block();
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

   private:
    Printer& p_;
    std::string close_;
  };

  const std::string& text() const { return out_; }

 private:
  std::string out_;
  int depth_ = 0;
};

}  // namespace ricci::codegen
