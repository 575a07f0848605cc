// Einstein rules of one statement: which indices are free, and where each other one is summed.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "support/diagnostics.h"
#include "syntax/ast.h"

namespace ricci::sema {

// An index that is not on the left side is summed at the deepest node holding all its
// occurrences: a Product, or a single Access when all occurrences are in it (`D[l,l]`).
struct StatementIndices {
  // Per right-side node: its free indices, in order of first occurrence.
  std::unordered_map<const syntax::Expr*, std::vector<std::string>> free;
  // Per Product or Access node: the indices it sums over.
  std::unordered_map<const syntax::Expr*, std::vector<std::string>> summed;

  const std::vector<std::string>& free_of(const syntax::Expr& e) const { return free.at(&e); }
};

// Reports repeated-lhs-index and unmatched-index.
StatementIndices check_indices(const syntax::Statement& statement, Diagnostics& diags);

}  // namespace ricci::sema
