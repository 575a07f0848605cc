// <stem>.h: the declarations a user calls, with the math and parameter order of each.
#include <fmt/format.h>

#include "codegen/emit.h"

namespace ricci::codegen {
namespace {

void emit_declarations(Printer& out, const ProgramApi& api) {
  std::vector<std::string> outs, ins;
  for (const Param& p : api.outputs) outs.push_back(param_with_axes(api, p));
  for (const Param& p : api.inputs) ins.push_back(param_with_axes(api, p));
  out.comment(fmt::format("{}: {}", api.function, describe(api)));
  out.comment(fmt::format("Parameters: outputs {}, then inputs {}, then the workspace.",
                          outs.empty() ? "(none)" : fmt::format("{}", fmt::join(outs, ", ")),
                          ins.empty() ? "(none)" : fmt::format("{}", fmt::join(ins, ", "))));
  out.comment("Every output is overwritten, never accumulated into; outputs must not alias inputs.");
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap("void " + api.function, param_list(api, type, true, api.ws), ";"));
  }
  out.comment(fmt::format("The bytes {} takes from its workspace for these shapes: reserve them once and "
                          "calls with these shapes never allocate.", api.function));
  if (api.inputs.empty()) {
    out.put("template <class T>");
    out.line("std::size_t {}();", api.workspace_bytes);
  } else {
    for (const char* type : {"double", "float"}) {
      out.put(out.wrap("std::size_t " + api.workspace_bytes, param_list(api, type, false, ""), ";"));
    }
  }
  if (!has_allocating_form(api)) return;
  out.blank();
  out.put("template <class T>");
  {
    Printer::Block s(out, "struct " + api.result_struct, ";");
    for (const Param& p : api.outputs) {
      out.line("ricci::Tensor<T, {}> {};", p.shape.size(), p.ident);
    }
  }
  out.line("// Allocating form: returns new outputs and uses a workspace of its own.");
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap(fmt::format("{}<{}> {}", api.result_struct, type, api.function),
                     param_list(api, type, false, ""), ";"));
  }
}

}  // namespace

std::string emit_header(const std::vector<LayerApi>& layers, const CppOptions& options) {
  std::vector<const LayerPrograms*> sources;
  for (const LayerApi& l : layers) sources.push_back(l.layer);
  Printer out;
  out.put(stamp(sources, options));
  out.put("#pragma once");
  out.blank();
  out.put("#include <ricci/runtime.h>");
  for (const LayerApi& l : layers) {
    out.blank();
    out.line("// Layer `{}` ({}, line {}).", l.layer->name, options.source_name, l.layer->line);
    Namespaces ns(out, options.ns, {l.ns});
    for (const ProgramApi& api : l.programs) {
      out.blank();
      emit_declarations(out, api);
    }
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::codegen
