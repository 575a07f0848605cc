// Writes the harness in C++ from the same API description the backend prints from, so
// that it names every function and parameter exactly as the generated header does.
#include "noalloc_harness.h"

#include <fmt/format.h>

#include "codegen/api.h"
#include "harness_common.h"

namespace {

using ricci::codegen::Param;
using ricci::codegen::ProgramApi;

void check_program(std::string& out, const ProgramApi& api, const std::string& ns, const char* type,
                   const char* dtype) {
  out += "  {\n";
  std::vector<std::string> outs, ins;
  for (const Param& p : api.outputs) {
    out += filled_tensor(p, p.ident, type);
    outs.push_back(p.ident);
  }
  for (const Param& p : api.inputs) {
    out += filled_tensor(p, p.ident, type);
    ins.push_back(p.ident);
  }
  std::string bytes = api.inputs.empty() ? fmt::format("{}::{}<{}>()", ns, api.workspace_bytes, type)
                                         : fmt::format("{}::{}({})", ns, api.workspace_bytes, fmt::join(ins, ", "));
  std::vector<std::string> args = outs;
  args.insert(args.end(), ins.begin(), ins.end());
  args.push_back(api.ws);
  out += fmt::format("    ricci_noalloc::check(\"{} {} {}\", {}, [&](ricci::Workspace& {}) {{ {}::{}({}); }});\n",
                     api.layer, api.function, dtype, bytes, api.ws, ns, api.function, fmt::join(args, ", "));
  out += "  }\n";
}

}  // namespace

std::string noalloc_harness(const ricci::ir::Module& module, const std::string& stem) {
  return program_harness(module, stem, "no allocation in the in-place forms of " + stem, "noalloc.h", check_program);
}
