// clang_command: compilation database entry (exact or inferred) plus the flags a header needs.
#include "scan/command_line.h"

#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace ricci::scan {
namespace {

namespace fs = std::filesystem;

// The runtime headers: next to an installed ricci (<prefix>/bin/ricci, <prefix>/include),
// else in the source tree ricci was built from.
std::string runtime_include_dir() {
  static int anchor;
  fs::path exe = llvm::sys::fs::getMainExecutable("ricci", &anchor);
  fs::path installed = exe.parent_path().parent_path() / "include";
  std::error_code ec;
  if (fs::exists(installed / "ricci" / "view.h", ec)) return installed.string();
  return RICCI_SOURCE_RUNTIME_INCLUDE;
}

bool names_standard(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a.rfind("-std=", 0) == 0 || a.rfind("--std=", 0) == 0 || a == "-std" || a == "--std";
  });
}

// `-x LANG` and `-xLANG` (not `-Xclang`): the header is parsed as C++ whatever it is named.
bool is_language(const std::string& a) { return a.size() > 2 && a.rfind("-x", 0) == 0; }

// The entry's flags without the compiler, the inputs, the output and the language.
std::vector<std::string> database_flags(const clang::tooling::CompileCommand& cmd) {
  using namespace clang::tooling;
  ArgumentsAdjuster adjust = combineAdjusters(getClangStripOutputAdjuster(), getClangStripDependencyFileAdjuster());
  std::vector<std::string> args = adjust(cmd.CommandLine, cmd.Filename);
  fs::path input = fs::absolute(fs::path(cmd.Directory) / cmd.Filename).lexically_normal();
  std::vector<std::string> flags;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (a == "--") break;  // only inputs follow
    if (a == "-x") {
      ++k;
    } else if (!is_language(a) && a != "-c" &&
               fs::absolute(fs::path(cmd.Directory) / a).lexically_normal() != input) {
      flags.push_back(a);
    }
  }
  return flags;
}

}  // namespace

std::optional<ClangCommand> clang_command(const HeaderRequest& request, std::ostream& err) {
  ClangCommand command{{"clang++"}, fs::current_path().string()};
  std::string input = request.header;
  if (!request.build_dir.empty()) {
    std::string path = (fs::path(request.build_dir) / "compile_commands.json").string();
    std::string error;
    std::unique_ptr<clang::tooling::CompilationDatabase> db = clang::tooling::JSONCompilationDatabase::loadFromFile(
        path, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (!db) {
      err << fmt::format("error: cannot read `{}`: {}\n", path, error);
      return std::nullopt;
    }
    // A header rarely has an entry of its own: Clang infers one from the closest file.
    db = clang::tooling::inferTargetAndDriverMode(clang::tooling::inferMissingCompileCommands(std::move(db)));
    input = fs::absolute(request.header).lexically_normal().string();
    std::vector<clang::tooling::CompileCommand> entries = db->getCompileCommands(input);
    if (entries.empty() || entries.front().CommandLine.empty()) {
      err << fmt::format("error: `{}` has no entry to take the flags of `{}` from\n", path, request.header);
      return std::nullopt;
    }
    const clang::tooling::CompileCommand& entry = entries.front();
    command.argv = {entry.CommandLine.front()};
    command.directory = entry.Directory;
    std::vector<std::string> flags = database_flags(entry);
    command.argv.insert(command.argv.end(), flags.begin(), flags.end());
  }
  command.argv.insert(command.argv.end(), request.extra_flags.begin(), request.extra_flags.end());
  if (!names_standard(command.argv)) command.argv.emplace_back("-std=c++17");
  for (const char* flag : {"-w", "-fsyntax-only", "-resource-dir=" RICCI_CLANG_RESOURCE_DIR, "-xc++"})
    command.argv.emplace_back(flag);
  command.argv.push_back("-I" + runtime_include_dir());
  command.argv.push_back(input);
  return command;
}

}  // namespace ricci::scan
