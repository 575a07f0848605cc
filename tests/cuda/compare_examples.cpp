// Every program of every example run by its CUDA driver (built by cuda_compile) and by its C++
// driver on the same random .npy inputs; the outputs must agree to 1e-10 in float64 and 1e-4
// in float32 (normwise relative). Without a GPU it prints "SKIPPED: ..." and exits with 77,
// which ctest reports as a skipped test. The closing line is `N passed, M failed`.
//
// usage: compare_examples --work DIR SPEC...
#include <fmt/format.h>
#include <ricci/cuda/check.h>
#include <ricci/npy.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "compare.h"
#include "generate.h"

namespace fs = std::filesystem;
using ricci_e2e::shell;

namespace {

// nvidia-smi is asked first: without a driver, the CUDA runtime can take long to say so.
bool have_gpu() { return std::system("nvidia-smi -L > /dev/null 2>&1") == 0 && ricci::cuda::device_count() > 0; }

using ricci_e2e::Tally;

double difference(const fs::path& got_file, const fs::path& want_file) {
  ricci::npy::Array got = ricci::npy::read(got_file.string()), want = ricci::npy::read(want_file.string());
  return ricci_e2e::difference(got.shape, got.to<double>(), want.shape, want.to<double>());
}

// Random inputs in [-1, 1] with extents of 1 to 40, so that kernels run several blocks and
// cuBLAS sees odd sizes; written as <name>.in.npy into `dir`. Returns the --in arguments.
std::string write_inputs(const ricci::ir::Program& p, const fs::path& dir, std::mt19937_64& rng) {
  std::uniform_int_distribution<int64_t> size(1, 40);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  std::vector<int64_t> extents;
  for (std::size_t e = 0; e < p.extents.size(); ++e) extents.push_back(size(rng));
  std::string args;
  for (ricci::ir::ValueId id : p.inputs) {
    const ricci::ir::Value& v = p.at(id);
    std::vector<int64_t> dims;
    std::size_t count = 1;
    for (ricci::ir::ExtentId e : v.shape) {
      dims.push_back(extents[static_cast<std::size_t>(e)]);
      count *= static_cast<std::size_t>(dims.back());
    }
    std::vector<double> data(count);
    for (double& x : data) x = value(rng);
    const std::string& name = std::get<ricci::ir::Input>(v.op).name;
    fs::path file = dir / (name + ".in.npy");
    ricci::npy::write<double>(file.string(), data.data(), dims);
    args += fmt::format(" --in {}='{}'", name, file.string());
  }
  return args;
}

void compare_layer(const ricci::ir::Layer& layer, const fs::path& cuda_driver, const fs::path& cpp_driver,
                   const fs::path& dir, Tally& tally, std::mt19937_64& rng) {
  for (const ricci::ir::Program& p : ricci::cli::derive_programs(layer, ricci::cli::kAllPrograms)) {
    std::string program = ricci::ir::program_name(p.kind);
    fs::path run = dir / fmt::format("{}_{}", layer.name, program);
    fs::remove_all(run);
    fs::create_directories(run);
    std::string inputs = write_inputs(p, run, rng);
    for (const char* dtype : {"f64", "f32"}) {
      std::string what = fmt::format("{} {} {}", layer.name, program, dtype);
      fs::path gpu = run / fmt::format("gpu_{}", dtype), cpu = run / fmt::format("cpu_{}", dtype);
      bool ran = true;
      for (const auto& [driver, out] : {std::pair{cuda_driver, gpu}, std::pair{cpp_driver, cpu}}) {
        std::string cmd = fmt::format("'{}' {} --dtype {} --out-dir '{}'{} > '{}.log' 2>&1", driver.string(), program,
                                      dtype, out.string(), inputs, out.string());
        if (shell(cmd) != 0) {
          tally.record(false, fmt::format("{}: {} failed, see {}.log", what, driver.filename().string(), out.string()));
          ran = false;
        }
      }
      if (!ran) continue;
      double tol = std::string(dtype) == "f32" ? 1e-4 : 1e-10;
      double worst = 0;
      for (const ricci::ir::Result& r : p.outputs)
        worst = std::max(worst, difference(gpu / (r.name + ".npy"), cpu / (r.name + ".npy")));
      tally.record(worst <= tol, fmt::format("{}: CUDA against C++ {:.3g} (tolerance {:g})", what, worst, tol));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path work;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--work" && i + 1 < argc) work = argv[++i];
    else specs.push_back(a);
  }
  if (work.empty() || specs.empty()) {
    std::cerr << "usage: compare_examples --work DIR SPEC...\n";
    return 2;
  }
  if (!have_gpu()) {
    std::cout << "SKIPPED: no CUDA GPU on this machine" << std::endl;
    return 77;
  }
  Tally tally;
  std::mt19937_64 rng(20261121);
  for (const std::string& spec : specs) {
    std::string stem = fs::path(spec).stem().string();
    fs::path dir = fs::absolute(work / stem), cpp = dir / "cpp";
    auto module = ricci::cuda_test::analyze(spec);
    std::istringstream no_input;
    std::ostringstream out, err;
    if (!module || ricci::cli::run({"gen", spec, "-o", cpp.string(), "--driver"}, no_input, out, err) !=
                       ricci::cli::ExitCode::ok) {
      tally.record(false, stem + ": C++ generation failed\n" + err.str());
      continue;
    }
    fs::path object = cpp / (stem + ".o");
    if (shell(fmt::format("{} -c '{}' -o '{}'", RICCI_CUDA_TEST_CXX, (cpp / (stem + ".cpp")).string(), object.string())) != 0) {
      tally.record(false, stem + ": the C++ source does not compile");
      continue;
    }
    for (const ricci::ir::Layer& layer : module->layers) {
      fs::path cpp_driver = cpp / (layer.name + "_driver");
      if (shell(fmt::format("{} '{}' '{}' -o '{}' {}", RICCI_CUDA_TEST_CXX, (cpp / (layer.name + "_driver.cpp")).string(),
                            object.string(), cpp_driver.string(), RICCI_CUDA_TEST_LIBS)) != 0) {
        tally.record(false, layer.name + ": the C++ driver does not compile");
        continue;
      }
      compare_layer(layer, dir / (layer.name + "_driver"), cpp_driver, dir, tally, rng);
    }
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 ? 0 : 1;
}
