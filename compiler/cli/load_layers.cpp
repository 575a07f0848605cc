// Loading a spec and keeping the selected layers.
#include "cli/load_layers.h"

#include <utility>
#include <vector>

namespace ricci::cli {

std::optional<LoadedSpec> load_layers(const std::string& path, const std::string& layer, Streams& s,
                                      ExitCode& failure, Stage stop) {
  std::optional<LoadedSpec> loaded = load_spec(path, s, failure, stop);
  if (!loaded || !loaded->module) return loaded;
  ir::Module& m = *loaded->module;
  auto selected = select_layers(m, layer, s.err);
  if (!selected) {
    failure = ExitCode::usage_error;
    return std::nullopt;
  }
  // Copies, not pointers into `m`: the module owns its layers wherever the result is moved.
  std::vector<ir::Layer> kept;
  for (const ir::Layer* l : *selected) kept.push_back(*l);
  m.layers = std::move(kept);
  return loaded;
}

}  // namespace ricci::cli
