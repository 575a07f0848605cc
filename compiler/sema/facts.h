// Everything the checks learn about one layer: what lowering reads.
#pragma once

#include <vector>

#include "sema/clauses.h"
#include "sema/extents.h"
#include "sema/indices.h"
#include "sema/tensors.h"

namespace ricci::sema {

struct LayerFacts {
  const syntax::Layer* layer = nullptr;
  TensorTable tensors;
  std::vector<StatementIndices> statements;  // one per statement of the layer
  Clauses clauses;
  ExtentTable extents;
};

}  // namespace ricci::sema
