// The `grad`, `output` and `dims` clauses of a layer.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sema/tensors.h"
#include "support/diagnostics.h"

namespace ricci::sema {

struct Clauses {
  std::vector<std::string> outputs;      // declared order, or inferred in order of definition
  std::vector<std::string> grad_inputs;  // in input order
  std::map<std::string, const syntax::DimHint*> dims;  // valid hints of used indices
};

// Reports unknown-grad, grad-not-input, unknown-output, duplicate-name, invalid-dim and the
// unused-dim warning. `indices` holds every index name used in the layer.
Clauses check_clauses(const syntax::Layer& layer, const TensorTable& tensors, const std::set<std::string>& indices,
                      Diagnostics& diags);

}  // namespace ricci::sema
