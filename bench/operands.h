// Every tensor the four programs of one layer read or write, and one call of each program.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include <ricci/driver.h>
#include <ricci/runtime.h>

namespace ricci_bench {

// The extents of one tensor, in the order of its axes: extents(o, i) for W[o,i].
template <class... Sizes>
std::array<int64_t, sizeof...(Sizes)> extents(Sizes... sizes) {
  return {static_cast<int64_t>(sizes)...};
}

// Where a layer's inputs are drawn from: [-1, 1], or [0.5, 1.5] for layers that take a
// logarithm, square root or reciprocal of an input. Tangents and cotangents are always in [-1, 1].
enum class Domain { symmetric, positive };

namespace operands_detail {

template <class T, class Shape>
struct TensorOf;
template <class T, std::size_t Rank>
struct TensorOf<T, std::array<int64_t, Rank>> {
  using type = ricci::Tensor<T, static_cast<int>(Rank)>;
};

// A tuple of tensors of element type T with the given shapes, zero-filled.
template <class T, class... Shapes>
auto make_tensors(const std::tuple<Shapes...>& shapes) {
  return std::apply(
      [](const auto&... shape) { return std::tuple<typename TensorOf<T, Shapes>::type...>(shape...); },
      shapes);
}

// A tuple of references to the elements of `tensors`, to be concatenated into an argument list.
template <class Tuple>
auto refs(Tuple& tensors) {
  return std::apply([](auto&... tensor) { return std::tie(tensor...); }, tensors);
}

template <class T, class Tuple>
void fill(Tuple& tensors, std::mt19937_64& rng, T low, T high) {
  std::uniform_real_distribution<T> uniform(low, high);
  std::apply(
      [&](auto&... tensor) {
        ((std::generate_n(tensor.data(), tensor.size(), [&] { return uniform(rng); })), ...);
      },
      tensors);
}

}  // namespace operands_detail

// The operands of a layer with inputs X... and outputs Y... (both in the order of the generated
// API): values, tangents t_X, seeds dd_X and second-order results g_X shaped like the inputs;
// outputs, cotangents d_Y, tangents t_Y and g_d_Y shaped like the outputs. Every input of the
// bench layers gets a cotangent (none declares `grad`), so d_X is shaped like X as well.
template <class T, class InShapes, class OutShapes>
struct Operands {
  using Inputs = decltype(operands_detail::make_tensors<T>(std::declval<InShapes>()));
  using Outputs = decltype(operands_detail::make_tensors<T>(std::declval<OutShapes>()));

  Operands(const InShapes& in, const OutShapes& out, Domain domain, uint64_t seed)
      : x(operands_detail::make_tensors<T>(in)),
        t_x(x), d_x(x), dd_x(x), g_x(x),
        y(operands_detail::make_tensors<T>(out)),
        d_y(y), t_y(y), g_d_y(y) {
    std::mt19937_64 rng(seed);
    if (domain == Domain::positive) {
      operands_detail::fill(x, rng, T(0.5), T(1.5));
    } else {
      operands_detail::fill(x, rng, T(-1), T(1));
    }
    operands_detail::fill(t_x, rng, T(-1), T(1));
    operands_detail::fill(dd_x, rng, T(-1), T(1));
    operands_detail::fill(d_y, rng, T(-1), T(1));
  }

  Inputs x, t_x, d_x, dd_x, g_x;
  Outputs y, d_y, t_y, g_d_y;
};

// The generated functions of a layer as callables (generic lambdas over its overload sets).
template <class Evaluate, class Pullback, class Pushforward, class Pullback2>
struct Programs {
  Evaluate evaluate;
  Pullback pullback;
  Pushforward pushforward;
  Pullback2 pullback2;
};
template <class... Fs>
Programs(Fs...) -> Programs<Fs...>;

// The four programs, in the order of ricci::driver::kProgramNames.
enum class Program { evaluate, pullback, pushforward, pullback2 };
inline constexpr std::array<Program, 4> kPrograms = {Program::evaluate, Program::pullback,
                                                     Program::pushforward, Program::pullback2};

inline const char* program_name(Program program) {
  return ricci::driver::kProgramNames[static_cast<std::size_t>(program)];
}

// Runs `program` once on `o`, with the argument order of docs/generated-api.md:
//   evaluate(Y..., X..., ws)                    pullback(d_X..., d_Y..., X..., ws)
//   pushforward(Y..., t_Y..., X..., t_X..., ws) pullback2(g_d_Y..., g_X..., dd_X..., d_Y..., X..., ws)
template <class Layer, class T, class In, class Out>
void run(const Layer& layer, Program program, Operands<T, In, Out>& o, ricci::Workspace& ws) {
  using operands_detail::refs;
  switch (program) {
    case Program::evaluate:
      std::apply(layer.evaluate, std::tuple_cat(refs(o.y), refs(o.x), std::tie(ws)));
      return;
    case Program::pullback:
      std::apply(layer.pullback, std::tuple_cat(refs(o.d_x), refs(o.d_y), refs(o.x), std::tie(ws)));
      return;
    case Program::pushforward:
      std::apply(layer.pushforward,
                 std::tuple_cat(refs(o.y), refs(o.t_y), refs(o.x), refs(o.t_x), std::tie(ws)));
      return;
    case Program::pullback2:
      std::apply(layer.pullback2, std::tuple_cat(refs(o.g_d_y), refs(o.g_x), refs(o.dd_x), refs(o.d_y),
                                                 refs(o.x), std::tie(ws)));
      return;
  }
}

// Every element of the tuple's tensors, in order, widened to double.
template <class Tuple>
std::vector<double> flatten(const Tuple& tensors) {
  std::vector<double> values;
  std::apply(
      [&](const auto&... tensor) {
        ((values.insert(values.end(), tensor.data(), tensor.data() + tensor.size())), ...);
      },
      tensors);
  return values;
}

}  // namespace ricci_bench
