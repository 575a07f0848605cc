// The products a program already computes, by a canonical form, so that a product planned
// later can reuse them instead of computing them again.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/builder.h"

namespace ricci::opt {

// A factor of a product: a value read with labels numbered by the product's Contract, one per
// axis (a repeated label reads a diagonal).
struct Factor {
  ir::ValueId value = 0;
  std::vector<ir::Label> labels;
};

// Canonical form of "the product of these factors, keeping these labels": the factors sorted
// by value (then by labels), labels renumbered by first appearance, the kept labels as a set.
// Operand order and index names do not matter, so `B[i,j]*C[j,k] -> [i,k]` and
// `C[q,r]*B[p,q] -> [r,p]` are one product (the second a transpose of the first's value).
class Subproducts {
 public:
  // The value computing the product of `factors` that keeps exactly `kept`, read with the
  // labels of `factors`; nullopt if none was recorded.
  std::optional<Factor> find(const std::vector<const Factor*>& factors,
                             const std::vector<ir::Label>& kept) const;

  // Records `value` as the product of `factors` with result labels `out` (distinct).
  void add(const std::vector<const Factor*>& factors, const std::vector<ir::Label>& out, ir::ValueId value);

  // Records `id` under its own operands if it is a plain product: a Contract with
  // coefficient 1, at least one operand, distinct result labels and every label read.
  void add_value(const ir::Builder& b, ir::ValueId id);

 private:
  struct Entry {
    ir::ValueId value = 0;
    std::vector<int> pattern;  // the value's axes as canonical label numbers
  };
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ricci::opt
