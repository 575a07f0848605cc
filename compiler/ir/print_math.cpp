// print_math(): a program in the input notation, so derivations read like the spec.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <type_traits>

#include "ir/detail.h"
#include "ir/ir_api.h"

namespace ricci::ir {
namespace {

// Binding strength of an expression's outermost operator, weakest first.
enum class Prec { sum, product, power, atom };

struct Expr {
  std::string text;  // without the leading minus when `negative`
  Prec prec = Prec::atom;
  bool negative = false;
};

// The text of `e` where an operand of binding strength at least `min` is expected.
std::string in_context(const Expr& e, Prec min) {
  std::string text = e.negative ? "-" + e.text : e.text;
  Prec prec = e.negative ? Prec::sum : e.prec;
  return prec < min ? "(" + text + ")" : text;
}

std::string primed(std::string name, const std::set<std::string>& taken) {
  while (taken.count(name) != 0) name += '\'';
  return name;
}

class MathPrinter {
 public:
  explicit MathPrinter(const Program& p) : p_(p), uses_(p.values.size()), names_(p.values.size()) {
    for (const Value& v : p.values) {
      detail::for_each_operand(v.op, [&](ValueId id) { ++uses_[static_cast<std::size_t>(id)]; });
    }
    for (const Result& r : p.outputs) ++uses_[static_cast<std::size_t>(r.value)];
    choose_names();
  }

  std::string print() const {
    std::string text;
    for (std::size_t i = 0; i < p_.values.size(); ++i) {
      if (names_[i].empty() || std::holds_alternative<Input>(p_.values[i].op)) continue;
      text += statement(static_cast<ValueId>(i));
    }
    // An output that is an input, or that shares its value with an earlier output, has no
    // statement of its own.
    for (const Result& r : p_.outputs) {
      if (names_[static_cast<std::size_t>(r.value)] == r.name) continue;
      std::vector<std::string> axes = axis_spellings(p_.at(r.value).shape, p_.extents);
      text += fmt::format("{} := {}\n", format_access(r.name, axes),
                          format_access(names_[static_cast<std::size_t>(r.value)], axes));
    }
    return text;
  }

 private:
  // Inputs keep their names, outputs take theirs, other named values keep their hints
  // (made unique), unnamed single-use values are inlined, and the rest become tmp1, tmp2...
  void choose_names() {
    std::set<std::string> taken;
    auto unique = [&](const std::string& base) {
      std::string name = base;
      for (int k = 2; taken.count(name) != 0; ++k) name = fmt::format("{}{}", base, k);
      taken.insert(name);
      return name;
    };
    for (ValueId id : p_.inputs) taken.insert(names_[static_cast<std::size_t>(id)] = p_.at(id).name);
    for (const Result& r : p_.outputs) {
      std::string& name = names_[static_cast<std::size_t>(r.value)];
      if (name.empty()) name = r.name;
      taken.insert(r.name);
    }
    int tmp = 0;
    for (std::size_t i = 0; i < p_.values.size(); ++i) {
      const Value& v = p_.values[i];
      if (!names_[i].empty()) continue;
      if (!v.name.empty()) {
        names_[i] = unique(v.name);
      } else if (uses_[i] != 1 || !inlinable(v)) {
        std::string name;
        do name = fmt::format("tmp{}", ++tmp); while (taken.count(name) != 0);
        names_[i] = unique(name);
      }
    }
  }

  // A diagonal write has no spelling as a sub-expression: its result axes are not distinct.
  static bool inlinable(const Value& v) {
    if (const auto* c = std::get_if<Contract>(&v.op)) {
      std::set<Label> out(c->out.begin(), c->out.end());
      return out.size() == c->out.size();
    }
    return !std::holds_alternative<Input>(v.op);
  }


  std::string statement(ValueId id) const {
    const Value& v = p_.at(id);
    std::vector<std::string> axes;
    if (const auto* c = std::get_if<Contract>(&v.op)) {
      std::vector<std::string> spellings = label_spellings(*c, p_.extents);
      for (Label l : c->out) axes.push_back(spellings[static_cast<std::size_t>(l)]);
    } else {
      axes = axis_spellings(v.shape, p_.extents);
    }
    std::set<std::string> used(axes.begin(), axes.end());
    Expr e = expr(id, axes, used);
    return fmt::format("{} := {}\n", format_access(names_[static_cast<std::size_t>(id)], axes),
                       in_context(e, Prec::sum));
  }

