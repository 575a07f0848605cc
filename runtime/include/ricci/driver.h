// The layer-independent half of every generated <layer>_driver.cpp: command line, .npy
// binding, zero defaults, timing and output (the CLI contract is docs/generated-api.md).
//
// A generated driver describes its layer with a table and hands it to ricci::driver::run:
//
//   template <class T>
//   void evaluate(ricci::driver::Context& context) {     // one per program, for T in {float, double}
//     const ricci::Tensor<T, 2> W = context.input<T, 2>("W");
//     ...                                                // check shapes, size the outputs
//     context.time([&] { ::dense::evaluate(y, W, x, bias, ws); });
//     context.output("y", std::move(y));
//   }
//
//   int main(int argc, char** argv) {
//     static const ricci::driver::Layer layer = {"dense", "dense.ricci", {
//         {"evaluate", {{"W"}, {"x"}, {"bias"}}, {"y"}, evaluate<float>, evaluate<double>}}};
//     return ricci::driver::run(argc, argv, layer);
//   }
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ricci/error.h"
#include "ricci/npy.h"
#include "ricci/parallel.h"
#include "ricci/tensor.h"

namespace ricci::driver {

// The four programs a layer may be generated with, in the order the driver names them.
inline constexpr std::array<const char*, 4> kProgramNames = {"evaluate", "pullback", "pushforward",
                                                             "pullback2"};

// PROGRAM [--dtype f32|f64] [--in NAME=FILE.npy]... [--out-dir DIR] [--repeat N] [--threads N]
struct Options {
  bool help = false;  // --help or -h: print the usage and do nothing else
  std::string program;
  bool f32 = false;                                         // --dtype f32
  std::vector<std::pair<std::string, std::string>> inputs;  // NAME, FILE.npy, as given
  std::string out_dir = ".";
  int repeat = 0;
  int threads = 0;  // --threads N: ricci::set_num_threads(N); 0 keeps the default
};

class Context;

// One input of a program. An input with `zeros_like` (a tangent t_X of a pushforward, a seed
// dd_X of a pullback2) may be left out: it is then zeros of the shape of that input.
struct Input {
  std::string name;
  std::string zeros_like = {};
};

// One generated program: its inputs and outputs by name, in the order of its parameters, and
// its body for each element type.
struct Program {
  std::string name;  // one of kProgramNames
  std::vector<Input> inputs;
  std::vector<std::string> outputs;
  void (*run_f32)(Context&) = nullptr;
  void (*run_f64)(Context&) = nullptr;
};

struct Layer {
  std::string name;    // as in the spec
  std::string source;  // the spec's file name, for the usage text
  std::vector<Program> programs;
};

namespace detail {

inline bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// "`a`, `b`, `c`"
inline std::string quoted_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "`" : ", `") + n + "`";
  return list;
}

inline int count_option(const std::string& flag, const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    throw Error("expected a non-negative integer after `" + flag + "`, got `" + text + "`");
  return std::stoi(text);
}

inline const Input* find_input(const Program& program, const std::string& name) {
  for (const Input& in : program.inputs)
    if (in.name == name) return &in;
  return nullptr;
}

// The extents of `a` as a rank-Rank tensor's; `name` is the input's, for the error.
template <int Rank>
std::array<int64_t, Rank> extents_of(const npy::Array& a, const std::string& name) {
  if (a.shape.size() != static_cast<std::size_t>(Rank))
    throw Error("input `" + name + "` has rank " + std::to_string(a.shape.size()) + ", expected " +
                std::to_string(Rank));
  std::array<int64_t, Rank> extents{};
  for (int axis = 0; axis < Rank; ++axis) extents[axis] = a.shape[static_cast<std::size_t>(axis)];
  return extents;
}

}  // namespace detail

