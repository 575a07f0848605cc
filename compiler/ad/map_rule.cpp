// Derivatives of Map: an elementwise function scales by its derivative, elementwise.
#include "ad/rules.h"
#include "support/internal_error.h"

namespace ricci::ad {
namespace {

// `f_x` for the value f(x) where x has a name: step_h, inv_x, pow2_x, inv3_x.
std::string name_of(const std::string& f, const std::string& x) { return x.empty() ? x : f + "_" + x; }

std::string power_name(int exponent, const std::string& x) {
  if (exponent == -1) return name_of("inv", x);
  if (exponent < 0) return name_of("inv" + std::to_string(-exponent), x);
  return name_of("pow" + std::to_string(exponent), x);
}

// 1 - prod v
ir::ValueId one_minus(ir::Builder& b, const std::vector<ir::ValueId>& v, const ir::Shape& shape,
                      std::string name) {
  ir::ValueId negated = build(b, elementwise(b, -1, v, shape), "");
  return b.add({b.constant(1, shape), negated}, std::move(name));
}

}  // namespace

// f'(x) for y = f(x), written with y where that is cheaper (exp, tanh, sigmoid, sqrt).
std::optional<Factor> derivative_factor(ir::Builder& b, const ir::Map& map, ir::ValueId y) {
  ir::ValueId x = map.arg;
  const ir::Shape shape = b.at(x).shape;  // a copy: building below may move values
  std::string xn = derived_name(b, "", x);
  std::string yn = derived_name(b, "", y);
  switch (map.fn) {
    case ir::Fn::exp:  // exp' = exp
      return Factor{1, {y}};
    case ir::Fn::log:  // log' x = x^-1
      return Factor{1, {b.map(ir::Fn::powi, x, -1, power_name(-1, xn))}};
    case ir::Fn::tanh:  // tanh' = 1 - tanh^2
      return Factor{1, {one_minus(b, {y, y}, shape, name_of("sech2", xn))}};
    case ir::Fn::sigmoid:  // sigmoid' = sigmoid * (1 - sigmoid)
      return Factor{1, {y, one_minus(b, {y}, shape, name_of("one_minus", yn))}};
    case ir::Fn::relu:  // relu' = step
      return Factor{1, {b.map(ir::Fn::step, x, 0, name_of("step", xn))}};
    case ir::Fn::sqrt:  // sqrt' = 1 / (2 sqrt)
      return Factor{0.5, {b.map(ir::Fn::powi, y, -1, power_name(-1, yn))}};
    case ir::Fn::square:  // (x^2)' = 2x
      return Factor{2, {x}};
    case ir::Fn::sin:  // sin' = cos
      return Factor{1, {b.map(ir::Fn::cos, x, 0, name_of("cos", xn))}};
    case ir::Fn::cos:  // cos' = -sin
      return Factor{-1, {b.map(ir::Fn::sin, x, 0, name_of("sin", xn))}};
    case ir::Fn::abs:  // |x|' = sign x
      return Factor{1, {b.map(ir::Fn::sign, x, 0, name_of("sign", xn))}};
    case ir::Fn::step:  // piecewise constant: 0 wherever it is differentiable
    case ir::Fn::sign:
      return std::nullopt;
    case ir::Fn::powi: {  // (x^n)' = n x^(n-1)
      int n = map.exponent;
      if (n == 0) return std::nullopt;
      if (n == 1) return Factor{1, {}};
      if (n == 2) return Factor{2, {x}};
      return Factor{static_cast<double>(n), {b.map(ir::Fn::powi, x, n - 1, power_name(n - 1, xn))}};
    }
  }
  RICCI_CHECK(false, "unhandled elementwise function");
}

// y = f(x)   =>   dx += dy * f'(x)
void pull(ReverseSweep& s, const ir::Map& op, ir::ValueId y, ir::ValueId dy) {
  if (!s.active.at(static_cast<std::size_t>(op.arg))) return;
  std::optional<Factor> f = derivative_factor(s.b, op, y);
  if (!f) return;
  std::vector<ir::ValueId> values{dy};
  values.insert(values.end(), f->values.begin(), f->values.end());
  s.contribute(op.arg, elementwise(s.b, f->coeff, values, s.b.at(y).shape));
}

// t_y = f'(x) * t_x
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Map& op, ir::ValueId y) {
  std::optional<ir::ValueId> tx = s.tangent.at(static_cast<std::size_t>(op.arg));
  if (!tx) return std::nullopt;
  std::optional<Factor> f = derivative_factor(s.b, op, y);
  if (!f) return std::nullopt;
  std::vector<ir::ValueId> values{*tx};
  values.insert(values.end(), f->values.begin(), f->values.end());
  return build(s.b, elementwise(s.b, f->coeff, values, s.b.at(y).shape),
               derived_name(s.b, "t_", y));
}

}  // namespace ricci::ad
