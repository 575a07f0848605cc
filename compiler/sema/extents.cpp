// Union-find over index names and tensor axes, size hints, and the input that sizes each extent.
#include "sema/extents.h"

#include <fmt/format.h>

#include <deque>
#include <utility>

namespace ricci::sema {
namespace {

// One `idx` indexing axis `axis` of `tensor` at one access.
struct Edge {
  int index_node;
  int axis_node;
  const syntax::Ident* ident;
  std::string tensor;
  std::size_t axis;
};

class Unifier {
 public:
  int index_node(const syntax::Ident& idx) {
    auto [it, fresh] = index_nodes_.try_emplace(idx.text, size());
    if (fresh) {
      add_node();
      index_order_.push_back(&idx);
    }
    return it->second;
  }

  int axis_node(const std::string& tensor, std::size_t axis) {
    auto [it, fresh] = axis_nodes_.try_emplace({tensor, axis}, size());
    if (fresh) add_node();
    return it->second;
  }

  void link(const syntax::Ident& idx, const std::string& tensor, std::size_t axis) {
    Edge e{index_node(idx), axis_node(tensor, axis), &idx, tensor, axis};
    parent_[static_cast<std::size_t>(find(e.index_node))] = find(e.axis_node);
    adjacent_[static_cast<std::size_t>(e.index_node)].push_back(edges_.size());
    adjacent_[static_cast<std::size_t>(e.axis_node)].push_back(edges_.size());
    edges_.push_back(std::move(e));
  }

  int find(int n) {
    while (parent_[static_cast<std::size_t>(n)] != n) {
      int up = parent_[static_cast<std::size_t>(parent_[static_cast<std::size_t>(n)])];
      parent_[static_cast<std::size_t>(n)] = up;
      n = up;
    }
    return n;
  }

  int index_node_of(const std::string& name) const { return index_nodes_.at(name); }
  int axis_node_of(const std::string& tensor, std::size_t axis) const { return axis_nodes_.at({tensor, axis}); }
  const std::vector<const syntax::Ident*>& index_order() const { return index_order_; }

  // The accesses that tie index `from` to index `to`, shortest chain first found.
  std::vector<const Edge*> chain(int from, int to) const {
    std::vector<std::size_t> via(parent_.size(), kNone);
    std::deque<int> queue{from};
    std::vector<bool> seen(parent_.size(), false);
    seen[static_cast<std::size_t>(from)] = true;
    while (!queue.empty() && !seen[static_cast<std::size_t>(to)]) {
      int n = queue.front();
      queue.pop_front();
      for (std::size_t e : adjacent_[static_cast<std::size_t>(n)]) {
        int next = edges_[e].index_node == n ? edges_[e].axis_node : edges_[e].index_node;
        if (seen[static_cast<std::size_t>(next)]) continue;
        seen[static_cast<std::size_t>(next)] = true;
        via[static_cast<std::size_t>(next)] = e;
        queue.push_back(next);
      }
    }
    std::vector<const Edge*> out;
    for (int n = to; n != from && via[static_cast<std::size_t>(n)] != kNone;) {
      const Edge& e = edges_[via[static_cast<std::size_t>(n)]];
      out.insert(out.begin(), &e);
      n = e.index_node == n ? e.axis_node : e.index_node;
    }
    return out;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  int size() const { return static_cast<int>(parent_.size()); }
  void add_node() {
    parent_.push_back(size());
    adjacent_.emplace_back();
  }

  std::vector<int> parent_;
  std::vector<std::vector<std::size_t>> adjacent_;
  std::vector<Edge> edges_;
  std::map<std::string, int> index_nodes_;
  std::map<std::pair<std::string, std::size_t>, int> axis_nodes_;
  std::vector<const syntax::Ident*> index_order_;
};

constexpr std::size_t kMaxChainNotes = 8;

void report_conflict(Unifier& u, const syntax::DimHint& first, const syntax::DimHint& second, Diagnostics& diags) {
  Diagnostic& d = diags.error(
      DiagKind::index_size, second.value_range,
      fmt::format("index `{}` has size {} but denotes the same extent as `{}`, which has size {}", second.index.text,
                  second.value, first.index.text, first.value));
  d.notes.push_back({first.value_range, fmt::format("`{}` has size {} here", first.index.text, first.value)});
  std::vector<const Edge*> chain = u.chain(u.index_node_of(first.index.text), u.index_node_of(second.index.text));
  for (std::size_t k = 0; k < chain.size() && k < kMaxChainNotes; ++k)
    d.notes.push_back({chain[k]->ident->range, fmt::format("`{}` indexes axis {} of `{}` here", chain[k]->ident->text,
                                                           chain[k]->axis + 1, chain[k]->tensor)});
}

}  // namespace

ExtentTable check_extents(const std::vector<AccessSite>& sites, const TensorTable& tensors,
                          const syntax::Layer& layer, const std::map<std::string, const syntax::DimHint*>& dims,
                          Diagnostics& diags) {
  Unifier u;
  // Indices of a use with the wrong rank still name extents, but tie nothing together.
  for (const AccessSite& site : sites) {
    bool mismatch = rank_mismatch(tensors, site);
    for (std::size_t k = 0; k < site.access->indices.size(); ++k) {
      if (mismatch)
        u.index_node(site.access->indices[k]);
      else
        u.link(site.access->indices[k], site.access->name.text, k);
    }
  }

  ExtentTable table;
  std::map<int, ir::ExtentId> extent_of_root;
  std::vector<const syntax::Ident*> first_spelling;
  for (const syntax::Ident* idx : u.index_order()) {
    auto [it, fresh] = extent_of_root.try_emplace(u.find(u.index_node_of(idx->text)),
                                                  static_cast<ir::ExtentId>(table.extents.size()));
    if (fresh) {
      table.extents.push_back({idx->text, std::nullopt});
      first_spelling.push_back(idx);
    }
    table.of_index[idx->text] = it->second;
  }

  std::map<ir::ExtentId, const syntax::DimHint*> hint_of;
  for (const syntax::DimHint& d : layer.dims) {
    auto valid = dims.find(d.index.text);
    if (valid == dims.end() || valid->second != &d) continue;
    ir::ExtentId e = table.of_index.at(d.index.text);
    auto [it, fresh] = hint_of.try_emplace(e, &d);
    if (fresh)
      table.extents[static_cast<std::size_t>(e)].hint = d.value;
    else if (it->second->value != d.value)
      report_conflict(u, *it->second, d, diags);
  }

  // An extent with no axis at all comes only from uses already reported as rank-mismatch.
  std::vector<bool> carried(table.extents.size(), false), has_axis(table.extents.size(), false);
  for (const TensorInfo& t : tensors.tensors) {
    ir::Shape& shape = table.shape_of[t.name];
    for (std::size_t k = 0; k < t.rank; ++k) {
      ir::ExtentId e = extent_of_root.at(u.find(u.axis_node_of(t.name, k)));
      shape.push_back(e);
      has_axis[static_cast<std::size_t>(e)] = true;
      if (t.is_input()) carried[static_cast<std::size_t>(e)] = true;
    }
  }
  for (std::size_t e = 0; e < carried.size(); ++e)
    if (has_axis[e] && !carried[e])
      diags.error(DiagKind::unknown_size, first_spelling[e]->range,
                  fmt::format("the size of index `{}` cannot be determined: it indexes no input",
                              first_spelling[e]->text));
  return table;
}

}  // namespace ricci::sema
