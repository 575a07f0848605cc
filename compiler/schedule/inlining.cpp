// Which values are computed where they are read instead of being stored: a pass over memory
// costs more than a few multiplies, so elementwise chains (a broadcast, a product, relu and its
// step) collapse into the loop of the kernel that consumes them.
#include <algorithm>

#include "ir/ir_api.h"
#include "schedule/detail.h"

namespace ricci::schedule::detail {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

// Reading `v` through `operand` of `reader` visits each element of `v` once per element of
// the reader's loop nest at most: the operand names every label of the reader.
bool read_once(const ir::Contract& reader, const ir::Operand& operand) {
  for (std::size_t l = 0; l < reader.labels.size(); ++l) {
    auto label = static_cast<ir::Label>(l);
    if (std::find(operand.labels.begin(), operand.labels.end(), label) == operand.labels.end()) return false;
  }
  return true;
}

}  // namespace

std::vector<bool> inlined_values(const ir::Program& p, const ScheduleOptions& options) {
  std::vector<bool> inlined(p.values.size(), false);
  if (!options.inline_elementwise) return inlined;
  std::vector<bool> is_output(p.values.size(), false);
  for (const ir::Result& r : p.outputs) is_output[index(r.value)] = true;

  // Per value: how many operand slots read it, and whether every read is element-once from
  // something a loop nest computes (not a GEMM, which reads memory).
  std::vector<int> uses(p.values.size(), 0);
  std::vector<bool> readable(p.values.size(), true);
  for (const ir::Value& reader : p.values) {
    const auto* c = std::get_if<ir::Contract>(&reader.op);
    std::optional<Gemm> g = c != nullptr && options.gemm ? match_gemm(*c) : std::nullopt;
    bool gemm = g && is_matrix_product(*g);
    if (c != nullptr) {
      for (const ir::Operand& o : c->operands) {
        ++uses[index(o.value)];
        if (gemm || !read_once(*c, o)) readable[index(o.value)] = false;
      }
    } else {
      for (ir::ValueId r : ir::operands(reader.op)) ++uses[index(r)];
    }
  }

  // In value order, so operands are decided first. A value computed once per reader must be
  // cheap all the way down through the values inlined into it.
  std::vector<bool> cheap_tree(p.values.size(), false);
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const ir::Value& v = p.values[id];
    if (std::holds_alternative<ir::Input>(v.op)) continue;
    bool tree = ir::is_cheap_pointwise(v);
    for (ir::ValueId r : ir::operands(v.op)) tree = tree && (!inlined[index(r)] || cheap_tree[index(r)]);
    cheap_tree[id] = tree;
    // A scalar costs one element to store: inlining it would save nothing.
    inlined[id] = !is_output[id] && !v.shape.empty() && ir::is_pointwise(v) && !ir::is_library_call(v) && readable[id] &&
                  uses[id] > 0 && (uses[id] == 1 || tree);
  }
  return inlined;
}

}  // namespace ricci::schedule::detail
