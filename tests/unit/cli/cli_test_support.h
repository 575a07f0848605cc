// Running ricci in-process on specs written to a fresh temporary directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace ricci::cli::test {

namespace fs = std::filesystem;

inline const char* const kBilinear = "layer bilinear {\n  A[i,k] := B[i,j] * C[j,k] * D[l,l]\n}\n";

struct Result {
  ExitCode code;
  std::string out;
  std::string err;
};

inline Result ricci(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  ExitCode code = run(args, in, out, err);
  return {code, out.str(), err.str()};
}

inline std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline void write_file(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A directory of its own under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& name) : path_(fs::temp_directory_path() / ("ricci_unit_cli_" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

}  // namespace ricci::cli::test
