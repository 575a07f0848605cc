// Device code calls the same scalar functions as the C++ backend: CUDA provides the std::
// ones in device code, and <ricci/math.h> marks its own __host__ __device__.
#include "cuda/expr.h"

#include <fmt/format.h>

#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

std::string math_number(double x) { return fmt::format("{}", x); }

std::string axes_access(const CudaProgram& p, ir::ValueId id) {
  return ir::format_access(p.name(id), ir::axis_spellings(p.value(id).shape, p.program().extents));
}

std::string math_call(const ir::Map& m, const std::string& arg) {
  if (m.fn == ir::Fn::powi) return fmt::format("{}^{}", arg, m.exponent);
  return fmt::format("{}({})", ir::fn_name(m.fn), arg);
}

std::string contract_rhs(const CudaProgram& p, const ir::Contract& c) {
  std::vector<std::string> spelled = ir::label_spellings(c, p.program().extents);
  std::vector<std::string> factors;
  for (const ir::Operand& o : c.operands) {
    std::vector<std::string> axes;
    for (ir::Label l : o.labels) axes.push_back(spelled.at(static_cast<std::size_t>(l)));
    factors.push_back(ir::format_access(p.name(o.value), axes));
  }
  if (factors.empty()) return math_number(c.coeff);
  std::string product = fmt::format("{}", fmt::join(factors, " * "));
  if (c.coeff == 1) return product;
  if (c.coeff == -1) return "-" + product;
  return math_number(c.coeff) + " * " + product;
}

}  // namespace

std::string math_line(const CudaProgram& p, ir::ValueId id) {
  const ir::Value& v = p.value(id);
  return std::visit(
      [&](const auto& op) -> std::string {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, ir::Contract>) {
          std::vector<std::string> spelled = ir::label_spellings(op, p.program().extents);
          std::vector<std::string> out;
          for (ir::Label l : op.out) out.push_back(spelled.at(static_cast<std::size_t>(l)));
          return fmt::format("{} := {}", ir::format_access(p.name(id), out), contract_rhs(p, op));
        } else if constexpr (std::is_same_v<Op, ir::Map>) {
          return fmt::format("{} := {}", axes_access(p, id), math_call(op, axes_access(p, op.arg)));
        } else if constexpr (std::is_same_v<Op, ir::Add>) {
          std::vector<std::string> terms;
          for (ir::ValueId t : op.terms) terms.push_back(axes_access(p, t));
          return fmt::format("{} := {}", axes_access(p, id), fmt::join(terms, " + "));
        } else {
          static_assert(std::is_same_v<Op, ir::Input>, "unhandled IR op");
          RICCI_CHECK(false, "an input has no math line");
        }
      },
      v.op);
}

std::string row_major_offset(const std::vector<std::string>& vars, const std::vector<std::string>& extents) {
  RICCI_CHECK(vars.size() == extents.size(), "one variable per axis");
  if (vars.empty()) return "0";
  std::string offset = vars[0];
  for (std::size_t axis = 1; axis < vars.size(); ++axis) {
    std::string head = axis == 1 ? offset : "(" + offset + ")";
    offset = fmt::format("{} * {} + {}", head, extents[axis], vars[axis]);
  }
  return offset;
}

std::string device_call(const ir::Map& m, const std::string& arg) {
  switch (m.fn) {
    case ir::Fn::exp:
    case ir::Fn::log:
    case ir::Fn::tanh:
    case ir::Fn::sqrt:
    case ir::Fn::sin:
    case ir::Fn::cos:
    case ir::Fn::abs:
      return fmt::format("std::{}({})", ir::fn_name(m.fn), arg);
    case ir::Fn::sigmoid:
    case ir::Fn::relu:
    case ir::Fn::square:
    case ir::Fn::step:
    case ir::Fn::sign:
      return fmt::format("ricci::{}({})", ir::fn_name(m.fn), arg);
    case ir::Fn::powi:
      return fmt::format("ricci::powi({}, {})", arg, m.exponent);
  }
  RICCI_CHECK(false, "unknown elementwise function");
}

}  // namespace ricci::cuda
