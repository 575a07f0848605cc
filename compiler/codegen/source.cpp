// <stem>.cpp: one template per program, instantiated by thin float and double overloads.
#include <fmt/format.h>

#include "codegen/emit.h"
#include "codegen/kernel.h"

namespace ricci::codegen {
namespace {

// template <class T> XResult<T> x_alloc(inputs...): binds the extents from the inputs,
// allocates the outputs and runs the in-place form with a local workspace.
void emit_alloc(Printer& out, const ProgramApi& api) {
  NameTable names = api.params;
  std::string checker = names.claim("shapes");
  std::string result = names.claim("result");
  out.put("template <class T>");
  Printer::Block fn(
      out,
      out.wrap(fmt::format("{}<T> {}", api.result_struct, api.alloc), param_list(api, "T", false, ""), ""),
      "");
  emit_shape_checks(out, api, checker, false);
  std::vector<std::string> tensors;
  for (const Param& p : api.outputs) {
    tensors.push_back(
        fmt::format("ricci::Tensor<T, {}>({})", p.shape.size(), output_extents(api, p, checker)));
  }
  out.put(out.wrap(fmt::format("{}<T> {}", api.result_struct, result), tensors, ";", "{}"));
  out.put(out.wrap(fmt::format("ricci::Workspace {}({}<T>", api.ws, api.workspace_bytes_impl),
                   arg_list(api, false, ""), ");"));
  std::vector<std::string> args;
  for (const Param& p : api.outputs) args.push_back(result + "." + p.ident);
  for (const Param& p : api.inputs) args.push_back(p.ident);
  args.push_back(api.ws);
  out.put(out.wrap(api.impl + "<T>", args, ";"));
  out.line("return {};", result);
}

void emit_overloads(Printer& out, const ProgramApi& api) {
  if (api.inputs.empty()) {
    // Declared as a template in the header: instantiated here for both element types.
    out.blank();
    out.put("template <class T>");
    {
      Printer::Block fn(out, "std::size_t " + api.workspace_bytes + "()", "");
      out.line("return {}<T>();", api.workspace_bytes_impl);
    }
    for (const char* type : {"double", "float"}) out.line("template std::size_t {}<{}>();", api.workspace_bytes, type);
  } else {
    for (const char* type : {"double", "float"}) {
      out.blank();
      Printer::Block fn(out, out.wrap("std::size_t " + api.workspace_bytes, param_list(api, type, false, ""), ""), "");
      out.put(out.wrap(fmt::format("return {}<{}>", api.workspace_bytes_impl, type), arg_list(api, false, ""), ";"));
    }
  }
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out, out.wrap("void " + api.function, param_list(api, type, true, api.ws), ""), "");
    out.put(out.wrap(fmt::format("{}<{}>", api.impl, type), arg_list(api, true, api.ws), ";"));
  }
  if (!has_allocating_form(api)) return;
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out,
                      out.wrap(fmt::format("{}<{}> {}", api.result_struct, type, api.function),
                               param_list(api, type, false, ""), ""),
                      "");
    out.put(out.wrap(fmt::format("return {}<{}>", api.alloc, type), arg_list(api, false, ""), ";"));
  }
}

// Kernels carry no source line of their own: the IR keeps none per value, so every kernel
// maps to the line of its layer.
std::string line_directive(const LayerPrograms& layer, const CppOptions& options) {
  if (!options.line_directives) return "";
  return fmt::format("#line {} {}", layer.line, c_string(options.source_name));
}

}  // namespace

std::string emit_source(const std::vector<LayerApi>& layers, const CppOptions& options) {
  std::vector<const LayerPrograms*> sources;
  for (const LayerApi& l : layers) sources.push_back(l.layer);
  Printer out;
  out.put(stamp(sources, options));
  out.line("#include \"{}.h\"", options.stem);
  out.blank();
  out.put("#include <algorithm>");
  out.put("#include <cmath>");
  out.put("#include <cstddef>");
  out.put("#include <cstdint>");
  out.blank();
  out.put("#include <ricci/gemm.h>");
  out.put("#include <ricci/parallel.h>");
  out.put("#include <ricci/vmath.h>");
  for (const LayerApi& l : layers) {
    out.blank();
    Namespaces ns(out, options.ns, {l.ns});
    {
      Namespaces anonymous(out, "", {""});
      for (const ProgramApi& api : l.programs) {
        out.blank();
        emit_workspace_bytes(out, api);
        out.blank();
        emit_impl(out, api, line_directive(*l.layer, options));
        if (has_allocating_form(api)) {
          out.blank();
          emit_alloc(out, api);
        }
      }
      out.blank();
    }
    for (const ProgramApi& api : l.programs) emit_overloads(out, api);
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::codegen
