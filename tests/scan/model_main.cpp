// Runs the definitions `ricci scan` writes for examples/scan/model.hpp on small tensors whose
// results are computed by hand in the comments.
#include <cmath>
#include <cstdio>

#include "model.h"
#include "model.hpp"

namespace {

int failures = 0;

void expect(const char* what, double got, double want) {
  if (std::fabs(got - want) > 1e-5 * (1 + std::fabs(want))) {
    std::printf("FAIL %s: got %.9g, want %.9g\n", what, got, want);
    ++failures;
  }
}

// B = [[1,2],[3,4]], C = [[5,6],[7,8]], D = [[1,9],[9,2]]: tr D = 3 and B C = [[19,22],[43,50]].
void bilinear() {
  float b[] = {1, 2, 3, 4}, c[] = {5, 6, 7, 8}, d[] = {1, 9, 9, 2};
  ricci::CRef<float, 2> B(b, {2, 2}), C(c, {2, 2}), D(d, {2, 2});

  // A = tr D * B C
  float a[4] = {};
  model::bilinear(ricci::Ref<float, 2>(a, {2, 2}), B, C, D);
  const double want_a[] = {57, 66, 129, 150};
  for (int k = 0; k < 4; ++k) expect("bilinear A", a[k], want_a[k]);

  // With d_A all ones: d_B[i,j] = tr D * sum_k C[j,k], d_C[j,k] = tr D * sum_i B[i,j],
  // d_D = I * sum(B C) = I * 134.
  float ones[] = {1, 1, 1, 1}, db[4] = {}, dc[4] = {}, dd[4] = {};
  model::bilinear_pullback(ricci::Ref<float, 2>(db, {2, 2}), ricci::Ref<float, 2>(dc, {2, 2}),
                           ricci::Ref<float, 2>(dd, {2, 2}), ricci::CRef<float, 2>(ones, {2, 2}), B, C, D);
  const double want_db[] = {33, 45, 33, 45}, want_dc[] = {12, 12, 18, 18}, want_dd[] = {134, 0, 0, 134};
  for (int k = 0; k < 4; ++k) {
    expect("bilinear d_B", db[k], want_db[k]);
    expect("bilinear d_C", dc[k], want_dc[k]);
    expect("bilinear d_D", dd[k], want_dd[k]);
  }

  // Tangent only on D, t_D = I: t_A = tr(t_D) * B C = 2 * B C.
  float zeros[] = {0, 0, 0, 0}, eye[] = {1, 0, 0, 1}, a2[4] = {}, ta[4] = {};
  ricci::CRef<float, 2> Z(zeros, {2, 2});
  model::bilinear_pushforward(ricci::Ref<float, 2>(a2, {2, 2}), ricci::Ref<float, 2>(ta, {2, 2}), B, C, D, Z, Z,
                              ricci::CRef<float, 2>(eye, {2, 2}));
  const double want_ta[] = {38, 44, 86, 100};
  for (int k = 0; k < 4; ++k) {
    expect("bilinear_pushforward A", a2[k], want_a[k]);
    expect("bilinear_pushforward t_A", ta[k], want_ta[k]);
  }
}

// W = [[0.5, -0.25]], x = [[1, 2]], bias = [0.1]: y = tanh(0.5 - 0.5 + 0.1) = tanh(0.1).
void dense() {
  double w[] = {0.5, -0.25}, x[] = {1, 2}, bias[] = {0.1};
  ricci::CRef<double, 2> W(w, {1, 2}), X(x, {1, 2});
  ricci::CRef<double, 1> Bias(bias, {1});
  double y[1] = {};
  model::dense(ricci::Ref<double, 2>(y, {1, 1}), W, X, Bias);
  expect("dense y", y[0], std::tanh(0.1));

  // With d_y = 1 and s = 1 - tanh(0.1)^2: d_W = s * x, d_x = s * W.
  double one[] = {1}, dw[2] = {}, dx[2] = {};
  model::dense_pullback(ricci::Ref<double, 2>(dw, {1, 2}), ricci::Ref<double, 2>(dx, {1, 2}),
                        ricci::CRef<double, 2>(one, {1, 1}), W, X, Bias);
  double s = 1 - std::tanh(0.1) * std::tanh(0.1);
  expect("dense d_W[0]", dw[0], s * 1);
  expect("dense d_W[1]", dw[1], s * 2);
  expect("dense d_x[0]", dx[0], s * 0.5);
  expect("dense d_x[1]", dx[1], s * -0.25);
}

}  // namespace

int main() {
  bilinear();
  dense();
  if (failures == 0) std::printf("scan model: all values as computed by hand\n");
  return failures == 0 ? 0 : 1;
}
