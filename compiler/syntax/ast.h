// The syntax tree: mirrors grammar/ricci.ebnf rule for rule and carries source ranges.
// Sums and products are n-ary (a flat list of operands), so a 100,000-factor product is
// one node with a long vector, never a 100,000-deep tree.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "support/source.h"

namespace ricci::syntax {

struct Ident {
  std::string text;
  SourceRange range;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// number = digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]
struct Number {
  double value = 0;
};

// access = name [ "[" [ index { "," index } ] "]" ]   (no brackets: a scalar)
struct Access {
  Ident name;
  std::vector<Ident> indices;
  bool bracketed = false;  // `s[]` and `s` both denote a scalar; kept for the dump
};

// call = function "(" expr ")"
enum class Function { exp, log, tanh, sigmoid, relu, sqrt, square, sin, cos, abs };

struct Call {
  Function fn{};
  Ident name;
  ExprPtr arg;
};

// unary = "-" unary | power
struct Negate {
  ExprPtr operand;
};

// power = primary [ "^" [ "-" ] integer ]
struct Power {
  ExprPtr base;
  int exponent = 1;
  SourceRange exponent_range;
};

// term = unary { ( "*" | "/" ) unary }
struct Factor {
  bool divide = false;  // `/ operand` rather than `* operand`
  ExprPtr operand;
};
struct Product {
  std::vector<Factor> factors;  // factors[0].divide is always false
};

// expr = term { ( "+" | "-" ) term }
struct Term {
  bool subtract = false;  // `- operand` rather than `+ operand`
  ExprPtr operand;
};
struct Sum {
  std::vector<Term> terms;  // terms[0].subtract is always false
};

struct Expr {
  SourceRange range;  // includes enclosing parentheses, if any
  std::variant<Number, Access, Call, Negate, Power, Product, Sum> node;
};

// statement = access ( ":=" | "+=" ) expr
enum class AssignOp { define, accumulate };

struct Statement {
  Access lhs;
  AssignOp op = AssignOp::define;
  SourceRange op_range;
  ExprPtr rhs;
  SourceRange range;
};

// dims_clause = "dims" dim { "," dim } ;   dim = index "=" [ "-" ] integer
struct DimHint {
  Ident index;
  int64_t value = 0;
  SourceRange value_range;
};

// layer = "layer" name "{" { item | ";" } "}" ;   item = clause | statement
// clause = grad_clause | output_clause | dims_clause
// grad_clause = "grad" name { "," name } ;   output_clause = "output" name { "," name }
// Repeated clauses of one kind concatenate; the clause range covers all of them.
struct Layer {
  Ident name;
  SourceRange range;
  std::optional<SourceRange> grad_clause;  // present iff a `grad` clause was written
  std::vector<Ident> grads;
  std::optional<SourceRange> output_clause;
  std::vector<Ident> outputs;
  std::vector<DimHint> dims;
  std::vector<Statement> statements;
};

// file = { layer | ";" }
struct Module {
  std::vector<Layer> layers;
};

const char* function_name(Function fn);
std::optional<Function> function_from_name(std::string_view name);

}  // namespace ricci::syntax
