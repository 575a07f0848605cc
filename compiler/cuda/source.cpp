// <stem>.cu: per program its kernels, the host template that launches them and the workspace
// query, instantiated by thin float and double overloads.
#include <fmt/format.h>

#include "codegen/emit.h"
#include "cuda/emit.h"
#include "cuda/host.h"
#include "cuda/kernel.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

void emit_overloads(Printer& out, const CudaProgram& p) {
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out, out.wrap("void " + p.api.function, device_params(p, type, true), ""), "");
    std::vector<std::string> call = codegen::arg_list(p.api, true, p.api.ws);
    call.push_back(p.stream);
    out.put(out.wrap(fmt::format("{}<{}>", p.impl, type), call, ";"));
  }
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out, out.wrap("std::size_t " + p.api.workspace_bytes, device_params(p, type, false), ""), "");
    out.put(out.wrap(fmt::format("return {}<{}>", p.workspace_impl, type), codegen::arg_list(p.api, true, ""), ";"));
  }
}

}  // namespace

std::string emit_source(const std::vector<CudaLayer>& layers, const codegen::CppOptions& options) {
  std::vector<const codegen::LayerPrograms*> sources;
  for (const CudaLayer& l : layers) sources.push_back(l.layer);
  Printer out;
  out.put(codegen::stamp(sources, options));
  out.line("#include \"{}.cuh\"", options.stem);
  out.blank();
  out.put("#include <ricci/cuda/device.h>");
  out.put("#include <ricci/math.h>");
  out.blank();
  out.put("#include <algorithm>");
  out.put("#include <cmath>");
  out.put("#include <cstddef>");
  out.put("#include <cstdint>");
  for (const CudaLayer& l : layers) {
    out.blank();
    codegen::Namespaces ns(out, options.ns, {l.ns});
    {
      codegen::Namespaces anonymous(out, "", {""});
      for (const CudaProgram& p : l.programs) {
        std::vector<std::vector<Launch>> launches;
        for (std::size_t k = 0; k < p.schedule().kernels.size(); ++k) launches.push_back(emit_kernels(out, p, k));
        out.blank();
        emit_impl(out, p, launches);
        out.blank();
        emit_workspace_impl(out, p);
      }
      out.blank();
    }
    for (const CudaProgram& p : l.programs) emit_overloads(out, p);
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::cuda
