// Diagnostics: typed, collected into a sink, rendered clang-style with a caret.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "support/source.h"

namespace ricci {

enum class DiagKind {
#define DIAG(id, spelling) id,
#include "support/diagnostic_kinds.def"
#undef DIAG
};

std::string_view spelling(DiagKind kind);
// All kinds, in .def order (for the coverage test).
const std::vector<DiagKind>& all_diag_kinds();

enum class Severity { error, warning, note };

struct DiagNote {
  SourceRange range;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  DiagKind kind{};
  SourceRange range;
  std::string message;
  std::vector<DiagNote> notes;
};

// The sink every phase reports into. Phases keep going after an error where recovery is
// sensible; after `max_errors` errors further ones are dropped and one too-many-errors
// error closes the list, so output stays bounded on any input.
class Diagnostics {
 public:
  explicit Diagnostics(const SourceFile& file, std::size_t max_errors = 20)
      : file_(file), max_errors_(max_errors) {}

  // Returns the stored diagnostic so callers can attach notes (a scratch one once full).
  Diagnostic& error(DiagKind kind, SourceRange range, std::string message);
  Diagnostic& warning(DiagKind kind, SourceRange range, std::string message);

  bool has_errors() const { return error_count_ > 0; }
  // True once the error limit is reached: phases may stop early.
  bool full() const { return error_count_ >= max_errors_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  const SourceFile& file() const { return file_; }

  // Renders every diagnostic as
  //   file:line:col: error: message [kind]
  //     <source line>
  //     ^~~~
  // followed by its notes in the same form.
  void render(std::ostream& os, bool color = false) const;

 private:
  Diagnostic& report(Severity severity, DiagKind kind, SourceRange range, std::string message);

  const SourceFile& file_;
  std::size_t max_errors_;
  std::size_t error_count_ = 0;
  std::vector<Diagnostic> diags_;
  Diagnostic scratch_;
};

}  // namespace ricci
