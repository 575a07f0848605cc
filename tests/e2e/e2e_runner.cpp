// End to end: generate C++ and drivers for a spec, compile them with the documented compile
// line (with RICCI_E2E_CXX, and warning-free with RICCI_E2E_CXX_ALT too when it is set), run
// every program on random data through the driver, and compare with the interpreter; check
// that the in-place forms allocate nothing (noalloc_harness.h) and that the saved-intermediates
// form gives the recomputing form's results (saved_harness.h) and that the in-place forms give
// them on strided views too (strided_harness.h); that the allocating forms give the same bits
// on one thread and on two (threads_harness.h); and compile the output of
// `ricci gen --line-directives` with both compilers. The closing line is `N passed, M failed`.
//
// usage: e2e_runner --work DIR SPEC...
#include <fmt/format.h>

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
#include "compare.h"
#include "interp/interp.h"
#include "ir/ir.h"
#include "noalloc_harness.h"
#include "saved_harness.h"
#include "strided_harness.h"
#include "threads_harness.h"

namespace fs = std::filesystem;
using ricci::interp::Array;
using ricci::interp::Bindings;

namespace {

struct Config {
  fs::path work;
  std::vector<std::string> specs;
};

using ricci_e2e::shell;

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

double difference(const Array<double>& got, const Array<double>& want) {
  return ricci_e2e::difference(got.dims, got.data, want.dims, want.data);
}

template <class T>
Array<double> load(const fs::path& path) {
  ricci::npy::Array a = ricci::npy::read(path.string());
  Array<double> out;
  out.dims = a.shape;
  out.data = a.to<double>();
  return out;
}

using ricci_e2e::Tally;

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

// Compiles each source to an object in `objects` (a compile only: the first compiler's
// programs are the ones that run); true when every one compiles.
bool compile_only(const std::string& compiler, const std::vector<fs::path>& sources, const fs::path& objects) {
  fs::create_directories(objects);
  bool ok = true;
  for (const fs::path& source : sources) {
    fs::path object = objects / source.filename().replace_extension(".o");
    ok = shell(fmt::format("{} -c '{}' -o '{}'", compiler, source.string(), object.string())) == 0 && ok;
  }
  return ok;
}

// With `#line` directives the compilers attribute the kernels to the spec: the layer source
// generated with them must still build, warning-free, with both compilers. The directives are
// the only difference from the source compiled to an object above, so the front end's check
// (-fsyntax-only) is what they can break: placement, and warnings that read source positions.
bool line_directives_compile(const std::string& spec_path, const fs::path& dir, const std::string& stem) {
  std::istringstream no_input;
  std::ostringstream out, err;
  if (ricci::cli::run({"gen", spec_path, "-o", dir.string(), "--line-directives"}, no_input, out, err) !=
      ricci::cli::ExitCode::ok) {
    std::cout << "ricci gen --line-directives failed:\n" << err.str();
    return false;
  }
  const std::string source = (dir / (stem + ".cpp")).string();
  bool ok = shell(fmt::format("{} -fsyntax-only '{}'", RICCI_E2E_CXX, source)) == 0;
  if (std::string alt = RICCI_E2E_CXX_ALT; !alt.empty()) ok = shell(fmt::format("{} -fsyntax-only '{}'", alt, source)) == 0 && ok;
  return ok;
}

}  // namespace

// Builds a generated harness (`source`, saved as <name>.cpp) with the spec's object and the
// counting allocator, and runs it, recording `what`; a failure names the file holding its output.
void run_harness(Tally& tally, const std::string& what, const fs::path& dir, const std::string& name,
                 const std::string& source, const std::string& object) {
  fs::path harness = dir / (name + ".cpp"), exe = dir / name, log = dir / (name + ".txt");
  std::ofstream(harness) << source;
  bool ok = shell(fmt::format("{} -I'{}' -I'{}' '{}' '{}' '{}' -o '{}' {}", RICCI_E2E_CXX, RICCI_E2E_HARNESS_DIR,
                              dir.string(), harness.string(), object, RICCI_E2E_HEAP_COUNTER, exe.string(),
                              RICCI_E2E_LIBS)) == 0 &&
            shell(fmt::format("'{}' > '{}' 2>&1", exe.string(), log.string())) == 0;
  tally.record(ok, what + (ok ? "" : ", see " + log.string()));
}

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
      std::vector<fs::path> sources{dir / (stem + ".cpp")};
      for (const ricci::ir::Layer& layer : module->layers) sources.push_back(dir / (layer.name + "_driver.cpp"));
      tally.record(compile_only(alt, sources, dir / "alt"), stem + ": generated source and drivers compile with " + alt);
    }
    tally.record(line_directives_compile(spec_path, dir / "line_directives", stem),
                 stem + ": the output of gen --line-directives compiles with every compiler");
    run_harness(tally, stem + ": in-place forms allocate nothing, workspace peak as predicted", dir, stem + "_noalloc",
                noalloc_harness(*module, stem), object);
    run_harness(tally, stem + ": the saved-intermediates form gives the same results, allocating nothing", dir,
                stem + "_saved", saved_harness(*module, stem), object);
    run_harness(tally, stem + ": the in-place forms give the same results on strided views", dir, stem + "_strided",
                strided_harness(*module, stem), object);
    run_harness(tally, stem + ": the allocating forms give the same bits on one thread and on two", dir,
                stem + "_threads", threads_harness(*module, stem), object);
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
