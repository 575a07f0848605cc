// emit_definitions: the annotated functions and their derivatives, forwarding to the
// layers' generated code.
#include <fmt/format.h>

#include <filesystem>

#include "codegen/api.h"
#include "codegen/emit.h"
#include "codegen/names.h"
#include "codegen/printer.h"
#include "scan/scan.h"
#include "support/internal_error.h"

namespace ricci::scan {
namespace {

// One annotated function with what its wrappers need.
struct Wrapped {
  const Declaration* decl = nullptr;
  const codegen::LayerPrograms* layer = nullptr;
  std::string layer_ns;  // the layer's namespace inside layers_namespace, as emit_cpp names it
  std::string element;   // `float` or `double`
  std::vector<codegen::ProgramApi> apis;
};

// The spec on one line, for a comment.
std::string one_line(const std::string& spec) {
  std::string out;
  for (char c : spec) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Wrapped> wrap_all(const Header& header, const std::vector<codegen::LayerPrograms>& layers) {
  RICCI_CHECK(header.declarations.size() == layers.size(), "one layer per annotated declaration");
  std::vector<Wrapped> out;
  codegen::NameTable layer_names;  // claimed in emit_cpp's order, so the namespaces agree
  for (std::size_t k = 0; k < layers.size(); ++k) {
    const Declaration& d = header.declarations[k];
    RICCI_CHECK(d.name == layers[k].name && !d.params.empty() && d.params.front().view,
                fmt::format("declaration `{}` was not checked against its layer", d.name));
    Wrapped w{&d, &layers[k], layer_names.claim(layers[k].name), d.params.front().view->element, {}};
    for (const ir::Program& p : layers[k].programs) w.apis.push_back(codegen::make_api(p, layers[k].name));
    out.push_back(std::move(w));
  }
  return out;
}

std::string stamp(const Header& header, const std::vector<codegen::LayerPrograms>& layers,
                  const DefinitionOptions& options) {
  codegen::CppOptions stamp_options;
  stamp_options.source_name = std::filesystem::path(header.file->name()).filename().string();
  stamp_options.version = options.version;
  std::vector<const codegen::LayerPrograms*> sources;
  for (const codegen::LayerPrograms& l : layers) sources.push_back(&l);
  return codegen::stamp(sources, stamp_options);
}

void heading(codegen::Printer& out, const Wrapped& w, const std::string& source) {
  out.comment(fmt::format("{} ({}, line {}): {}", w.decl->name, source, w.decl->line, one_line(w.decl->spec)));
}

// `bilinear_pullback`: the name of a derivative of the annotated function.
std::string derivative_name(const Wrapped& w, const codegen::ProgramApi& api) {
  return w.decl->name + "_" + api.function;
}

std::string emit_header(const std::vector<Wrapped>& wrapped, const std::string& ns, const std::string& source,
                        const std::string& stamp_line) {
  codegen::Printer out;
  out.put(stamp_line);
  out.put("#pragma once");
  out.blank();
  out.put("#include <ricci/view.h>");
  out.blank();
  out.comment(fmt::format("The derivatives of the layers declared in {}, which ricci defines along with them.",
                          source));
  {
    codegen::Namespaces scope(out, ns, {});
    for (const Wrapped& w : wrapped) {
      out.blank();
      heading(out, w, source);
      for (const codegen::ProgramApi& api : w.apis) {
        if (api.program->kind == ir::ProgramKind::evaluate) continue;
        out.blank();
        out.comment(codegen::describe(api));
        out.put(out.wrap("void " + derivative_name(w, api), codegen::param_list(api, w.element, true, ""), ";"));
      }
    }
    out.blank();
  }
  return out.text();
}

// The annotated function itself, with its parameters in the declaration's order.
void emit_function(codegen::Printer& out, const Wrapped& w, const codegen::ProgramApi& evaluate) {
  std::vector<std::string> params;
  for (const Parameter& p : w.decl->params)
    params.push_back(fmt::format("{} {}", codegen::view_type(w.element, p.view->rank, !p.view->read_only), p.name));
  std::vector<std::string> args;
  for (const codegen::Param& p : evaluate.outputs) args.push_back(p.name);
  for (const codegen::Param& p : evaluate.inputs) args.push_back(p.name);
  args.emplace_back("ricci_scan_workspace()");
  codegen::Printer::Block body(out, out.wrap("void " + w.decl->name, params, ""), "");
  out.put(out.wrap(fmt::format("ricci_layers::{}::evaluate", w.layer_ns), args, ";"));
}

void emit_derivative(codegen::Printer& out, const Wrapped& w, const codegen::ProgramApi& api) {
  std::vector<std::string> args = codegen::arg_list(api, true, "");
  args.emplace_back("ricci_scan_workspace()");
  codegen::Printer::Block body(
      out, out.wrap("void " + derivative_name(w, api), codegen::param_list(api, w.element, true, ""), ""), "");
  out.put(out.wrap(fmt::format("ricci_layers::{}::{}", w.layer_ns, api.function), args, ";"));
}

std::string emit_source(const std::vector<Wrapped>& wrapped, const std::string& ns, const std::string& source,
                        const std::string& stamp_line, const DefinitionOptions& options) {
  codegen::Printer out;
  out.put(stamp_line);
  out.line("#include \"{}\"", source);
  out.line("#include \"{}.h\"", options.stem);
  out.line("#include \"{}.h\"", options.layers_stem);
  out.blank();
  {
    codegen::Namespaces scope(out, "", {""});
    out.blank();
    out.comment("One arena per thread, kept between calls: calls with the same shapes do not allocate.");
    {
      codegen::Printer::Block body(out, "ricci::Workspace& ricci_scan_workspace()", "");
      out.put("thread_local ricci::Workspace ws;");
      out.put("return ws;");
    }
    out.blank();
  }
  out.blank();
  {
    codegen::Namespaces scope(out, ns, {});
    for (const Wrapped& w : wrapped) {
      out.blank();
      heading(out, w, source);
      for (const codegen::ProgramApi& api : w.apis) {
        if (api.program->kind == ir::ProgramKind::evaluate)
          emit_function(out, w, api);
        else
          emit_derivative(out, w, api);
        if (&api != &w.apis.back()) out.blank();
      }
    }
    out.blank();
  }
  return out.text();
}

}  // namespace

std::vector<codegen::OutputFile> emit_definitions(const Header& header,
                                                  const std::vector<codegen::LayerPrograms>& layers,
                                                  const DefinitionOptions& options) {
  std::vector<Wrapped> wrapped = wrap_all(header, layers);
  std::string source = std::filesystem::path(header.file->name()).filename().string();
  std::string ns = header.declarations.empty() ? "" : header.declarations.front().ns;
  std::string stamp_line = stamp(header, layers, options);
  return {{options.stem + ".h", emit_header(wrapped, ns, source, stamp_line)},
          {options.stem + ".cpp", emit_source(wrapped, ns, source, stamp_line, options)}};
}

}  // namespace ricci::scan
