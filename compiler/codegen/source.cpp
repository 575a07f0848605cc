// <stem>.cpp: one template per program, instantiated by thin float and double overloads.
#include <fmt/format.h>

#include "codegen/emit.h"
#include "codegen/kernel.h"

namespace ricci::codegen {
namespace {

// The parameters of evaluate_saved_reserve: the inputs that carry extents, then the Saved
// struct; or their names, with `type` empty.
std::vector<std::string> reserve_params(const ProgramApi& api, std::string_view type) {
  std::vector<std::string> params;
  for (const Param& p : api.inputs) {
    if (p.shape.empty()) continue;
    params.push_back(type.empty() ? p.ident : fmt::format("{} {}", view_type(type, p.shape.size(), false), p.ident));
  }
  params.push_back(type.empty() ? api.saved : fmt::format("Saved<{}>& {}", type, api.saved));
  return params;
}

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
  emit_shape_checks(out, api, checker, false, true);
  std::vector<std::string> tensors;
  for (const Param& p : api.outputs) {
    if (!p.member.empty()) continue;
    tensors.push_back(
        fmt::format("ricci::Tensor<T, {}>({})", p.shape.size(), output_extents(api, p, checker)));
  }
  out.put(out.wrap(fmt::format("{}<T> {}", api.result_struct, result), tensors, ";", "{}"));
  if (!api.reserve.empty()) out.put(out.wrap(api.reserve + "<T>", reserve_params(api, ""), ";"));
  out.put(out.wrap(fmt::format("ricci::Workspace {}({}<T>", api.ws, api.workspace_bytes_impl),
                   arg_list(api, false, ""), ");"));
  std::vector<std::string> args;
  for (const Param& p : api.outputs) args.push_back(p.member.empty() ? result + "." + p.ident : arg(api, p));
  for (const Param& p : api.inputs) args.push_back(arg(api, p));
  args.push_back(api.ws);
  out.put(out.wrap(api.impl + "<T>", args, ";"));
  out.line("return {};", result);
}

// template <class T> void evaluate_saved_reserve(inputs..., Saved<T>& saved): gives each
// member evaluate writes the extents the inputs imply.
void emit_reserve(Printer& out, const ProgramApi& api) {
  NameTable names = api.params;
  std::string checker = names.claim("shapes");
  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("void " + api.reserve, reserve_params(api, "T"), ""), "");
  emit_shape_checks(out, api, checker, false, true);
  for (const Param& p : api.outputs) {
    if (!p.member.empty()) out.line("{}.resize({});", arg(api, p), output_extents(api, p, checker));
  }
}

// A saved form's public function that does not touch its Saved still names it, for the
// header's sake.
void mark_unused_saved(Printer& out, const ProgramApi& api, bool used) {
  if (!api.saved.empty() && !used) out.line("static_cast<void>({});", api.saved);
}

void emit_overloads(Printer& out, const ProgramApi& api) {
  if (workspace_bytes_is_template(api)) {
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
      Printer::Block fn(out,
                        out.wrap("std::size_t " + api.workspace_bytes,
                                 param_list(api, type, false, "", Signature::workspace_bytes), ""),
                        "");
      mark_unused_saved(out, api, reads_saved(api));
      out.put(out.wrap(fmt::format("return {}<{}>", api.workspace_bytes_impl, type), arg_list(api, false, ""), ";"));
    }
  }
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out, out.wrap("void " + api.function, param_list(api, type, true, api.ws), ""), "");
    mark_unused_saved(out, api, writes_saved(api) || reads_saved(api));
    if (!api.reserve.empty()) {
      out.put(out.wrap(fmt::format("{}<{}>", api.reserve, type), reserve_params(api, ""), ";"));
    }
    out.put(out.wrap(fmt::format("{}<{}>", api.impl, type), arg_list(api, true, api.ws), ";"));
  }
  if (!has_allocating_form(api)) return;
  for (const char* type : {"double", "float"}) {
    out.blank();
    Printer::Block fn(out,
                      out.wrap(fmt::format("{}<{}> {}", api.result_struct, type, api.function),
                               param_list(api, type, false, ""), ""),
                      "");
    mark_unused_saved(out, api, !api.forwards);
    out.put(out.wrap(fmt::format("return {}<{}>", api.alloc, type),
                     api.forwards ? arg_list(api, false, "") : forward_list(api, false, ""), ";"));
  }
}

// The internal functions of one program, in the source's anonymous namespace.
void emit_internals(Printer& out, const ProgramApi& api, const SpecLines* lines) {
  out.blank();
  emit_workspace_bytes(out, api);
  out.blank();
  emit_impl(out, api, lines);
  if (!api.reserve.empty()) {
    out.blank();
    emit_reserve(out, api);
  }
  if (has_allocating_form(api)) {
    out.blank();
    emit_alloc(out, api);
  }
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
  out.put("#include <ricci/simd.h>");
  out.put("#include <ricci/vmath.h>");
  for (const LayerApi& l : layers) {
    out.blank();
    Namespaces ns(out, options.ns, {l.ns});
    {
      Namespaces anonymous(out, "", {""});
      const SpecLines lines{options.source_name, l.layer->line, &l.layer->lines};
      const SpecLines* directives = options.line_directives ? &lines : nullptr;
      for (const ProgramApi& api : l.programs) emit_internals(out, api, directives);
      for (const ProgramApi& api : l.saved) {
        if (!api.forwards) emit_internals(out, api, directives);
      }
      out.blank();
    }
    for (const ProgramApi& api : l.programs) emit_overloads(out, api);
    for (const ProgramApi& api : l.saved) emit_overloads(out, api);
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::codegen
