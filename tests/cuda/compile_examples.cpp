// Every example generated as CUDA and compiled with nvcc, warnings as errors, for sm_80 and
// sm_90 plus PTX; each layer's driver is linked, for the GPU comparison to run. Each file is
// compiled once; two nvcc processes run at a time. The closing line is `N passed, M failed`.
//
// usage: compile_examples --nvcc "NVCC FLAGS..." --work DIR SPEC...
#include <fmt/format.h>

#include <future>
#include <iostream>
#include <string>
#include <vector>

#include "compare.h"
#include "generate.h"

namespace fs = std::filesystem;
using ricci_e2e::shell;

namespace {

struct Example {
  std::string stem;
  std::vector<fs::path> sources;  // <stem>.cu, then the drivers
};

}  // namespace

int main(int argc, char** argv) {
  std::string nvcc;
  fs::path work;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--nvcc" && i + 1 < argc) nvcc = argv[++i];
    else if (a == "--work" && i + 1 < argc) work = argv[++i];
    else specs.push_back(a);
  }
  if (nvcc.empty() || work.empty() || specs.empty()) {
    std::cerr << "usage: compile_examples --nvcc \"NVCC FLAGS...\" --work DIR SPEC...\n";
    return 2;
  }
  ricci_e2e::Tally tally;

  // Generation is quick and sequential; the nvcc runs are queued two at a time.
  std::vector<Example> examples;
  for (const std::string& spec : specs) {
    auto module = ricci::cuda_test::analyze(spec);
    std::string stem = fs::path(spec).stem().string();
    if (!module) {
      tally.record(false, stem + ": the spec does not analyze");
      continue;
    }
    fs::path dir = fs::absolute(work / stem);
    fs::remove_all(dir);
    examples.push_back({stem, ricci::cuda_test::write_cuda(*module, spec, dir)});
  }
  std::vector<std::pair<Example*, std::string>> jobs;
  for (Example& e : examples) {
    for (const fs::path& src : e.sources) {
      fs::path object = fs::path(src).replace_extension(".o");
      jobs.emplace_back(&e, fmt::format("{} -c '{}' -o '{}'", nvcc, src.string(), object.string()));
    }
  }
  constexpr std::size_t kParallel = 2;
  std::vector<std::future<int>> running;
  std::vector<int> status(jobs.size(), 0);
  for (std::size_t next = 0, done = 0; done < jobs.size();) {
    while (next < jobs.size() && running.size() < kParallel) {
      running.push_back(std::async(std::launch::async, shell, jobs[next].second));
      ++next;
    }
    status[done] = running.front().get();
    running.erase(running.begin());
    ++done;
  }

  std::size_t job = 0;
  for (Example& e : examples) {
    bool source_ok = true;
    for (std::size_t k = 0; k < e.sources.size(); ++k, ++job) {
      bool ok = status[job] == 0;
      tally.record(ok, fmt::format("{}: nvcc {}", e.stem, e.sources[k].filename().string()));
      if (k == 0) source_ok = ok;
      if (k == 0 || !ok || !source_ok) continue;
      fs::path object = fs::path(e.sources[k]).replace_extension(".o");
      fs::path source_object = fs::path(e.sources[0]).replace_extension(".o");
      fs::path driver = fs::path(e.sources[k]).replace_extension("");
      tally.record(shell(fmt::format("{} '{}' '{}' -lcublas -o '{}'", nvcc, source_object.string(), object.string(),
                               driver.string())) == 0,
             fmt::format("{}: link {}", e.stem, driver.filename().string()));
    }
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 ? 0 : 1;
}
