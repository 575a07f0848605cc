// The recursive-descent parser (internal to the syntax phase): one method per grammar rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"
#include "syntax/ast.h"
#include "syntax/token.h"

namespace ricci::syntax {

class Parser {
 public:
  // Parentheses, unary minus and calls nest at most this deep, which also bounds the depth
  // of the tree (so its destructors and every later recursive walk stay shallow).
  static constexpr int kMaxNesting = 256;

  // `lexer_diags` are the lexer's errors, merged into `diags` in source order as parsing
  // passes their positions, so the report reads top to bottom.
  Parser(const SourceFile& file, const std::vector<Token>& tokens, std::vector<Diagnostic> lexer_diags,
         Diagnostics& diags);

  Module parse_file();

 private:
  // Layers, clauses and statements (parser.cpp).
  void parse_layer(Module& module);
  void parse_layer_body(Layer& layer, const Token& lbrace);
  bool parse_item(Layer& layer, bool& saw_statement);
  bool parse_name_list(std::vector<Ident>& names, std::optional<SourceRange>& clause);
  bool parse_dims(Layer& layer);
  bool parse_statement(Layer& layer);
  bool parse_access(Access& access, SourceRange& range);

  // Expressions (parse_expr.cpp). Each returns nullptr after reporting an error that
  // leaves the statement unparseable; the caller then recovers.
  ExprPtr parse_expr();
  ExprPtr parse_term();
  ExprPtr parse_unary();
  ExprPtr parse_power();
  ExprPtr parse_primary();
  ExprPtr parse_call();
  bool parse_exponent(Power& power);

  // Tokens and errors.
  const Token& tok() const { return tokens_[pos_]; }
  const Token& peek(std::size_t ahead) const;
  bool at(TokenKind kind) const { return tok().kind == kind; }
  bool at_word(std::string_view word) const;
  bool at_layer_header() const;
  const Token& take();
  std::string_view spelling(const Token& t) const { return file_.slice(t.range); }
  Ident ident(const Token& t) const { return {std::string(spelling(t)), t.range}; }
  // Every parser error goes through here, after the lexer's errors that precede it.
  Diagnostic& error(DiagKind kind, SourceRange range, std::string message);
  void flush_lexer_diags(uint32_t up_to);
  // "expected WHAT, got `X`" at the current token (just after the previous one at eof).
  Diagnostic& expected(std::string_view what);
  std::string describe(const Token& t) const;
  void start_item();
  void recover(std::size_t item_start);
  void skip_to_layer_header();

  // Counts one level of nesting for its lifetime; ok() is false past kMaxNesting.
  class Nesting {
   public:
    explicit Nesting(Parser& p);
    ~Nesting() { --p_.depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    bool ok() const { return ok_; }

   private:
    Parser& p_;
    bool ok_;
  };

  const SourceFile& file_;
  Diagnostics& diags_;
  // The lexer's tokens without invalid runs; tokens next to a run are marked malformed.
  std::vector<Token> tokens_;
  std::vector<Diagnostic> lexer_diags_;
  std::size_t next_lexer_diag_ = 0;
  std::size_t pos_ = 0;
  int depth_ = 0;
  // Cleared when the current item holds an error that did not stop its parse (an unknown
  // function, a bad exponent, a malformed token): the item is parsed on, then dropped.
  bool item_ok_ = true;
  // Set once the current item has taken a token the lexer reported: a later "expected"
  // error in the item is most likely a consequence, so it is not reported.
  bool item_lexer_error_ = false;
  // Set when an item was abandoned for nesting too deep: recovery then also skips the
  // parentheses still open, which may span many lines.
  bool too_deep_ = false;
  // Where the last parser error was, so that one spot never gets two errors (a truncated
  // file would otherwise add "expected `}`" to the error that found the end).
  uint32_t last_error_at_ = UINT32_MAX;
  Diagnostic scratch_;
};

}  // namespace ricci::syntax
