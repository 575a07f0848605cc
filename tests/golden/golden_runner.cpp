// Golden tests: runs `ricci` in-process on tests/<dir>/*.ricci and compares with .expected.
//
// The first line of each input is `# RUN: <ricci arguments>`; the input's path (relative to
// the tests root) is appended, unless an argument already names a .ricci file (goldens of
// the examples: `# RUN: show --emit=math ../examples/dense.ricci`). The expected file holds stdout, then `--- stderr ---` and
// stderr if any, then `--- exit N ---` if N is not 0. `--update` rewrites expected files.
// `--require-all-kinds` also checks that every diagnostic kind appears in some expected file,
// of these directories or of those named by `--kinds-also DIR` (suites with runners of their
// own, such as `ricci scan`'s, whose expected files are read but not run here).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "support/diagnostics.h"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::vector<std::string> split_args(const std::string& line) {
  std::istringstream is(line);
  std::vector<std::string> out;
  for (std::string w; is >> w;) out.push_back(w);
  return out;
}

// Runs one golden input; returns its observed output in the expected-file format.
std::string observe(const std::string& rel_path, const std::string& first_line) {
  const std::string marker = "# RUN:";
  std::vector<std::string> args = split_args(first_line.substr(marker.size()));
  bool names_spec = false;
  for (const std::string& a : args) names_spec = names_spec || (a.size() > 6 && a.ends_with(".ricci"));
  if (!names_spec) args.push_back(rel_path);
  std::istringstream in;
  std::ostringstream out, err;
  int code = static_cast<int>(ricci::cli::run(args, in, out, err));
  std::string result = out.str();
  if (!err.str().empty()) result += "--- stderr ---\n" + err.str();
  if (code != 0) result += "--- exit " + std::to_string(code) + " ---\n";
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  bool update = false, require_all_kinds = false;
  fs::path root;
  std::vector<std::string> dirs, kinds_also;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--update") update = true;
    else if (a == "--require-all-kinds") require_all_kinds = true;
    else if (a == "--root" && i + 1 < argc) root = argv[++i];
    else if (a == "--kinds-also" && i + 1 < argc) kinds_also.push_back(argv[++i]);
    else dirs.push_back(a);
  }
  if (root.empty() || dirs.empty()) {
    std::cerr << "usage: golden_runner --root TESTS_DIR [--update] [--require-all-kinds] [--kinds-also DIR]... DIR...\n";
    return 2;
  }
  fs::current_path(root);

  int passed = 0, failed = 0;
  std::string all_expected;
  for (const std::string& dir : dirs) {
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".ricci") inputs.push_back(e.path());
    std::sort(inputs.begin(), inputs.end());
    for (const fs::path& input : inputs) {
      std::string text = read_file(input);
      std::string first_line = text.substr(0, text.find('\n'));
      if (first_line.rfind("# RUN:", 0) != 0) {
        std::cout << "FAIL " << input.string() << ": first line is not `# RUN: ...`\n";
        ++failed;
        continue;
      }
      fs::path expected_path = fs::path(input).replace_extension(".expected");
      std::string observed = observe(input.generic_string(), first_line);
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << observed;
        all_expected += observed;
        ++passed;
        continue;
      }
      std::string expected = read_file(expected_path);
      all_expected += expected;
      if (observed == expected) {
        ++passed;
      } else {
        ++failed;
        std::cout << "FAIL " << input.string() << "\n--- expected (" << expected_path.string() << ")\n"
                  << expected << "--- observed\n" << observed << "---\n";
      }
    }
  }
  if (require_all_kinds) {
    for (const std::string& dir : kinds_also) {
      for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".expected") all_expected += read_file(e.path());
    }
    for (ricci::DiagKind k : ricci::all_diag_kinds()) {
      std::string tag = fmt::format("[{}]", ricci::spelling(k));
      if (all_expected.find(tag) == std::string::npos) {
        std::cout << "FAIL diagnostic kind " << tag << " appears in no expected output\n";
        ++failed;
      } else {
        ++passed;
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
