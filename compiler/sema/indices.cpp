// Einstein rules: free and summed indices of every node of one statement.
#include "sema/indices.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "sema/walk.h"
#include "support/internal_error.h"

namespace ricci::sema {
namespace {

struct Occurrence {
  const syntax::Ident* ident;
  const syntax::Expr* access;  // the Access node holding it
};

struct Node {
  const syntax::Expr* parent;
  int depth;
};

// Ordered, duplicate-free index lists; the set keeps long products linear.
class IndexList {
 public:
  void add(const std::string& name) {
    if (seen_.insert(name).second) names_.push_back(name);
  }
  std::vector<std::string> take_without(const std::vector<std::string>& summed) {
    std::unordered_set<std::string> drop(summed.begin(), summed.end());
    std::erase_if(names_, [&](const std::string& n) { return drop.count(n) > 0; });
    return std::move(names_);
  }

 private:
  std::vector<std::string> names_;
  std::unordered_set<std::string> seen_;
};

class StatementChecker {
 public:
  StatementChecker(const syntax::Statement& st, Diagnostics& diags) : st_(st), diags_(diags) {}

  StatementIndices run() {
    std::set<std::string> left = check_lhs();
    if (st_.rhs) {
      index_tree(*st_.rhs, nullptr, 0);
      for (const std::string& name : order_)
        if (!left.count(name)) {
          bool reported = false;
          place(name, occurrences_.at(name), occurrences_.at(name), reported);
        }
      compute_free(*st_.rhs);
    }
    return std::move(result_);
  }

 private:
  std::set<std::string> check_lhs() {
    std::map<std::string, const syntax::Ident*> seen;
    for (const syntax::Ident& idx : st_.lhs.indices) {
      auto [it, fresh] = seen.try_emplace(idx.text, &idx);
      if (fresh) continue;
      diags_
          .error(DiagKind::repeated_lhs_index, idx.range,
                 fmt::format("index `{}` is repeated on the left side of `{}`; each result axis needs its own index",
                             idx.text, st_.lhs.name.text))
          .notes.push_back({it->second->range, fmt::format("first use of `{}` here", idx.text)});
    }
    std::set<std::string> out;
    for (const auto& [name, ident] : seen) out.insert(name);
    return out;
  }

  void index_tree(const syntax::Expr& e, const syntax::Expr* parent, int depth) {
    nodes_[&e] = {parent, depth};
    if (const auto* a = std::get_if<syntax::Access>(&e.node)) {
      for (const syntax::Ident& idx : a->indices) {
        auto [it, fresh] = occurrences_.try_emplace(idx.text);
        if (fresh) order_.push_back(idx.text);
        it->second.push_back({&idx, &e});
      }
    }
    for (const syntax::Expr* child : children(e)) index_tree(*child, &e, depth + 1);
  }

  const syntax::Expr* common_ancestor(const syntax::Expr* a, const syntax::Expr* b) const {
    while (nodes_.at(a).depth > nodes_.at(b).depth) a = nodes_.at(a).parent;
    while (nodes_.at(b).depth > nodes_.at(a).depth) b = nodes_.at(b).parent;
    while (a != b) {
      a = nodes_.at(a).parent;
      b = nodes_.at(b).parent;
    }
    return a;
  }

  const syntax::Expr* child_under(const syntax::Expr* node, const syntax::Expr* ancestor) const {
    while (nodes_.at(node).parent != ancestor) node = nodes_.at(node).parent;
    return node;
  }

  // Sums `name` at the deepest common node of its occurrences. When that node is a sum, each
  // of its terms is a scope of its own: `W[i,j]*x[j] + U[i,j]*y[j]` sums `j` in each product.
  void place(const std::string& name, const std::vector<Occurrence>& occ, const std::vector<Occurrence>& all,
             bool& reported) {
    const syntax::Ident& first = *occ.front().ident;
    if (occ.size() == 1) {
      if (reported) return;
      reported = true;
      auto& d = diags_.error(
          DiagKind::unmatched_index, first.range,
          all.size() == 1 ? fmt::format("index `{}` appears once in this statement and not on the left side; "
                                        "an index is summed only when it is repeated",
                                        name)
                          : fmt::format("index `{}` appears once in this term and not on the left side; "
                                        "each term of a sum is summed separately",
                                        name));
      for (const Occurrence& o : all)
        if (o.ident != &first) {
          d.notes.push_back({o.ident->range, fmt::format("`{}` also appears here, in another term", name)});
          break;
        }
      return;
    }
    const syntax::Expr* node = occ.front().access;
    for (const Occurrence& o : occ) node = common_ancestor(node, o.access);
    if (std::holds_alternative<syntax::Product>(node->node) || std::holds_alternative<syntax::Access>(node->node)) {
      result_.summed[node].push_back(name);
      return;
    }
    RICCI_CHECK(std::holds_alternative<syntax::Sum>(node->node), "only n-ary nodes join two occurrences");
    std::vector<const syntax::Expr*> terms;
    std::map<const syntax::Expr*, std::vector<Occurrence>> by_term;
    for (const Occurrence& o : occ) {
      const syntax::Expr* term = child_under(o.access, node);
      if (!by_term.count(term)) terms.push_back(term);
      by_term[term].push_back(o);
    }
    for (const syntax::Expr* term : terms) place(name, by_term[term], all, reported);
  }

  const std::vector<std::string>& compute_free(const syntax::Expr& e) {
    IndexList out;
    if (const auto* a = std::get_if<syntax::Access>(&e.node)) {
      for (const syntax::Ident& idx : a->indices) out.add(idx.text);
    } else {
      for (const syntax::Expr* child : children(e))
        for (const std::string& name : compute_free(*child)) out.add(name);
    }
    auto it = result_.summed.find(&e);
    return result_.free[&e] = out.take_without(it == result_.summed.end() ? std::vector<std::string>{} : it->second);
  }

  const syntax::Statement& st_;
  Diagnostics& diags_;
  std::unordered_map<const syntax::Expr*, Node> nodes_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<Occurrence>> occurrences_;
  StatementIndices result_;
};

}  // namespace

StatementIndices check_indices(const syntax::Statement& statement, Diagnostics& diags) {
  return StatementChecker(statement, diags).run();
}

}  // namespace ricci::sema
