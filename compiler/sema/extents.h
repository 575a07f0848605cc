// Extents: one size per index name of a layer, unified through the tensor axes it indexes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/ir.h"
#include "sema/tensors.h"
#include "sema/walk.h"
#include "support/diagnostics.h"

namespace ricci::sema {

struct ExtentTable {
  std::vector<ir::Extent> extents;                 // in order of first occurrence
  std::map<std::string, ir::ExtentId> of_index;    // every index name of the layer
  std::map<std::string, ir::Shape> shape_of;       // every tensor of the layer
};

// Unifies extents (union-find over index names and tensor axes: `B[i,j]` then `B[k,j]`
// makes `i` and `k` one extent, named `i`), attaches `dims` hints, and reports index-size
// for conflicting hints and unknown-size for an extent no input axis carries.
ExtentTable check_extents(const std::vector<AccessSite>& sites, const TensorTable& tensors,
                          const syntax::Layer& layer, const std::map<std::string, const syntax::DimHint*>& dims,
                          Diagnostics& diags);

}  // namespace ricci::sema
