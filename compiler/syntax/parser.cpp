// The parser's structure rules (file, layer, clauses, statement, access), token handling
// and error recovery. Each rule of grammar/ricci.ebnf is quoted above the method parsing it.
#include "syntax/parser.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <system_error>

#include "support/internal_error.h"
#include "syntax/quote.h"
#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

// Bounds the lexer's own sink; only the first few errors of a file are ever shown.
constexpr std::size_t kMaxLexerDiags = 1000;

}  // namespace

Parser::Parser(const SourceFile& file, const std::vector<Token>& tokens, std::vector<Diagnostic> lexer_diags,
               Diagnostics& diags)
    : file_(file), diags_(diags), lexer_diags_(std::move(lexer_diags)) {
  RICCI_CHECK(!tokens.empty() && tokens.back().kind == TokenKind::eof, "token list must end in eof");
  tokens_.reserve(tokens.size());
  bool after_invalid = false;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::invalid) {
      if (!tokens_.empty()) tokens_.back().malformed = true;
      after_invalid = true;
      continue;
    }
    tokens_.push_back(t);
    // The end of the file is never part of the garbage: "expected `}`" there stays real.
    if (after_invalid && t.kind != TokenKind::eof) tokens_.back().malformed = true;
    after_invalid = false;
  }
}

const Token& Parser::peek(std::size_t ahead) const {
  std::size_t i = pos_ + ahead;
  return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
}

bool Parser::at_word(std::string_view word) const { return at(TokenKind::identifier) && spelling(tok()) == word; }

bool Parser::at_layer_header() const { return at_word("layer") && peek(1).kind == TokenKind::identifier; }

