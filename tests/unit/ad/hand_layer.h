// Building forward programs by hand for the AD tests, with labels spelled as letters.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/builder.h"

namespace ricci::ad::test {

// One extent per letter in `extents` (each named by its letter); a string of letters is a
// list of labels, so `{B, "ij"}` reads B[i,j]. Every statement is one Builder call.
class HandLayer {
 public:
  explicit HandLayer(const std::string& extents) : b_(make_extents(extents)), letters_(extents) {}

  // Lets letter `label` stand for another label of the extent of letter `extent`.
  void alias(char label, char extent) { aliases_ += {label, extent}; }

  ir::ValueId in(const std::string& name, const std::string& axes) {
    ir::Shape shape;
    for (char c : axes) shape.push_back(extent(c));
    return b_.input(name, shape);
  }

  // coeff * prod operands, summed to `out`; the labels are the letters used.
  ir::ValueId contract(double coeff, const std::vector<std::pair<ir::ValueId, std::string>>& ops,
                       const std::string& out, const std::string& name = "") {
    std::string used;
    auto label = [&](char c) {
      auto at = used.find(c);
      if (at == std::string::npos) {
        at = used.size();
        used.push_back(c);
      }
      return static_cast<ir::Label>(at);
    };
    std::vector<ir::Operand> operands;
    for (const auto& [v, axes] : ops) {
      ir::Operand o{v, {}};
      for (char c : axes) o.labels.push_back(label(c));
      operands.push_back(o);
    }
    std::vector<ir::Label> out_labels;
    for (char c : out) out_labels.push_back(label(c));
    std::vector<ir::LabelInfo> labels;
    for (char c : used) labels.push_back({std::string(1, c), extent(c)});
    return b_.contract(coeff, operands, out_labels, labels, name);
  }

  ir::ValueId map(ir::Fn fn, ir::ValueId x, const std::string& name = "", int exponent = 0) {
    return b_.map(fn, x, exponent, name);
  }
  ir::ValueId add(std::vector<ir::ValueId> terms, const std::string& name = "") {
    return b_.add(std::move(terms), name);
  }
  void output(const std::string& name, ir::ValueId v) { b_.output(name, v); }

  // grad empty: every input.
  ir::Layer finish(const std::string& name, std::vector<std::string> grad = {}) const {
    ir::Layer layer;
    layer.name = name;
    layer.evaluate = b_.finish(name, ir::ProgramKind::evaluate);
    if (grad.empty()) {
      for (ir::ValueId id : layer.evaluate.inputs) grad.push_back(layer.evaluate.at(id).name);
    }
    layer.grad_inputs = std::move(grad);
    return layer;
  }

 private:
  static std::vector<ir::Extent> make_extents(const std::string& letters) {
    std::vector<ir::Extent> extents;
    for (char c : letters) extents.push_back({std::string(1, c), std::nullopt});
    return extents;
  }
  ir::ExtentId extent(char c) const {
    for (std::size_t k = 0; k + 1 < aliases_.size(); k += 2)
      if (aliases_[k] == c) c = aliases_[k + 1];
    return static_cast<ir::ExtentId>(letters_.find(c));
  }

  ir::Builder b_;
  std::string letters_;
  std::string aliases_;  // pairs: label letter, extent letter
};

}  // namespace ricci::ad::test
