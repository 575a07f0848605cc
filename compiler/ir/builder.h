// The only way to create IR values: checking factories with folding and uniquing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::ir {

// Builds one Program. Every factory checks its operands (ranks, label extents, shapes) with
// RICCI_CHECK, folds trivial cases, and returns an existing value when an identical
// operation was already built, so equal subexpressions are one ValueId.
// Folding: coeff 0 or a zero operand gives a zero constant; a broadcast-constant operand
// folds into the coefficient (its labels stay, so a summed one still scales by its extent);
// a relabelling operand (one operand, no summed, broadcast or repeated labels) is read
// through; a single operand read with coefficient 1 in its own axis order is the operand
// itself. A map of a constant folds numerically, powi 1 is its argument, powi 0 is 1. An
// Add flattens nested Adds, sums its constants, drops zeros, merges a repeated term x into
// k*x, and of one term is that term. Uniquing keeps the first name; an unnamed value takes
// the name of a later identical one. docs/ir.md has the details.
class Builder {
 public:
  explicit Builder(std::vector<Extent> extents);

  const std::vector<Extent>& extents() const { return extents_; }
  const Value& at(ValueId id) const { return values_.at(static_cast<std::size_t>(id)); }

  ValueId input(std::string name, Shape shape);
  ValueId contract(double coeff, std::vector<Operand> operands, std::vector<Label> out,
                   std::vector<LabelInfo> labels, std::string name = "");
  ValueId map(Fn fn, ValueId arg, int exponent = 0, std::string name = "");
  ValueId add(std::vector<ValueId> terms, std::string name = "");
  ValueId constant(double value, Shape shape);

  // The constant value of `id` if it is a broadcast constant (a Contract with no operands).
  std::optional<double> constant_value(ValueId id) const;

  // Copies every value of `p` into this builder (uniquing against what is there) and
  // returns the new id of each old one, so derived programs can extend a forward program.
  // A value of `p` that `replacements` maps is not copied: it becomes the id given there.
  std::vector<ValueId> import(const Program& p, const std::map<ValueId, ValueId>& replacements = {});

  void output(std::string name, ValueId value);

  // The finished program: only values that outputs depend on (and all inputs) survive,
  // renumbered in order.
  Program finish(std::string layer, ProgramKind kind) const;

 private:
  ValueId push(Op op, Shape shape, std::string name);

  std::vector<Extent> extents_;
  std::vector<Value> values_;
  std::vector<ValueId> inputs_;
  std::vector<Result> outputs_;
  std::map<std::string, ValueId> unique_;  // structural key -> value
};

}  // namespace ricci::ir
