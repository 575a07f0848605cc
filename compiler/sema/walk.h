// Every tensor access of a layer in source order, with the statement and node it sits in.
#pragma once

#include <cstddef>
#include <vector>

#include "support/source.h"
#include "syntax/ast.h"

namespace ricci::sema {

struct AccessSite {
  const syntax::Access* access = nullptr;
  const syntax::Expr* expr = nullptr;  // the right-side node holding it; null on a left side
  std::size_t statement = 0;
  SourceRange range;  // name through closing bracket, without enclosing parentheses
  bool is_lhs() const { return expr == nullptr; }
};

// Left side first, then the right side, so the order is the order of the text.
std::vector<AccessSite> collect_accesses(const syntax::Layer& layer, const SourceFile& file);

// The right-side accesses of one expression, in source order.
void collect_rhs_accesses(const syntax::Expr& expr, std::size_t statement, const SourceFile& file,
                          std::vector<AccessSite>& out);

// The operands of a right-side node, in source order.
std::vector<const syntax::Expr*> children(const syntax::Expr& expr);

SourceRange access_range(const syntax::Access& access, const SourceFile& file);

}  // namespace ricci::sema
