// Calls the layers that ricci_add_layers generated, from dense.ricci and (with CONSUMER_SCAN)
// from project.hpp, and checks them against loops written by hand: exit status 0 when they agree.
#include <cmath>
#include <cstdio>

#include "dense.h"
#ifdef CONSUMER_SCAN
#include "project.hpp"
#endif

namespace {

// y = tanh(W x + bias) through the layer generated from dense.ricci.
double dense_difference() {
  ricci::Tensor<double, 2> W({2, 3}), x({4, 3});
  ricci::Tensor<double, 1> bias({2});
  for (int o = 0; o < 2; ++o) {
    bias(o) = 0.1 * o;
    for (int i = 0; i < 3; ++i) W(o, i) = 0.2 * (o + 1) - 0.1 * i;
  }
  for (int b = 0; b < 4; ++b)
    for (int i = 0; i < 3; ++i) x(b, i) = 0.3 * b - 0.2 * i;

  auto r = consumer::dense::evaluate(W, x, bias);
  double worst = 0;
  for (int b = 0; b < 4; ++b) {
    for (int o = 0; o < 2; ++o) {
      double h = bias(o);
      for (int i = 0; i < 3; ++i) h += W(o, i) * x(b, i);
      worst = std::fmax(worst, std::fabs(r.y(b, o) - std::tanh(h)));
    }
  }
  std::printf("dense: y(3,1) = %.6f, largest difference from the loop: %g\n", r.y(3, 1), worst);
  return worst;
}

#ifdef CONSUMER_SCAN
// y = x W^T through the function project.hpp declares and `ricci scan` defined.
double project_difference() {
  double w[2 * 3], x[4 * 3], y[4 * 2] = {};
  for (int k = 0; k < 2 * 3; ++k) w[k] = 0.5 - 0.25 * k;
  for (int k = 0; k < 4 * 3; ++k) x[k] = 0.1 * k - 0.3;
  consumer::project(ricci::Ref<double, 2>(y, {4, 2}), ricci::CRef<double, 2>(w, {2, 3}),
                    ricci::CRef<double, 2>(x, {4, 3}));
  double worst = 0;
  for (int b = 0; b < 4; ++b) {
    for (int o = 0; o < 2; ++o) {
      double h = 0;
      for (int i = 0; i < 3; ++i) h += w[o * 3 + i] * x[b * 3 + i];
      worst = std::fmax(worst, std::fabs(y[b * 2 + o] - h));
    }
  }
  std::printf("project: y(3,1) = %.6f, largest difference from the loop: %g\n", y[3 * 2 + 1], worst);
  return worst;
}
#endif

}  // namespace

int main() {
  double worst = dense_difference();
#ifdef CONSUMER_SCAN
  worst = std::fmax(worst, project_difference());
#endif
  return worst < 1e-12 ? 0 : 1;
}
