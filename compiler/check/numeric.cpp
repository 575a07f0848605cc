// Precision-switched execution, central differences and error measures for the checks.
#include "check/numeric.h"

#include <cmath>
#include <limits>
#include <map>

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

// The derivative of every output element along a path x(step) through the inputs, by the
// five-point central difference (8 (f(h) - f(-h)) - (f(2h) - f(-2h))) / 12h, which errs by
// about h^4 |f^(5)| / 30 + 2e-16 |f| / h. An element that does not depend on the path
// differences equal bits, so its derivative is exactly 0.
template <class Run>
Data five_point(Run run_at, double h) {
  Data plus = run_at(h);
  Data minus = run_at(-h);
  Data plus2 = run_at(2 * h);
  Data minus2 = run_at(-2 * h);
  for (auto& [name, a] : plus) {
    const auto& m = minus.at(name).data;
    const auto& p2 = plus2.at(name).data;
    const auto& m2 = minus2.at(name).data;
    for (std::size_t e = 0; e < a.data.size(); ++e)
      a.data[e] = (8 * (a.data[e] - m[e]) - (p2[e] - m2[e])) / (12 * h);
  }
  return plus;
}

// Steps tried, largest first: 2.5e-4, 6.25e-5, ... down to about 4e-12. The largest moves an
// input by at most 5e-4, half the margin kept around kinks (sample.h): it crosses a kink only
// where the kink's argument moves more than twice as fast as the input, the next step only
// where it moves more than 8 times as fast.
constexpr double first_step = 2.5e-4;
constexpr double step_shrink = 0.25;
constexpr int max_steps = 14;

// One element's best estimate so far and the change that vouches for it.
struct Estimate {
  double value = 0;
  double change = std::numeric_limits<double>::infinity();
  bool done = false;
};

// The derivative of every output element along a path, each at the step that suits it. No
// one step suits all: where a small derivative sits in a large output (1e9) rounding error
// needs a large step, where outputs are strongly curved truncation error needs a small one.
// As in Ridders' method, the change between the estimates at consecutive steps gauges their
// error: each element keeps the estimate whose change was smallest, and stops once changes
// grow past twice that (rounding has taken over). A large step that crosses a kink shows as
// a large change and is passed over; NaN estimates (a step leaving the domain of log) are
// skipped, so the result is NaN only when every step gives NaN.
template <class Run>
Data settled_derivative(Run run_at) {
  Data previous = five_point(run_at, first_step);
  std::map<std::string, std::vector<Estimate>> best;
  for (const auto& [name, a] : previous)
    for (double v : a.data) best[name].push_back({v});
  double h = first_step;
  for (int k = 1; k < max_steps; ++k) {
    h *= step_shrink;
    Data next = five_point(run_at, h);
    bool open = false;
    for (auto& [name, estimates] : best) {
      const auto& now = next.at(name).data;
      const auto& before = previous.at(name).data;
      for (std::size_t e = 0; e < estimates.size(); ++e) {
        Estimate& est = estimates[e];
        if (est.done) continue;
        double change = std::abs(now[e] - before[e]);
        if (std::isnan(change)) {
          if (std::isnan(est.value)) est.value = now[e];
        } else if (change < est.change) {
          est = {now[e], change, change == 0};
        } else if (change > 2 * est.change) {
          est.done = true;
        }
        open |= !est.done;
      }
    }
    if (!open) break;
    previous = std::move(next);
  }
  for (auto& [name, a] : previous)
    for (std::size_t e = 0; e < a.data.size(); ++e) a.data[e] = best.at(name)[e].value;
  return previous;
}

// sum_Y <weights[Y], derivative[Y]>. Elements are differenced before they are weighted and
// summed: differencing the sum instead would give every partial derivative the rounding
// error of the whole sum (1e-16 of its largest term, over h), drowning a small derivative
// next to a large output that does not depend on the input at all.
double weighted_sum(const Data& derivative, const Data& weights) {
  double sum = 0;
  for (const auto& [name, w] : weights) sum += dot(derivative.at(name), w);
  return sum;
}

}  // namespace

Data run_as(const ir::Program& p, const Data& pool, DType dtype) {
  Data inputs = select(p, pool);
  if (dtype == DType::f64) return interp::run(p, inputs);
  return convert<double>(interp::run(p, convert<float>(inputs)));
}

Data directional(const ir::Program& p, const Data& at, const Data& direction) {
  auto shifted = [&](double step) {
    Data x = select(p, at);
    for (const auto& [name, t] : direction) {
      auto& values = x.at(name).data;
      for (std::size_t e = 0; e < values.size(); ++e) values[e] += step * t.data.at(e);
    }
    return interp::run(p, x);
  };
  return settled_derivative(shifted);
}

Data gradient(const ir::Program& p, const Data& at, const Data& weights,
              const std::vector<std::string>& wrt) {
  Data x = select(p, at);
  Data grad;
  for (const std::string& name : wrt) {
    interp::Array<double>& g = grad[name];
    g.dims = x.at(name).dims;
    for (double& v : x.at(name).data) {
      const double saved = v;
      auto shifted = [&](double step) {
        v = saved + step;
        return interp::run(p, x);
      };
      g.data.push_back(weighted_sum(settled_derivative(shifted), weights));
      v = saved;
    }
  }
  return grad;
}

Data linear_gradient(const ir::Program& p, const Data& at, const Data& weights,
                     const std::vector<std::string>& wrt) {
  Data x = select(p, at);
  for (const std::string& name : wrt)
    for (double& v : x.at(name).data) v = 0;
  const Data origin = interp::run(p, x);
  Data grad;
  for (const std::string& name : wrt) {
    interp::Array<double>& g = grad[name];
    g.dims = x.at(name).dims;
    for (double& v : x.at(name).data) {
      v = 1;
      Data unit = interp::run(p, x);
      v = 0;
      for (auto& [output, a] : unit) {
        const auto& o = origin.at(output).data;
        for (std::size_t e = 0; e < a.data.size(); ++e) a.data[e] -= o[e];
      }
      g.data.push_back(weighted_sum(unit, weights));
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
