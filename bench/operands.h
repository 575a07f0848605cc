// Every tensor the programs of one layer read or write, and one call of each program.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <tuple>
#include <type_traits>
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
// outputs, cotangents d_Y, tangents t_Y and g_d_Y shaped like the outputs; and the layer's
// Saved<T>, which the saved form's evaluate fills and its pullbacks read. Every input of the
// bench layers gets a cotangent (none declares `grad`), so d_X is shaped like X as well.
template <class T, class InShapes, class OutShapes, class Saved>
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
  Saved saved;
};

// The generated functions of a layer as callables (generic lambdas over its overload sets, which
// hold the recomputing and the saved form alike), and `make_saved`, which maps
// std::type_identity<T> to an empty Saved<T> of the layer.
template <class Evaluate, class Pullback, class Pushforward, class Pullback2, class MakeSaved>
struct Programs {
  Evaluate evaluate;
  Pullback pullback;
  Pushforward pushforward;
  Pullback2 pullback2;
  MakeSaved make_saved;
};
template <class... Fs>
Programs(Fs...) -> Programs<Fs...>;

// The layer's Saved<T>, as Programs::make_saved names it.
template <class Layer, class T>
using SavedOf = decltype(std::declval<const Layer&>().make_saved(std::type_identity<T>{}));

// The programs timed: the four of ricci::driver::kProgramNames, then the saved form
// (docs/generated-api.md): evaluate filling a Saved, and pullback and pullback2 reading it.
enum class Program {
  evaluate,
  pullback,
  pushforward,
  pullback2,
  evaluate_saved,
  pullback_saved,
  pullback2_saved,
};
inline constexpr std::array<Program, 7> kPrograms = {Program::evaluate,       Program::pullback,
                                                     Program::pushforward,    Program::pullback2,
                                                     Program::evaluate_saved, Program::pullback_saved,
                                                     Program::pullback2_saved};

inline const char* program_name(Program program) {
  switch (program) {
    case Program::evaluate_saved:
      return "evaluate_saved";
    case Program::pullback_saved:
      return "pullback_saved";
    case Program::pullback2_saved:
      return "pullback2_saved";
    default:
      return ricci::driver::kProgramNames[static_cast<std::size_t>(program)];
  }
}

// Whether `program` reads a Saved, which evaluate_saved must have filled for the same inputs.
inline bool reads_saved(Program program) {
  return program == Program::pullback_saved || program == Program::pullback2_saved;
}

// The recomputing program that a saved-form program must agree with; any other program itself.
inline Program recomputing(Program program) {
  switch (program) {
    case Program::evaluate_saved:
      return Program::evaluate;
    case Program::pullback_saved:
      return Program::pullback;
    case Program::pullback2_saved:
      return Program::pullback2;
    default:
      return program;
  }
}

// Calls the recomputing program P of `layer` on `o`, with the argument order of docs/generated-api.md:
//   evaluate(Y..., X..., tail...)           pushforward(Y..., t_Y..., X..., t_X..., tail...)
//   pullback(d_X..., d_Y..., X..., tail...) pullback2(g_d_Y..., g_X..., dd_X..., d_Y..., X..., tail...)
// `tail` is the workspace, or the Saved and the workspace: the saved form's programs take the
// same tensors as their recomputing ones, so one list serves both forms.
template <Program P, class Layer, class Data, class... Tail>
void call(const Layer& layer, Data& o, Tail&... tail) {
  using operands_detail::refs;
  if constexpr (P == Program::evaluate) {
    std::apply(layer.evaluate, std::tuple_cat(refs(o.y), refs(o.x), std::tie(tail...)));
  } else if constexpr (P == Program::pullback) {
    std::apply(layer.pullback, std::tuple_cat(refs(o.d_x), refs(o.d_y), refs(o.x), std::tie(tail...)));
  } else if constexpr (P == Program::pushforward) {
    std::apply(layer.pushforward,
               std::tuple_cat(refs(o.y), refs(o.t_y), refs(o.x), refs(o.t_x), std::tie(tail...)));
  } else {
    static_assert(P == Program::pullback2, "the saved form's programs are called as their recomputing ones");
    std::apply(layer.pullback2, std::tuple_cat(refs(o.g_d_y), refs(o.g_x), refs(o.dd_x), refs(o.d_y), refs(o.x),
                                               std::tie(tail...)));
  }
}

// Runs `program` once on `o`.
template <class Layer, class Data>
void run(const Layer& layer, Program program, Data& o, ricci::Workspace& ws) {
  const auto& saved = o.saved;  // the pullbacks only read it
  switch (program) {
    case Program::evaluate:
      return call<Program::evaluate>(layer, o, ws);
    case Program::pullback:
      return call<Program::pullback>(layer, o, ws);
    case Program::pushforward:
      return call<Program::pushforward>(layer, o, ws);
    case Program::pullback2:
      return call<Program::pullback2>(layer, o, ws);
    case Program::evaluate_saved:
      return call<Program::evaluate>(layer, o, o.saved, ws);
    case Program::pullback_saved:
      return call<Program::pullback>(layer, o, saved, ws);
    case Program::pullback2_saved:
      return call<Program::pullback2>(layer, o, saved, ws);
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

// Every element `program` wrote to `o`, in the order of its parameters.
template <class Data>
std::vector<double> results(Program program, Data& o) {
  using operands_detail::refs;
  std::vector<double> values;
  switch (program) {
    case Program::evaluate:
    case Program::evaluate_saved:
      values = flatten(o.y);
      break;
    case Program::pullback:
    case Program::pullback_saved:
      values = flatten(o.d_x);
      break;
    case Program::pushforward:
      values = flatten(std::tuple_cat(refs(o.y), refs(o.t_y)));
      break;
    case Program::pullback2:
    case Program::pullback2_saved:
      values = flatten(std::tuple_cat(refs(o.g_d_y), refs(o.g_x)));
      break;
  }
  return values;
}

}  // namespace ricci_bench
