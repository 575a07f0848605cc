// Reverse mode: one sweep from the outputs back to the inputs, cotangents summed per value.
#include <algorithm>
#include <variant>

#include "ad/rules.h"
#include "ad/transforms.h"
#include "support/internal_error.h"

namespace ricci::ad {
namespace {

ir::ValueId input_named(const ir::Program& p, const std::string& name) {
  for (ir::ValueId id : p.inputs)
    if (std::get<ir::Input>(p.at(id).op).name == name) return id;
  RICCI_CHECK(false, "no input named `" + name + "` to differentiate by");
}

bool reads_active(const ir::Op& op, const std::vector<bool>& active) {
  auto on = [&](ir::ValueId v) { return active.at(static_cast<std::size_t>(v)); };
  return std::visit(
      Overloaded{
          [](const ir::Input&) { return false; },
          [&](const ir::Contract& c) {
            return std::any_of(c.operands.begin(), c.operands.end(),
                               [&](const ir::Operand& o) { return on(o.value); });
          },
          [&](const ir::Map& m) { return on(m.arg); },
          [&](const ir::Add& a) { return std::any_of(a.terms.begin(), a.terms.end(), on); },
      },
      op);
}

}  // namespace

ir::Program reverse(const ir::Program& p, const std::vector<std::string>& wrt,
                    const std::vector<std::string>& seeds, std::string_view prefix,
                    ir::ProgramKind kind) {
  RICCI_CHECK(seeds.size() == p.outputs.size(), "one seed per output expected");
  for (ir::ValueId x : p.inputs) {
    // Builder::import would merge a same-named seed into the input: sema reserves the names.
    RICCI_CHECK(std::find(seeds.begin(), seeds.end(), p.at(x).name) == seeds.end(),
                "seed `" + p.at(x).name + "` has the name of an input");
  }
  ir::Builder b(p.extents);
  std::vector<ir::ValueId> seed_ids;
  for (std::size_t k = 0; k < seeds.size(); ++k)
    seed_ids.push_back(b.input(seeds[k], p.at(p.outputs[k].value).shape));
  std::vector<ir::ValueId> ids = b.import(p);

  // The imported values in builder order; uniquing may have merged some of them.
  std::vector<ir::ValueId> order = ids;
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  auto end = static_cast<std::size_t>(order.empty() ? 0 : order.back() + 1);

  ReverseSweep s{b, std::vector<bool>(end, false), std::vector<std::vector<Term>>(end)};
  std::vector<ir::ValueId> wrt_ids;
  for (const std::string& name : wrt) {
    wrt_ids.push_back(ids.at(static_cast<std::size_t>(input_named(p, name))));
    s.active.at(static_cast<std::size_t>(wrt_ids.back())) = true;
  }
  for (ir::ValueId v : order)
    if (reads_active(b.at(v).op, s.active)) s.active.at(static_cast<std::size_t>(v)) = true;

  std::vector<bool> seeded(end, false);
  for (std::size_t k = 0; k < seeds.size(); ++k) {
    ir::ValueId y = ids.at(static_cast<std::size_t>(p.outputs[k].value));
    s.contribute(y, elementwise(b, 1, {seed_ids[k]}, b.at(y).shape));
    seeded.at(static_cast<std::size_t>(y)) = true;
  }

  std::vector<std::optional<ir::ValueId>> cotangent(end);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    ir::ValueId y = *it;
    auto index = static_cast<std::size_t>(y);
    if (s.adjoint[index].empty()) continue;
    // A seeded output read downstream sums its seed `d_h` and the rest into `d_h_total`.
    std::string name = derived_name(b, prefix, y);
    if (seeded[index] && !name.empty()) name += "_total";
    const ir::Value value = b.at(y);  // a copy: the rules below add values to `b`
    ir::ValueId dy = sum(b, s.adjoint[index], value.shape, name);
    s.adjoint[index].clear();
    cotangent[index] = dy;
    if (b.constant_value(dy) == 0.0) continue;
    std::visit(Overloaded{
                   [](const ir::Input&) {},
                   [&](const ir::Contract& c) { pull(s, c, dy); },
                   [&](const ir::Map& m) { pull(s, m, y, dy); },
                   [&](const ir::Add& a) { pull(s, a, dy); },
               },
               value.op);
  }

  for (std::size_t k = 0; k < wrt.size(); ++k) {
    const std::optional<ir::ValueId>& d = cotangent.at(static_cast<std::size_t>(wrt_ids[k]));
    b.output(std::string(prefix) + wrt[k], d ? *d : b.constant(0, b.at(wrt_ids[k]).shape));
  }
  return b.finish(p.layer, kind);
}

ir::Program pullback(const ir::Layer& layer) {
  std::vector<std::string> seeds;
  for (const ir::Result& y : layer.evaluate.outputs) seeds.push_back("d_" + y.name);
  return reverse(layer.evaluate, layer.grad_inputs, seeds, "d_", ir::ProgramKind::pullback);
}

}  // namespace ricci::ad
