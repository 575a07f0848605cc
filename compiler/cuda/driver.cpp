// <layer>_driver.cu: the layer-specific half of a CUDA driver; <ricci/cuda/driver.h> holds the
// rest (command line and files through <ricci/driver.h>, copies to and from the GPU, timing).
#include <fmt/format.h>

#include "codegen/emit.h"
#include "codegen/kernel.h"
#include "cuda/emit.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

std::string run_function(const CudaProgram& p) { return "run_" + p.api.function; }

// template <class T> void run_<program>(ricci::cuda::driver::Context&): inputs to the device,
// shapes checked, outputs sized, the call timed, outputs back to the host.
void emit_run(Printer& out, const CudaProgram& p, const std::string& qualified_layer) {
  const codegen::ProgramApi& api = p.api;
  codegen::NameTable names = api.params;
  std::string context = names.claim("context");
  std::string checker = names.claim("shapes");
  out.put("template <class T>");
  Printer::Block fn(out, fmt::format("void {}(ricci::cuda::driver::Context& {})", run_function(p), context), "");
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

// The table ricci::cuda::driver::run works from, as in the C++ driver.
void emit_table(Printer& out, const CudaLayer& layer, const codegen::CppOptions& options) {
  out.comment(
      "For ricci::cuda::driver::run: each program's inputs and outputs in parameter order, then its "
      "body for float and double. An input given as {name, like} may be left out: it is then zeros of "
      "the shape of `like`.");
  out.put("const ricci::cuda::driver::Layer layer = {");
  {
    Printer::Indent table(out);
    out.put(codegen::c_string(layer.layer->name) + ",");
    out.put(codegen::c_string(options.source_name) + ",");
    out.put("{");
    {
      Printer::Indent programs(out);
      for (const CudaProgram& p : layer.programs) {
        std::vector<int> like = codegen::zero_defaults(p.api);
        std::vector<std::string> inputs, outputs;
        for (std::size_t k = 0; k < p.api.inputs.size(); ++k) {
          std::string entry = codegen::c_string(p.api.inputs[k].name);
          if (like[k] >= 0) entry += ", " + codegen::c_string(p.api.inputs[static_cast<std::size_t>(like[k])].name);
          inputs.push_back("{" + entry + "}");
        }
        for (const codegen::Param& o : p.api.outputs) outputs.push_back(codegen::c_string(o.name));
        out.put("{");
        {
          Printer::Indent program(out);
          out.put(codegen::c_string(p.api.function) + ",");
          out.put(out.wrap("", inputs, ",", "{}"));
          out.put(out.wrap("", outputs, ",", "{}"));
          out.line("{0}<float>, {0}<double>,", run_function(p));
        }
        out.put("},");
      }
    }
    out.put("},");
  }
  out.put("};");
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
    emit_table(out, layer, options);
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
