// Random data for numerical checks, drawn away from kinks and outside-domain arguments.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "check/check.h"
#include "interp/interp.h"

namespace ricci::check {

using Data = interp::Bindings<double>;

// Uniform doubles from a fully specified engine, so a seed means the same data everywhere
// (std::uniform_real_distribution is not specified bit for bit).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(engine_() >> 11) * 0x1p-53;
  }

 private:
  std::mt19937_64 engine_;
};

// Extent k gets options.extent_size + k % 3 elements: distinct sizes expose swapped axes.
std::vector<int64_t> extent_sizes(const ir::Program& p, const CheckOptions& options);

// A tensor of `shape` with elements uniform in [lo, hi].
interp::Array<double> draw(const ir::Shape& shape, const std::vector<int64_t>& sizes, Rng& rng,
                           double lo, double hi);

// The name of each input of `p`, in order.
std::vector<std::string> input_names(const ir::Program& p);

// Primal inputs of `evaluate`: those feeding log, sqrt or a negative power in [0.5, 1.5],
// the rest in [-1, 1]; redrawn (up to a bound) until every argument of relu, abs, step and
// sign is at least 1e-3 away from 0 and every log, sqrt, negative-power argument is at
// least 0.1, so central differences never straddle a kink or leave the domain.
Data draw_point(const ir::Program& evaluate, const std::vector<int64_t>& sizes, Rng& rng);

}  // namespace ricci::check
