// Names of token kinds, for the token dump.
#include "syntax/token.h"

namespace ricci::syntax {

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::identifier: return "identifier";
    case TokenKind::number: return "number";
    case TokenKind::define: return "define";
    case TokenKind::accumulate: return "accumulate";
    case TokenKind::plus: return "plus";
    case TokenKind::minus: return "minus";
    case TokenKind::star: return "star";
    case TokenKind::slash: return "slash";
    case TokenKind::caret: return "caret";
    case TokenKind::lparen: return "lparen";
    case TokenKind::rparen: return "rparen";
    case TokenKind::lbracket: return "lbracket";
    case TokenKind::rbracket: return "rbracket";
    case TokenKind::lbrace: return "lbrace";
    case TokenKind::rbrace: return "rbrace";
    case TokenKind::comma: return "comma";
    case TokenKind::semicolon: return "semicolon";
    case TokenKind::equals: return "equals";
    case TokenKind::invalid: return "invalid";
    case TokenKind::eof: return "eof";
  }
  return "unknown";
}

}  // namespace ricci::syntax
