// RICCI_LAYER declarations from Clang's AST (Clang types stay behind this header).
#pragma once

#include <vector>

#include "scan/scan.h"

namespace clang {
class ASTContext;
}

namespace ricci::scan {

// The functions annotated `ricci.layer` that are declared in the main file of `context`,
// in source order, with offsets into that file. Redeclarations that only inherit the
// annotation are not repeated.
std::vector<Declaration> collect_declarations(clang::ASTContext& context);

}  // namespace ricci::scan
