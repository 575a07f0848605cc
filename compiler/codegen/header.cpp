// <stem>.h: the declarations a user calls, with the math and parameter order of each.
#include <fmt/format.h>

#include "codegen/emit.h"

namespace ricci::codegen {
namespace {

void emit_calls(Printer& out, const ProgramApi& api) {
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap("void " + api.function, param_list(api, type, true, api.ws), ";"));
  }
}

void emit_workspace_bytes_declarations(Printer& out, const ProgramApi& api) {
  if (workspace_bytes_is_template(api)) {
    out.put("template <class T>");
    out.line("std::size_t {}();", api.workspace_bytes);
    return;
  }
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap("std::size_t " + api.workspace_bytes,
                     param_list(api, type, false, "", Signature::workspace_bytes), ";"));
  }
}

void emit_allocating_calls(Printer& out, const ProgramApi& api) {
  for (const char* type : {"double", "float"}) {
    out.put(out.wrap(fmt::format("{}<{}> {}", api.result_struct, type, api.function),
                     param_list(api, type, false, ""), ";"));
  }
}

void emit_declarations(Printer& out, const ProgramApi& api) {
  std::vector<std::string> outs, ins;
  for (const Param& p : api.outputs) outs.push_back(param_with_axes(api, p));
  for (const Param& p : api.inputs) ins.push_back(param_with_axes(api, p));
  out.comment(fmt::format("{}: {}", api.function, describe(api)));
  out.comment(fmt::format("Parameters: outputs {}, then inputs {}, then the workspace.",
                          outs.empty() ? "(none)" : fmt::format("{}", fmt::join(outs, ", ")),
                          ins.empty() ? "(none)" : fmt::format("{}", fmt::join(ins, ", "))));
  out.comment("Every output is overwritten, never accumulated into; outputs must not alias inputs.");
  emit_calls(out, api);
  out.comment(fmt::format("The bytes {} takes from its workspace for these shapes: reserve them once and "
                          "calls with these shapes never allocate.", api.function));
  emit_workspace_bytes_declarations(out, api);
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
  emit_allocating_calls(out, api);
}

std::vector<std::string> members(const std::vector<Param>& params) {
  std::vector<std::string> names;
  for (const Param& p : params) {
    if (!p.member.empty()) names.push_back("saved." + p.member);
  }
  return names;
}

// The Saved struct, then each program's overloads that take it.
void emit_saved_declarations(Printer& out, const std::vector<ProgramApi>& saved) {
  const ProgramApi& writer = saved.front();
  std::vector<std::string> readers;
  for (std::size_t k = 1; k < saved.size(); ++k) readers.push_back(saved[k].function);
  std::string who = fmt::format("{}", fmt::join(readers, " and "));
  if (writes_saved(writer)) {
    out.comment(fmt::format(
        "Saved-intermediates form: evaluate also keeps, in a Saved the caller owns, the values that {} would "
        "otherwise compute again, and {} read{} them from it. Pass them the Saved that evaluate filled for the "
        "same inputs. evaluate sizes its tensors, allocating only when the shapes change.",
        who, readers.size() == 1 ? "it" : "they", readers.size() == 1 ? "s" : ""));
  } else {
    out.comment(fmt::format(
        "Saved-intermediates form: {} need{} nothing that evaluate computes, so Saved is empty; these overloads "
        "take it so that code written for any layer calls this one the same way.",
        who, readers.size() == 1 ? "s" : ""));
  }
  out.put("template <class T>");
  {
    Printer::Block s(out, "struct Saved", ";");
    for (const Param& p : writer.outputs) {
      if (p.member.empty()) continue;
      std::vector<std::string> axes;
      for (ir::ExtentId e : p.shape) axes.push_back(writer.extent_name(e));
      out.line("ricci::Tensor<T, {}> {};{}", p.shape.size(), p.member,
               axes.empty() ? "" : fmt::format("  // [{}]", fmt::join(axes, ",")));
    }
  }
  for (const ProgramApi& api : saved) {
    out.blank();
    std::vector<std::string> written = members(api.outputs), read = members(api.inputs);
    if (!written.empty()) {
      out.comment(fmt::format("{}, also writing {}:", api.function, fmt::join(written, ", ")));
    } else if (!read.empty()) {
      out.comment(fmt::format("{}, reading {} instead of computing {} again:", api.function, fmt::join(read, ", "),
                              read.size() == 1 ? "it" : "them"));
    } else {
      out.comment(fmt::format("{}, as above:", api.function));
    }
    emit_calls(out, api);
    emit_workspace_bytes_declarations(out, api);
    if (has_allocating_form(api)) emit_allocating_calls(out, api);
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
    if (!l.saved.empty()) {
      out.blank();
      emit_saved_declarations(out, l.saved);
    }
    out.blank();
  }
  return out.text();
}

}  // namespace ricci::codegen