  // Value `id` read with `axes` as the names of its axes; `used` holds every index name the
  // enclosing product can see, so that fresh summed indices never collide with them.
  Expr expr(ValueId id, const std::vector<std::string>& axes, std::set<std::string>& used) const {
    return std::visit(
        [&](const auto& o) -> Expr {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, Input>) {
            return Expr{format_access(names_[static_cast<std::size_t>(id)], axes)};
          } else if constexpr (std::is_same_v<T, Contract>) {
            return contract(o, axes, used);
          } else if constexpr (std::is_same_v<T, Map>) {
            Expr arg = reference(o.arg, axes, used);
            if (o.fn == Fn::powi) {
              return Expr{fmt::format("{}^{}", in_context(arg, Prec::atom), o.exponent), Prec::power};
            }
            return Expr{fmt::format("{}({})", fn_name(o.fn), in_context(arg, Prec::sum))};
          } else {
            static_assert(std::is_same_v<T, Add>);
            return sum(o, axes, used);
          }
        },
        p_.at(id).op);
  }

  Expr reference(ValueId id, const std::vector<std::string>& axes, std::set<std::string>& used) const {
    if (names_[static_cast<std::size_t>(id)].empty()) return expr(id, axes, used);
    return Expr{format_access(names_[static_cast<std::size_t>(id)], axes)};
  }

  Expr contract(const Contract& c, const std::vector<std::string>& axes,
                std::set<std::string>& used) const {
    std::vector<std::string> spellings = label_spellings(c, p_.extents);
    std::vector<std::string> names(c.labels.size());
    for (std::size_t a = 0; a < c.out.size(); ++a) names[static_cast<std::size_t>(c.out[a])] = axes[a];
    std::vector<bool> read(c.labels.size());
    for (const Operand& operand : c.operands) {
      for (Label l : operand.labels) read[static_cast<std::size_t>(l)] = true;
    }
    std::vector<std::string> pieces;
    if (std::abs(c.coeff) != 1 || c.operands.empty()) pieces.push_back(fmt::format("{}", std::abs(c.coeff)));
    std::vector<std::string> extent_factors;
    for (std::size_t l = 0; l < c.labels.size(); ++l) {
      if (!names[l].empty()) continue;
      names[l] = primed(spellings[l], used);
      used.insert(names[l]);
      // A summed index that no factor reads multiplies by its extent.
      if (!read[l]) extent_factors.push_back(fmt::format("|{}|", names[l]));
    }
    Prec prec = Prec::atom;
    for (const Operand& operand : c.operands) {
      std::vector<std::string> operand_axes;
      for (Label l : operand.labels) operand_axes.push_back(names[static_cast<std::size_t>(l)]);
      Expr factor = reference(operand.value, operand_axes, used);
      pieces.push_back(in_context(factor, Prec::product));
      if (c.operands.size() == 1 && pieces.size() == 1 && !factor.negative) prec = factor.prec;
    }
    pieces.insert(pieces.end(), extent_factors.begin(), extent_factors.end());
    if (pieces.size() > 1) prec = Prec::product;
    return Expr{fmt::format("{}", fmt::join(pieces, " * ")), prec, c.coeff < 0};
  }

  // Terms are separate scopes (each may reuse a summed index name), but the names of all of
  // them stay reserved for whatever encloses the sum.
  Expr sum(const Add& a, const std::vector<std::string>& axes, std::set<std::string>& used) const {
    std::set<std::string> all = used;
    std::string text;
    for (std::size_t k = 0; k < a.terms.size(); ++k) {
      std::set<std::string> scope = used;
      Expr term = reference(a.terms[k], axes, scope);
      all.insert(scope.begin(), scope.end());
      if (term.negative) {
        text += k == 0 ? "-" : " - ";
        term.negative = false;
        text += in_context(term, Prec::product);
      } else {
        text += k == 0 ? "" : " + ";
        text += in_context(term, Prec::sum);
      }
    }
    used = std::move(all);
    return Expr{text, Prec::sum};
  }

  const Program& p_;
  std::vector<int> uses_;
  std::vector<std::string> names_;  // empty: inlined where it is used
};

}  // namespace

std::string print_math(const Program& p) { return MathPrinter(p).print(); }

}  // namespace ricci::ir
