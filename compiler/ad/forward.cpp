// Forward mode: one sweep from the inputs to the outputs, a tangent per value.
#include <algorithm>
#include <variant>

#include "ad/rules.h"
#include "ad/transforms.h"

namespace ricci::ad {

ir::Program pushforward(const ir::Program& p) {
  ir::Builder b(p.extents);
  std::vector<ir::ValueId> ids = b.import(p);
  std::vector<ir::ValueId> order = ids;
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());

  ForwardSweep s{b, std::vector<std::optional<ir::ValueId>>(
                        order.empty() ? 0 : static_cast<std::size_t>(order.back() + 1))};
  for (ir::ValueId x : p.inputs) {
    ir::ValueId id = ids.at(static_cast<std::size_t>(x));
    s.tangent.at(static_cast<std::size_t>(id)) =
        b.input(derived_name(b, "t_", id), b.at(id).shape);
  }
  for (ir::ValueId y : order) {
    const ir::Op op = b.at(y).op;  // a copy: the rules add values to `b`
    std::optional<ir::ValueId> t = std::visit(
        Overloaded{
            [&](const ir::Input&) { return s.tangent.at(static_cast<std::size_t>(y)); },
            [&](const ir::Contract& c) { return push(s, c, y); },
            [&](const ir::Map& m) { return push(s, m, y); },
            [&](const ir::Add& a) { return push(s, a, y); },
        },
        op);
    s.tangent.at(static_cast<std::size_t>(y)) = t;
  }

  for (const ir::Result& y : p.outputs) b.output(y.name, ids.at(static_cast<std::size_t>(y.value)));
  for (const ir::Result& y : p.outputs) {
    ir::ValueId id = ids.at(static_cast<std::size_t>(y.value));
    const std::optional<ir::ValueId>& t = s.tangent.at(static_cast<std::size_t>(id));
    b.output("t_" + y.name, t ? *t : b.constant(0, b.at(id).shape));
  }
  return b.finish(p.layer, ir::ProgramKind::pushforward);
}

}  // namespace ricci::ad