// Reads the command line (argv[0] is the program's own name). Throws Error for an unknown
// option, a missing or malformed value, or a missing PROGRAM; stops at --help.
inline Options parse_command_line(int argc, const char* const* argv) {
  Options options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t k = 0; k < args.size(); ++k) {
    std::string flag = args[k];
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      return options;
    }
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
      if (k + 1 >= args.size()) throw Error("option `" + flag + "` expects a value");
      return args[++k];
    };
    if (flag == "--dtype") {
      std::string dtype = next();
      if (dtype != "f32" && dtype != "f64")
        throw Error("expected f32 or f64 after `--dtype`, got `" + dtype + "`");
      options.f32 = dtype == "f32";
    } else if (flag == "--in") {
      std::string binding = next();
      std::size_t at = binding.find('=');
      if (at == std::string::npos || at == 0 || at + 1 == binding.size())
        throw Error("expected NAME=FILE.npy after `--in`, got `" + binding + "`");
      options.inputs.emplace_back(binding.substr(0, at), binding.substr(at + 1));
    } else if (flag == "--out-dir") {
      options.out_dir = next();
    } else if (flag == "--repeat") {
      options.repeat = detail::count_option(flag, next());
    } else if (flag == "--threads") {
      options.threads = detail::count_option(flag, next());
    } else if (!flag.empty() && flag[0] == '-') {
      throw Error("unknown option `" + flag + "` (see --help)");
    } else if (options.program.empty()) {
      options.program = flag;
    } else {
      throw Error("unexpected argument `" + flag + "` (see --help)");
    }
  }
  if (options.program.empty())
    throw Error("expected a program: evaluate, pullback, pushforward or pullback2 (see --help)");
  return options;
}

// The program `name` of `layer`; Error when the layer was generated without it or when no
// program has that name.
inline const Program& select_program(const Layer& layer, const std::string& name) {
  for (const Program& p : layer.programs)
    if (p.name == name) return p;
  if (std::find(kProgramNames.begin(), kProgramNames.end(), name) != kProgramNames.end())
    throw Error("program `" + name + "` is not available for layer `" + layer.name + "`");
  throw Error("unknown program `" + name + "`; expected evaluate, pullback, pushforward or pullback2");
}

// Checks the --in names against the program's inputs (each given at most once, every one
// without a zero default given), then reads every file: nothing is read when a name is wrong.
inline std::map<std::string, npy::Array> read_inputs(const Program& program, const Options& options) {
  std::vector<std::string> names, given, missing;
  for (const Input& in : program.inputs) names.push_back(in.name);
  for (const auto& binding : options.inputs) {
    const std::string& name = binding.first;
    if (!detail::contains(names, name))
      throw Error("program `" + program.name + "` has no input `" + name + "`; its inputs are " +
                  detail::quoted_list(names));
    if (detail::contains(given, name)) throw Error("input `" + name + "` is given twice");
    given.push_back(name);
  }
  for (const Input& in : program.inputs)
    if (in.zeros_like.empty() && !detail::contains(given, in.name)) missing.push_back(in.name);
  if (!missing.empty())
    throw Error(std::string(missing.size() == 1 ? "missing input " : "missing inputs ") +
                detail::quoted_list(missing) + " for program `" + program.name +
                "` (pass --in NAME=FILE.npy)");
  std::map<std::string, npy::Array> arrays;
  for (const auto& binding : options.inputs) arrays.emplace(binding.first, npy::read(binding.second));
  return arrays;
}

// The median of `samples` (the mean of the middle two for an even count); 0 for none.
inline double median(std::vector<double> samples) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  std::size_t mid = samples.size() / 2;
  return samples.size() % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

// One run of a program: what its generated body reads its inputs from, times its call with,
// and hands its outputs to. Outputs are only kept here; run() writes them once the body has
// returned, so an error anywhere leaves no file behind.
class Context {
 public:
  Context(const Program& program, std::map<std::string, npy::Array> arrays, int repeat)
      : program_(program), arrays_(std::move(arrays)), repeat_(repeat) {}

  // Input `name` as a tensor of element type T: converted from the file's dtype, or zeros of
  // the shape of its `zeros_like` input when it was not given. Error for a wrong rank or a
  // value the type cannot hold.
  template <class T, int Rank>
  Tensor<T, Rank> input(const std::string& name) const {
    const Input* in = detail::find_input(program_, name);
    if (in == nullptr) throw std::logic_error("program `" + program_.name + "` has no input `" + name + "`");
    auto given = arrays_.find(name);
    if (given != arrays_.end()) return npy::to_tensor<T, Rank>(given->second, name);
    auto like = arrays_.find(in->zeros_like);
    if (in->zeros_like.empty() || like == arrays_.end())
      throw std::logic_error("input `" + name + "` was not read (call read_inputs first)");
    return Tensor<T, Rank>(detail::extents_of<Rank>(like->second, in->zeros_like));
  }

