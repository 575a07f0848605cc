// Two-space indentation; blank lines carry no trailing whitespace.
#include "codegen/printer.h"

namespace ricci::codegen {

void Printer::put(std::string_view text) {
  for (;;) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty()) out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
    out_.append(line);
    out_.push_back('\n');
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + 1);
  }
}

std::string Printer::wrap(std::string_view head, const std::vector<std::string>& items, std::string_view tail,
                          std::string_view brackets) const {
  std::string text(head);
  text.push_back(brackets[0]);
  const std::string close = brackets[1] + std::string(tail);
  const std::size_t indent = static_cast<std::size_t>(depth_) * 2;
  const std::size_t align = text.size();
  std::size_t column = indent + text.size();
  for (std::size_t k = 0; k < items.size(); ++k) {
    std::string item = items[k] + (k + 1 < items.size() ? std::string(",") : close);
    bool first = k == 0;
    if (!first && column + 1 + item.size() > kWidth) {
      text += "\n" + std::string(align, ' ');
      column = indent + align;
    } else if (!first) {
      text.push_back(' ');
      ++column;
    }
    text += item;
    column += item.size();
  }
  if (items.empty()) text += close;
  return text;
}

void Printer::blank() { out_.push_back('\n'); }

void Printer::comment(std::string_view text) {
  const std::size_t width = kWidth - static_cast<std::size_t>(depth_) * 2;
  std::string prefix = "// ";
  std::string line;
  auto flush = [&] {
    put(line.empty() ? "//" : prefix + line);
    prefix = "//   ";
    line.clear();
  };
  while (!text.empty()) {
    std::size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
    if (word.empty()) continue;
    if (!line.empty() && prefix.size() + line.size() + 1 + word.size() > width) flush();
    if (!line.empty()) line.push_back(' ');
    line.append(word);
  }
  flush();
}

Printer::Block::Block(Printer& p, std::string_view head, std::string close)
    : p_(p), close_(std::move(close)) {
  p_.put(std::string(head) + " {");
  ++p_.depth_;
}

Printer::Block::~Block() {
  --p_.depth_;
  p_.put("}" + close_);
}

}  // namespace ricci::codegen
