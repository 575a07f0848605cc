// The generated API of one program: function and parameter names, types and extents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "codegen/names.h"
#include "ir/ir.h"
#include "schedule/schedule.h"

namespace ricci::codegen {

struct Param {
  std::string name;   // as in the IR and the driver's --in/out files, e.g. `d_B`
  std::string ident;  // the C++ parameter name (differs only for clashes and keywords)
  ir::ValueId value = 0;
  ir::Shape shape;
};

// Everything the header, the source and the driver agree on about one program.
struct ProgramApi {
  const ir::Program* program = nullptr;
  std::string layer;          // the layer's name as in the spec
  std::string function;       // `evaluate`, `pullback`, ...
  std::string result_struct;  // `EvaluateResult`, ...
  std::vector<Param> outputs;
  std::vector<Param> inputs;
  // The extents the program uses, in ExtentId order: index k is ShapeChecker extent k.
  std::vector<ir::ExtentId> extents;
  std::string impl;   // the internal template the overloads forward to, `evaluate_impl`
  std::string alloc;  // the internal template of the allocating form, `evaluate_alloc`
  std::string ws;     // the workspace parameter's name
  // `evaluate_workspace_bytes`: what the in-place form needs in its workspace.
  std::string workspace_bytes;
  std::string workspace_bytes_impl;  // its template, which the overloads forward to
  // The C++ names of the parameters and of `impl`: the scope generated bodies start from.
  NameTable params;
  // The kernels, their order and the workspace slots (the program must outlive this).
  schedule::Schedule schedule;

  int checker_index(ir::ExtentId e) const;
  const std::string& extent_name(ir::ExtentId e) const;
};

ProgramApi make_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options = {});

// `ricci::Ref<T, 2> A`, `ricci::CRef<T, 2> B`, ... for element type `type`: outputs first
// when `with_outputs`, then inputs, then `ricci::Workspace& <ws>` unless `ws` is empty.
std::vector<std::string> param_list(const ProgramApi& api, std::string_view type, bool with_outputs,
                                    std::string_view ws);
// `A`, `B`, ...: the arguments matching param_list.
std::vector<std::string> arg_list(const ProgramApi& api, bool with_outputs, std::string_view ws);

// `ricci::Ref<T, 2>` or `ricci::CRef<T, 2>`.
std::string view_type(std::string_view type, std::size_t rank, bool mutable_view);

// `{"i", "j", "k"}`: the extent names for ricci::ShapeChecker.
std::string extent_names_init(const ProgramApi& api);

// `"text"`: a C++ string literal (escaping quotes, backslashes and control characters).
std::string c_string(std::string_view text);

// The one-line mathematical description of the program for its doc comment.
std::string describe(const ProgramApi& api);

// `A[i,k]`: a parameter with the names of its axes' extents (a bare name at rank 0).
std::string param_with_axes(const ProgramApi& api, const Param& p);

}  // namespace ricci::codegen
