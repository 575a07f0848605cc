// Einstein rules: which indices are free, where the others are summed, and typo guards.
#include <doctest/doctest.h>

#include "sema/indices.h"
#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("an index used once and not on the left is unmatched") {
  Analyzed a = analyze_text("layer a {\n  u[i] := v[j] * x[i,k] * w[k]\n}");
  CHECK(a.summary() ==
        "2:13: unmatched-index: index `j` appears once in this statement and not on the left side; an index is "
        "summed only when it is repeated\n");
  CHECK(a.covered(0) == "j");
}

TEST_CASE("each term of a sum is a scope of its own") {
  Analyzed a = analyze_text(
      "layer a {\n  y[i] := x[i,j] + q[j]\n  z[i] := exp(x[i,j]) + q[j]\n  u[i] := q[j] * (x[i,k] + w[k])\n}");
  CHECK(a.summary() ==
        "2:15: unmatched-index: index `j` appears once in this term and not on the left side; each term of a sum "
        "is summed separately\n"
        "  2:22: note: `j` also appears here, in another term\n"
        "3:19: unmatched-index: index `j` appears once in this term and not on the left side; each term of a sum "
        "is summed separately\n"
        "  3:27: note: `j` also appears here, in another term\n"
        "4:13: unmatched-index: index `j` appears once in this statement and not on the left side; an index is "
        "summed only when it is repeated\n"
        "4:23: unmatched-index: index `k` appears once in this term and not on the left side; each term of a sum "
        "is summed separately\n"
        "  4:30: note: `k` also appears here, in another term\n");
}

TEST_CASE("a summed index may reuse its name in each term of a sum") {
  CHECK(analyze_text("layer a { h[i] := W[i,j] * x[j] + U[i,k] * y[k] }").summary().empty());
  CHECK(analyze_text("layer a { h[i] := W[i,j] * x[j] + U[i,j] * y[j] }").summary().empty());
  CHECK(analyze_text("layer a { s := w[j,j] + v[j,j] }").summary().empty());
}

// The free and summed sets the lowering relies on, read off the checker directly.
struct Checked {
  Analyzed analyzed;
  syntax::Module ast;
  StatementIndices indices;
};

Checked check_one(const char* text) {
  Checked c;
  c.analyzed.file = std::make_unique<SourceFile>("t.ricci", text);
  c.analyzed.diags = std::make_unique<Diagnostics>(*c.analyzed.file);
  c.ast = syntax::parse(*c.analyzed.file, *c.analyzed.diags);
  c.indices = check_indices(c.ast.layers.at(0).statements.at(0), *c.analyzed.diags);
  return c;
}

using Names = std::vector<std::string>;

TEST_CASE("indices summed inside a call stay inside; the others are summed around it") {
  Checked c = check_one("layer a { y[b] := tanh(W[o,i] * x[b,i]) * v[o] }");
  REQUIRE(c.analyzed.summary().empty());
  const syntax::Expr& rhs = *c.ast.layers[0].statements[0].rhs;
  const auto& outer = std::get<syntax::Product>(rhs.node);
  const syntax::Expr& call = *outer.factors[0].operand;
  const syntax::Expr& inner = *std::get<syntax::Call>(call.node).arg;
  CHECK(c.indices.summed.at(&rhs) == Names{"o"});
  CHECK(c.indices.summed.at(&inner) == Names{"i"});
  CHECK(c.indices.free_of(inner) == Names{"o", "b"});
  CHECK(c.indices.free_of(call) == Names{"o", "b"});
  CHECK(c.indices.free_of(rhs) == Names{"b"});
}

TEST_CASE("a nested sum's free indices are its terms' union; a trace is summed in its access") {
  Checked c = check_one("layer a { y[i] := (x[j] + z[i]) * w[j] * D[l,l] }");
  REQUIRE(c.analyzed.summary().empty());
  const syntax::Expr& rhs = *c.ast.layers[0].statements[0].rhs;
  const auto& product = std::get<syntax::Product>(rhs.node);
  CHECK(c.indices.free_of(*product.factors[0].operand) == Names{"j", "i"});
  CHECK(c.indices.summed.at(&rhs) == Names{"j"});
  const syntax::Expr& trace = *product.factors[2].operand;
  CHECK(c.indices.summed.at(&trace) == Names{"l"});
  CHECK(c.indices.free_of(trace).empty());
}

TEST_CASE("an index three times in one product is summed once over it, like einsum") {
  Checked c = check_one("layer a { s := x[i] * (y[i] * z[i]) }");
  REQUIRE(c.analyzed.summary().empty());
  const syntax::Expr& rhs = *c.ast.layers[0].statements[0].rhs;
  const syntax::Expr& inner = *std::get<syntax::Product>(rhs.node).factors[1].operand;
  CHECK(c.indices.summed.at(&rhs) == Names{"i"});
  CHECK_FALSE(c.indices.summed.count(&inner));
  CHECK(c.indices.free_of(inner) == Names{"i"});
}

}  // namespace ricci::sema::test
