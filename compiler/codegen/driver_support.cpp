// The layer-independent half of every driver: command line, .npy binding, timing, output.
//
// This is C++ text, not compiled here: it should move to the runtime as
// <ricci/driver.h> (real, unit-tested code, see STYLE.md), leaving the driver a short
// generated file that includes it. Until then it is kept verbatim in one place.
#include "codegen/driver_support.h"

namespace ricci::codegen {

const char* driver_support_text() {
  return R"cpp(// The layer-independent part of the driver.
namespace ricci_driver {

// PROGRAM [--dtype f32|f64] [--in NAME=FILE.npy]... [--out-dir DIR] [--repeat N] [--threads N]
struct Options {
  std::string program;
  bool f32 = false;
  std::vector<std::pair<std::string, std::string>> inputs;  // NAME, FILE.npy
  std::string out_dir = ".";
  int repeat = 0;
};

using Arrays = std::map<std::string, ricci::npy::Array>;

int count_option(const std::string& flag, const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw ricci::Error("expected a non-negative integer after `" + flag + "`, got `" + text + "`");
  }
  return std::stoi(text);
}

// Fills `options` from the command line; false when --help was asked for.
bool parse_command_line(int argc, char** argv, Options& options) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t k = 0; k < args.size(); ++k) {
    std::string flag = args[k];
    if (flag == "--help" || flag == "-h") return false;
    std::string value;
    bool has_value = false;
    std::size_t eq = flag.find('=');
    if (flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.erase(eq);
      has_value = true;
    }
    auto next = [&]() {
      if (has_value) return value;
      if (k + 1 >= args.size()) throw ricci::Error("option `" + flag + "` expects a value");
      return args[++k];
    };
    if (flag == "--dtype") {
      std::string dtype = next();
      if (dtype != "f32" && dtype != "f64") {
        throw ricci::Error("expected f32 or f64 after `--dtype`, got `" + dtype + "`");
      }
      options.f32 = dtype == "f32";
    } else if (flag == "--in") {
      std::string binding = next();
      std::size_t at = binding.find('=');
      if (at == std::string::npos || at == 0 || at + 1 == binding.size()) {
        throw ricci::Error("expected NAME=FILE.npy after `--in`, got `" + binding + "`");
      }
      options.inputs.emplace_back(binding.substr(0, at), binding.substr(at + 1));
    } else if (flag == "--out-dir") {
      options.out_dir = next();
    } else if (flag == "--repeat") {
      options.repeat = count_option(flag, next());
    } else if (flag == "--threads") {
      count_option(flag, next());  // Accepted so scripts can pass it; the code is single-threaded.
    } else if (!flag.empty() && flag[0] == '-') {
      throw ricci::Error("unknown option `" + flag + "` (see --help)");
    } else if (options.program.empty()) {
      options.program = flag;
    } else {
      throw ricci::Error("unexpected argument `" + flag + "` (see --help)");
    }
  }
  if (options.program.empty()) {
    throw ricci::Error("expected a program: evaluate, pullback, pushforward or pullback2 (see --help)");
  }
  return true;
}

// Checks the --in names against the program's inputs (all of them but `optional` are
// required), then reads every file: nothing is read when a name is wrong.
Arrays read_inputs(const Options& options, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& optional) {
  auto listed = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  std::vector<std::string> given;
  for (const auto& input : options.inputs) {
    const std::string& name = input.first;
    if (!listed(inputs, name)) {
      std::string valid;
      for (const std::string& n : inputs) valid += (valid.empty() ? "`" : ", `") + n + "`";
      throw ricci::Error("program `" + options.program + "` has no input `" + name +
                         "`; its inputs are " + valid);
    }
    if (listed(given, name)) throw ricci::Error("input `" + name + "` is given twice");
    given.push_back(name);
  }
  std::string missing;
  int count = 0;
  for (const std::string& name : inputs) {
    if (listed(given, name) || listed(optional, name)) continue;
    missing += (missing.empty() ? "`" : ", `") + name + "`";
    ++count;
  }
  if (count > 0) {
    throw ricci::Error(std::string(count == 1 ? "missing input " : "missing inputs ") + missing +
                       " for program `" + options.program + "` (pass --in NAME=FILE.npy)");
  }
  Arrays arrays;
  for (const auto& input : options.inputs) arrays.emplace(input.first, ricci::npy::read(input.second));
  return arrays;
}

template <class T, int Rank>
ricci::Tensor<T, Rank> input(const Arrays& arrays, const std::string& name) {
  return ricci::npy::to_tensor<T, Rank>(arrays.at(name), name);
}

// A tangent t_X or a seed dd_X that was not given: zeros of the shape of X.
template <class T, int Rank>
ricci::Tensor<T, Rank> input_or_zeros(const Arrays& arrays, const std::string& name,
                                      const ricci::Tensor<T, Rank>& like) {
  if (arrays.count(name) == 0) return ricci::Tensor<T, Rank>(like.extents());
  return input<T, Rank>(arrays, name);
}

// Runs `program` once, then `repeat` more times, and prints the median of the timed runs.
template <class Program>
void run(const Program& program, int repeat) {
  program();
  if (repeat == 0) return;
  std::vector<double> ms;
  for (int k = 0; k < repeat; ++k) {
    auto start = std::chrono::steady_clock::now();
    program();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::size_t mid = ms.size() / 2;
  double median = ms.size() % 2 == 1 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
  std::printf("median_ms=%.6f\n", median);
}

template <class T, int Rank>
void write_output(const Options& options, const std::string& name, const ricci::Tensor<T, Rank>& t) {
  std::filesystem::create_directories(options.out_dir);
  ricci::npy::write(options.out_dir + "/" + name + ".npy", t);
}

} // namespace ricci_driver
)cpp";
}

}  // namespace ricci::codegen
