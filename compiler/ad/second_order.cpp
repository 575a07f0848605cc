// Reverse over reverse: the same rules applied to the pullback program.
#include "ad/transforms.h"

namespace ricci::ad {

ir::Program pullback2(const ir::Layer& layer) {
  ir::Program first = pullback(layer);
  std::vector<std::string> wrt;
  for (const ir::Result& y : layer.evaluate.outputs) wrt.push_back("d_" + y.name);
  wrt.insert(wrt.end(), layer.grad_inputs.begin(), layer.grad_inputs.end());
  std::vector<std::string> seeds;
  for (const ir::Result& dx : first.outputs) seeds.push_back("d" + dx.name);  // dd_X
  return reverse(first, wrt, seeds, "g_", ir::ProgramKind::pullback2);
}

}  // namespace ricci::ad
