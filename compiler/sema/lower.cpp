// Lowering: each product term becomes one n-ary contraction, each sum one add.
#include "sema/lower.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ir/builder.h"
#include "support/internal_error.h"

namespace ricci::sema {
namespace {

ir::Fn to_ir(syntax::Function fn) {
  switch (fn) {
    case syntax::Function::exp: return ir::Fn::exp;
    case syntax::Function::log: return ir::Fn::log;
    case syntax::Function::tanh: return ir::Fn::tanh;
    case syntax::Function::sigmoid: return ir::Fn::sigmoid;
    case syntax::Function::relu: return ir::Fn::relu;
    case syntax::Function::sqrt: return ir::Fn::sqrt;
    case syntax::Function::square: return ir::Fn::square;
    case syntax::Function::sin: return ir::Fn::sin;
    case syntax::Function::cos: return ir::Fn::cos;
    case syntax::Function::abs: return ir::Fn::abs;
  }
  RICCI_CHECK(false, "unhandled syntax::Function");
}

// The operands, labels and coefficient of one contraction being assembled.
class Contraction {
 public:
  Contraction(const ExtentTable& extents, double coeff) : extents_(extents), coeff_(coeff) {}

  void scale(double factor) { coeff_ *= factor; }
  void operand(ir::ValueId value, const std::vector<std::string>& indices) {
    operands_.push_back({value, labels(indices)});
  }
  std::vector<ir::Label> labels(const std::vector<std::string>& indices) {
    std::vector<ir::Label> out;
    for (const std::string& name : indices) {
      auto [it, fresh] = label_of_.try_emplace(name, static_cast<ir::Label>(labels_.size()));
      if (fresh) labels_.push_back({name, extents_.of_index.at(name)});
      out.push_back(it->second);
    }
    return out;
  }
  ir::ValueId build(ir::Builder& b, const std::vector<std::string>& out, std::string name) {
    std::vector<ir::Label> out_labels = labels(out);
    return b.contract(coeff_, std::move(operands_), std::move(out_labels), std::move(labels_), std::move(name));
  }

 private:
  const ExtentTable& extents_;
  double coeff_;
  std::vector<ir::Operand> operands_;
  std::vector<ir::LabelInfo> labels_;
  std::map<std::string, ir::Label> label_of_;
};

std::vector<std::string> index_names(const syntax::Access& a) {
  std::vector<std::string> out;
  for (const syntax::Ident& idx : a.indices) out.push_back(idx.text);
  return out;
}

class LayerLowering {
 public:
  explicit LayerLowering(const LayerFacts& facts) : facts_(facts), b_(facts.extents.extents) {}

  ir::Program run() {
    for (const std::string& in : facts_.tensors.inputs) current_[in] = b_.input(in, facts_.extents.shape_of.at(in));
    const std::vector<syntax::Statement>& statements = facts_.layer->statements;
    for (std::size_t s = 0; s < statements.size(); ++s) statement(statements[s], facts_.statements[s]);
    for (const std::string& out : facts_.clauses.outputs) b_.output(out, current_.at(out));
    return b_.finish(facts_.layer->name.text, ir::ProgramKind::evaluate);
  }

 private:
  // `+=` adds to the newest version; later reads see the result under the same name.
  void statement(const syntax::Statement& st, const StatementIndices& indices) {
    indices_ = &indices;
    const std::string& name = st.lhs.name.text;
    std::vector<std::string> out = index_names(st.lhs);
    if (st.op == syntax::AssignOp::define) {
      current_[name] = rhs(*st.rhs, out, name);
    } else {
      ir::ValueId increment = rhs(*st.rhs, out, "");
      current_[name] = b_.add({current_.at(name), increment}, name);
    }
  }

  // The value of `e` with axes `out`, a superset of its free indices in the left side's order.
  ir::ValueId rhs(const syntax::Expr& e, const std::vector<std::string>& out, std::string name) {
    if (indices_->free_of(e) == out) return value(e, std::move(name));
    if (const auto* s = std::get_if<syntax::Sum>(&e.node)) return sum(*s, out, std::move(name));
    return term(e, out, 1, std::move(name));
  }

  // The value of `e` with its free indices as axes, in order of first occurrence.
  ir::ValueId value(const syntax::Expr& e, std::string name = "") {
    const std::vector<std::string>& free = indices_->free_of(e);
    if (const auto* s = std::get_if<syntax::Sum>(&e.node)) return sum(*s, free, std::move(name));
    if (const auto* c = std::get_if<syntax::Call>(&e.node))
      return b_.map(to_ir(c->fn), value(*c->arg), 0, std::move(name));
    if (const auto* p = std::get_if<syntax::Power>(&e.node))
      return b_.map(ir::Fn::powi, value(*p->base), p->exponent, std::move(name));
    return term(e, free, 1, std::move(name));
  }

  // Each term broadcasts along the indices of `out` it lacks; subtraction negates its coefficient.
  ir::ValueId sum(const syntax::Sum& s, const std::vector<std::string>& out, std::string name) {
    std::vector<ir::ValueId> terms;
    for (const syntax::Term& t : s.terms) terms.push_back(term(*t.operand, out, t.subtract ? -1 : 1, ""));
    return b_.add(std::move(terms), std::move(name));
  }

  // One product term as one contraction: every index of it not in `out` is summed here.
  ir::ValueId term(const syntax::Expr& e, const std::vector<std::string>& out, double sign, std::string name) {
    Contraction c(facts_.extents, sign);
    if (const auto* p = std::get_if<syntax::Product>(&e.node)) {
      for (const syntax::Factor& f : p->factors) factor(c, *f.operand, f.divide);
    } else {
      factor(c, e, false);
    }
    return c.build(b_, out, std::move(name));
  }

  // Numbers and signs fold into the coefficient; `/ f` multiplies by powi(f, -1).
  void factor(Contraction& c, const syntax::Expr& e, bool divide) {
    if (const auto* n = std::get_if<syntax::Number>(&e.node)) {
      c.scale(divide ? 1 / n->value : n->value);
    } else if (const auto* neg = std::get_if<syntax::Negate>(&e.node)) {
      c.scale(-1);
      factor(c, *neg->operand, divide);
    } else if (const auto* a = std::get_if<syntax::Access>(&e.node); a != nullptr && !divide) {
      c.operand(current_.at(a->name.text), index_names(*a));
    } else {
      ir::ValueId v = value(e);
      if (divide) v = b_.map(ir::Fn::powi, v, -1);
      c.operand(v, indices_->free_of(e));
    }
  }

  const LayerFacts& facts_;
  ir::Builder b_;
  std::map<std::string, ir::ValueId> current_;
  const StatementIndices* indices_ = nullptr;
};

}  // namespace

ir::Layer lower_layer(const LayerFacts& facts, const SourceFile& file) {
  const syntax::Layer& layer = *facts.layer;
  std::map<std::string, uint32_t> lines;
  for (const syntax::Statement& st : layer.statements)
    lines.try_emplace(st.lhs.name.text, file.line_col(st.range.begin).line);
  return {layer.name.text, file.line_col(layer.range.begin).line, LayerLowering(facts).run(),
          facts.clauses.grad_inputs, std::move(lines)};
}

}  // namespace ricci::sema
