// Drawing check inputs: sizes, uniform tensors, and the kink and domain policy.
#include "check/sample.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <variant>

namespace ricci::check {
namespace {

constexpr double kink_margin = 1e-3;
constexpr double domain_margin = 0.1;
constexpr int max_draws = 50;

bool is_kink(const ir::Map& m) {
  return m.fn == ir::Fn::relu || m.fn == ir::Fn::abs || m.fn == ir::Fn::step ||
         m.fn == ir::Fn::sign;
}

bool needs_positive(const ir::Map& m) {
  return m.fn == ir::Fn::log || m.fn == ir::Fn::sqrt || (m.fn == ir::Fn::powi && m.exponent < 0);
}

// The inputs each value depends on, by value id.
std::vector<std::set<std::string>> input_dependencies(const ir::Program& p) {
  std::vector<std::set<std::string>> deps(p.values.size());
  for (std::size_t v = 0; v < p.values.size(); ++v) {
    auto from = [&](ir::ValueId u) {
      const auto& d = deps[static_cast<std::size_t>(u)];
      deps[v].insert(d.begin(), d.end());
    };
    const ir::Op& op = p.values[v].op;
    if (const auto* in = std::get_if<ir::Input>(&op)) deps[v].insert(in->name);
    if (const auto* c = std::get_if<ir::Contract>(&op))
      for (const ir::Operand& o : c->operands) from(o.value);
    if (const auto* m = std::get_if<ir::Map>(&op)) from(m->arg);
    if (const auto* a = std::get_if<ir::Add>(&op))
      for (ir::ValueId t : a->terms) from(t);
  }
  return deps;
}

// `p` with its outputs replaced by the arguments of kinked (`kink*`) and domain-limited
// (`domain*`) functions, to measure how close a point is to trouble.
ir::Program probe(const ir::Program& p) {
  ir::Program q = p;
  q.outputs.clear();
  for (const ir::Value& v : p.values) {
    const auto* m = std::get_if<ir::Map>(&v.op);
    if (m == nullptr) continue;
    std::string index = std::to_string(q.outputs.size());
    if (is_kink(*m)) q.outputs.push_back({"kink" + index, m->arg});
    if (needs_positive(*m)) q.outputs.push_back({"domain" + index, m->arg});
  }
  return q;
}

bool well_posed(const ir::Program& probe, const Data& point) {
  if (probe.outputs.empty()) return true;
  Data args = interp::run(probe, point);
  for (const auto& [name, a] : args) {
    bool kink = name.starts_with("kink");
    for (double x : a.data) {
      if (kink ? !(std::abs(x) >= kink_margin) : !(x >= domain_margin)) return false;
    }
  }
  return true;
}

}  // namespace

std::vector<int64_t> extent_sizes(const ir::Program& p, const CheckOptions& options) {
  std::vector<int64_t> sizes;
  for (std::size_t k = 0; k < p.extents.size(); ++k)
    sizes.push_back(options.extent_size + static_cast<int64_t>(k % 3));
  return sizes;
}

interp::Array<double> draw(const ir::Shape& shape, const std::vector<int64_t>& sizes, Rng& rng,
                           double lo, double hi) {
  interp::Array<double> a;
  std::size_t count = 1;
  for (ir::ExtentId e : shape) {
    a.dims.push_back(sizes.at(static_cast<std::size_t>(e)));
    count *= static_cast<std::size_t>(a.dims.back());
  }
  a.data.resize(count);
  for (double& x : a.data) x = rng.uniform(lo, hi);
  return a;
}

std::vector<std::string> input_names(const ir::Program& p) {
  std::vector<std::string> names;
  for (ir::ValueId id : p.inputs) names.push_back(std::get<ir::Input>(p.at(id).op).name);
  return names;
}

Data draw_point(const ir::Program& evaluate, const std::vector<int64_t>& sizes, Rng& rng) {
  std::vector<std::set<std::string>> deps = input_dependencies(evaluate);
  std::set<std::string> positive;
  for (const ir::Value& v : evaluate.values) {
    const auto* m = std::get_if<ir::Map>(&v.op);
    if (m != nullptr && needs_positive(*m)) {
      const auto& d = deps[static_cast<std::size_t>(m->arg)];
      positive.insert(d.begin(), d.end());
    }
  }
  ir::Program trouble = probe(evaluate);
  Data point;
  // Past the bound the last draw is used: a derivative that is then wrong (or NaN) is
  // reported as a failed check rather than hidden.
  for (int attempt = 0; attempt < max_draws; ++attempt) {
    point.clear();
    for (ir::ValueId id : evaluate.inputs) {
      const std::string& name = std::get<ir::Input>(evaluate.at(id).op).name;
      bool pos = positive.contains(name);
      point[name] = draw(evaluate.at(id).shape, sizes, rng, pos ? 0.5 : -1.0, pos ? 1.5 : 1.0);
    }
    if (well_posed(trouble, point)) break;
  }
  return point;
}

}  // namespace ricci::check
