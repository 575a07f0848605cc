// The body of a program: shape checks, extents, workspace buffers and its loop nests.
#pragma once

#include <string>
#include <string_view>

#include "codegen/api.h"
#include "codegen/printer.h"
#include "codegen/spec_lines.h"

namespace ricci::codegen {

// Prints `template <class T> void <function>_impl(outputs..., inputs..., ws) { ... }`: the
// schedule's kernels in order, each preceded by its `#line` directive when `lines` is given.
void emit_impl(Printer& out, const ProgramApi& api, const SpecLines* lines);

// Prints `template <class T> std::size_t <function>_workspace_bytes_impl(inputs...)`: the
// bytes the in-place form takes from its workspace, schedule::workspace_bytes at run time.
void emit_workspace_bytes(Printer& out, const ProgramApi& api);

// Declares `ricci::ShapeChecker<N> <checker>` and binds every extent from every input axis
// (then every output axis when `outputs`), the views being named by their Param::ident, or as
// a public function passes them with `public_names` (`saved.h` for a member of Saved).
// Prints nothing for a program without extents.
void emit_shape_checks(Printer& out, const ProgramApi& api, std::string_view checker, bool outputs,
                       bool public_names = false);

// `{shapes[0], shapes[2]}`: the extents of output `p` as a ricci::Tensor constructor
// argument, read from a ShapeChecker that bound the inputs.
std::string output_extents(const ProgramApi& api, const Param& p, std::string_view checker);

}  // namespace ricci::codegen
