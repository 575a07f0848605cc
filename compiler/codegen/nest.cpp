// Loops run over out labels (outer) then summed labels; loop variables are label names.
#include "codegen/nest.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

// Open `for` loops, closed innermost first with a `// for i` comment.
class Loops {
 public:
  explicit Loops(Printer& out) : out_(out) {}
  void open(const std::string& var, const std::string& bound) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_, fmt::format("for (int64_t {0} = 0; {0} < {1}; ++{0})", var, bound), " // for " + var));
  }
  void close(std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) blocks_.pop_back();
  }
  ~Loops() { close(blocks_.size()); }
  Loops(const Loops&) = delete;
  Loops& operator=(const Loops&) = delete;

 private:
  Printer& out_;
  std::vector<std::unique_ptr<Printer::Block>> blocks_;
};

// `A(i, k)` in code, or `A()` at rank 0.
std::string access(const std::string& view, const std::vector<std::string>& vars) {
  return fmt::format("{}({})", view, fmt::join(vars, ", "));
}

// `A[i,k]` in math comments, or `A` at rank 0, as in the input notation.
std::string math_access(const std::string& view, const std::vector<std::string>& vars) {
  if (vars.empty()) return view;
  return fmt::format("{}[{}]", view, fmt::join(vars, ","));
}

// The number as the spec would write it: `2`, `0.5`, `1e-08`.
std::string math_number(double x) { return fmt::format("{}", x); }

const std::string& extent_var(const Body& body, ir::ExtentId e) {
  const std::string& var = body.extent_vars.at(static_cast<std::size_t>(e));
  RICCI_CHECK(!var.empty(), "a loop bound's extent variable was not declared");
  return var;
}

// Opens one loop per axis of `shape`, named after the axes' extents.
std::vector<std::string> open_elementwise(Loops& loops, NameTable& scope, const Body& body,
                                          const ir::Shape& shape) {
  std::vector<std::string> vars;
  for (ir::ExtentId e : shape) vars.push_back(scope.claim(body.api.extent_name(e)));
  for (std::size_t axis = 0; axis < shape.size(); ++axis)
    loops.open(vars[axis], extent_var(body, shape[axis]));
  return vars;
}

// Elementwise `target(vars) = rhs(vars)` over `shape`, after the math comment.
template <class Rhs>
void elementwise(Printer& out, Body& body, const std::string& target, const ir::Shape& shape,
                 std::string_view prelude, Rhs rhs) {
  NameTable scope = body.names;
  std::vector<std::string> vars;
  for (ir::ExtentId e : shape) vars.push_back(scope.claim(body.api.extent_name(e)));
  out.line("// {} := {}", math_access(target, vars), rhs(vars, true));
  if (!prelude.empty()) out.put(prelude);
  Loops loops(out);
  for (std::size_t axis = 0; axis < shape.size(); ++axis)
    loops.open(vars[axis], extent_var(body, shape[axis]));
  out.line("{} = {};", access(target, vars), rhs(vars, false));
}

// std:: where the standard library has the function, ricci:: (<ricci/math.h>) otherwise.
const char* fn_namespace(ir::Fn fn) {
  switch (fn) {
    case ir::Fn::exp:
    case ir::Fn::log:
    case ir::Fn::tanh:
    case ir::Fn::sqrt:
    case ir::Fn::sin:
    case ir::Fn::cos:
    case ir::Fn::abs:
      return "std";
    case ir::Fn::sigmoid:
    case ir::Fn::relu:
    case ir::Fn::square:
    case ir::Fn::step:
    case ir::Fn::sign:
    case ir::Fn::powi:
      return "ricci";
  }
  RICCI_CHECK(false, "unknown elementwise function");
}

// `coeff * expr` with the coefficient folded into the sign where it is +-1.
std::string scaled(double coeff, const std::string& expr) {
  if (coeff == 1) return expr;
  if (coeff == -1) return "-" + expr;
  return fmt::format("T({}) * {}", cpp_number(coeff), expr);
}

std::string math_scaled(double coeff, const std::string& expr) {
  if (coeff == 1) return expr;
  if (coeff == -1) return "-" + expr;
  return fmt::format("{} * {}", math_number(coeff), expr);
}

}  // namespace

const char* fn_spelling(ir::Fn fn) {
  switch (fn) {
    case ir::Fn::exp:
      return "exp";
    case ir::Fn::log:
      return "log";
    case ir::Fn::tanh:
      return "tanh";
    case ir::Fn::sigmoid:
      return "sigmoid";
    case ir::Fn::relu:
      return "relu";
    case ir::Fn::sqrt:
      return "sqrt";
    case ir::Fn::square:
      return "square";
    case ir::Fn::sin:
      return "sin";
    case ir::Fn::cos:
      return "cos";
    case ir::Fn::abs:
      return "abs";
    case ir::Fn::step:
      return "step";
    case ir::Fn::sign:
      return "sign";
    case ir::Fn::powi:
      return "powi";
  }
  RICCI_CHECK(false, "unknown elementwise function");
}

