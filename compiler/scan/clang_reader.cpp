// read_header: one Clang run over the header, its diagnostics printed to the caller's stream.
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/FileManager.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_os_ostream.h>

#include <algorithm>
#include <ostream>

#include "scan/command_line.h"
#include "scan/declarations.h"
#include "scan/scan.h"

namespace ricci::scan {
namespace {

// The files the SourceManager loaded other than the main file, sorted, each by its real
// path: Clang's names for system headers climb out of symlinked directories
// (`/lib/gcc/.../12/../../../../include/c++/12/vector` with /lib a link to /usr/lib), and
// Ninja removes `..` without looking, so such a name would be a missing file to it.
// Relative names are relative to `directory`, the command's.
std::vector<std::string> included_files(const clang::SourceManager& sm, const std::string& directory) {
  const clang::FileEntry* main = sm.getFileEntryForID(sm.getMainFileID());
  std::vector<std::string> files;
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    if (it->first == main) continue;
    llvm::SmallString<256> path(it->first->getName());
    llvm::sys::fs::make_absolute(directory, path);
    llvm::SmallString<256> real;
    if (!llvm::sys::fs::real_path(path, real)) path = real;
    files.emplace_back(path.str());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

// Collects the declarations once the header parsed without errors.
class Consumer : public clang::ASTConsumer {
 public:
  Consumer(const std::string& name, const std::string& directory, std::optional<Header>& out)
      : name_(name), directory_(directory), out_(out) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    if (context.getDiagnostics().hasErrorOccurred()) return;
    const clang::SourceManager& sm = context.getSourceManager();
    Header h;
    h.file = std::make_unique<SourceFile>(name_, sm.getBufferData(sm.getMainFileID()).str());
    h.declarations = collect_declarations(context);
    h.included_files = included_files(sm, directory_);
    out_ = std::move(h);
  }

 private:
  const std::string& name_;
  const std::string& directory_;
  std::optional<Header>& out_;
};

class Action : public clang::ASTFrontendAction {
 public:
  Action(const std::string& name, const std::string& directory, std::optional<Header>& out)
      : name_(name), directory_(directory), out_(out) {}

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&, llvm::StringRef) override {
    return std::make_unique<Consumer>(name_, directory_, out_);
  }

 private:
  const std::string& name_;
  const std::string& directory_;
  std::optional<Header>& out_;
};

// Runs Action like FrontendActionFactory would, except that Clang's closing summary
// ("1 error generated.") goes to the caller's stream with the diagnostics, not to stderr.
class Runner : public clang::tooling::ToolAction {
 public:
  Runner(const std::string& name, const std::string& directory, llvm::raw_ostream& summary,
         std::optional<Header>& out)
      : name_(name), directory_(directory), summary_(summary), out_(out) {}

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation, clang::FileManager* files,
                     std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* diagnostics) override {
    clang::CompilerInstance ci(std::move(pch));
    ci.setInvocation(std::move(invocation));
    ci.setFileManager(files);
    ci.createDiagnostics(diagnostics, /*ShouldOwnClient=*/false);
    if (!ci.hasDiagnostics()) return false;
    ci.createSourceManager(*files);
    ci.setVerboseOutputStream(summary_);
    Action action(name_, directory_, out_);
    bool ok = ci.ExecuteAction(action);
    files->clearStatCache();
    return ok;
  }

 private:
  const std::string& name_;
  const std::string& directory_;
  llvm::raw_ostream& summary_;
  std::optional<Header>& out_;
};

}  // namespace

std::optional<Header> read_header(const HeaderRequest& request, std::ostream& err) {
  std::optional<ClangCommand> command = clang_command(request, err);
  if (!command) return std::nullopt;

  llvm::raw_os_ostream os(err);
  auto options = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  options->ShowColors = request.color;
  clang::TextDiagnosticPrinter printer(os, options.get());

  // Relative paths in a database entry are relative to its directory, not to ours.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs(llvm::vfs::createPhysicalFileSystem().release());
  fs->setCurrentWorkingDirectory(command->directory);
  auto files = llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions{}, fs);

  std::optional<Header> header;
  Runner runner(request.header, command->directory, os, header);
  clang::tooling::ToolInvocation invocation(command->argv, &runner, files.get(),
                                            std::make_shared<clang::PCHContainerOperations>());
  invocation.setDiagnosticConsumer(&printer);
  bool ok = invocation.run();
  os.flush();
  if (!ok || printer.getNumErrors() > 0) return std::nullopt;
  return header;
}

}  // namespace ricci::scan
