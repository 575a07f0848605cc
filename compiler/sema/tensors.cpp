// Ranks, definition order and roles of the tensors of one layer.
#include "sema/tensors.h"

#include <fmt/format.h>

namespace ricci::sema {

const TensorInfo* TensorTable::find(std::string_view name) const {
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : &tensors[it->second];
}

bool rank_mismatch(const TensorTable& table, const AccessSite& site) {
  const TensorInfo* t = table.find(site.access->name.text);
  return t == nullptr || t->rank != site.access->indices.size();
}

namespace {

std::string plural_indices(std::size_t n) { return fmt::format("{} {}", n, n == 1 ? "index" : "indices"); }

// First pass: every tensor, its rank at the first use, and where it is assigned.
TensorTable collect(const syntax::Layer& layer, const std::vector<AccessSite>& sites, Diagnostics& diags) {
  TensorTable table;
  for (const AccessSite& site : sites) {
    const std::string& name = site.access->name.text;
    auto [it, fresh] = table.by_name.try_emplace(name, table.tensors.size());
    if (fresh) {
      table.tensors.push_back({name, site.access->indices.size(), site.range, {}, {}, {}, {}, {}});
    } else if (const TensorInfo& t = table.tensors[it->second]; t.rank != site.access->indices.size()) {
      diags.error(DiagKind::rank_mismatch, site.range,
                  fmt::format("`{}` is used with {}, expected {} as at its first use", name,
                              plural_indices(site.access->indices.size()), t.rank))
          .notes.push_back({t.first_use, fmt::format("first use of `{}` here", name)});
    }
    if (!site.is_lhs()) continue;
    TensorInfo& t = table.tensors[it->second];
    if (!t.first_assign) {
      t.first_assign = site.statement;
      t.definition = site.range;
    }
    if (!t.first_define && layer.statements[site.statement].op == syntax::AssignOp::define)
      t.first_define = site.statement;
    t.last_assign = site.statement;
  }
  return table;
}

}  // namespace

TensorTable check_tensors(const syntax::Layer& layer, const std::vector<AccessSite>& sites,
                          Diagnostics& diags) {
  TensorTable table = collect(layer, sites, diags);
  std::vector<SourceRange> lhs_range(layer.statements.size());
  for (const AccessSite& site : sites)
    if (site.is_lhs()) lhs_range[site.statement] = site.range;
  for (const AccessSite& site : sites) {
    const std::string& name = site.access->name.text;
    TensorInfo& t = table.tensors[table.by_name.at(name)];
    const syntax::Statement& st = layer.statements[site.statement];
    if (site.is_lhs()) {
      bool defined_before = t.first_define && *t.first_define < site.statement;
      if (st.op == syntax::AssignOp::define && defined_before) {
        diags.error(DiagKind::redefinition, site.range,
                    fmt::format("`{}` is already defined; use `+=` to accumulate into it", name))
            .notes.push_back({lhs_range[*t.first_define], fmt::format("`{}` is defined here", name)});
      } else if (st.op == syntax::AssignOp::accumulate && !defined_before) {
        diags.error(DiagKind::accumulate_undefined, site.range,
                    fmt::format("`+=` to `{}`, which is not defined yet; define it with `:=` first", name));
      }
      continue;
    }
    if (t.is_input() && !t.last_read) table.inputs.push_back(name);
    // Without any `:=` the tensor was already reported as accumulate-undefined.
    if (t.first_define && *t.first_define >= site.statement) {
      std::string message = *t.first_define == site.statement
                                ? fmt::format("`{}` is read in its own definition", name)
                                : fmt::format("`{}` is read before it is defined", name);
      diags.error(DiagKind::use_before_definition, site.range, std::move(message))
          .notes.push_back({lhs_range[*t.first_define], fmt::format("`{}` is defined here", name)});
    }
    t.last_read = site.statement;
  }
  return table;
}

}  // namespace ricci::sema
