// Shared helpers of the schedule tests: programs from spec text as `ricci gen` derives them,
// and schedules printed compactly so that expectations read at a glance.
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ad/ad.h"
#include "opt/opt.h"
#include "schedule/schedule.h"
#include "sema/sema.h"
#include "support/diagnostics.h"
#include "syntax/syntax.h"

namespace ricci::schedule::test {

inline ir::Layer parse_layer(const std::string& text) {
  SourceFile file("t.ricci", text);
  Diagnostics diags(file);
  syntax::Module m = syntax::parse(file, diags);
  ir::Module module = sema::analyze(m, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), text);
  return module.layers.at(0);
}

// The program of `kind` as cli::derive_programs builds it: the evaluate program optimized at
// `level`, each derivative differentiated from it and optimized in turn.
inline ir::Program derive(const ir::Layer& layer, ir::ProgramKind kind, int level = 1) {
  opt::OptOptions o;
  o.level = level;
  ir::Layer optimized = layer;
  optimized.evaluate = opt::optimize(layer.evaluate, o);
  if (kind == ir::ProgramKind::evaluate) return optimized.evaluate;
  return opt::optimize(ad::differentiate(optimized, kind), o);
}

inline ir::Program evaluate(const std::string& text, int level = 1) {
  return derive(parse_layer(text), ir::ProgramKind::evaluate, level);
}

inline const std::vector<ir::ProgramKind> kPrograms = {ir::ProgramKind::evaluate, ir::ProgramKind::pullback,
                                                       ir::ProgramKind::pushforward,
                                                       ir::ProgramKind::pullback2};

inline std::string name_of(const ir::Program& p, ir::ValueId v) {
  const std::string& name = p.at(v).name;
  return name.empty() ? fmt::format("%{}", v) : name;
}

// One line per kernel: its value (`%2` when unnamed), `gemm` when it runs as one, then its
// epilogue, e.g. `%2 gemm > h > y`.
inline std::string kernels(const Schedule& s) {
  std::string out;
  for (const Kernel& k : s.kernels) {
    out += name_of(*s.program, k.value);
    if (k.gemm) out += " gemm";
    for (ir::ValueId e : k.epilogue) out += " > " + name_of(*s.program, e);
    out += "\n";
  }
  return out;
}

// Concrete extent sizes: distinct primes, so that a wrong product of extents cannot match.
inline std::vector<int64_t> prime_sizes(std::size_t extents) {
  const int64_t primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  std::vector<int64_t> sizes;
  for (std::size_t e = 0; e < extents; ++e) sizes.push_back(primes[e % std::size(primes)]);
  return sizes;
}

inline int64_t product(const Extents& e, const std::vector<int64_t>& sizes) {
  int64_t n = 1;
  for (ir::ExtentId x : e) n *= sizes.at(static_cast<std::size_t>(x));
  return n;
}

// The row-major stride of label `l` in a tensor with axes `labels` of contraction `c`.
inline int64_t dense_stride(const ir::Contract& c, const std::vector<ir::Label>& labels, ir::Label l,
                            const std::vector<int64_t>& sizes) {
  auto axis = std::find(labels.begin(), labels.end(), l);
  REQUIRE(axis != labels.end());
  int64_t s = 1;
  for (auto it = axis + 1; it != labels.end(); ++it) s *= sizes.at(static_cast<std::size_t>(c.labels.at(static_cast<std::size_t>(*it)).extent));
  return s;
}

// Checks that gemm_strides addresses every element of A, B and C where the dense row-major
// layout has it: each label's stride is its group's stride times the extents after it in the
// group (its own stride for a batch label), and the groups partition the labels.
inline void check_dense_strides(const ir::Contract& c, const Gemm& g, const std::vector<int64_t>& sizes) {
  GemmStrides s = gemm_strides(c, g);
  const std::vector<ir::Label>& a = c.operands.at(g.a_operand).labels;
  const std::vector<ir::Label>& b = c.operands.at(1 - g.a_operand).labels;
  auto extent = [&](ir::Label l) { return sizes.at(static_cast<std::size_t>(c.labels.at(static_cast<std::size_t>(l)).extent)); };
  auto check_group = [&](const std::vector<ir::Label>& group, const Extents& size,
                         std::vector<std::pair<const std::vector<ir::Label>*, const Extents*>> tensors) {
    int64_t n = 1;
    for (ir::Label l : group) n *= extent(l);
    CHECK(product(size, sizes) == n);
    for (std::size_t i = 0; i < group.size(); ++i) {
      int64_t inner = 1;
      for (std::size_t j = i + 1; j < group.size(); ++j) inner *= extent(group[j]);
      for (auto [tensor, stride] : tensors)
        CHECK(dense_stride(c, *tensor, group[i], sizes) == product(*stride, sizes) * inner);
    }
  };
  check_group(g.m, s.m, {{&a, &s.a_m}, {&c.out, &s.c_m}});
  check_group(g.n, s.n, {{&b, &s.b_n}, {&c.out, &s.c_n}});
  check_group(g.k, s.k, {{&a, &s.a_k}, {&b, &s.b_k}});
  REQUIRE(s.batch.size() == g.batch.size());
  for (std::size_t i = 0; i < g.batch.size(); ++i) {
    check_group({g.batch[i]}, s.batch[i].extent,
                {{&a, &s.batch[i].a}, {&b, &s.batch[i].b}, {&c.out, &s.batch[i].c}});
  }
  CHECK(a.size() == g.batch.size() + g.m.size() + g.k.size());
  CHECK(b.size() == g.batch.size() + g.k.size() + g.n.size());
  CHECK(c.out.size() == g.batch.size() + g.m.size() + g.n.size());
  CHECK(c.labels.size() == g.batch.size() + g.m.size() + g.n.size() + g.k.size());
}

