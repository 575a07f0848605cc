// The bench layers: the shapes of each layer's inputs and outputs, in the order of its generated
// API, and its programs. Built once per optimization level: RICCI_BENCH_API names the namespace
// the level's code was generated into, RICCI_BENCH_LEVEL the level ("O1", "O0").
#include <type_traits>

#include "registry.h"

#include "attention.h"
#include "attention_plan.h"
#include "batched_small.h"
#include "batched_small_plan.h"
#include "bilinear.h"
#include "bilinear_form.h"
#include "bilinear_form_plan.h"
#include "bilinear_plan.h"
#include "chain3.h"
#include "chain3_plan.h"
#include "chain5.h"
#include "chain5_plan.h"
#include "dense.h"
#include "dense_plan.h"
#include "elementwise.h"
#include "elementwise_plan.h"
#include "gemm.h"
#include "gemm_plan.h"
#include "mlp2.h"
#include "mlp2_plan.h"
#include "scale_shift.h"
#include "scale_shift_plan.h"
#include "trace3.h"
#include "trace3_plan.h"

#if !defined(RICCI_BENCH_API) || !defined(RICCI_BENCH_LEVEL)
#error "build with -DRICCI_BENCH_API=<namespace> -DRICCI_BENCH_LEVEL=\"O1\" (see bench/CMakeLists.txt)"
#endif

namespace ricci_bench {
namespace {

// The four generated functions of `layer` as generic lambdas, so one call site serves the
// float and double overloads of both forms, and its Saved<T> for the saved form.
#define RICCI_BENCH_PROGRAMS(layer)                                                            \
  Programs {                                                                                   \
    [](auto&... a) { RICCI_BENCH_API::layer::evaluate(a...); },                                \
        [](auto&... a) { RICCI_BENCH_API::layer::pullback(a...); },                            \
        [](auto&... a) { RICCI_BENCH_API::layer::pushforward(a...); },                         \
        [](auto&... a) { RICCI_BENCH_API::layer::pullback2(a...); },                           \
        []<class T>(std::type_identity<T>) { return RICCI_BENCH_API::layer::Saved<T>{}; }      \
  }

const char* const level = RICCI_BENCH_LEVEL;

const bool gemm_added = [] {
  using namespace plan::gemm;  // C[i,k] := A[i,j] * B[j,k]
  return add_layer({"gemm", flops, Domain::symmetric, GemmShape{i, k, j}}, level,
                   std::tuple{extents(i, j), extents(j, k)}, std::tuple{extents(i, k)},
                   RICCI_BENCH_PROGRAMS(gemm));
}();

const bool dense_added = [] {
  using namespace plan::dense;  // y[b,o] := tanh(W[o,i] * x[b,i] + bias[o])
  return add_layer({"dense", flops, Domain::symmetric, GemmShape{b, o, i}}, level,
                   std::tuple{extents(o, i), extents(b, i), extents(o)}, std::tuple{extents(b, o)},
                   RICCI_BENCH_PROGRAMS(dense));
}();

const bool attention_added = [] {
  using namespace plan::attention;  // p[n,m] := sigmoid(q[n,d] * k[m,d] / scale)
  return add_layer({"attention", flops, Domain::positive, GemmShape{n, m, d}}, level,
                   std::tuple{extents(n, d), extents(m, d), extents()}, std::tuple{extents(n, m)},
                   RICCI_BENCH_PROGRAMS(attention));
}();

const bool mlp2_added = [] {
  using namespace plan::mlp2;  // y[b,o] := W2[o,j] * tanh(W1[j,i] * x[b,i] + b1[j])
  return add_layer({"mlp2", flops}, level,
                   std::tuple{extents(j, i), extents(b, i), extents(j), extents(o, j)},
                   std::tuple{extents(b, o)}, RICCI_BENCH_PROGRAMS(mlp2));
}();

const bool chain3_added = [] {
  using namespace plan::chain3;  // D[i,l] := A[i,j] * B[j,k] * C[k,l]
  return add_layer({"chain3", flops, Domain::symmetric, GemmShape{i, k, j}}, level,
                   std::tuple{extents(i, j), extents(j, k), extents(k, l)}, std::tuple{extents(i, l)},
                   RICCI_BENCH_PROGRAMS(chain3));
}();

const bool chain5_added = [] {
  using namespace plan::chain5;  // y[i] := A[i,j] * B[j,k] * C[k,l] * D[l,m] * x[m]
  return add_layer({"chain5", flops}, level,
                   std::tuple{extents(i, j), extents(j, k), extents(k, l), extents(l, m), extents(m)},
                   std::tuple{extents(i)}, RICCI_BENCH_PROGRAMS(chain5));
}();

const bool bilinear_added = [] {
  using namespace plan::bilinear;  // A[i,k] := B[i,j] * C[j,k] * D[l,l]
  return add_layer({"bilinear", flops, Domain::symmetric, GemmShape{i, k, j}}, level,
                   std::tuple{extents(i, j), extents(j, k), extents(l, l)}, std::tuple{extents(i, k)},
                   RICCI_BENCH_PROGRAMS(bilinear));
}();

const bool bilinear_form_added = [] {
  using namespace plan::bilinear_form;  // s := x[i] * A[i,j] * y[j]
  return add_layer({"bilinear_form", flops}, level, std::tuple{extents(i), extents(i, j), extents(j)},
                   std::tuple{extents()}, RICCI_BENCH_PROGRAMS(bilinear_form));
}();

const bool trace3_added = [] {
  using namespace plan::trace3;  // t := A[i,j] * B[j,k] * C[k,i]
  return add_layer({"trace3", flops}, level, std::tuple{extents(i, j), extents(j, k), extents(k, i)},
                   std::tuple{extents()}, RICCI_BENCH_PROGRAMS(trace3));
}();

const bool batched_small_added = [] {
  using namespace plan::batched_small;  // z[b,i,k] := x[b,i,j] * y[b,j,k]
  return add_layer({"batched_small", flops}, level, std::tuple{extents(b, i, j), extents(b, j, k)},
                   std::tuple{extents(b, i, k)}, RICCI_BENCH_PROGRAMS(batched_small));
}();

const bool elementwise_added = [] {
  using namespace plan::elementwise;  // y[i] := tanh(x) * sigmoid(g) + exp(-x^2/2) + sqrt(p) / p
  return add_layer({"elementwise", flops, Domain::positive}, level,
                   std::tuple{extents(i), extents(i), extents(i)}, std::tuple{extents(i)},
                   RICCI_BENCH_PROGRAMS(elementwise));
}();

const bool scale_shift_added = [] {
  using namespace plan::scale_shift;  // y[b,f] := relu(x[b,f] * gamma[f] + beta[f]) * r[b]
  return add_layer({"scale_shift", flops}, level,
                   std::tuple{extents(b, f), extents(f), extents(f), extents(b)}, std::tuple{extents(b, f)},
                   RICCI_BENCH_PROGRAMS(scale_shift));
}();

#undef RICCI_BENCH_PROGRAMS

}  // namespace
}  // namespace ricci_bench
