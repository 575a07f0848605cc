#include "harness_common.h"

#include <fmt/format.h>

#include <vector>

#include "cli/pipeline.h"
#include "codegen/names.h"

std::string filled_tensor(const ricci::codegen::Param& p, const std::string& var, const char* type) {
  std::vector<std::string> sizes;
  for (ricci::ir::ExtentId e : p.shape) sizes.push_back(std::to_string(2 + e % 4));
  return fmt::format("    auto {} = ricci_noalloc::filled<{}, {}>(std::array<int64_t, {}>{{{}}});\n", var, type,
                     p.shape.size(), p.shape.size(), fmt::join(sizes, ", "));
}

std::string program_harness(const ricci::ir::Module& module, const std::string& stem, const std::string& what,
                            const std::string& support, const ProgramCheck& check) {
  std::string out = fmt::format("// Written by e2e_runner: {}.\n", what);
  out += fmt::format("#include \"{}.h\"\n\n#include \"{}\"\n\nint main() {{\n", stem, support);
  // Layer namespaces are claimed in spec order, as the backend does.
  ricci::codegen::NameTable layer_names;
  for (const ricci::ir::Layer& layer : module.layers) {
    std::string ns = "::" + layer_names.claim(layer.name);
    for (const ricci::ir::Program& p : ricci::cli::derive_programs(layer, ricci::cli::kAllPrograms)) {
      ricci::codegen::ProgramApi api = ricci::codegen::make_api(p, layer.name);
      check(out, api, ns, "double", "f64");
      check(out, api, ns, "float", "f32");
    }
  }
  out += "  return ricci_noalloc::failures() == 0 ? 0 : 1;\n}\n";
  return out;
}
