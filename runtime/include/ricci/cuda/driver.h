// The layer-independent half of every generated <layer>_driver.cu: the same command line,
// .npy binding and output as <ricci/driver.h>, with the inputs copied to the GPU, the
// outputs copied back, and --repeat timed with CUDA events on the driver's stream.
//
// A generated CUDA driver describes its layer with a table, as the C++ driver does:
//
//   template <class T>
//   void run_evaluate(ricci::cuda::driver::Context& context) {
//     const ricci::cuda::DeviceTensor<T, 2> W = context.input<T, 2>("W");   // on the device
//     ...                                                  // check shapes, size the outputs
//     context.time([&] { ::dense::evaluate(y, W, x, bias, ws, context.stream()); });
//     context.output("y", y);                              // copied back to the host
//   }
#pragma once

#include <cuda_runtime_api.h>

#include <iomanip>
#include <iostream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ricci/cuda/check.h"
#include "ricci/cuda/stream.h"
#include "ricci/cuda/tensor.h"
#include "ricci/driver.h"

namespace ricci::cuda::driver {

class Context;

// One generated program, as ricci::driver::Program but with bodies that run on the GPU.
struct Program {
  std::string name;
  std::vector<ricci::driver::Input> inputs;
  std::vector<std::string> outputs;
  void (*run_f32)(Context&) = nullptr;
  void (*run_f64)(Context&) = nullptr;
};

struct Layer {
  std::string name;
  std::string source;
  std::vector<Program> programs;
};

namespace detail {

// A CUDA event, destroyed with its owner.
class Event {
 public:
  Event() { check(cudaEventCreate(&event_), "driver", "cudaEventCreate"); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { cudaEventDestroy(event_); }
  cudaEvent_t get() const noexcept { return event_; }

 private:
  cudaEvent_t event_ = nullptr;
};

// The table without bodies, for the host driver's command-line checks and usage text.
inline ricci::driver::Layer host_table(const Layer& layer) {
  ricci::driver::Layer table{layer.name, layer.source, {}};
  for (const Program& p : layer.programs) table.programs.push_back({p.name, p.inputs, p.outputs, nullptr, nullptr});
  return table;
}

}  // namespace detail

// One run of a program on the GPU: inputs come from the host context's files, outputs go
// back to it, and the work runs on one stream of the driver's own.
class Context {
 public:
  Context(ricci::driver::Context& host, int repeat) : host_(host), repeat_(repeat) {}

  // Input `name` copied to the device (zeros of its `zeros_like` input's shape when missing).
  template <class T, int Rank>
  DeviceTensor<T, Rank> input(const std::string& name) const {
    return DeviceTensor<T, Rank>(host_.input<T, Rank>(name));
  }

  cudaStream_t stream() const noexcept { return stream_.get(); }

  // Runs `call` once and waits for it; then `repeat` more times, each timed between two
  // events on the stream, so the samples are GPU time including launch gaps.
  template <class Call>
  void time(Call&& call) {
    call();
    stream_.synchronize();
    detail::Event start, stop;
    for (int k = 0; k < repeat_; ++k) {
      check(cudaEventRecord(start.get(), stream()), "driver", "cudaEventRecord");
      call();
      check(cudaEventRecord(stop.get(), stream()), "driver", "cudaEventRecord");
      check(cudaEventSynchronize(stop.get()), "driver", "cudaEventSynchronize");
      float ms = 0;
      check(cudaEventElapsedTime(&ms, start.get(), stop.get()), "driver", "cudaEventElapsedTime");
      samples_ms_.push_back(ms);
    }
  }

  // Copies output `name` back to the host for writing once the program has run.
  template <class T, int Rank>
  void output(const std::string& name, const DeviceTensor<T, Rank>& result) {
    stream_.synchronize();
    host_.output(name, result.to_host());
  }

  const std::vector<double>& samples_ms() const noexcept { return samples_ms_; }

 private:
  ricci::driver::Context& host_;
  int repeat_;
  Stream stream_;
  std::vector<double> samples_ms_;
};

// The whole CUDA driver, as ricci::driver::run: returns 0, or 1 after printing
// `error: <message>` to `err` (a machine without a GPU is such an error; --help still works).
inline int run(int argc, const char* const* argv, const Layer& layer, std::ostream& out = std::cout,
               std::ostream& err = std::cerr) {
  try {
    const ricci::driver::Layer table = detail::host_table(layer);
    ricci::driver::Options options = ricci::driver::parse_command_line(argc, argv);
    if (options.help) {
      ricci::driver::print_usage(out, table);
      return 0;
    }
    const ricci::driver::Program& program = ricci::driver::select_program(table, options.program);
    if (device_count() == 0) throw Error("no CUDA GPU on this machine: the CUDA driver of layer `" + layer.name + "` needs one");
    const Program& gpu_program = layer.programs.at(static_cast<std::size_t>(&program - table.programs.data()));
    ricci::driver::Context host(program, ricci::driver::read_inputs(program, options), 0);
    Context context(host, options.repeat);
    void (*body)(Context&) = options.f32 ? gpu_program.run_f32 : gpu_program.run_f64;
    if (body == nullptr) throw std::logic_error("program `" + program.name + "` has no body for this dtype");
    body(context);
    host.write_outputs(options.out_dir);
    if (options.repeat > 0)
      out << "median_ms=" << std::fixed << std::setprecision(6) << ricci::driver::median(context.samples_ms()) << '\n';
    out.flush();
    return 0;
  } catch (const std::exception& e) {
    err << "error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace ricci::cuda::driver
