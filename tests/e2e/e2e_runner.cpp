// End to end: generate C++ and drivers for a spec, compile them with the documented compile
// line (with RICCI_E2E_CXX, and warning-free with RICCI_E2E_CXX_ALT too when it is set), run
// every program on random data through the driver, and compare with the interpreter; then
// check that the in-place forms allocate nothing (noalloc_harness.h). The closing line is
// `N passed, M failed`.
//
// usage: e2e_runner --work DIR SPEC...
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <ricci/npy.h>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "interp/interp.h"
#include "ir/ir.h"
#include "noalloc_harness.h"

namespace fs = std::filesystem;
using ricci::interp::Array;
using ricci::interp::Bindings;

namespace {

struct Config {
  fs::path work;
  std::vector<std::string> specs;
};

int shell(const std::string& cmd) {
  int rc = std::system(cmd.c_str());
  if (rc != 0) std::cout << "command failed (" << rc << "): " << cmd << "\n";
  return rc;
}

// Random inputs in [-1, 1]: both branches of relu/abs are exercised; a NaN from log or sqrt
// of a negative number must then appear on both sides, which the comparison accepts.
Bindings<double> random_inputs(const ricci::ir::Program& p, const std::vector<int64_t>& extent_sizes,
                               std::mt19937_64& rng) {
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  Bindings<double> in;
  for (ricci::ir::ValueId id : p.inputs) {
    const ricci::ir::Value& v = p.at(id);
    Array<double> a;
    int64_t n = 1;
    for (ricci::ir::ExtentId e : v.shape) {
      a.dims.push_back(extent_sizes[static_cast<std::size_t>(e)]);
      n *= a.dims.back();
    }
    for (int64_t k = 0; k < n; ++k) a.data.push_back(dist(rng));
    in[std::get<ricci::ir::Input>(v.op).name] = std::move(a);
  }
  return in;
}

// Normwise relative difference; NaN in the same place on both sides counts as agreement.
double difference(const Array<double>& got, const Array<double>& want) {
  if (got.dims != want.dims) return INFINITY;
  double scale = 1, worst = 0;
  for (double w : want.data)
    if (std::isfinite(w)) scale = std::max(scale, std::abs(w));
  for (std::size_t k = 0; k < want.data.size(); ++k) {
    double g = got.data[k], w = want.data[k];
    if (std::isnan(g) && std::isnan(w)) continue;
    if (std::isinf(g) && g == w) continue;
    worst = std::max(worst, std::isfinite(g - w) ? std::abs(g - w) / scale : INFINITY);
  }
  return worst;
}

template <class T>
Array<double> load(const fs::path& path) {
  ricci::npy::Array a = ricci::npy::read(path.string());
  Array<double> out;
  out.dims = a.shape;
  out.data = a.to<double>();
  return out;
}

struct Tally {
  int passed = 0, failed = 0;
  void record(bool ok, const std::string& what) {
    (ok ? passed : failed)++;
    std::cout << (ok ? "ok   " : "FAIL ") << what << "\n";
  }
};

void check_layer(const ricci::ir::Layer& layer, const fs::path& dir, const fs::path& driver, Tally& tally,
                 std::mt19937_64& rng) {
  std::uniform_int_distribution<int64_t> size(2, 4);
  for (const ricci::ir::Program& p : ricci::cli::derive_programs(layer, ricci::cli::kAllPrograms)) {
    std::vector<int64_t> extents;
    for (std::size_t e = 0; e < p.extents.size(); ++e) extents.push_back(size(rng));
    Bindings<double> inputs = random_inputs(p, extents, rng);
    Bindings<double> want = ricci::interp::run(p, inputs);
    for (const char* dtype : {"f64", "f32"}) {
      std::string name = fmt::format("{} {} {}", layer.name, ricci::ir::program_name(p.kind), dtype);
      fs::path run_dir = dir / fmt::format("{}_{}_{}", layer.name, ricci::ir::program_name(p.kind), dtype);
      fs::remove_all(run_dir);
      fs::create_directories(run_dir);
      std::string cmd = fmt::format("'{}' {} --dtype {} --out-dir '{}'", driver.string(), ricci::ir::program_name(p.kind),
                                    dtype, run_dir.string());
      for (const auto& [in_name, arr] : inputs) {
        fs::path f = run_dir / (in_name + ".in.npy");
        ricci::npy::write<double>(f.string(), arr.data.data(), arr.dims);
        cmd += fmt::format(" --in {}='{}'", in_name, f.string());
      }
      if (shell(cmd + " > '" + (run_dir / "log.txt").string() + "' 2>&1") != 0) {
        tally.record(false, name + ": driver failed, see " + (run_dir / "log.txt").string());
        continue;
      }
      // Issue targets: evaluate to 1e-12 and derivatives to 1e-10 in float64, 1e-4 in float32.
      double tol = std::string(dtype) == "f32" ? 1e-4 : p.kind == ricci::ir::ProgramKind::evaluate ? 1e-12 : 1e-10;
      double worst = 0;
      for (const auto& [out_name, arr] : want) worst = std::max(worst, difference(load<double>(run_dir / (out_name + ".npy")), arr));
      tally.record(worst <= tol, fmt::format("{}: max normwise difference {:.3g} (tolerance {:g})", name, worst, tol));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--work" && i + 1 < argc) cfg.work = argv[++i];
    else cfg.specs.push_back(a);
  }
  if (cfg.work.empty() || cfg.specs.empty()) {
    std::cerr << "usage: e2e_runner --work DIR SPEC...\n";
    return 2;
  }
  Tally tally;
  std::mt19937_64 rng(20261121);
  for (const std::string& spec_path : cfg.specs) {
    std::string stem = fs::path(spec_path).stem().string();
    fs::path dir = fs::absolute(cfg.work / stem);
    fs::create_directories(dir);
    std::istringstream no_input;
    std::ostringstream out, err;
    auto gen = ricci::cli::run({"gen", spec_path, "-o", dir.string(), "--driver"}, no_input, out, err);
    if (gen != ricci::cli::ExitCode::ok) {
      tally.record(false, stem + ": ricci gen failed:\n" + err.str());
      continue;
    }
    auto spec = ricci::cli::read_spec(spec_path, no_input, err);
    auto ast = ricci::cli::parse_spec(*spec, err, false);
    auto module = ricci::cli::analyze_spec(*spec, *ast, err, false);
    std::string object = (dir / (stem + ".o")).string();
    if (shell(fmt::format("{} -c '{}' -o '{}'", RICCI_E2E_CXX, (dir / (stem + ".cpp")).string(), object)) != 0) {
      tally.record(false, stem + ": generated source does not compile");
      continue;
    }
    if (std::string alt = RICCI_E2E_CXX_ALT; !alt.empty()) {
      // The second compiler only compiles (warnings are errors): the first one's programs run.
      bool ok = shell(fmt::format("{} -fsyntax-only '{}'", alt, (dir / (stem + ".cpp")).string())) == 0;
      for (const ricci::ir::Layer& layer : module->layers) {
        ok = ok && shell(fmt::format("{} -fsyntax-only '{}'", alt, (dir / (layer.name + "_driver.cpp")).string())) == 0;
      }
      tally.record(ok, stem + ": generated source and drivers compile with " + alt);
    }
    {
      fs::path harness = dir / (stem + "_noalloc.cpp");
      std::ofstream(harness) << noalloc_harness(*module, stem);
      fs::path exe = dir / (stem + "_noalloc");
      bool ok = shell(fmt::format("{} -I'{}' -I'{}' '{}' '{}' -o '{}' {}", RICCI_E2E_CXX, RICCI_E2E_HARNESS_DIR,
                                  dir.string(), harness.string(), object, exe.string(), RICCI_E2E_LIBS)) == 0 &&
                shell(fmt::format("'{}' > '{}' 2>&1", exe.string(), (dir / "noalloc.txt").string())) == 0;
      tally.record(ok, stem + ": in-place forms allocate nothing, workspace peak as predicted" +
                           (ok ? "" : ", see " + (dir / "noalloc.txt").string()));
    }
    for (const ricci::ir::Layer& layer : module->layers) {
      fs::path driver = dir / (layer.name + "_driver");
      std::string build = fmt::format("{} '{}' '{}' -o '{}' {}", RICCI_E2E_CXX, (dir / (layer.name + "_driver.cpp")).string(),
                                      object, driver.string(), RICCI_E2E_LIBS);
      if (shell(build) != 0) {
        tally.record(false, layer.name + ": driver does not compile");
        continue;
      }
      check_layer(layer, dir, driver, tally, rng);
    }
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 ? 0 : 1;
}
