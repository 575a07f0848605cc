// Writing outputs safely: to a temporary file then renamed, and only when bytes change.
#pragma once

#include <string>

namespace ricci::cli {

enum class WriteResult { written, unchanged, failed };

// Writes `contents` to `path` atomically. An unchanged file keeps its timestamp, so build
// systems see no change; a failure half-way never leaves a truncated file.
WriteResult write_if_changed(const std::string& path, const std::string& contents, std::string& error);

}  // namespace ricci::cli
