// A spec through the front end with only the layers `--layer` selects, as show, check and explain
// take it.
#pragma once

#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/pipeline.h"

namespace ricci::cli {

// load_spec up to `stop`; at Stage::analyze the module then keeps only the layers
// select_layers(`layer`) selects (all when `layer` is empty). Returns nullopt with `failure`
// set: as load_spec, or usage_error when the module has no layer named `layer`.
std::optional<LoadedSpec> load_layers(const std::string& path, const std::string& layer, Streams& s,
                                      ExitCode& failure, Stage stop = Stage::analyze);

}  // namespace ricci::cli
