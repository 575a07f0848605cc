// Semantic analysis of a module: checks every layer, then lowers all of them if none failed.
#include "sema/sema.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "sema/facts.h"
#include "sema/lower.h"
#include "sema/names.h"
#include "sema/walk.h"

namespace ricci::sema {
namespace {

LayerFacts check_layer(const syntax::Layer& layer, Diagnostics& diags) {
  LayerFacts f;
  f.layer = &layer;
  std::vector<AccessSite> sites = collect_accesses(layer, diags.file());
  check_names(layer, sites, diags);
  f.tensors = check_tensors(layer, sites, diags);
  for (const syntax::Statement& st : layer.statements) f.statements.push_back(check_indices(st, diags));
  std::set<std::string> indices;
  for (const AccessSite& site : sites)
    for (const syntax::Ident& idx : site.access->indices) indices.insert(idx.text);
  f.clauses = check_clauses(layer, f.tensors, indices, diags);
  f.extents = check_extents(sites, f.tensors, layer, f.clauses.dims, diags);
  return f;
}

// The checks run concern by concern; a reader wants a layer's diagnostics in text order.
void forward_in_source_order(const Diagnostics& from, Diagnostics& to) {
  std::vector<const Diagnostic*> sorted;
  for (const Diagnostic& d : from.all()) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->range.begin < b->range.begin; });
  for (const Diagnostic* d : sorted) {
    Diagnostic& copy = d->severity == Severity::warning ? to.warning(d->kind, d->range, d->message)
                                                        : to.error(d->kind, d->range, d->message);
    copy.notes = d->notes;
  }
}

}  // namespace

ir::Module analyze(const syntax::Module& module, Diagnostics& diags) {
  ir::Module out;
  out.source_name = diags.file().name();
  std::map<std::string, const syntax::Layer*> seen;
  std::vector<LayerFacts> facts;
  for (const syntax::Layer& layer : module.layers) {
    if (diags.full()) break;
    Diagnostics local(diags.file(), std::numeric_limits<std::size_t>::max());
    auto [it, fresh] = seen.try_emplace(layer.name.text, &layer);
    if (!fresh)
      local
          .error(DiagKind::duplicate_layer, layer.name.range,
                 fmt::format("layer `{}` is defined twice", layer.name.text))
          .notes.push_back({it->second->name.range, fmt::format("first definition of `{}` here", layer.name.text)});
    facts.push_back(check_layer(layer, local));
    forward_in_source_order(local, diags);
  }
  if (diags.has_errors()) return out;
  for (const LayerFacts& f : facts) out.layers.push_back(lower_layer(f, diags.file()));
  return out;
}

}  // namespace ricci::sema
