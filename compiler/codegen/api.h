// The generated API of one program: function and parameter names, types and extents.
#pragma once

#include <functional>
#include <map>
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
  // In a program of the saved-intermediates form: the member of the layer's Saved struct
  // that this parameter is (public functions pass `saved.<member>`); empty otherwise.
  std::string member;
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
  // In a program of the saved-intermediates form, the name of the `Saved<T>&` parameter that
  // public functions take in place of the member parameters; empty otherwise.
  std::string saved;
  // The saved form of evaluate sizes the members it writes in `<reserve><T>(inputs..., saved)`.
  std::string reserve;
  // A saved form that saves nothing calls the recomputing form's internal functions: it has
  // none of its own (`impl`, `alloc`, `workspace_bytes_impl` name the recomputing form's).
  bool forwards = false;

  int checker_index(ir::ExtentId e) const;
  const std::string& extent_name(ir::ExtentId e) const;
};

ProgramApi make_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options = {});

// The members of a layer's `Saved<T>` struct (the saved-intermediates form), by the IR name
// of the value each holds: `saved_h` -> `h`.
using SavedMembers = std::map<std::string, std::string, std::less<>>;

// The members for the saved values `names` (`saved_h` -> `h`, made distinct identifiers).
SavedMembers saved_members(const std::vector<std::string>& names);

// A program of the saved-intermediates form: make_api with internal names of its own
// (`evaluate_saved_impl`) and the parameters named in `members` as members of Saved.
ProgramApi make_saved_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options,
                          const SavedMembers& members);

// The recomputing form's `api` taking an unused `Saved<T>&`: the saved form of a layer that
// saves nothing.
ProgramApi forwarding_saved_api(const ProgramApi& api);

// Whether a program of the saved-intermediates form writes (evaluate) or reads members.
bool writes_saved(const ProgramApi& api);
bool reads_saved(const ProgramApi& api);

// What a parameter list is for: a call of the program, or its workspace_bytes query (which
// takes a Saved struct read-only).
enum class Signature { call, workspace_bytes };

// `ricci::Ref<T, 2> A`, `ricci::CRef<T, 2> B`, ... for element type `type`: outputs first
// when `with_outputs`, then inputs, then `ricci::Workspace& <ws>` unless `ws` is empty. In
// the saved-intermediates form, members give way to one `Saved<T>& saved` before the
// workspace (const unless the call writes members).
std::vector<std::string> param_list(const ProgramApi& api, std::string_view type, bool with_outputs,
                                    std::string_view ws, Signature sig = Signature::call);
// Whether <program>_workspace_bytes takes no parameters, and so is declared as a template
// over the element type (a program without inputs or Saved).
bool workspace_bytes_is_template(const ProgramApi& api);

// `A`, `B`, ...: the arguments of the program's internal functions, from the parameters of
// param_list (`saved.h` for member h).
std::vector<std::string> arg_list(const ProgramApi& api, bool with_outputs, std::string_view ws);
// One of them: `A`, or `saved.h`.
std::string arg(const ProgramApi& api, const Param& p);
// The names of param_list's parameters, to pass them on unchanged.
std::vector<std::string> forward_list(const ProgramApi& api, bool with_outputs, std::string_view ws);

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