std::string cpp_number(double x) {
  RICCI_CHECK(std::isfinite(x), "a non-finite constant reached code generation");
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

void emit_contract(Printer& out, Body& body, ir::ValueId id, const ir::Contract& c,
                   std::string_view prelude) {
  const std::string& target = body.storage.at(static_cast<std::size_t>(id));
  const std::size_t n = c.labels.size();
  std::vector<bool> is_out(n, false);
  std::vector<ir::Label> outer, inner;
  for (ir::Label l : c.out) {
    if (!is_out.at(static_cast<std::size_t>(l))) outer.push_back(l);
    is_out[static_cast<std::size_t>(l)] = true;
  }
  std::vector<bool> read(n, false);
  for (const ir::Operand& op : c.operands) {
    for (ir::Label l : op.labels) read.at(static_cast<std::size_t>(l)) = true;
  }
  for (std::size_t l = 0; l < n; ++l) {
    if (!is_out[l]) inner.push_back(static_cast<ir::Label>(l));
  }

  // A sum with no out loop around it declares its accumulator at function scope.
  std::string acc;
  if (!inner.empty() && outer.empty()) acc = body.names.claim("acc");
  NameTable scope = body.names;
  std::vector<std::string> vars(n);
  for (ir::Label l : outer)
    vars[static_cast<std::size_t>(l)] = scope.claim(c.labels[static_cast<std::size_t>(l)].name);
  for (ir::Label l : inner)
    vars[static_cast<std::size_t>(l)] = scope.claim(c.labels[static_cast<std::size_t>(l)].name);
  if (!inner.empty() && !outer.empty()) acc = scope.claim("acc");
  auto vars_of = [&](const std::vector<ir::Label>& labels) {
    std::vector<std::string> v;
    for (ir::Label l : labels) v.push_back(vars.at(static_cast<std::size_t>(l)));
    return v;
  };

  std::vector<std::string> factors, math_factors;
  for (const ir::Operand& op : c.operands) {
    const std::string& view = body.storage.at(static_cast<std::size_t>(op.value));
    factors.push_back(access(view, vars_of(op.labels)));
    math_factors.push_back(math_access(view, vars_of(op.labels)));
  }
  // A summed label no operand reads multiplies by its extent.
  for (ir::Label l : inner) {
    if (!read[static_cast<std::size_t>(l)])
      math_factors.push_back(extent_var(body, c.labels[static_cast<std::size_t>(l)].extent));
  }
  std::string math_rhs = math_factors.empty()
                             ? math_number(c.coeff)
                             : math_scaled(c.coeff, fmt::format("{}", fmt::join(math_factors, " * ")));
  out.line("// {} := {}", math_access(target, vars_of(c.out)), math_rhs);
  if (!prelude.empty()) out.put(prelude);

  if (outer.size() < c.out.size()) {
    // A repeated out label writes only the diagonal: zero the rest first.
    NameTable fill_scope = body.names;
    Loops fill(out);
    std::vector<std::string> fill_vars =
        open_elementwise(fill, fill_scope, body, body.api.program->at(id).shape);
    out.line("{} = 0;", access(target, fill_vars));
  }

  std::string product = factors.empty() ? "T(1)" : fmt::format("{}", fmt::join(factors, " * "));
  std::string result = access(target, vars_of(c.out));
  Loops loops(out);
  for (ir::Label l : outer)
    loops.open(vars[static_cast<std::size_t>(l)],
               extent_var(body, c.labels[static_cast<std::size_t>(l)].extent));
  if (inner.empty()) {
    if (factors.empty()) {
      out.line("{} = T({});", result, cpp_number(c.coeff));
    } else {
      out.line("{} = {};", result, scaled(c.coeff, product));
    }
    return;
  }
  out.line("T {} = 0;", acc);
  for (ir::Label l : inner)
    loops.open(vars[static_cast<std::size_t>(l)],
               extent_var(body, c.labels[static_cast<std::size_t>(l)].extent));
  out.line("{} += {};", acc, product);
  loops.close(inner.size());
  out.line("{} = {};", result, scaled(c.coeff, acc));
}

void emit_map(Printer& out, Body& body, ir::ValueId id, const ir::Map& m, std::string_view prelude) {
  const std::string& arg = body.storage.at(static_cast<std::size_t>(m.arg));
  elementwise(out, body, body.storage.at(static_cast<std::size_t>(id)), body.api.program->at(id).shape,
              prelude, [&](const std::vector<std::string>& vars, bool math) {
                if (math) {
                  std::string x = math_access(arg, vars);
                  if (m.fn == ir::Fn::powi) return fmt::format("{}^{}", x, m.exponent);
                  return fmt::format("{}({})", fn_spelling(m.fn), x);
                }
                std::string x = access(arg, vars);
                if (m.fn == ir::Fn::powi) return fmt::format("ricci::powi({}, {})", x, m.exponent);
                return fmt::format("{}::{}({})", fn_namespace(m.fn), fn_spelling(m.fn), x);
              });
}

void emit_add(Printer& out, Body& body, ir::ValueId id, const ir::Add& a, std::string_view prelude) {
  elementwise(out, body, body.storage.at(static_cast<std::size_t>(id)), body.api.program->at(id).shape,
              prelude, [&](const std::vector<std::string>& vars, bool math) {
                std::vector<std::string> terms;
                for (ir::ValueId t : a.terms) {
                  const std::string& view = body.storage.at(static_cast<std::size_t>(t));
                  terms.push_back(math ? math_access(view, vars) : access(view, vars));
                }
                return fmt::format("{}", fmt::join(terms, " + "));
              });
}

void emit_copy(Printer& out, Body& body, const std::string& target, ir::ValueId source) {
  const std::string& view = body.storage.at(static_cast<std::size_t>(source));
  elementwise(out, body, target, body.api.program->at(source).shape, "",
              [&](const std::vector<std::string>& vars, bool math) {
                return math ? math_access(view, vars) : access(view, vars);
              });
}

}  // namespace ricci::codegen
