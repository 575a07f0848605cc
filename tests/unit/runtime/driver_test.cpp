// ricci/driver.h: the command line, binding inputs by name, zero defaults, timing, outputs.
#include "ricci/driver.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ricci::driver {
namespace {

namespace fs = std::filesystem;

Options parse(std::vector<const char*> args) {
  args.insert(args.begin(), "layer_driver");
  return parse_command_line(static_cast<int>(args.size()), args.data());
}

// A fresh, empty directory in the system's temporary directory, removed when the test ends.
class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("ricci_unit_driver_" + std::to_string(counter()++))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::vector<std::string> files(const std::string& sub) const {
    std::vector<std::string> names;
    if (!fs::exists(path_ / sub)) return names;
    for (const auto& entry : fs::directory_iterator(path_ / sub))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path path_;
};

Tensor<double, 1> vector_of(std::vector<double> values) {
  Tensor<double, 1> t({static_cast<int64_t>(values.size())});
  for (std::size_t k = 0; k < values.size(); ++k) t.data()[k] = values[k];
  return t;
}

// A layer for the tests: evaluate y[i] := 2 * x[i]; pushforward also t_y[i] := 2 * t_x[i];
// pullback stages its output, then fails the way a shape check does.
template <class T>
void run_evaluate(Context& context) {
  const Tensor<T, 1> x = context.input<T, 1>("x");
  Tensor<T, 1> y(x.extents());
  context.time([&] {
    for (int64_t k = 0; k < x.size(); ++k) y.data()[k] = 2 * x.data()[k];
  });
  context.output("y", std::move(y));
}

template <class T>
void run_pushforward(Context& context) {
  const Tensor<T, 1> x = context.input<T, 1>("x");
  const Tensor<T, 1> t_x = context.input<T, 1>("t_x");
  Tensor<T, 1> y(x.extents()), t_y(x.extents());
  context.time([&] {
    for (int64_t k = 0; k < x.size(); ++k) {
      y.data()[k] = 2 * x.data()[k];
      t_y.data()[k] = 2 * t_x.data()[k];
    }
  });
  context.output("y", std::move(y));
  context.output("t_y", std::move(t_y));
}

template <class T>
void run_pullback(Context& context) {
  context.output("d_x", context.input<T, 1>("d_y"));
  throw ShapeError("layer `twice`: `d_y` axis 0 (index `i`) has size 3, but `i` has size 2 from `x` axis 0");
}

const Layer kLayer = {
    "twice",
    "twice.ricci",
    {
        {"evaluate", {{"x"}}, {"y"}, run_evaluate<float>, run_evaluate<double>},
        {"pullback", {{"d_y"}, {"x"}}, {"d_x"}, run_pullback<float>, run_pullback<double>},
        {"pushforward", {{"x"}, {"t_x", "x"}}, {"y", "t_y"}, run_pushforward<float>, run_pushforward<double>},
    },
};

const Program& program(const std::string& name) { return select_program(kLayer, name); }

struct Result {
  int status;
  std::string out, err;
};

Result run_driver(std::vector<std::string> args) {
  std::vector<const char*> argv = {"twice_driver"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  int status = run(static_cast<int>(argv.size()), argv.data(), kLayer, out, err);
  return {status, out.str(), err.str()};
}

TEST_CASE("command line: a program and its options, in any order, `--flag value` or `--flag=value`") {
  Options o = parse({"--dtype", "f32", "pullback", "--in", "d_y=a.npy", "--in=x=dir/b=c.npy", "--out-dir=out",
                     "--repeat", "5", "--threads=8"});
  CHECK(o.program == "pullback");
  CHECK(o.f32);
  CHECK(o.inputs == std::vector<std::pair<std::string, std::string>>{{"d_y", "a.npy"}, {"x", "dir/b=c.npy"}});
  CHECK(o.out_dir == "out");
  CHECK(o.repeat == 5);
  CHECK_FALSE(o.help);

  Options defaults = parse({"evaluate"});
  CHECK_FALSE(defaults.f32);
  CHECK(defaults.out_dir == ".");
  CHECK(defaults.repeat == 0);
  CHECK(parse({"evaluate", "--dtype", "f64"}).f32 == false);
}

TEST_CASE("command line: --help stops reading, whatever comes after it") {
  CHECK(parse({"--help"}).help);
  CHECK(parse({"evaluate", "-h", "--bogus"}).help);
}

TEST_CASE("command line: each error names what was wrong") {
  auto error = [](std::vector<const char*> args) {
    try {
      parse(std::move(args));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error({}) == "expected a program: evaluate, pullback, pushforward or pullback2 (see --help)");
  CHECK(error({"--dtype", "f64"}) ==
        "expected a program: evaluate, pullback, pushforward or pullback2 (see --help)");
  CHECK(error({"evaluate", "--dtype", "f16"}) == "expected f32 or f64 after `--dtype`, got `f16`");
  CHECK(error({"evaluate", "--in"}) == "option `--in` expects a value");
  CHECK(error({"evaluate", "--in", "x.npy"}) == "expected NAME=FILE.npy after `--in`, got `x.npy`");
  CHECK(error({"evaluate", "--in", "=x.npy"}) == "expected NAME=FILE.npy after `--in`, got `=x.npy`");
  CHECK(error({"evaluate", "--in", "x="}) == "expected NAME=FILE.npy after `--in`, got `x=`");
  CHECK(error({"evaluate", "--repeat", "-1"}) ==
        "expected a non-negative integer after `--repeat`, got `-1`");
  CHECK(error({"evaluate", "--repeat="}) == "expected a non-negative integer after `--repeat`, got ``");
  CHECK(error({"evaluate", "--threads", "1234567890"}) ==
        "expected a non-negative integer after `--threads`, got `1234567890`");
  CHECK(error({"evaluate", "--fast"}) == "unknown option `--fast` (see --help)");
  CHECK(error({"evaluate", "pullback"}) == "unexpected argument `pullback` (see --help)");
}

TEST_CASE("programs: one the layer lacks is unavailable, any other name is unknown") {
  CHECK(program("pushforward").name == "pushforward");
  CHECK_THROWS_WITH_AS(program("pullback2"), "program `pullback2` is not available for layer `twice`", Error);
  CHECK_THROWS_WITH_AS(program("grad"),
                       "unknown program `grad`; expected evaluate, pullback, pushforward or pullback2",
                       Error);
}

TEST_CASE("inputs: names are checked before any file is read") {
  // None of these files exists: each error is about the names.
  auto error = [](const char* name, std::vector<const char*> args) {
    try {
      read_inputs(program(name), parse(std::move(args)));
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error("pushforward", {"pushforward", "--in", "x=no.npy", "--in", "dx=no.npy"}) ==
        "program `pushforward` has no input `dx`; its inputs are `x`, `t_x`");
  CHECK(error("evaluate", {"evaluate", "--in", "x=no.npy", "--in", "x=no.npy"}) ==
        "input `x` is given twice");
  CHECK(error("pullback", {"pullback"}) ==
        "missing inputs `d_y`, `x` for program `pullback` (pass --in NAME=FILE.npy)");
  CHECK(error("pullback", {"pullback", "--in", "x=no.npy"}) ==
        "missing input `d_y` for program `pullback` (pass --in NAME=FILE.npy)");
  // With the names right, the files are read; a tangent with a zero default may be left out.
  CHECK(error("pushforward", {"pushforward", "--in", "x=no.npy"}).rfind("no.npy: cannot open file", 0) == 0);
}

TEST_CASE("inputs: converted to the element type, a missing tangent is zeros of its primal's shape") {
  npy::Array x;
  x.dtype = npy::DType::i4;
  x.shape = {3};
  x.bytes = {1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
  Context context(program("pushforward"), {{"x", x}}, 0);
  Tensor<float, 1> xf = context.input<float, 1>("x");
  CHECK(std::vector<float>(xf.data(), xf.data() + 3) == std::vector<float>{1, 2, -1});
  Tensor<double, 1> t_x = context.input<double, 1>("t_x");
  REQUIRE(t_x.extents() == std::array<int64_t, 1>{3});
  CHECK(std::vector<double>(t_x.data(), t_x.data() + 3) == std::vector<double>{0, 0, 0});
  // A wrong rank names the input the shape came from.
  CHECK_THROWS_WITH_AS((context.input<double, 2>("x")), "input `x` has rank 1, expected 2", Error);
  CHECK_THROWS_WITH_AS((context.input<double, 2>("t_x")), "input `x` has rank 1, expected 2", Error);
  // Names outside the table are a bug in the generated code, not a user error.
  CHECK_THROWS_AS((context.input<double, 1>("y")), std::logic_error);
}

TEST_CASE("timing: one warm-up call, then `repeat` timed ones") {
  int calls = 0;
  Context once(program("evaluate"), {}, 0);
  once.time([&] { ++calls; });
  CHECK(calls == 1);
  CHECK(once.samples_ms().empty());
  Context timed(program("evaluate"), {}, 4);
  timed.time([&] { ++calls; });
  CHECK(calls == 6);
  CHECK(timed.samples_ms().size() == 4);
  for (double ms : timed.samples_ms()) CHECK(ms >= 0);
}

TEST_CASE("median: the middle sample, or the mean of the middle two") {
  CHECK(median({}) == 0);
  CHECK(median({4}) == 4);
  CHECK(median({5, 1, 3}) == 3);
  CHECK(median({8, 1, 2, 4}) == 3);
  CHECK(median({2, 2, 9, 1, 7}) == 2);
}

TEST_CASE("outputs: written only when the program produced them all") {
  TempDir dir;
  Context context(program("pushforward"), {}, 0);
  context.output("y", vector_of({1, 2}));
  CHECK_THROWS_AS(context.output("d_x", vector_of({1})), std::logic_error);
  CHECK_THROWS_AS(context.write_outputs(dir / "out"), std::logic_error);
  CHECK(dir.files("").empty());
  context.output("t_y", vector_of({3}));
  context.write_outputs(dir / "out");
  CHECK(dir.files("out") == std::vector<std::string>{"t_y.npy", "y.npy"});
  CHECK(npy::read(dir / "out/y.npy").to<double>() == std::vector<double>{1, 2});
}

TEST_CASE("run: reads the inputs, runs the program in the dtype asked for, writes each output") {
  TempDir dir;
  npy::write(dir / "x.npy", vector_of({1, -2, 3}));
  Result r =
      run_driver({"pushforward", "--in", "x=" + (dir / "x.npy"), "--out-dir", dir / "out", "--dtype", "f32"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(dir.files("out") == std::vector<std::string>{"t_y.npy", "y.npy"});
  npy::Array y = npy::read(dir / "out/y.npy");
  CHECK(y.dtype == npy::DType::f4);
  CHECK(y.to<double>() == std::vector<double>{2, -4, 6});
  CHECK(npy::read(dir / "out/t_y.npy").to<double>() == std::vector<double>{0, 0, 0});
}

TEST_CASE("run: --repeat prints median_ms as the last line") {
  TempDir dir;
  npy::write(dir / "x.npy", vector_of({1}));
  Result r =
      run_driver({"evaluate", "--in", "x=" + (dir / "x.npy"), "--out-dir", dir / "out", "--repeat", "3"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("median_ms=", 0) == 0);
  REQUIRE(r.out.find('\n') == r.out.size() - 1);
  std::string value = r.out.substr(10, r.out.size() - 11);
  CHECK(value.size() - value.find('.') == 7);  // six decimals
  CHECK(std::stod(value) >= 0);
  CHECK(dir.files("out") == std::vector<std::string>{"y.npy"});
}

TEST_CASE("run: an error is reported with status 1, and nothing is written") {
  TempDir dir;
  npy::write(dir / "x.npy", vector_of({1, 2}));
  npy::write(dir / "d_y.npy", vector_of({1, 2, 3}));
  Result shape = run_driver({"pullback", "--in", "x=" + (dir / "x.npy"), "--in", "d_y=" + (dir / "d_y.npy"),
                             "--out-dir", dir / "out", "--repeat", "2"});
  CHECK(shape.status == 1);
  CHECK(shape.out.empty());
  CHECK(shape.err ==
        "error: layer `twice`: `d_y` axis 0 (index `i`) has size 3, but `i` has size 2 from `x` axis 0\n");
  CHECK(dir.files("out").empty());

  Result name = run_driver({"evaluate", "--in", "y=" + (dir / "x.npy"), "--out-dir", dir / "out"});
  CHECK(name.status == 1);
  CHECK(name.err == "error: program `evaluate` has no input `y`; its inputs are `x`\n");
  npy::write(dir / "matrix.npy", Tensor<double, 2>({2, 2}));
  Result rank = run_driver({"evaluate", "--in", "x=" + (dir / "matrix.npy"), "--out-dir", dir / "out"});
  CHECK(rank.status == 1);
  CHECK(rank.err == "error: input `x` has rank 2, expected 1\n");
  CHECK_FALSE(fs::exists(dir / "out"));
  Result usage = run_driver({"--repeat"});
  CHECK(usage.status == 1);
  CHECK(usage.err == "error: option `--repeat` expects a value\n");
}

TEST_CASE("run: --help lists every program with its inputs and outputs") {
  Result r = run_driver({"--help"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("usage: twice_driver PROGRAM [--dtype f32|f64] [--in NAME=FILE.npy]... [--out-dir DIR]\n"
                    "                    [--repeat N] [--threads N]\n"
                    "\n"
                    "Runs a program of layer `twice` (from twice.ricci) on .npy inputs\n"
                    "and writes each output to DIR/NAME.npy.\n"
                    "\n"
                    "programs:\n"
                    "  evaluate     inputs: x\n"
                    "               outputs: y\n"
                    "  pullback     inputs: d_y x\n"
                    "               outputs: d_x\n"
                    "  pushforward  inputs: x t_x\n"
                    "               outputs: y t_y\n"
                    "\n"
                    "options:\n",
                    0) == 0);
  CHECK(r.out.find("  --threads N         threads for OpenMP loops and BLAS") != std::string::npos);
}

}  // namespace
}  // namespace ricci::driver
