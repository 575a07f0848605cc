// Element accesses and right-hand sides, printed for the compiler and for the reader.
#include "codegen/expr.h"

#include <fmt/format.h>

#include <cmath>

#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

// The number as the spec would write it: `2`, `0.5`, `1e-08`.
std::string math_number(double x) { return fmt::format("{}", x); }

std::string math_scaled(double coeff, const std::string& expr) {
  if (coeff == 1) return expr;
  if (coeff == -1) return "-" + expr;
  return fmt::format("{} * {}", math_number(coeff), expr);
}

// ricci::vec (<ricci/vmath.h>) for the transcendentals, whose std:: versions are libm calls
// that keep a loop from vectorizing; std:: for what compiles to instructions (sqrt, abs) and for
// sin and cos; ricci:: (<ricci/math.h>) for what C++ lacks.
const char* fn_namespace(ir::Fn fn) {
  switch (fn) {
    case ir::Fn::exp:
    case ir::Fn::log:
    case ir::Fn::tanh:
    case ir::Fn::sigmoid:
      return "ricci::vec";
    case ir::Fn::sqrt:
    case ir::Fn::sin:
    case ir::Fn::cos:
    case ir::Fn::abs:
      return "std";
    case ir::Fn::relu:
    case ir::Fn::square:
    case ir::Fn::step:
    case ir::Fn::sign:
    case ir::Fn::powi:
      return "ricci";
  }
  RICCI_CHECK(false, "unknown elementwise function");
}

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

}  // namespace

std::string access(const std::string& view, const std::vector<std::string>& vars) {
  return fmt::format("{}({})", view, fmt::join(vars, ", "));
}

std::string math_access(const std::string& view, const std::vector<std::string>& vars) {
  if (vars.empty()) return view;
  return fmt::format("{}[{}]", view, fmt::join(vars, ","));
}

std::string read(const Body& body, ir::ValueId v, const std::vector<std::string>& vars) {
  const std::string& name = body.storage.at(index(v));
  if (body.inlined(v)) {
    auto local = body.inline_locals.find({v, vars});
    RICCI_CHECK(local != body.inline_locals.end(), fmt::format("inlined value `{}` read before it was declared", name));
    return local->second;
  }
  return body.fused(v) ? name : access(name, vars);
}

std::vector<std::string> vars_of(const std::vector<std::string>& label_vars, const std::vector<ir::Label>& labels) {
  std::vector<std::string> v;
  for (ir::Label l : labels) v.push_back(label_vars.at(static_cast<std::size_t>(l)));
  return v;
}

std::string elementwise_rhs(const Body& body, ir::ValueId id, const std::vector<std::string>& vars, bool math) {
  auto operand = [&](ir::ValueId v) {
    return math ? math_access(body.storage.at(index(v)), vars) : read(body, v, vars);
  };
  const ir::Op& op = body.api.program->at(id).op;
  if (const auto* m = std::get_if<ir::Map>(&op)) {
    std::string x = operand(m->arg);
    if (m->fn == ir::Fn::powi) {
      return math ? fmt::format("{}^{}", x, m->exponent) : fmt::format("ricci::powi({}, {})", x, m->exponent);
    }
    return math ? fmt::format("{}({})", ir::fn_name(m->fn), x)
                : fmt::format("{}::{}({})", fn_namespace(m->fn), ir::fn_name(m->fn), x);
  }
  const auto* a = std::get_if<ir::Add>(&op);
  RICCI_CHECK(a != nullptr, "an elementwise right-hand side of a value that is no Map or Add");
  std::vector<std::string> terms;
  for (ir::ValueId t : a->terms) terms.push_back(operand(t));
  return fmt::format("{}", fmt::join(terms, " + "));
}

std::string product(const Body& body, const ir::Contract& c, const std::vector<std::string>& label_vars, bool math) {
  std::vector<std::string> factors;
  std::vector<bool> read_label(c.labels.size(), false);
  for (const ir::Operand& o : c.operands) {
    const std::string& view = body.storage.at(index(o.value));
    factors.push_back(math ? math_access(view, vars_of(label_vars, o.labels))
                           : read(body, o.value, vars_of(label_vars, o.labels)));
    for (ir::Label l : o.labels) read_label.at(static_cast<std::size_t>(l)) = true;
  }
  if (math) {
    // A summed label no operand reads multiplies by its extent.
    std::vector<bool> is_out(c.labels.size(), false);
    for (ir::Label l : c.out) is_out.at(static_cast<std::size_t>(l)) = true;
    for (std::size_t l = 0; l < c.labels.size(); ++l) {
      if (!is_out[l] && !read_label[l]) factors.push_back(body.extent_var(c.labels[l].extent));
    }
  }
  return fmt::format("{}", fmt::join(factors, " * "));
}

std::string math_line(const Body& body, ir::ValueId id, const std::vector<std::string>& vars) {
  const std::string& name = body.storage.at(index(id));
  if (const auto* c = std::get_if<ir::Contract>(&body.api.program->at(id).op)) {
    std::string factors = product(body, *c, vars, true);
    std::string rhs = factors.empty() ? math_number(c->coeff) : math_scaled(c->coeff, factors);
    return fmt::format("// {} := {}", math_access(name, vars_of(vars, c->out)), rhs);
  }
  return fmt::format("// {} := {}", math_access(name, vars), elementwise_rhs(body, id, vars, true));
}

std::string scaled(double coeff, const std::string& expr) {
  if (coeff == 1) return expr;
  if (coeff == -1) return "-" + expr;
  return fmt::format("T({}) * {}", cpp_number(coeff), expr);
}

std::string cpp_number(double x) {
  RICCI_CHECK(std::isfinite(x), "a non-finite constant reached code generation");
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace ricci::codegen