  // Runs `call` once, then `repeat` more times, timing each of those.
  template <class Call>
  void time(Call&& call) {
    call();
    for (int k = 0; k < repeat_; ++k) {
      auto start = std::chrono::steady_clock::now();
      call();
      samples_ms_.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
  }

  // Keeps output `name` for write_outputs.
  template <class T, int Rank>
  void output(const std::string& name, Tensor<T, Rank> result) {
    if (!detail::contains(program_.outputs, name))
      throw std::logic_error("program `" + program_.name + "` has no output `" + name + "`");
    auto held = std::make_shared<Tensor<T, Rank>>(std::move(result));
    outputs_[name] = [held](const std::string& path) { npy::write(path, *held); };
  }

  // Writes every output of the program to `dir`/<name>.npy, creating `dir` if needed.
  void write_outputs(const std::string& dir) const {
    for (const std::string& name : program_.outputs)
      if (outputs_.count(name) == 0)
        throw std::logic_error("program `" + program_.name + "` did not produce output `" + name + "`");
    std::filesystem::create_directories(dir);
    for (const std::string& name : program_.outputs) outputs_.at(name)(dir + "/" + name + ".npy");
  }

  // The duration of each timed call, in milliseconds.
  const std::vector<double>& samples_ms() const { return samples_ms_; }

 private:
  const Program& program_;
  std::map<std::string, npy::Array> arrays_;
  int repeat_;
  std::vector<double> samples_ms_;
  std::map<std::string, std::function<void(const std::string&)>> outputs_;
};

// The --help text: the command line, each program's inputs and outputs, the options.
inline void print_usage(std::ostream& out, const Layer& layer) {
  std::string driver = layer.name + "_driver";
  out << "usage: " << driver << " PROGRAM [--dtype f32|f64] [--in NAME=FILE.npy]... [--out-dir DIR]\n"
      << "       " << std::string(driver.size(), ' ') << " [--repeat N] [--threads N]\n"
      << "\n"
      << "Runs a program of layer `" << layer.name << "` (from " << layer.source << ") on .npy inputs\n"
      << "and writes each output to DIR/NAME.npy.\n"
      << "\n"
      << "programs:\n";
  for (const Program& p : layer.programs) {
    out << "  " << std::left << std::setw(12) << p.name << " inputs:";
    for (const Input& in : p.inputs) out << ' ' << in.name;
    out << "\n  " << std::string(12, ' ') << " outputs:";
    for (const std::string& name : p.outputs) out << ' ' << name;
    out << '\n';
  }
  out << "\n"
         "options:\n"
         "  --dtype f32|f64     element type of the computation (default f64); inputs are converted\n"
         "  --in NAME=FILE.npy  one input, repeated for each; a missing tangent t_X (pushforward)\n"
         "                      or seed dd_X (pullback2) is taken as zeros of the shape of X\n"
         "  --out-dir DIR       directory for the outputs, created if needed (default .)\n"
         "  --repeat N          after one warm-up run, run N more times; print median_ms=<value> last\n"
         "  --threads N         threads for OpenMP loops and BLAS (default: RICCI_NUM_THREADS,\n"
         "                      else OMP_NUM_THREADS, else the hardware's)\n"
         "  --help              print this help\n"
         "\n"
         "Exit status: 0 on success; 1 on any error, reported as `error: ...` with nothing written.\n";
}

// The whole driver: parses the command line, reads the inputs, runs the chosen program in
// the chosen dtype, writes its outputs and, with --repeat, prints `median_ms=<value>` as the
// last line of `out`. Returns the exit status: 0, or 1 after printing `error: <message>` to
// `err` (nothing is written then).
inline int run(int argc, const char* const* argv, const Layer& layer, std::ostream& out = std::cout,
               std::ostream& err = std::cerr) {
  try {
    Options options = parse_command_line(argc, argv);
    if (options.help) {
      print_usage(out, layer);
      return 0;
    }
    const Program& program = select_program(layer, options.program);
    if (options.threads > 0) set_num_threads(options.threads);
    Context context(program, read_inputs(program, options), options.repeat);
    void (*body)(Context&) = options.f32 ? program.run_f32 : program.run_f64;
    if (body == nullptr) throw std::logic_error("program `" + program.name + "` has no body for this dtype");
    body(context);
    context.write_outputs(options.out_dir);
    if (options.repeat > 0)
      out << "median_ms=" << std::fixed << std::setprecision(6) << median(context.samples_ms()) << '\n';
    out.flush();
    return 0;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace ricci::driver
