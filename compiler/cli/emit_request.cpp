// Parsing `--emit=KIND[=PATH]`.
#include "cli/emit_request.h"

#include <algorithm>

namespace ricci::cli {

const std::vector<std::string> kEmitKinds = {"tokens", "ast", "ir", "math", "cpp", "cuda"};

std::optional<EmitRequest> parse_emit_request(const std::string& text) {
  const std::size_t eq = text.find('=');
  EmitRequest r{text.substr(0, eq), eq == std::string::npos ? "" : text.substr(eq + 1)};
  if (std::find(kEmitKinds.begin(), kEmitKinds.end(), r.kind) == kEmitKinds.end()) return std::nullopt;
  if (eq != std::string::npos && r.path.empty()) return std::nullopt;
  return r;
}

}  // namespace ricci::cli
