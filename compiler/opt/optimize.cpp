// optimize(): rebuilds a program value by value, multiplying out each product in its plan.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "ir/builder.h"
#include "ir/ir_api.h"
#include "opt/cost.h"
#include "opt/delta.h"
#include "opt/opt.h"
#include "opt/plan.h"
#include "opt/subproducts.h"
#include "support/internal_error.h"

namespace ricci::opt {
namespace {

// Longer names of intermediates (`BCD`, `C_trD`) would not help a reader: they stay unnamed.
constexpr std::size_t kMaxIntermediateName = 12;

std::vector<ir::Label> distinct(std::vector<ir::Label> labels) {
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

// What multiplying out one product needs of the program being rebuilt.
struct Context {
  ir::Builder& b;
  Subproducts& known;
  const ExtentSizes& sizes;
  int level;
};

// Multiplies out one Contract of two or more operands along a plan.
class Multiply {
 public:
  Multiply(const Context& context, const ir::Contract& c, std::string name)
      : ctx_(context), c_(c), name_(std::move(name)), in_out_(c.labels.size()), readers_(c.labels.size()) {
    for (ir::Label l : c.out) in_out_[static_cast<std::size_t>(l)] = true;
    for (const ir::Operand& o : c.operands)
      for (ir::Label l : distinct(o.labels)) ++readers_[static_cast<std::size_t>(l)];
    for (std::size_t l = 0; l < c.labels.size(); ++l) {
      if (readers_[l] > 0) continue;
      if (in_out_[l])
        broadcast_ = true;
      else
        unread_.push_back(static_cast<ir::Label>(l));
    }
    for (ir::Label l : distinct(c.out))
      if (readers_[static_cast<std::size_t>(l)] > 0) out_read_.push_back(l);
  }

  ir::ValueId run() {
    for (std::size_t k = 0; k < c_.operands.size(); ++k) add_leaf(k);
    leaves_ = nodes_.size();
    count_.assign(c_.labels.size(), 0);
    for (const Node& n : nodes_)
      for (ir::Label l : distinct(n.factor.labels)) ++count_[static_cast<std::size_t>(l)];

    Plan plan = ctx_.level == 0 ? plan_left_to_right(leaves_) : plan_product(product(), exists());
    bool final_built = false;
    for (std::size_t k = 0; k < plan.size(); ++k) {
      const Step& step = plan[k];
      bool root = k + 1 == plan.size();
      if (step.reuse != 0) {
        reuse(step.reuse);
      } else if (root && !broadcast_) {
        final_built = true;
        multiply_root(step.left, step.right);
      } else {
        multiply(step.left, step.right, sibling_layout(plan, k));
      }
    }
    if (!final_built) {
      // A reused or broadcast result: one unary step applies the coefficient, the result's
      // axis order, its broadcast and diagonal-write labels and unread summed labels.
      const Node& top = nodes_.back();
      ir::ValueId id = build(c_.coeff, {top.factor}, c_.out, unread_, name_);
      remember(id, top.leaves, c_.out, c_.coeff == 1 && !broadcast_ && unread_.empty());
      return id;
    }
    return nodes_.back().factor.value;
  }

 private:
  struct Node {
    Factor factor;
    std::size_t first = 0;  // the earliest operand it contains: the result keeps source order
    uint64_t leaves = 0;    // the leaves it contains (when there are at most 64)
    bool letters = false;   // its name is a run of one-letter names, so products concatenate
  };

  const ir::LabelInfo& info(ir::Label l) const { return c_.labels.at(static_cast<std::size_t>(l)); }

  // A factor's labels that no other factor reads and the result does not keep are summed
  // before anything else: `D[l,l]` becomes the scalar `trD` (trace hoisting).
  void add_leaf(std::size_t k) {
    const ir::Operand& o = c_.operands[k];
    Node n{Factor{o.value, o.labels}, k, k < 64 ? uint64_t{1} << k : 0, false};
    const std::string& base = ctx_.b.at(o.value).name;
    n.letters = base.size() == 1;
    std::vector<ir::Label> own = distinct(o.labels);
    std::vector<ir::Label> kept;
    for (ir::Label l : o.labels) {
      auto u = static_cast<std::size_t>(l);
      if ((readers_[u] > 1 || in_out_[u]) && std::find(kept.begin(), kept.end(), l) == kept.end())
        kept.push_back(l);
    }
    if (ctx_.level >= 1 && kept.size() < own.size()) {
      std::string name;
      if (!base.empty())
        name = (kept.empty() && own.size() == 1 && o.labels.size() > 1 ? "tr" : "sum") + base;
      ir::ValueId id = build(1, {n.factor}, kept, {}, name);
      ctx_.known.add_value(ctx_.b, id);
      n.factor = Factor{id, kept};
      n.letters = false;
    }
    nodes_.push_back(std::move(n));
  }

  Product product() const {
    Product p;
    std::map<std::pair<ir::ValueId, std::vector<ir::Label>>, int> kinds;
    for (const Node& n : nodes_) {
      std::vector<ir::Label> own = distinct(n.factor.labels);
      p.leaves.emplace_back(own.begin(), own.end());
      auto [it, fresh] = kinds.try_emplace({n.factor.value, n.factor.labels}, static_cast<int>(kinds.size()));
      p.kinds.push_back(it->second);
    }
    p.out.assign(out_read_.begin(), out_read_.end());
    for (const ir::LabelInfo& l : c_.labels) {
      const std::optional<int64_t>& size = ctx_.sizes.at(static_cast<std::size_t>(l.extent));
      p.sizes.push_back(size ? Size{static_cast<double>(*size), 0} : Size{1, 1});
    }
    return p;
  }

  std::vector<const Factor*> leaf_factors(uint64_t set) const {
    std::vector<const Factor*> factors;
    for (std::size_t k = 0; k < leaves_ && k < 64; ++k)
      if ((set >> k) & 1) factors.push_back(&nodes_[k].factor);
    return factors;
  }

  Exists exists() const {
    return [this](uint64_t set, uint64_t kept_mask) {
      std::vector<ir::Label> kept;
      for (std::size_t l = 0; l < c_.labels.size(); ++l)
        if ((kept_mask >> l) & 1) kept.push_back(static_cast<ir::Label>(l));
      return ctx_.known.find(leaf_factors(set), kept).has_value();
    };
  }

  // Takes `parts` out of the count of readers; returns the labels still read elsewhere or
  // kept by the result, which the product of `parts` keeps.
  std::vector<ir::Label> keep(const std::vector<const Node*>& parts) {
    std::vector<ir::Label> all;
    for (const Node* n : parts)
      for (ir::Label l : distinct(n->factor.labels)) {
        --count_[static_cast<std::size_t>(l)];
        all.push_back(l);
      }
    std::vector<ir::Label> kept;
    for (ir::Label l : distinct(all)) {
      auto u = static_cast<std::size_t>(l);
      if (count_[u] > 0 || (in_out_[u] && readers_[u] > 0)) kept.push_back(l);
    }
    for (ir::Label l : kept) ++count_[static_cast<std::size_t>(l)];
    return kept;
  }

  void reuse(uint64_t set) {
    std::vector<const Node*> parts;
    Node n;
    n.first = c_.operands.size();
    for (std::size_t k = 0; k < leaves_; ++k) {
      if (((set >> k) & 1) == 0) continue;
      parts.push_back(&nodes_[k]);
      n.first = std::min(n.first, nodes_[k].first);
    }
    std::vector<ir::Label> kept = keep(parts);
    std::optional<Factor> found = ctx_.known.find(leaf_factors(set), kept);
    RICCI_CHECK(found.has_value(), "a planned reuse names no existing product");
    n.factor = *found;
    n.leaves = set;
    nodes_.push_back(std::move(n));
  }

  // The labels of the operand that step k's result is next multiplied with, when that operand
  // is one of the product's own factors: its axis order is fixed, and step k's result can
  // follow it.
  std::optional<std::vector<ir::Label>> sibling_layout(const Plan& plan, std::size_t k) const {
    const int produced = static_cast<int>(leaves_ + k);
    for (std::size_t t = k + 1; t < plan.size(); ++t) {
      const Step& next = plan[t];
      if (next.reuse != 0 || (next.left != produced && next.right != produced)) continue;
      const int sibling = next.left == produced ? next.right : next.left;
      if (sibling < 0 || static_cast<std::size_t>(sibling) >= leaves_) return std::nullopt;
      return nodes_.at(static_cast<std::size_t>(sibling)).factor.labels;
    }
    return std::nullopt;
  }

  // An intermediate: a product computed before (in any operand order, under any index
  // names) is reused; otherwise its factors in the order written, its labels in order of
  // first appearance, or in the order of `sibling` (the factor it is multiplied with next)
  // when the two have the same labels: the loop that multiplies them then walks both in
  // memory order (`BC[i,j]` for `A[i,j] * BC[i,j]` rather than `BC[j,i]`).
  void multiply(int left, int right, const std::optional<std::vector<ir::Label>>& sibling) {
    const Node &a = nodes_.at(static_cast<std::size_t>(left)),
               &b = nodes_.at(static_cast<std::size_t>(right));
    std::vector<ir::Label> kept = keep({&a, &b});
    const Node& x = b.first < a.first ? b : a;
    const Node& y = b.first < a.first ? a : b;
    Node n{Factor{0, {}}, x.first, a.leaves | b.leaves, false};
    if (std::optional<Factor> known = ctx_.known.find({&x.factor, &y.factor}, kept)) {
      n.factor = *known;
    } else {
      if (sibling && sibling->size() == kept.size() && distinct(*sibling) == kept) {
        n.factor.labels = *sibling;
      } else {
        for (const Node* f : {&x, &y})
          for (ir::Label l : f->factor.labels)
            if (std::find(kept.begin(), kept.end(), l) != kept.end() &&
                std::find(n.factor.labels.begin(), n.factor.labels.end(), l) == n.factor.labels.end())
              n.factor.labels.push_back(l);
      }
      std::string name;
      std::tie(name, n.letters) = joined_name(x, y);
      n.factor.value = build(1, {x.factor, y.factor}, n.factor.labels, {}, name);
    }
    remember(n.factor.value, n.leaves, n.factor.labels, true);
    nodes_.push_back(std::move(n));
  }

  // The result: its factors in the order the operands were written, with the Contract's
  // coefficient, result labels and unread summed labels.
  void multiply_root(int left, int right) {
    const Node &a = nodes_.at(static_cast<std::size_t>(left)),
               &b = nodes_.at(static_cast<std::size_t>(right));
    keep({&a, &b});
    const Node& x = b.first < a.first ? b : a;
    const Node& y = b.first < a.first ? a : b;
    Node n{Factor{0, c_.out}, 0, a.leaves | b.leaves, false};
    n.factor.value = build(c_.coeff, {x.factor, y.factor}, c_.out, unread_, name_);
    remember(n.factor.value, n.leaves, c_.out,
             c_.coeff == 1 && unread_.empty() && distinct(c_.out).size() == c_.out.size());
    nodes_.push_back(std::move(n));
  }

  std::pair<std::string, bool> joined_name(const Node& x, const Node& y) const {
    const std::string &a = ctx_.b.at(x.factor.value).name, &b = ctx_.b.at(y.factor.value).name;
    if (a.empty() || b.empty()) return {"", false};
    bool letters = x.letters && y.letters;
    std::string name = letters ? a + b : a + "_" + b;
    if (name.size() > kMaxIntermediateName) return {"", false};
    return {name, letters};
  }

  // Records a product (when `plain`: coefficient 1, no broadcast or diagonal write) under its
  // own operands and under the leaves it multiplies, for later products to reuse.
  void remember(ir::ValueId id, uint64_t leaves, const std::vector<ir::Label>& out, bool plain) {
    ctx_.known.add_value(ctx_.b, id);
    if (!plain || leaves_ > 64 || leaves == 0) return;
    if (!std::holds_alternative<ir::Contract>(ctx_.b.at(id).op)) return;
    ctx_.known.add(leaf_factors(leaves), out, id);
  }

  // One Contract over a subset of this product's labels, numbered in their original order.
  ir::ValueId build(double coeff, const std::vector<Factor>& factors, const std::vector<ir::Label>& out,
                    const std::vector<ir::Label>& unread, const std::string& name) {
    std::vector<ir::Label> used = unread;
    for (const Factor& f : factors) used.insert(used.end(), f.labels.begin(), f.labels.end());
    used.insert(used.end(), out.begin(), out.end());
    used = distinct(used);
    auto local = [&](ir::Label l) {
      return static_cast<ir::Label>(std::lower_bound(used.begin(), used.end(), l) - used.begin());
    };
    std::vector<ir::Operand> operands;
    for (const Factor& f : factors) {
      ir::Operand o{f.value, {}};
      for (ir::Label l : f.labels) o.labels.push_back(local(l));
      operands.push_back(std::move(o));
    }
    std::vector<ir::Label> local_out;
    for (ir::Label l : out) local_out.push_back(local(l));
    std::vector<ir::LabelInfo> infos;
    for (ir::Label l : used) infos.push_back(info(l));
    return ctx_.b.contract(coeff, std::move(operands), std::move(local_out), std::move(infos), name);
  }

  Context ctx_;
  const ir::Contract& c_;
  std::string name_;
  std::vector<bool> in_out_;
  std::vector<int> readers_;         // operands reading each label
  std::vector<ir::Label> out_read_;  // distinct result labels some operand reads
  std::vector<ir::Label> unread_;    // summed labels no operand reads (each multiplies by |l|)
  bool broadcast_ = false;           // some result label is read by no operand
  std::vector<Node> nodes_;          // the leaves, then one per step
  std::size_t leaves_ = 0;
  std::vector<int> count_;  // nodes not yet multiplied that read each label
};

class Rewriter {
 public:
  Rewriter(const ir::Program& p, const OptOptions& o)
      : p_(p), level_(o.level), sizes_(extent_sizes(p.extents, o.sizes)), b_(p.extents) {}

  ir::Program run() {
    std::vector<ir::ValueId> ids;
    ids.reserve(p_.values.size());
    for (const ir::Value& v : p_.values) ids.push_back(rebuild(v, ids));
    for (const ir::Result& r : p_.outputs) b_.output(r.name, ids.at(static_cast<std::size_t>(r.value)));
    return b_.finish(p_.layer, p_.kind);
  }

 private:
  ir::ValueId rebuild(const ir::Value& v, const std::vector<ir::ValueId>& ids) {
    auto id = [&](ir::ValueId old) { return ids.at(static_cast<std::size_t>(old)); };
    return std::visit(
        [&](const auto& o) -> ir::ValueId {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ir::Input>) {
            return b_.input(o.name, v.shape);
          } else if constexpr (std::is_same_v<T, ir::Contract>) {
            ir::Contract c = o;
            for (ir::Operand& operand : c.operands) operand.value = id(operand.value);
            return product(c, v.name);
          } else if constexpr (std::is_same_v<T, ir::Map>) {
            return b_.map(o.fn, id(o.arg), o.exponent, v.name);
          } else {
            static_assert(std::is_same_v<T, ir::Add>);
            std::vector<ir::ValueId> terms;
            for (ir::ValueId t : o.terms) terms.push_back(id(t));
            return b_.add(std::move(terms), v.name);
          }
        },
        v.op);
  }

  ir::ValueId product(const ir::Contract& original, const std::string& name) {
    const ir::Contract c = level_ == 0 ? original : contract_deltas(b_, original);
    std::size_t n = c.operands.size();
    bool planned = level_ == 0 ? n > kMaxUnsplitFactors : n >= 2;
    if (!planned) {
      ir::ValueId id = b_.contract(c.coeff, c.operands, c.out, c.labels, name);
      known_.add_value(b_, id);
      return id;
    }
    return Multiply(Context{b_, known_, sizes_, level_}, c, name).run();
  }

  const ir::Program& p_;
  int level_;
  ExtentSizes sizes_;
  ir::Builder b_;
  Subproducts known_;
};

}  // namespace

ir::Program optimize(const ir::Program& p, const OptOptions& options) {
  RICCI_CHECK(options.level == 0 || options.level == 1,
              fmt::format("no optimization level {}", options.level));
  ir::Program q = Rewriter(p, options).run();
  if (q.values.size() == p.values.size() && ir::print_ir(q) == ir::print_ir(p)) return p;
  return q;
}

}  // namespace ricci::opt
