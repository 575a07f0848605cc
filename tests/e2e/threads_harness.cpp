// Writes the harness from the API description the backend prints from, as the other harnesses do.
#include "threads_harness.h"

#include <fmt/format.h>

#include "codegen/api.h"
#include "codegen/emit.h"
#include "codegen/names.h"
#include "harness_common.h"
#include "ir/ir.h"

namespace {

using ricci::codegen::Param;
using ricci::codegen::ProgramApi;

void check_program(std::string& out, const ProgramApi& api, const std::string& ns, const char* type,
                   const char* dtype) {
  if (!ricci::codegen::has_allocating_form(api)) return;
  out += "  {\n";
  ricci::codegen::NameTable names;
  std::vector<std::string> ins;
  for (const Param& p : api.inputs) {
    // Rows enough for several chunks of partial sums, whose order then shows in the bits.
    ins.push_back(names.claim(p.name));
    std::vector<std::string> sizes;
    for (ricci::ir::ExtentId e : p.shape) sizes.push_back(std::to_string(9 + 2 * (e % 4)));
    out += fmt::format("    auto {} = ricci_threads::inexact<{}, {}>(std::array<int64_t, {}>{{{}}});\n", ins.back(), type,
                       p.shape.size(), p.shape.size(), fmt::join(sizes, ", "));
  }
  std::string one = names.claim("one_thread"), two = names.claim("two_threads");
  out += fmt::format("    ricci::set_num_threads(1);\n    auto {} = {}::{}({});\n", one, ns, api.function,
                     fmt::join(ins, ", "));
  out += fmt::format("    ricci::set_num_threads(2);\n    auto {} = {}::{}({});\n", two, ns, api.function,
                     fmt::join(ins, ", "));
  for (const Param& p : api.outputs) {
    out += fmt::format("    ricci_threads::same_bits(\"{} {} {} {}\", {}.{}, {}.{});\n", api.layer, api.function, dtype,
                       p.name, one, p.ident, two, p.ident);
  }
  out += "  }\n";
}

}  // namespace

std::string threads_harness(const ricci::ir::Module& module, const std::string& stem) {
  return program_harness(module, stem, "the allocating forms of " + stem + " on one thread and on two",
                         "threads_form.h", check_program);
}
