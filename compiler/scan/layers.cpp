// analyze_layers: each declaration's spec through the ricci front end, errors mapped back
// into the header, then the parameters checked against the layer.
#include <fmt/format.h>

#include <map>

#include "scan/parameters.h"
#include "scan/scan.h"
#include "sema/sema.h"
#include "syntax/syntax.h"

namespace ricci::scan {
namespace {

// The spec of one declaration as a layer file, `layer <name> {\n<spec>\n}\n`, and the way
// back from its offsets to the header's.
class LayerText {
 public:
  explicit LayerText(const Declaration& d)
      : decl_(d),
        prefix_(fmt::format("layer {} {{\n", d.name)),
        file_(fmt::format("{}:{}", d.name, d.line), prefix_ + d.spec + "\n}\n") {}

  const SourceFile& file() const { return file_; }

  // The text added around the spec maps to the function's name (before it) and to the
  // literal's closing quote (after it).
  SourceRange to_header(SourceRange r) const {
    if (r.begin < prefix_.size()) return decl_.name_range;
    uint32_t begin = to_header(r.begin);
    uint32_t end = r.end > r.begin ? to_header(r.end - 1) + 1 : begin;
    return {begin, end > begin ? end : begin};
  }

  // Copies the diagnostics of the layer text into `header`, with header ranges.
  void forward(const Diagnostics& local, Diagnostics& header) const {
    for (const Diagnostic& d : local.all()) {
      Diagnostic& copy = d.severity == Severity::warning ? header.warning(d.kind, to_header(d.range), d.message)
                                                         : header.error(d.kind, to_header(d.range), d.message);
      for (const DiagNote& n : d.notes) copy.notes.push_back({to_header(n.range), n.message});
    }
  }

 private:
  uint32_t to_header(uint32_t offset) const {
    std::size_t in_spec = offset - prefix_.size();
    return in_spec < decl_.spec.size() ? decl_.spec_offsets[in_spec] : decl_.spec_offsets.back();
  }

  const Declaration& decl_;
  std::string prefix_;
  SourceFile file_;
};

// One layer from one declaration, or nullopt after reporting why not.
std::optional<ir::Layer> analyze_one(const Declaration& d, Diagnostics& diags) {
  LayerText text(d);
  Diagnostics local(text.file());
  syntax::Module ast = syntax::parse(text.file(), local);
  // A `}` in the spec would end the layer early and could start another one.
  if (!local.has_errors() && ast.layers.size() > 1) {
    diags.error(DiagKind::expected_token, text.to_header(ast.layers.at(1).name.range),
                fmt::format("the spec of `{}` must be the body of one layer, without braces", d.name));
    return std::nullopt;
  }
  ir::Module m = local.has_errors() ? ir::Module{} : sema::analyze(ast, local);
  text.forward(local, diags);
  if (local.has_errors()) return std::nullopt;
  ir::Layer layer = std::move(m.layers.at(0));
  layer.line = d.line;
  return layer;
}

}  // namespace

std::string layers_namespace(const Header& header) {
  std::string ns = header.declarations.empty() ? "" : header.declarations.front().ns;
  return ns.empty() ? "ricci_layers" : ns + "::ricci_layers";
}

ir::Module analyze_layers(const Header& header, Diagnostics& diags) {
  ir::Module m;
  m.source_name = header.file->name();
  std::map<std::string, const Declaration*> seen;
  const Declaration* first = header.declarations.empty() ? nullptr : &header.declarations.front();
  for (const Declaration& d : header.declarations) {
    if (!d.unsupported.empty()) {
      diags.error(DiagKind::unsupported_declaration, d.name_range, d.unsupported);
      continue;
    }
    if (d.ns != first->ns) {
      diags.error(DiagKind::unsupported_declaration, d.name_range,
                  fmt::format("`{}` is in namespace `{}` but `{}` in `{}`; the layers of one header share "
                              "a namespace",
                              d.name, d.ns.empty() ? "::" : d.ns, first->name, first->ns.empty() ? "::" : first->ns))
          .notes.push_back({first->name_range, fmt::format("`{}` is declared here", first->name)});
      continue;
    }
    auto [it, fresh] = seen.try_emplace(d.name, &d);
    if (!fresh) {
      diags.error(DiagKind::duplicate_layer, d.name_range, fmt::format("layer `{}` is defined twice", d.name))
          .notes.push_back({it->second->name_range, fmt::format("first definition of `{}` here", d.name)});
      continue;
    }
    std::optional<ir::Layer> layer = analyze_one(d, diags);
    if (!layer) continue;
    check_parameters(d, *layer, diags);
    m.layers.push_back(std::move(*layer));
  }
  return m;
}

}  // namespace ricci::scan