const Token& Parser::take() {
  const Token& t = tokens_[pos_];
  if (t.malformed) {
    item_ok_ = false;
    item_lexer_error_ = true;
  }
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

std::string Parser::describe(const Token& t) const {
  return t.kind == TokenKind::eof ? std::string("end of file") : quoted(spelling(t));
}

void Parser::flush_lexer_diags(uint32_t up_to) {
  for (; next_lexer_diag_ < lexer_diags_.size(); ++next_lexer_diag_) {
    Diagnostic& d = lexer_diags_[next_lexer_diag_];
    if (d.range.begin > up_to) return;
    if (d.kind == DiagKind::too_many_errors) continue;  // the lexer's own sink filled up
    diags_.error(d.kind, d.range, std::move(d.message)).notes = std::move(d.notes);
  }
}

Diagnostic& Parser::error(DiagKind kind, SourceRange range, std::string message) {
  flush_lexer_diags(range.begin);
  last_error_at_ = range.begin;
  return diags_.error(kind, range, std::move(message));
}

Diagnostic& Parser::expected(std::string_view what) {
  SourceRange range = tok().range;
  // At the end of the file, point just past the last token rather than at an empty line.
  if (at(TokenKind::eof) && pos_ > 0) range = {tokens_[pos_ - 1].range.end, tokens_[pos_ - 1].range.end};
  if (range.begin == last_error_at_ || item_lexer_error_ || tok().malformed) {
    scratch_ = {};
    return scratch_;
  }
  return error(DiagKind::expected_token, range, fmt::format("expected {}, got {}", what, describe(tok())));
}

void Parser::start_item() {
  item_ok_ = true;
  item_lexer_error_ = false;
}

// Skips the rest of a broken item: to the next `;`, `}`, layer header, or identifier that
// begins a line (the only tokens that can start an item), always moving at least one token.
void Parser::recover(std::size_t item_start) {
  if (too_deep_) {
    too_deep_ = false;
    int open = 0;
    for (std::size_t i = item_start; i < pos_; ++i)
      open += tokens_[i].kind == TokenKind::lparen ? 1 : tokens_[i].kind == TokenKind::rparen ? -1 : 0;
    for (; open > 0 && !at(TokenKind::eof) && !at(TokenKind::rbrace) && !at_layer_header(); take())
      open += at(TokenKind::lparen) ? 1 : at(TokenKind::rparen) ? -1 : 0;
  }
  if (pos_ <= item_start) take();
  while (!at(TokenKind::eof) && !at(TokenKind::semicolon) && !at(TokenKind::rbrace) &&
         !(tok().at_line_start && at(TokenKind::identifier)) && !at_layer_header())
    take();
}

void Parser::skip_to_layer_header() {
  while (!at(TokenKind::eof) && !at_layer_header()) take();
}

// file = { layer | ";" }
Module Parser::parse_file() {
  Module module;
  while (!at(TokenKind::eof) && !diags_.full()) {
    if (at(TokenKind::semicolon)) {
      take();
    } else if (at_word("layer")) {
      parse_layer(module);
    } else {
      start_item();
      expected("`layer`");
      take();
      skip_to_layer_header();
    }
  }
  flush_lexer_diags(UINT32_MAX);
  return module;
}

// layer = "layer" name "{" { item | ";" } "}"
void Parser::parse_layer(Module& module) {
  const Token& keyword = take();
  Layer layer;
  start_item();
  bool named = at(TokenKind::identifier);
  if (named) {
    layer.name = ident(take());
  } else {
    expected("layer name");
    if (!at(TokenKind::lbrace)) return skip_to_layer_header();
  }
  bool header_ok = named && item_ok_;
  if (at(TokenKind::lbrace)) {
    take();
  } else {
    expected("`{`");
    // A forgotten `{` before a body on the next lines: parse the body anyway.
    if (!tok().at_line_start || !at(TokenKind::identifier)) return skip_to_layer_header();
  }
  parse_layer_body(layer, keyword);
  layer.range = {keyword.range.begin, tokens_[pos_ > 0 ? pos_ - 1 : 0].range.end};
  if (header_ok && !layer.statements.empty()) module.layers.push_back(std::move(layer));
}

void Parser::parse_layer_body(Layer& layer, const Token& keyword) {
  bool saw_statement = false;
  for (;;) {
    if (diags_.full()) return;
    if (at(TokenKind::semicolon)) {
      take();
    } else if (at(TokenKind::rbrace)) {
      take();
      break;
    } else if (at(TokenKind::eof) || at_layer_header()) {
      start_item();  // the missing `}` is the layer's error, whatever its last item held
      std::string what = layer.name.text.empty() ? "the layer" : fmt::format("layer `{}`", layer.name.text);
      expected("`}`").notes.push_back({keyword.range, fmt::format("{} begins here", what)});
      break;
    } else {
      std::size_t start = pos_;
      start_item();
      if (!parse_item(layer, saw_statement)) {
        saw_statement = true;  // something was written there: not an empty layer
        recover(start);
      }
    }
  }
  if (!saw_statement && !layer.name.text.empty())
    error(DiagKind::empty_layer, layer.name.range, fmt::format("layer `{}` has no statements", layer.name.text));
}

// item = clause | statement
// clause = grad_clause | output_clause | dims_clause
// A clause keyword counts as one only when a name follows it, so `grad[i] := ...` and
// `dims := 2` are statements about tensors named `grad` and `dims`.
bool Parser::parse_item(Layer& layer, bool& saw_statement) {
  if (!at(TokenKind::identifier)) {
    expected("statement or `}`");
    return false;
  }
  if (peek(1).kind == TokenKind::identifier) {
    if (at_word("grad")) return parse_name_list(layer.grads, layer.grad_clause);
    if (at_word("output")) return parse_name_list(layer.outputs, layer.output_clause);
    if (at_word("dims")) return parse_dims(layer);
  }
  saw_statement = true;
  return parse_statement(layer);
}

// grad_clause = "grad" name { "," name }
// output_clause = "output" name { "," name }
// Repeated clauses of one kind concatenate their lists.
bool Parser::parse_name_list(std::vector<Ident>& names, std::optional<SourceRange>& clause) {
  const Token& keyword = take();
  std::vector<Ident> parsed;
  for (;;) {
    if (!at(TokenKind::identifier)) {
      expected("tensor name");
      return false;
    }
    parsed.push_back(ident(take()));
    if (!at(TokenKind::comma)) break;
    take();
  }
  if (!item_ok_) return true;
  SourceRange range{keyword.range.begin, parsed.back().range.end};
  clause = clause ? SourceRange::cover(*clause, range) : range;
  for (Ident& name : parsed) names.push_back(std::move(name));
  return true;
}

// dims_clause = "dims" dim { "," dim }
// dim = index "=" [ "-" ] integer
// A negative or zero size parses, so that sema can say what is wrong with it.
bool Parser::parse_dims(Layer& layer) {
  take();
  std::vector<DimHint> parsed;
  for (;;) {
    DimHint dim;
    if (!at(TokenKind::identifier)) {
      expected("index name");
      return false;
    }
    dim.index = ident(take());
    if (!at(TokenKind::equals)) {
      expected("`=`");
      return false;
    }
    take();
    uint32_t begin = tok().range.begin;
    bool negative = at(TokenKind::minus);
    if (negative) take();
    if (!at(TokenKind::number)) {
      expected("integer");
      return false;
    }
    const Token& value = take();
    dim.value_range = {begin, value.range.end};
    std::string_view s = spelling(value);
    if (value.malformed) {
      item_ok_ = false;  // already reported by the lexer
    } else if (s.find_first_not_of("0123456789") != std::string_view::npos) {
      error(DiagKind::expected_token, value.range, fmt::format("expected integer, got {}", quoted(s)));
      item_ok_ = false;
    } else if (int64_t v = 0; std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc()) {
      error(DiagKind::invalid_number, value.range,
            fmt::format("integer {} is out of range for a 64-bit integer", quoted(s)));
      item_ok_ = false;
    } else {
      dim.value = negative ? -v : v;
    }
    parsed.push_back(std::move(dim));
    if (!at(TokenKind::comma)) break;
    take();
  }
  if (item_ok_)
    for (DimHint& dim : parsed) layer.dims.push_back(std::move(dim));
  return true;
}

// statement = access ( ":=" | "+=" ) expr
bool Parser::parse_statement(Layer& layer) {
  Statement s;
  SourceRange lhs_range;
  if (!parse_access(s.lhs, lhs_range)) return false;
  if (!at(TokenKind::define) && !at(TokenKind::accumulate)) {
    expected("`:=` or `+=`");
    return false;
  }
  s.op = at(TokenKind::define) ? AssignOp::define : AssignOp::accumulate;
  s.op_range = take().range;
  s.rhs = parse_expr();
  if (!s.rhs) return false;
  s.range = {lhs_range.begin, s.rhs->range.end};
  if (item_ok_) layer.statements.push_back(std::move(s));
  return true;
}

// access = name [ "[" [ index { "," index } ] "]" ]
bool Parser::parse_access(Access& access, SourceRange& range) {
  RICCI_CHECK(at(TokenKind::identifier), "an access starts with its name");
  const Token& name = take();
  access.name = ident(name);
  range = name.range;
  if (!at(TokenKind::lbracket)) return true;
  take();
  access.bracketed = true;
  while (!at(TokenKind::rbracket)) {
    if (!at(TokenKind::identifier)) {
      expected("index name");
      return false;
    }
    access.indices.push_back(ident(take()));
    if (at(TokenKind::comma)) {
      take();
      if (at(TokenKind::rbracket)) {
        expected("index name");
        return false;
      }
    } else if (!at(TokenKind::rbracket)) {
      expected("`,` or `]`");
      return false;
    }
  }
  range.end = take().range.end;
  return true;
}

Module parse(const SourceFile& file, Diagnostics& diags) {
  Diagnostics lexer_diags(file, kMaxLexerDiags);
  std::vector<Token> tokens = lex(file, lexer_diags);
  return Parser(file, tokens, lexer_diags.all(), diags).parse_file();
}

}  // namespace ricci::syntax
