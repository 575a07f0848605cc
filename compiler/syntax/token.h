// Tokens of the ricci language (grammar/ricci.ebnf, lexical part).
#pragma once

#include <string_view>

#include "support/source.h"

namespace ricci::syntax {

enum class TokenKind {
  identifier,  // names, indices, keywords are identifiers matched by spelling
  number,
  define,      // :=
  accumulate,  // +=
  plus, minus, star, slash, caret,
  lparen, rparen, lbracket, rbracket, lbrace, rbrace,
  comma, semicolon, equals,
  invalid,     // a run of bytes that start no token; already diagnosed by the lexer
  eof,
};

struct Token {
  TokenKind kind = TokenKind::eof;
  SourceRange range;
  // First token on its line, not counting invalid runs: a statement-level recovery point.
  bool at_line_start = false;
  // The lexer reported an error on this token (a malformed number, an identifier that is
  // too long, an invalid run): the parser keeps going but drops the item holding it.
  bool malformed = false;
};

// The kind's name as the token dump prints it (`identifier`, `define`, `eof`, ...).
std::string_view token_kind_name(TokenKind kind);

}  // namespace ricci::syntax
