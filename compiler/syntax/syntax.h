// The front end's entry points: source text to tokens to syntax tree, and their dumps.
#pragma once

#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "syntax/ast.h"
#include "syntax/token.h"

namespace ricci::syntax {

// Never fails: malformed input yields diagnostics and a best-effort token list ending in eof.
std::vector<Token> lex(const SourceFile& file, Diagnostics& diags);

// Parses a whole file (lexing included). Recovers at statement and layer boundaries so one
// run reports several errors; the returned tree holds what parsed cleanly.
Module parse(const SourceFile& file, Diagnostics& diags);

// Deterministic dumps for `ricci show --emit=tokens|ast` and the golden tests.
std::string dump_tokens(const std::vector<Token>& tokens, const SourceFile& file);
std::string dump_ast(const Module& module, const SourceFile& file);

}  // namespace ricci::syntax
