// The parameters of an annotated declaration against the tensors of its layer.
#pragma once

#include "ir/ir.h"
#include "scan/scan.h"
#include "support/diagnostics.h"

namespace ricci::scan {

// Every tensor of `layer` must be a parameter of `d` named like it, outputs as
// ricci::Ref<T, N> and inputs as ricci::CRef<T, N> with N its rank, T float or double and
// the same for all; nothing else may be a parameter. Reports each violation into `diags`.
void check_parameters(const Declaration& d, const ir::Layer& layer, Diagnostics& diags);

}  // namespace ricci::scan
