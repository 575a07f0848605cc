// The entry point of the AD phase: picks the transform for each program kind.
#include "ad/ad.h"

#include "ad/transforms.h"
#include "support/internal_error.h"

namespace ricci::ad {

ir::Program differentiate(const ir::Layer& layer, ir::ProgramKind kind) {
  switch (kind) {
    case ir::ProgramKind::evaluate:
      return layer.evaluate;
    case ir::ProgramKind::pullback:
      return pullback(layer);
    case ir::ProgramKind::pushforward:
      return pushforward(layer.evaluate);
    case ir::ProgramKind::pullback2:
      return pullback2(layer);
  }
  RICCI_CHECK(false, "unknown program kind");
}

}  // namespace ricci::ad
