// Writes the harness from the API description the backend prints from, as the other harnesses do.
#include "strided_harness.h"

#include <fmt/format.h>

#include "codegen/api.h"
#include "codegen/emit.h"
#include "codegen/names.h"
#include "harness_common.h"

namespace {

using ricci::codegen::Param;
using ricci::codegen::ProgramApi;

void check_program(std::string& out, const ProgramApi& api, const std::string& ns, const char* type,
                   const char* dtype) {
  if (!ricci::codegen::has_allocating_form(api)) return;
  out += "  {\n";
  ricci::codegen::NameTable names;
  std::vector<std::string> ins, strided_ins;
  for (const Param& p : api.inputs) {
    ins.push_back(names.claim(p.name));
    out += filled_tensor(p, ins.back(), type);
    strided_ins.push_back(names.claim(p.name + "_strided"));
    out += fmt::format("    auto {} = ricci_strided::padded({});\n", strided_ins.back(), ins.back());
  }
  std::string want = names.claim("want");
  out += fmt::format("    auto {} = {}::{}({});\n", want, ns, api.function, fmt::join(ins, ", "));
  std::vector<std::string> args, strided_outs;
  for (const Param& p : api.outputs) {
    strided_outs.push_back(names.claim(p.name + "_strided"));
    out += fmt::format("    auto {} = ricci_strided::blank<{}, {}>({}.{}.extents());\n", strided_outs.back(), type,
                       p.shape.size(), want, p.ident);
    args.push_back(strided_outs.back() + ".view");
  }
  for (const std::string& in : strided_ins) args.push_back(in + ".view");
  std::string ws = names.claim("ws");
  args.push_back(ws);
  out += fmt::format("    ricci::Workspace {};\n    {}::{}({});\n", ws, ns, api.function, fmt::join(args, ", "));
  for (std::size_t k = 0; k < api.outputs.size(); ++k) {
    const Param& p = api.outputs[k];
    out += fmt::format("    ricci_strided::same(\"{} {} {} {}\", {}.{}, {}, {});\n", api.layer, api.function, dtype, p.name,
                       want, p.ident, strided_outs[k], type == std::string("double") ? "1e-12" : "1e-5");
  }
  out += "  }\n";
}

}  // namespace

std::string strided_harness(const ricci::ir::Module& module, const std::string& stem) {
  return program_harness(module, stem, "the in-place forms of " + stem + " on strided views", "strided_form.h",
                         check_program);
}
