// Collection and clang-style rendering of diagnostics.
#include "support/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace ricci {

std::string_view spelling(DiagKind kind) {
  switch (kind) {
#define DIAG(id, text) \
  case DiagKind::id:   \
    return text;
#include "support/diagnostic_kinds.def"
#undef DIAG
  }
  return "unknown";
}

const std::vector<DiagKind>& all_diag_kinds() {
  static const std::vector<DiagKind> kinds = {
#define DIAG(id, text) DiagKind::id,
#include "support/diagnostic_kinds.def"
#undef DIAG
  };
  return kinds;
}

Diagnostic& Diagnostics::error(DiagKind kind, SourceRange range, std::string message) {
  return report(Severity::error, kind, range, std::move(message));
}

Diagnostic& Diagnostics::warning(DiagKind kind, SourceRange range, std::string message) {
  return report(Severity::warning, kind, range, std::move(message));
}

Diagnostic& Diagnostics::report(Severity severity, DiagKind kind, SourceRange range, std::string message) {
  scratch_ = {};
  if (full()) return scratch_;
  if (severity == Severity::error && ++error_count_ == max_errors_) {
    diags_.push_back({severity, kind, range, std::move(message), {}});
    diags_.push_back({Severity::error, DiagKind::too_many_errors, range,
                      fmt::format("too many errors ({}); stopping", max_errors_), {}});
    return diags_[diags_.size() - 2];
  }
  diags_.push_back({severity, kind, range, std::move(message), {}});
  return diags_.back();
}

namespace {

constexpr std::size_t kMaxShownColumns = 100;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
  return n;
}

// One printable cell per source character: control bytes become spaces and invalid UTF-8
// becomes '?', so the caret line stays aligned and the terminal never sees raw bytes.
struct Cells {
  std::vector<std::string> text;
  std::vector<std::size_t> byte_of;  // first byte of each cell
};

Cells to_cells(std::string_view line) {
  Cells cells;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t n = utf8_length(line, i);
    auto c = static_cast<unsigned char>(line[i]);
    cells.byte_of.push_back(i);
    if (n == 0) {
      cells.text.emplace_back("?");
      n = 1;
    } else if (n == 1 && (c < 0x20 || c == 0x7F)) {
      cells.text.emplace_back(" ");
    } else {
      cells.text.emplace_back(line.substr(i, n));
    }
    i += n;
  }
  return cells;
}

std::size_t cell_at(const Cells& cells, std::size_t byte) {
  auto it = std::upper_bound(cells.byte_of.begin(), cells.byte_of.end(), byte);
  return it == cells.byte_of.begin() ? 0 : static_cast<std::size_t>(it - cells.byte_of.begin()) - 1;
}

void render_one(std::ostream& os, const SourceFile& file, Severity severity, std::string_view kind,
                SourceRange range, std::string_view message, bool color) {
  LineCol lc = file.line_col(range.begin);
  std::string_view label = severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "note";
  std::string_view label_color = severity == Severity::error ? "\033[1;31m" : severity == Severity::warning ? "\033[1;35m" : "\033[1;36m";
  if (color)
    os << fmt::format("\033[1m{}:{}:{}: {}{}:\033[0m\033[1m {}", file.name(), lc.line, lc.column, label_color, label, message);
  else
    os << fmt::format("{}:{}:{}: {}: {}", file.name(), lc.line, lc.column, label, message);
  if (!kind.empty()) os << " [" << kind << "]";
  os << (color ? "\033[0m\n" : "\n");

  std::string_view line = file.line_text(range.begin);
  uint32_t line_start = range.begin - (lc.column - 1);
  Cells cells = to_cells(line);
  std::size_t first = cells.text.empty() ? 0 : cell_at(cells, lc.column - 1);
  std::size_t end_byte = std::min<std::size_t>(range.end > line_start ? range.end - line_start : 0, line.size());
  std::size_t last = end_byte > lc.column - 1 && !cells.text.empty() ? cell_at(cells, end_byte - 1) : first;
  // Show a window of the line around the caret so a 100 kB line prints as a short one.
  std::size_t from = first > kMaxShownColumns / 2 ? first - kMaxShownColumns / 2 : 0;
  std::size_t to = std::min(cells.text.size(), from + kMaxShownColumns);
  last = std::min(last, to == 0 ? 0 : to - 1);
  std::string shown, caret;
  if (from > 0) shown += "...", caret += "   ";
  for (std::size_t c = from; c < to; ++c) shown += cells.text[c];
  if (to < cells.text.size()) shown += "...";
  caret.append(first - from, ' ');
  caret += '^';
  if (last > first) caret.append(last - first, '~');
  os << "  " << shown << "\n  " << (color ? "\033[1;32m" : "") << caret << (color ? "\033[0m" : "") << "\n";
}

}  // namespace

void Diagnostics::render(std::ostream& os, bool color) const {
  for (const Diagnostic& d : diags_) {
    render_one(os, file_, d.severity, spelling(d.kind), d.range, d.message, color);
    for (const DiagNote& n : d.notes) render_one(os, file_, Severity::note, "", n.range, n.message, color);
  }
}

}  // namespace ricci