// The largest difference between `c` evaluated label by label and the strided batched GEMM
// that gemm_strides describes (the runtime's GemmShape semantics), on random operands.
inline double gemm_error(const ir::Contract& c, const Gemm& g, const std::vector<int64_t>& sizes) {
  auto count = [&](const std::vector<ir::Label>& labels) {
    int64_t n = 1;
    for (ir::Label l : labels) n *= sizes.at(static_cast<std::size_t>(c.labels.at(static_cast<std::size_t>(l)).extent));
    return n;
  };
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> draw(-1, 1);
  std::vector<std::vector<double>> in;
  for (const ir::Operand& o : c.operands) {
    in.emplace_back(static_cast<std::size_t>(count(o.labels)));
    for (double& x : in.back()) x = draw(rng);
  }
  // Label by label: an odometer over every label's index.
  std::vector<double> want(static_cast<std::size_t>(count(c.out)), 0.0);
  std::vector<int64_t> at(c.labels.size(), 0);
  auto offset = [&](const std::vector<ir::Label>& labels) {
    int64_t off = 0;
    for (ir::Label l : labels)
      off = off * sizes.at(static_cast<std::size_t>(c.labels.at(static_cast<std::size_t>(l)).extent)) + at[static_cast<std::size_t>(l)];
    return static_cast<std::size_t>(off);
  };
  for (bool more = true; more;) {
    double term = c.coeff;
    for (std::size_t k = 0; k < c.operands.size(); ++k) term *= in[k][offset(c.operands[k].labels)];
    want[offset(c.out)] += term;
    more = false;
    for (std::size_t l = c.labels.size(); l-- > 0;) {
      if (++at[l] < sizes.at(static_cast<std::size_t>(c.labels[l].extent))) {
        more = true;
        break;
      }
      at[l] = 0;
    }
  }
  // The strided GEMM, batch by batch.
  GemmStrides s = gemm_strides(c, g);
  auto n_of = [&](const Extents& e) { return product(e, sizes); };
  const std::vector<double>& A = in[g.a_operand];
  const std::vector<double>& B = in[1 - g.a_operand];
  std::vector<double> got(want.size(), 0.0);
  std::vector<int64_t> batch(s.batch.size(), 0);
  for (bool more = true; more;) {
    int64_t a0 = 0, b0 = 0, c0 = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      a0 += batch[i] * n_of(s.batch[i].a);
      b0 += batch[i] * n_of(s.batch[i].b);
      c0 += batch[i] * n_of(s.batch[i].c);
    }
    for (int64_t i = 0; i < n_of(s.m); ++i) {
      for (int64_t j = 0; j < n_of(s.n); ++j) {
        double sum = 0;
        for (int64_t p = 0; p < n_of(s.k); ++p)
          sum += A[static_cast<std::size_t>(a0 + i * n_of(s.a_m) + p * n_of(s.a_k))] *
                 B[static_cast<std::size_t>(b0 + p * n_of(s.b_k) + j * n_of(s.b_n))];
        got[static_cast<std::size_t>(c0 + i * n_of(s.c_m) + j * n_of(s.c_n))] = g.coeff * sum;
      }
    }
    more = false;
    for (std::size_t i = batch.size(); i-- > 0;) {
      if (++batch[i] < n_of(s.batch[i].extent)) {
        more = true;
        break;
      }
      batch[i] = 0;
    }
  }
  double worst = 0;
  for (std::size_t i = 0; i < want.size(); ++i) worst = std::max(worst, std::abs(got[i] - want[i]));
  return worst;
}

}  // namespace ricci::schedule::test
