// The benchmark cases: one per layer, optimization level and element type, collected before
// main() runs so main can check them against each other before timing any.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <ricci/runtime.h>

#include "operands.h"

namespace ricci_bench {

// C[m,n] = A[m,k] * B[k,n]: the product that dominates a GEMM-shaped layer, timed with the
// machine's BLAS for the rate the layer is held to.
struct GemmShape {
  int64_t m = 0;
  int64_t n = 0;
  int64_t k = 0;
};

// One layer, at one optimization level, in one element type.
struct Case {
  std::string layer;  // as in its spec
  std::string level;  // "O1" or "O0"
  std::string dtype;  // "f32" or "f64"
  std::array<double, kPrograms.size()> flops{};  // per program, as `ricci explain` counts them at -O1
  std::optional<GemmShape> gemm;
  // Fresh seeded operands for `program`, run once to size the workspace; the returned
  // callable runs the program once more on them.
  std::function<std::function<void()>(Program)> prepare;
  // What `program` writes when run once on fresh seeded operands, every element in API order.
  std::function<std::vector<double>(Program)> outputs;
};

std::vector<Case>& cases();

// The spec's extents, the layer's domain and its programs; registered in f32 and f64 at the
// level this translation unit was built for.
struct LayerSpec {
  std::string name;
  std::array<double, kPrograms.size()> flops{};
  Domain domain = Domain::symmetric;
  std::optional<GemmShape> gemm = std::nullopt;
};

template <class T, class In, class Out, class Layer>
Case make_case(const LayerSpec& spec, const char* level, const In& in, const Out& out, Layer layer) {
  using Data = Operands<T, In, Out, SavedOf<Layer, T>>;
  // The seed depends on the layer only, so every level and dtype sees the same draws.
  const uint64_t seed = std::hash<std::string>{}(spec.name);
  // Seeded operands for `program`; one that reads a Saved finds it filled by evaluate_saved.
  auto operands_for = [=](Program program) {
    auto data = std::make_shared<Data>(in, out, spec.domain, seed);
    if (reads_saved(program)) {
      ricci::Workspace ws;
      run(layer, Program::evaluate_saved, *data, ws);
    }
    return data;
  };
  Case c;
  c.layer = spec.name;
  c.level = level;
  c.dtype = sizeof(T) == 4 ? "f32" : "f64";
  c.flops = spec.flops;
  c.gemm = spec.gemm;
  c.prepare = [=](Program program) {
    std::shared_ptr<Data> data = operands_for(program);
    auto ws = std::make_shared<ricci::Workspace>();
    run(layer, program, *data, *ws);
    ws->reserve(ws->peak());
    return std::function<void()>([=] { run(layer, program, *data, *ws); });
  };
  c.outputs = [=](Program program) {
    std::shared_ptr<Data> data = operands_for(program);
    ricci::Workspace ws;
    run(layer, program, *data, ws);
    return results(program, *data);
  };
  return c;
}

// Registers `layer` in f32 and f64; returns true, for use as a static initializer.
template <class In, class Out, class Layer>
bool add_layer(const LayerSpec& spec, const char* level, const In& in, const Out& out, Layer layer) {
  cases().push_back(make_case<float>(spec, level, in, out, layer));
  cases().push_back(make_case<double>(spec, level, in, out, layer));
  return true;
}

}  // namespace ricci_bench
