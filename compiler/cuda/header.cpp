// <stem>.cuh: the declarations a host program calls, with the math and parameter order of each.
#include <fmt/format.h>

#include "codegen/emit.h"
#include "cuda/emit.h"
#include "cuda/host.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

void emit_declarations(Printer& out, const CudaProgram& p) {
  const codegen::ProgramApi& api = p.api;
  std::vector<std::string> outs, ins;
  for (const codegen::Param& param : api.outputs) outs.push_back(codegen::param_with_axes(api, param));
  for (const codegen::Param& param : api.inputs) ins.push_back(codegen::param_with_axes(api, param));
  out.comment(fmt::format("{}: {}", api.function, codegen::describe(api)));
  out.comment(fmt::format("Parameters: outputs {}, then inputs {}, then the workspace and the stream.",
                          outs.empty() ? "(none)" : fmt::format("{}", fmt::join(outs, ", ")),
                          ins.empty() ? "(none)" : fmt::format("{}", fmt::join(ins, ", "))));
  out.comment(
      "Views are device memory. Shapes are checked before anything is enqueued; the work is then "
      "enqueued on the stream and the call returns. Every output is overwritten; outputs must not "
      "alias inputs.");
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap("void " + api.function, device_params(p, type, true), ";"));
  }
  out.line("// The device workspace {} needs for these shapes, for a caller-provided arena.", api.function);
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap("std::size_t " + api.workspace_bytes, device_params(p, type, false), ";"));
  }
}

}  // namespace

std::string emit_header(const std::vector<CudaLayer>& layers, const codegen::CppOptions& options) {
  std::vector<const codegen::LayerPrograms*> sources;
  for (const CudaLayer& l : layers) sources.push_back(l.layer);
  Printer out;
  out.put(codegen::stamp(sources, options));
  out.put("#pragma once");
  out.blank();
  out.put("#include <ricci/cuda/runtime.h>");
  out.blank();
  out.put("#include <cstddef>");
  for (const CudaLayer& l : layers) {
    out.blank();
    out.line("// Layer `{}` ({}, line {}).", l.layer->name, options.source_name, l.layer->line);
    codegen::Namespaces ns(out, options.ns, {l.ns});
    for (const CudaProgram& p : l.programs) {
      out.blank();
      emit_declarations(out, p);
    }
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::cuda
