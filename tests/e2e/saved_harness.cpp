// Writes the harness from the recomputing form's API: the saved form's public functions take
// the same parameters and then the layer's Saved.
#include "saved_harness.h"

#include <fmt/format.h>

#include <map>

#include "cli/pipeline.h"
#include "codegen/api.h"
#include "codegen/names.h"
#include "harness_common.h"

namespace {

using ricci::codegen::Param;
using ricci::codegen::ProgramApi;

struct Block {
  std::string& out;
  ricci::codegen::NameTable names;
  std::map<std::string, std::string> inputs;  // variable by input name

  const std::string& input(const Param& p, const char* type) {
    auto it = inputs.find(p.name);
    if (it != inputs.end()) return it->second;
    std::string var = names.claim(p.name);
    out += filled_tensor(p, var, type);
    return inputs.emplace(p.name, var).first->second;
  }
};

void check_program(Block& b, const ProgramApi& api, const std::string& ns, const std::string& saved, const char* type,
                   const char* dtype) {
  std::vector<std::string> ins;
  for (const Param& p : api.inputs) ins.push_back(b.input(p, type));
  std::string what = fmt::format("{} {} {}", api.layer, api.function, dtype);
  std::string plain = b.names.claim("plain_" + api.function), with = b.names.claim("saved_" + api.function);
  b.out += fmt::format("    auto {} = {}::{}({});\n", plain, ns, api.function, fmt::join(ins, ", "));
  b.out += fmt::format("    auto {} = {}::{}({}, {});\n", with, ns, api.function, fmt::join(ins, ", "), saved);
  for (const Param& p : api.outputs) {
    b.out += fmt::format("    ricci_saved::same(\"{} {}\", {}.{}, {}.{}, {});\n", what, p.name, plain, p.ident, with,
                         p.ident, type == std::string("double") ? "1e-12" : "1e-5");
  }
  std::vector<std::string> args;
  for (const Param& p : api.outputs) args.push_back(with + "." + p.ident);
  args.insert(args.end(), ins.begin(), ins.end());
  args.push_back(saved);
  args.push_back(api.ws);
  b.out += fmt::format(
      "    ricci_noalloc::check(\"{} (saved form)\", {}::{}({}, {}), [&](ricci::Workspace& {}) {{ {}::{}({}); }});\n",
      what, ns, api.workspace_bytes, fmt::join(ins, ", "), saved, api.ws, ns, api.function, fmt::join(args, ", "));
}

}  // namespace

std::string saved_harness(const ricci::ir::Module& module, const std::string& stem) {
  std::string out = fmt::format("// Written by e2e_runner: the saved-intermediates form of {}.\n", stem);
  out += fmt::format("#include \"{}.h\"\n\n#include \"saved_form.h\"\n\nint main() {{\n", stem);
  // Layer namespaces are claimed in spec order, as the backend does.
  ricci::codegen::NameTable layer_names;
  for (const ricci::ir::Layer& layer : module.layers) {
    std::string ns = "::" + layer_names.claim(layer.name);
    std::vector<ricci::ir::Program> programs = ricci::cli::derive_programs(layer, ricci::cli::kAllPrograms);
    for (auto [type, dtype] : {std::pair{"double", "f64"}, std::pair{"float", "f32"}}) {
      out += "  {\n";
      Block b{out, {}, {}};
      std::string saved = b.names.claim("saved");
      out += fmt::format("    {}::Saved<{}> {};\n", ns, type, saved);
      for (const ricci::ir::Program& p : programs) {
        if (p.kind == ricci::ir::ProgramKind::pushforward || p.inputs.empty()) continue;
        check_program(b, ricci::codegen::make_api(p, layer.name), ns, saved, type, dtype);
      }
      out += "  }\n";
    }
  }
  out += "  return ricci_noalloc::failures() == 0 ? 0 : 1;\n}\n";
  return out;
}
