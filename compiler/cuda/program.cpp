// Values are named after the spec where it names them, otherwise after what they compute.
#include "cuda/program.h"

#include <fmt/format.h>

#include <algorithm>

#include "cuda/gemm.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

CudaProgram make_program(const ir::Program& p, const std::string& layer, schedule::ScheduleOptions options) {
  // The CUDA kernels read every operand from memory: nothing is computed inline, and each
  // kernel is a launch of its own.
  options.inline_elementwise = false;
  options.share_nests = false;
  CudaProgram cp{codegen::make_api(p, layer, options), {}, {}, {}, {}, {}, {}, {}};
  cp.scope = cp.api.params;
  cp.stream = cp.scope.claim("stream");
  cp.names.resize(p.values.size());
  cp.extent_vars.resize(p.extents.size());
  for (ir::ExtentId e : cp.api.extents) cp.extent_vars[static_cast<std::size_t>(e)] = cp.scope.claim("n_" + cp.api.extent_name(e));
  for (const codegen::Param& in : cp.api.inputs) cp.names[index(in.value)] = in.ident;
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const schedule::Home& home = cp.schedule().homes.at(id);
    if (home.kind == schedule::Home::Kind::input) continue;
    if (home.kind == schedule::Home::Kind::output) {
      cp.names[id] = cp.api.outputs.at(static_cast<std::size_t>(home.index)).ident;
      continue;
    }
    const ir::Value& v = p.values[id];
    cp.names[id] = cp.scope.claim(v.name.empty() ? ir::derived_name(v, cp.names) : v.name);
  }
  return cp;
}

// True when `name` is declared in a host function of `p`: a parameter, a value or an extent
// (the impl's own locals, `shapes`, `arena`, `slot_1`, ..., never start with the program's name).
bool hides(const CudaProgram& p, const std::string& name) {
  return name == p.stream || name == p.api.ws || std::find(p.names.begin(), p.names.end(), name) != p.names.end() ||
         std::find(p.extent_vars.begin(), p.extent_vars.end(), name) != p.extent_vars.end();
}

// Claims, in the layer's anonymous namespace, a name no host scope of the layer declares.
class GlobalNames {
 public:
  explicit GlobalNames(const std::vector<CudaProgram>& programs) : programs_(programs) {}
  std::string claim(const std::string& base) {
    for (;;) {
      std::string name = table_.claim(base);
      bool hidden = std::any_of(programs_.begin(), programs_.end(), [&](const CudaProgram& p) { return hides(p, name); });
      if (!hidden) return name;
    }
  }

 private:
  const std::vector<CudaProgram>& programs_;
  codegen::NameTable table_;
};

void name_kernels(CudaProgram& cp, GlobalNames& globals) {
  const ir::Program& p = cp.program();
  auto kernel_name = [&](ir::ValueId id) { return globals.claim(cp.api.function + "_" + cp.names.at(index(id))); };
  for (const schedule::Kernel& k : cp.schedule().kernels) {
    KernelCode code;
    code.cublas = cublas_strides(p, k);
    const auto* c = std::get_if<ir::Contract>(&p.at(k.value).op);
    bool separate_epilogue = code.cublas || (c != nullptr && ir::writes_diagonal(*c));
    if (!code.cublas) code.body = kernel_name(separate_epilogue ? k.value : k.result());
    if (separate_epilogue && !k.epilogue.empty()) code.epilogue = kernel_name(k.result());
    cp.kernels.push_back(std::move(code));
  }
}

}  // namespace

CudaLayer make_layer(const codegen::LayerPrograms& layer, std::string ns) {
  CudaLayer cl{&layer, std::move(ns), {}};
  for (const ir::Program& p : layer.programs) cl.programs.push_back(make_program(p, layer.name, layer.schedule));
  GlobalNames globals(cl.programs);
  for (CudaProgram& cp : cl.programs) {
    cp.impl = globals.claim(cp.api.function + "_impl");
    cp.workspace_impl = globals.claim(cp.api.function + "_workspace_bytes_impl");
  }
  for (CudaProgram& cp : cl.programs) name_kernels(cp, globals);
  return cl;
}

std::string host_pointer(const CudaProgram& p, ir::ValueId id) {
  switch (p.home(id).kind) {
    case schedule::Home::Kind::input:
    case schedule::Home::Kind::output:
      return p.name(id) + ".data()";
    case schedule::Home::Kind::workspace:
      return p.name(id);
    case schedule::Home::Kind::fused:
    case schedule::Home::Kind::inlined:
      break;
  }
  RICCI_CHECK(false, fmt::format("value `{}` is fused and has no storage", p.name(id)));
}

std::string element_count(const CudaProgram& p, const ir::Shape& shape) {
  if (shape.empty()) return "1";
  std::vector<std::string> sizes;
  for (ir::ExtentId e : shape) sizes.push_back(p.extent_var(e));
  return fmt::format("{}", fmt::join(sizes, " * "));
}

}  // namespace ricci::cuda
