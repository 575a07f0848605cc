// The parser's expression rules: sums and products are built n-ary, nesting is bounded.
#include <fmt/format.h>

#include <charconv>
#include <climits>
#include <cstdint>
#include <system_error>

#include "syntax/parser.h"
#include "syntax/quote.h"

namespace ricci::syntax {

namespace {

template <typename Node>
ExprPtr make(SourceRange range, Node node) {
  auto e = std::make_unique<Expr>();
  e->range = range;
  e->node = std::move(node);
  return e;
}

std::string known_functions() {
  std::string out;
  for (int f = 0; f <= static_cast<int>(Function::abs); ++f)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", function_name(static_cast<Function>(f)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

Parser::Nesting::Nesting(Parser& p) : p_(p), ok_(++p.depth_ <= kMaxNesting) {
  if (ok_) return;
  p.too_deep_ = true;
  p.error(DiagKind::nesting_too_deep, p.tok().range,
          fmt::format("expression nests deeper than {} levels of parentheses, calls and unary minus", kMaxNesting));
}

// expr = term { ( "+" | "-" ) term }
ExprPtr Parser::parse_expr() {
  ExprPtr first = parse_term();
  if (!first || (!at(TokenKind::plus) && !at(TokenKind::minus))) return first;
  SourceRange range = first->range;
  Sum sum;
  sum.terms.push_back({false, std::move(first)});
  while (at(TokenKind::plus) || at(TokenKind::minus)) {
    bool subtract = take().kind == TokenKind::minus;
    ExprPtr term = parse_term();
    if (!term) return nullptr;
    range.end = term->range.end;
    sum.terms.push_back({subtract, std::move(term)});
  }
  return make(range, std::move(sum));
}

// term = unary { ( "*" | "/" ) unary }
ExprPtr Parser::parse_term() {
  ExprPtr first = parse_unary();
  if (!first || (!at(TokenKind::star) && !at(TokenKind::slash))) return first;
  SourceRange range = first->range;
  Product product;
  product.factors.push_back({false, std::move(first)});
  while (at(TokenKind::star) || at(TokenKind::slash)) {
    bool divide = take().kind == TokenKind::slash;
    ExprPtr factor = parse_unary();
    if (!factor) return nullptr;
    range.end = factor->range.end;
    product.factors.push_back({divide, std::move(factor)});
  }
  return make(range, std::move(product));
}

// unary = "-" unary | power
ExprPtr Parser::parse_unary() {
  if (!at(TokenKind::minus)) return parse_power();
  Nesting nesting(*this);
  if (!nesting.ok()) return nullptr;
  uint32_t begin = take().range.begin;
  ExprPtr operand = parse_unary();
  if (!operand) return nullptr;
  SourceRange range{begin, operand->range.end};
  return make(range, Negate{std::move(operand)});
}

// power = primary [ "^" [ "-" ] integer ]
ExprPtr Parser::parse_power() {
  ExprPtr base = parse_primary();
  if (!base || !at(TokenKind::caret)) return base;
  take();
  Power power;
  if (!parse_exponent(power)) return nullptr;
  SourceRange range{base->range.begin, power.exponent_range.end};
  power.base = std::move(base);
  return make(range, std::move(power));
}

// The `[ "-" ] integer` of a power. A number or name in its place is reported and parsed on
// (the item is dropped); anything else ends the statement.
bool Parser::parse_exponent(Power& power) {
  uint32_t begin = tok().range.begin;
  bool negative = at(TokenKind::minus);
  if (negative) take();
  const Token& t = tok();
  std::string_view s = spelling(t);
  if (t.kind == TokenKind::number && !t.malformed && all_digits(s)) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && value <= INT_MAX) {
      power.exponent = static_cast<int>(negative ? -value : value);
      power.exponent_range = {begin, take().range.end};
      return true;
    }
    error(DiagKind::invalid_exponent, t.range, fmt::format("exponent {} is out of range", quoted(s)));
  } else if (!t.malformed) {
    SourceRange range = t.range;
    if (t.kind == TokenKind::eof) range = {tokens_[pos_ - 1].range.end, tokens_[pos_ - 1].range.end};
    error(DiagKind::invalid_exponent, range, fmt::format("expected an integer exponent, got {}", describe(t)));
  }
  if (t.kind != TokenKind::number && t.kind != TokenKind::identifier) return false;
  item_ok_ = false;
  power.exponent_range = {begin, take().range.end};
  return true;
}

// primary = number | call | access | "(" expr ")"
ExprPtr Parser::parse_primary() {
  switch (tok().kind) {
    case TokenKind::number: {
      const Token& t = take();
      Number n;
      if (!t.malformed) {
        std::string_view s = spelling(t);
        std::from_chars(s.data(), s.data() + s.size(), n.value);
      }
      return make(t.range, n);
    }
    case TokenKind::identifier: {
      if (peek(1).kind == TokenKind::lparen) return parse_call();
      Access access;
      SourceRange range;
      if (!parse_access(access, range)) return nullptr;
      return make(range, std::move(access));
    }
    case TokenKind::lparen: {
      Nesting nesting(*this);
      if (!nesting.ok()) return nullptr;
      const Token& open = take();
      ExprPtr inner = parse_expr();
      if (!inner) return nullptr;
      if (!at(TokenKind::rparen)) {
        expected("`)`").notes.push_back({open.range, "to match this `(`"});
        return nullptr;
      }
      inner->range = {open.range.begin, take().range.end};
      return inner;
    }
    default:
      expected("expression");
      return nullptr;
  }
}

// call = function "(" expr ")"
// function = "exp" | "log" | "tanh" | "sigmoid" | "relu" | "sqrt" | "square" | "sin" | "cos" | "abs"
ExprPtr Parser::parse_call() {
  Nesting nesting(*this);
  if (!nesting.ok()) return nullptr;
  const Token& name = take();
  Call call;
  call.name = ident(name);
  if (auto fn = function_from_name(spelling(name))) {
    call.fn = *fn;
  } else {
    error(DiagKind::unknown_function, name.range,
          fmt::format("unknown function {}; expected one of {}", quoted(spelling(name)), known_functions()));
    item_ok_ = false;
  }
  const Token& open = take();
  call.arg = parse_expr();
  if (!call.arg) return nullptr;
  if (!at(TokenKind::rparen)) {
    expected("`)`").notes.push_back({open.range, "to match this `(`"});
    return nullptr;
  }
  SourceRange range{name.range.begin, take().range.end};
  return make(range, std::move(call));
}

}  // namespace ricci::syntax
