// The ricci benchmark: every bench layer x program x dtype x {-O1, -O0}, and for the GEMM-shaped
// layers the machine's BLAS GEMM and the runtime's built-in kernel. The programs are the four
// recomputing ones and the saved form's evaluate_saved, pullback_saved and pullback2_saved.
// Benchmark names are `layer/program/dtype/level`, `layer/blas_gemm/dtype` and
// `layer/builtin_gemm/dtype`; each reports real time and a GFLOP/s
// counter (FLOPs of the -O1 program as `ricci explain` counts them, for both levels, so rates
// compare like times).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

#include "blas_gemm.h"
#include "levels_agree.h"
#include "registry.h"

namespace {

using ricci_bench::Case;
using ricci_bench::Program;

// The -O0 code is the single-loop-nest baseline and can take seconds a call; a few short
// repetitions give its median without dominating the run.
constexpr double kBaselineMinTime = 0.01;
constexpr int kBaselineRepetitions = 3;

// The prepared operands of the benchmark that ran last. Repetitions of one benchmark run back
// to back and share them, so a seconds-long -O0 warm-up call is not repeated for each.
const std::function<void()>& prepared(const Case& c, Program program) {
  static const Case* last_case = nullptr;
  static Program last_program = Program::evaluate;
  static std::function<void()> call;
  if (&c != last_case || program != last_program || !call) {
    call = nullptr;  // frees the previous operands before allocating the next
    call = c.prepare(program);
    last_case = &c;
    last_program = program;
  }
  return call;
}

void time_program(benchmark::State& state, const Case& c, Program program) {
  const std::function<void()>& call = prepared(c, program);
  for (auto _ : state) call();
  const double flops = c.flops[static_cast<std::size_t>(program)];
  state.counters["flops"] = flops;
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void register_program(const Case& c, Program program) {
  const std::string name = c.layer + "/" + ricci_bench::program_name(program) + "/" + c.dtype + "/" + c.level;
  benchmark::internal::Benchmark* b = benchmark::RegisterBenchmark(
      name.c_str(), [&c, program](benchmark::State& state) { time_program(state, c, program); });
  b->UseRealTime()->Unit(benchmark::kMicrosecond);
  if (c.level == "O0") b->MinTime(kBaselineMinTime)->Repetitions(kBaselineRepetitions);
}

void register_reference_gemms(const Case& c) {
  const ricci_bench::GemmShape shape = *c.gemm;
  const bool f32 = c.dtype == "f32";
  const std::string blas = c.layer + "/blas_gemm/" + c.dtype;
  const std::string builtin = c.layer + "/builtin_gemm/" + c.dtype;
  for (benchmark::internal::Benchmark* b :
       {f32 ? benchmark::RegisterBenchmark(blas.c_str(), ricci_bench::blas_gemm<float>, shape)
            : benchmark::RegisterBenchmark(blas.c_str(), ricci_bench::blas_gemm<double>, shape),
        f32 ? benchmark::RegisterBenchmark(builtin.c_str(), ricci_bench::builtin_gemm<float>, shape)
            : benchmark::RegisterBenchmark(builtin.c_str(), ricci_bench::builtin_gemm<double>, shape)})
    b->UseRealTime()->Unit(benchmark::kMicrosecond);
}

// Each layer and dtype together: the -O1 programs, the recomputing ones at -O0 (the baseline is
// one loop nest per term; its saved form would only lengthen the run), then the reference
// GEMMs, so a filtered run and the console read one layer at a time. levels_agree has checked
// that every -O1 case has its -O0 partner.
void register_benchmarks() {
  const std::vector<Case>& all = ricci_bench::cases();
  for (const Case& optimized : all) {
    if (optimized.level != "O1") continue;
    for (Program program : ricci_bench::kPrograms) register_program(optimized, program);
    for (const Case& baseline : all)
      if (baseline.level == "O0" && baseline.layer == optimized.layer && baseline.dtype == optimized.dtype)
        for (Program program : ricci_bench::kPrograms)
          if (ricci_bench::recomputing(program) == program) register_program(baseline, program);
    if (optimized.gemm) register_reference_gemms(optimized);
  }
}

// The thread settings this run was started with, recorded in the output's context.
void add_environment_context() {
  for (const char* name : {"RICCI_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
                           "OMP_WAIT_POLICY"}) {
    const char* value = std::getenv(name);
    benchmark::AddCustomContext(name, value != nullptr ? value : "unset");
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!ricci_bench::levels_agree(ricci_bench::cases(), std::cerr)) {
    std::cerr << "error: -O1 and -O0 disagree; nothing was timed\n";
    return 1;
  }
  if (!ricci_bench::saved_form_agrees(ricci_bench::cases(), std::cerr)) {
    std::cerr << "error: the saved form disagrees with the recomputing form; nothing was timed\n";
    return 1;
  }
  register_benchmarks();
  add_environment_context();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
