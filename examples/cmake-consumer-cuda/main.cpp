// Runs the layer that ricci_add_layers generated twice from dense.ricci, as C++ (cpu::dense) and
// as CUDA (gpu::dense), on the same inputs, and compares evaluate and pullback. Exit status 0
// when they agree, 1 when they do not, 77 when there is no GPU to run on.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dense.cuh"
#include "dense.h"

namespace {

constexpr int64_t kBatch = 5, kOut = 4, kIn = 3;

template <int Rank>
ricci::Tensor<double, Rank> filled(std::array<int64_t, Rank> extents, double offset) {
  ricci::Tensor<double, Rank> t(extents);
  for (int64_t k = 0; k < t.size(); ++k)
    t.data()[k] = offset + 0.1 * static_cast<double>(k % 7) - 0.05 * static_cast<double>(k % 3);
  return t;
}

// Largest difference relative to the largest magnitude of the C++ result (at least 1).
template <int Rank>
double difference(const char* name, const ricci::Tensor<double, Rank>& gpu, const ricci::Tensor<double, Rank>& cpu) {
  double scale = 1, worst = 0;
  for (int64_t k = 0; k < cpu.size(); ++k) scale = std::max(scale, std::fabs(cpu.data()[k]));
  for (int64_t k = 0; k < cpu.size(); ++k) worst = std::max(worst, std::fabs(gpu.data()[k] - cpu.data()[k]) / scale);
  std::printf("%s: largest difference between CUDA and C++: %g\n", name, worst);
  return worst;
}

}  // namespace

int main() {
  if (ricci::cuda::device_count() == 0) {
    std::printf("no CUDA GPU on this machine: the CUDA layer was built but not run\n");
    return 77;
  }
  const auto W = filled<2>({kOut, kIn}, -0.2);
  const auto x = filled<2>({kBatch, kIn}, 0.3);
  const auto bias = filled<1>({kOut}, 0.1);
  const auto d_y = filled<2>({kBatch, kOut}, -0.4);

  const ricci::cuda::DeviceTensor<double, 2> gpu_W(W), gpu_x(x), gpu_d_y(d_y);
  const ricci::cuda::DeviceTensor<double, 1> gpu_bias(bias);
  ricci::cuda::DeviceTensor<double, 2> gpu_y({kBatch, kOut}), gpu_d_W({kOut, kIn}), gpu_d_x({kBatch, kIn});
  ricci::cuda::DeviceTensor<double, 1> gpu_d_bias({kOut});
  ricci::cuda::Workspace ws;
  ricci::cuda::Stream stream;
  gpu::dense::evaluate(gpu_y, gpu_W, gpu_x, gpu_bias, ws, stream);
  gpu::dense::pullback(gpu_d_W, gpu_d_x, gpu_d_bias, gpu_d_y, gpu_W, gpu_x, gpu_bias, ws, stream);
  stream.synchronize();

  const auto evaluated = cpu::dense::evaluate(W, x, bias);
  const auto pulled = cpu::dense::pullback(d_y, W, x, bias);
  const double worst = std::max({difference("y", gpu_y.to_host(), evaluated.y),
                                 difference("d_W", gpu_d_W.to_host(), pulled.d_W),
                                 difference("d_x", gpu_d_x.to_host(), pulled.d_x),
                                 difference("d_bias", gpu_d_bias.to_host(), pulled.d_bias)});
  return worst < 1e-12 ? 0 : 1;
}
