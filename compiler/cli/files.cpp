// Atomic write-if-changed through a sibling temporary file and rename(2).
#include "cli/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace ricci::cli {

WriteResult write_if_changed(const std::string& path, const std::string& contents, std::string& error) {
  {
    std::ifstream old(path, std::ios::binary);
    if (old) {
      std::string existing((std::istreambuf_iterator<char>(old)), std::istreambuf_iterator<char>());
      if (existing == contents) return WriteResult::unchanged;
    }
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    f.close();
    if (!f) {
      error = std::strerror(errno);
      std::remove(tmp.c_str());
      return WriteResult::failed;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    std::remove(tmp.c_str());
    return WriteResult::failed;
  }
  return WriteResult::written;
}

}  // namespace ricci::cli
