// Precision-switched execution, central differences and error measures for the checks.
#include "check/numeric.h"

#include <cmath>
#include <limits>

#include "support/internal_error.h"

namespace ricci::check {
namespace {

Data select(const ir::Program& p, const Data& pool) {
  Data inputs;
  for (const std::string& name : input_names(p)) {
    auto it = pool.find(name);
    RICCI_CHECK(it != pool.end(), "check data lacks input `" + name + "`");
    inputs.emplace(name, it->second);
  }
  return inputs;
}

template <class To, class From>
interp::Bindings<To> convert(const interp::Bindings<From>& from) {
  interp::Bindings<To> to;
  for (const auto& [name, a] : from) {
    interp::Array<To>& b = to[name];
    b.dims = a.dims;
    b.data.assign(a.data.begin(), a.data.end());
  }
  return to;
}

double weighted_sum(const Data& outputs, const Data& weights) {
  double sum = 0;
  for (const auto& [name, w] : weights) sum += dot(outputs.at(name), w);
  return sum;
}

}  // namespace

Data run_as(const ir::Program& p, const Data& pool, DType dtype) {
  Data inputs = select(p, pool);
  if (dtype == DType::f64) return interp::run(p, inputs);
  return convert<double>(interp::run(p, convert<float>(inputs)));
}

Data directional(const ir::Program& p, const Data& at, const Data& direction, double h) {
  auto shifted = [&](double step) {
    Data x = select(p, at);
    for (const auto& [name, t] : direction) {
      auto& values = x.at(name).data;
      for (std::size_t e = 0; e < values.size(); ++e) values[e] += step * t.data.at(e);
    }
    return interp::run(p, x);
  };
  Data plus = shifted(h);
  Data minus = shifted(-h);
  for (auto& [name, a] : plus) {
    const auto& m = minus.at(name).data;
    for (std::size_t e = 0; e < a.data.size(); ++e) a.data[e] = (a.data[e] - m[e]) / (2 * h);
  }
  return plus;
}

Data gradient(const ir::Program& p, const Data& at, const Data& weights,
              const std::vector<std::string>& wrt, double h) {
  Data x = select(p, at);
  Data grad;
  for (const std::string& name : wrt) {
    interp::Array<double>& g = grad[name];
    g.dims = x.at(name).dims;
    std::vector<double>& values = x.at(name).data;
    for (double& v : values) {
      double saved = v;
      v = saved + h;
      double plus = weighted_sum(interp::run(p, x), weights);
      v = saved - h;
      double minus = weighted_sum(interp::run(p, x), weights);
      v = saved;
      g.data.push_back((plus - minus) / (2 * h));
    }
  }
  return grad;
}

double dot(const interp::Array<double>& a, const interp::Array<double>& b) {
  RICCI_CHECK(a.data.size() == b.data.size(), "dot product of arrays of different sizes");
  double sum = 0;
  for (std::size_t e = 0; e < a.data.size(); ++e) sum += a.data[e] * b.data[e];
  return sum;
}

double rel_error(const interp::Array<double>& test, const interp::Array<double>& ref) {
  RICCI_CHECK(test.dims == ref.dims, "compared arrays differ in shape");
  double diff = 0;
  double scale = 1;
  for (std::size_t e = 0; e < ref.data.size(); ++e) {
    diff = worst(diff, std::abs(test.data[e] - ref.data[e]));
    scale = worst(scale, std::abs(ref.data[e]));
  }
  return diff / scale;
}

double worst(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
  return a < b ? b : a;
}

}  // namespace ricci::check
