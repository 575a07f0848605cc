// Tokens of the ricci language.
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
  eof,
};

struct Token {
  TokenKind kind = TokenKind::eof;
  SourceRange range;
  bool at_line_start = false;  // first token on its line: statement-level recovery point
};

std::string_view token_kind_name(TokenKind kind);

}  // namespace ricci::syntax
