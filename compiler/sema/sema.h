// Semantic analysis: Einstein rules, ranks, extents, roles; lowers each layer to tensor IR.
#pragma once

#include "ir/ir.h"
#include "support/diagnostics.h"
#include "syntax/ast.h"

namespace ricci::sema {

// Checks every layer and lowers it to its forward (evaluate) program. Reports all errors
// it can find into `diags`; when diags.has_errors() the returned module must not be used.
ir::Module analyze(const syntax::Module& module, Diagnostics& diags);

}  // namespace ricci::sema
