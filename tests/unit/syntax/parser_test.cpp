// Parser: tree shapes, precedence, clauses, ranges, and the large-input guarantees.
#include <doctest/doctest.h>

#include <string>

#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

struct Parsed {
  SourceFile file;
  Diagnostics diags;
  Module module;

  explicit Parsed(std::string text) : file("t.ricci", std::move(text)), diags(file), module(parse(file, diags)) {}

  std::string text(SourceRange r) const { return std::string(file.slice(r)); }
  const Layer& layer(std::size_t i = 0) const {
    REQUIRE(module.layers.size() > i);
    return module.layers[i];
  }
  const Expr& rhs(std::size_t statement = 0) const {
    REQUIRE(layer().statements.size() > statement);
    return *layer().statements[statement].rhs;
  }
};

// Parses `layer t { LHS := RHS }` and returns the dump of the statement's right-hand side.
std::string rhs_dump(const std::string& rhs) {
  Parsed p("layer t {\nA := " + rhs + "\n}\n");
  CHECK(!p.diags.has_errors());
  std::string dump = dump_ast(p.module, p.file);
  std::string marker = "    lhs A\n";
  auto at = dump.find(marker);
  REQUIRE(at != std::string::npos);
  return dump.substr(at + marker.size());
}

}  // namespace

TEST_CASE("parser: a layer with clauses and statements") {
  Parsed p(
      "layer mlp {\n"
      "  grad W, bias; output y\n"
      "  dims b=256, i=512, o=-1\n"
      "  h[b,o] := W[o,i] * x[b,i] + bias[o]\n"
      "  y[b,o] := tanh(h[b,o]); s[] += t\n"
      "}\n");
  CHECK(!p.diags.has_errors());
  const Layer& l = p.layer();
  CHECK(l.name.text == "mlp");
  CHECK(p.text(l.range) == p.file.text().substr(0, p.file.text().size() - 1));
  REQUIRE(l.grads.size() == 2);
  CHECK(l.grads[1].text == "bias");
  CHECK(p.text(*l.grad_clause) == "grad W, bias");
  REQUIRE(l.outputs.size() == 1);
  CHECK(p.text(*l.output_clause) == "output y");
  REQUIRE(l.dims.size() == 3);
  CHECK(l.dims[0].index.text == "b");
  CHECK(l.dims[0].value == 256);
  CHECK(l.dims[2].value == -1);
  CHECK(p.text(l.dims[2].value_range) == "-1");
  REQUIRE(l.statements.size() == 3);
  const Statement& s = l.statements[0];
  CHECK(s.lhs.name.text == "h");
  REQUIRE(s.lhs.indices.size() == 2);
  CHECK(s.lhs.indices[1].text == "o");
  CHECK(s.op == AssignOp::define);
  CHECK(p.text(s.op_range) == ":=");
  CHECK(p.text(s.range) == "h[b,o] := W[o,i] * x[b,i] + bias[o]");
  const Statement& acc = l.statements[2];
  CHECK(acc.op == AssignOp::accumulate);
  CHECK(acc.lhs.bracketed);
  CHECK(acc.lhs.indices.empty());
  CHECK(!l.statements[1].lhs.indices.empty());
}

TEST_CASE("parser: clause keywords are contextual") {
  Parsed p("layer layer {\n grad[i] := dims[i] * output\n layer := 2; dims := grad[i]\n}\n");
  CHECK(!p.diags.has_errors());
  CHECK(p.layer().name.text == "layer");
  CHECK(p.layer().statements.size() == 3);
  CHECK(!p.layer().grad_clause);
  CHECK(p.layer().dims.empty());
}

TEST_CASE("parser: repeated clauses concatenate") {
  Parsed p("layer t {\n grad A\n x := A*B\n grad B\n}\n");
  CHECK(!p.diags.has_errors());
  CHECK(p.layer().grads.size() == 2);
  CHECK(p.text(*p.layer().grad_clause) == "grad A\n x := A*B\n grad B");
}

TEST_CASE("parser: sums and products are n-ary, with the usual precedence") {
  CHECK(rhs_dump("a + b*c - d/e*f") ==
        "    sum @2:6\n"
        "      access a @2:6\n"
        "      + product @2:10\n"
        "        access b @2:10\n"
        "        * access c @2:12\n"
        "      - product @2:16\n"
        "        access d @2:16\n"
        "        / access e @2:18\n"
        "        * access f @2:20\n");
}

