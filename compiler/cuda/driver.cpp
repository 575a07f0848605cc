// <layer>_driver.cu: the layer-specific half of a CUDA driver; <ricci/cuda/driver.h> holds the
// rest (command line and files through <ricci/driver.h>, copies to and from the GPU, timing).
#include <fmt/format.h>

#include "codegen/emit.h"
#include "codegen/kernel.h"
#include "cuda/emit.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

// template <class T> void run_<program>(ricci::cuda::driver::Context&): inputs to the device,
// shapes checked, outputs sized, the call timed, outputs back to the host.
void emit_run(Printer& out, const CudaProgram& p, const std::string& qualified_layer) {
  const codegen::ProgramApi& api = p.api;
  codegen::NameTable names = api.params;
  std::string context = names.claim("context");
  std::string checker = names.claim("shapes");
  out.put("template <class T>");
  Printer::Block fn(out, fmt::format("void {}(ricci::cuda::driver::Context& {})", codegen::run_function(p.api), context), "");
  for (const codegen::Param& in : api.inputs) {
    out.line("const ricci::cuda::DeviceTensor<T, {0}> {1} = {2}.input<T, {0}>({3});", in.shape.size(), in.ident,
             context, codegen::c_string(in.name));
  }
  codegen::emit_shape_checks(out, api, checker, false);
  for (const codegen::Param& o : api.outputs) {
    out.line("ricci::cuda::DeviceTensor<T, {}> {}({});", o.shape.size(), o.ident,
             codegen::output_extents(api, o, checker));
  }
  out.line("ricci::cuda::Workspace {};", api.ws);
  std::vector<std::string> args;
  for (const codegen::Param& o : api.outputs) args.push_back(o.ident);
  for (const codegen::Param& in : api.inputs) args.push_back(in.ident);
  args.push_back(api.ws);
  args.push_back(context + ".stream()");
  out.put(out.wrap(fmt::format("{}.time([&] {{ {}::{}", context, qualified_layer, api.function), args, "; });"));
  for (const codegen::Param& o : api.outputs) {
    out.line("{}.output({}, {});", context, codegen::c_string(o.name), o.ident);
  }
}

}  // namespace

std::string emit_driver(const CudaLayer& layer, const codegen::CppOptions& options) {
  Printer out;
  out.put(codegen::stamp({layer.layer}, options));
  out.line("// Build: nvcc -std=c++17 -O3 -I<ricci>/runtime/include -I<dir> <dir>/{}.cu <dir>/{}_driver.cu -lcublas",
           options.stem, layer.layer->name);
  out.line("#include \"{}.cuh\"", options.stem);
  out.blank();
  out.put("#include <ricci/cuda/driver.h>");
  out.blank();
  std::string ns = codegen::qualified_ns(options.ns);
  std::string qualified_layer = "::" + (ns.empty() ? "" : ns + "::") + layer.ns;
  {
    codegen::Namespaces scope(out, options.ns, {layer.ns, "driver"});
    for (const CudaProgram& p : layer.programs) {
      out.blank();
      emit_run(out, p, qualified_layer);
    }
    out.blank();
    std::vector<const codegen::ProgramApi*> programs;
    for (const CudaProgram& p : layer.programs) programs.push_back(&p.api);
    codegen::emit_driver_table(out, "ricci::cuda::driver", layer.layer->name, programs, options);
    out.blank();
  }
  out.blank();
  {
    Printer::Block main(out, "int main(int argc, char** argv)", "");
    out.line("return ricci::cuda::driver::run(argc, argv, {}::driver::layer);", qualified_layer);
  }
  return out.text();
}

}  // namespace ricci::cuda
