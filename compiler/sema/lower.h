// Lowering a checked layer to its forward program through ir::Builder.
#pragma once

#include "ir/ir.h"
#include "sema/facts.h"
#include "support/source.h"

namespace ricci::sema {

// `facts` must come from a run that reported no errors.
ir::Layer lower_layer(const LayerFacts& facts, const SourceFile& file);

}  // namespace ricci::sema