TEST_CASE("parser: unary minus binds looser than ^ and tighter than *") {
  CHECK(rhs_dump("-x^2*y") ==
        "    product @2:6\n"
        "      negate @2:6\n"
        "        power ^2 @2:7\n"
        "          access x @2:7\n"
        "      * access y @2:11\n");
  CHECK(rhs_dump("x^-1") ==
        "    power ^-1 @2:6\n"
        "      access x @2:6\n");
  CHECK(rhs_dump("--x") ==
        "    negate @2:6\n"
        "      negate @2:7\n"
        "        access x @2:8\n");
}

TEST_CASE("parser: parentheses and calls") {
  Parsed p("layer t {\n A[i] := 2 * (B[i] + 1)^2 + exp(C[i]) - s[]\n}\n");
  CHECK(!p.diags.has_errors());
  const auto& sum = std::get<Sum>(p.rhs().node);
  REQUIRE(sum.terms.size() == 3);
  CHECK(sum.terms[2].subtract);
  const auto& product = std::get<Product>(sum.terms[0].operand->node);
  const Expr& power = *product.factors[1].operand;
  CHECK(p.text(power.range) == "(B[i] + 1)^2");
  const auto& pw = std::get<Power>(power.node);
  CHECK(pw.exponent == 2);
  CHECK(p.text(pw.exponent_range) == "2");
  CHECK(p.text(pw.base->range) == "(B[i] + 1)");
  CHECK(std::holds_alternative<Sum>(pw.base->node));
  const auto& call = std::get<Call>(sum.terms[1].operand->node);
  CHECK(call.fn == Function::exp);
  CHECK(p.text(sum.terms[1].operand->range) == "exp(C[i])");
  CHECK(p.text(call.name.range) == "exp");
  const auto& scalar = std::get<Access>(sum.terms[2].operand->node);
  CHECK(scalar.bracketed);
  CHECK(std::get<Number>(product.factors[0].operand->node).value == 2);
}

TEST_CASE("parser: every function name") {
  const char* names[] = {"exp", "log", "tanh", "sigmoid", "relu", "sqrt", "square", "sin", "cos", "abs"};
  for (const char* name : names) {
    CAPTURE(name);
    Parsed p(std::string("layer t { y := ") + name + "(x) }");
    CHECK(!p.diags.has_errors());
    CHECK(function_name(std::get<Call>(p.rhs().node).fn) == std::string(name));
  }
}

TEST_CASE("parser: statements may share a line, with or without `;`") {
  Parsed p("layer a { x := y; z := w } ; layer b { p := q r := s };");
  CHECK(!p.diags.has_errors());
  REQUIRE(p.module.layers.size() == 2);
  CHECK(p.module.layers[0].statements.size() == 2);
  CHECK(p.module.layers[1].statements.size() == 2);
}

TEST_CASE("parser: an empty file is an empty module") {
  Parsed p("# nothing here\n");
  CHECK(!p.diags.has_errors());
  CHECK(p.module.layers.empty());
}

TEST_CASE("parser: a 100,000-factor product is one node") {
  std::string rhs = "x[i]";
  for (int k = 1; k < 100000; ++k) rhs += "*x[i]";
  Parsed p("layer t { y[i] := " + rhs + " }");
  CHECK(!p.diags.has_errors());
  CHECK(std::get<Product>(p.rhs().node).factors.size() == 100000);
}

TEST_CASE("parser: a 100,000-term sum is one node") {
  std::string rhs = "1";
  for (int k = 1; k < 100000; ++k) rhs += k % 2 ? "+x" : "-2";
  Parsed p("layer t { y := " + rhs + " }");
  CHECK(!p.diags.has_errors());
  CHECK(std::get<Sum>(p.rhs().node).terms.size() == 100000);
}

TEST_CASE("parser: 256 levels of parentheses, unary minus and calls are fine") {
  Parsed parens("layer t { y := " + std::string(256, '(') + "x" + std::string(256, ')') + " }");
  CHECK(!parens.diags.has_errors());
  std::string mixed =
      std::string(100, '(') + std::string(100, '-') + std::string(55, '(') + "exp(x)" + std::string(155, ')');
  Parsed p("layer t { y := " + mixed + " }");
  CHECK(!p.diags.has_errors());
}

}  // namespace ricci::syntax
