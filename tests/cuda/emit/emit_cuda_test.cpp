// The CUDA emitter on small specs: which work runs as cuBLAS and which as kernels, fusion,
// diagonals, reductions, names and reproducibility. Compiling the output is cuda_compile's job.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/pipeline.h"
#include "cuda/cuda.h"
#include "generate.h"

namespace {

struct Generated {
  std::string header, source, driver;
};

Generated generate(const std::string& name, const std::string& spec) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / (name + ".ricci");
  std::ofstream(path) << spec;
  auto module = ricci::cuda_test::analyze(path.string());
  REQUIRE(module.has_value());
  ricci::codegen::CppOptions options;
  options.source_name = name + ".ricci";
  options.stem = name;
  options.driver = true;
  auto files = ricci::cuda::emit_cuda(ricci::cli::derive_module(*module), options);
  REQUIRE(files.size() == 3);
  CHECK(files[0].name == name + ".cuh");
  CHECK(files[1].name == name + ".cu");
  CHECK(files[2].name == module->layers[0].name + "_driver.cu");
  return {files[0].contents, files[1].contents, files[2].contents};
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

int count(const std::string& text, const std::string& piece) {
  int n = 0;
  for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a matrix product runs on cuBLAS, a trace as one block, its cotangent as a diagonal") {
  Generated g = generate("bilinear", "layer bilinear {\n  A[i,k] := B[i,j] * C[j,k] * D[l,l]\n}\n");
  CHECK(has(g.header, "void evaluate(ricci::cuda::DeviceRef<double, 2> A, ricci::cuda::DeviceCRef<double, 2> B,"));
  CHECK(has(g.header, "ricci::cuda::Workspace& ws, cudaStream_t stream);"));
  CHECK(has(g.header, "std::size_t pullback2_workspace_bytes("));
  CHECK(has(g.source, "// A[i,k] := B[i,j] * C_trD[j,k]  (cuBLAS)"));
  CHECK(has(g.source, "ricci::cuda::gemm<T>(ws.blas(stream, \"bilinear\"), T(1.0), {B.data(), {n_i, n_j, n_j, 1}, 0},"));
  CHECK(has(g.source, "// trD := D[l,l]\n"));
  CHECK(has(g.source, "sum = ricci::cuda::block_sum(sum);"));
  CHECK(has(g.source, "// d_D[l,l] := d_trD\n"));
  CHECK(has(g.source, "cudaMemsetAsync(d_D.data(), 0, sizeof(T) * n_l * n_l, stream)"));
  CHECK(has(g.source, "d_D[l * n_l + l] = d_trD[0];"));
}

TEST_CASE("a batch label cuBLAS cannot stride over runs as a coalesced kernel") {
  Generated g = generate("bmm", "layer bmm {\n  z[i,k,b] := x[i,j,b] * y[j,k,b]\n}\n");
  CHECK_FALSE(has(g.source, "ricci::cuda::gemm"));
  CHECK(has(g.source, "// z[i,k,b] := x[i,j,b] * y[j,k,b]\n"));
  CHECK(has(g.source, "const int64_t b = e % n_b;"));
  CHECK(has(g.source, "sum += x[(i * n_j + j) * n_b + b] * y[(j * n_k + k) * n_b + b];"));
  CHECK(has(g.source, "z[e] = sum;"));
}

TEST_CASE("a leading batch label is cuBLAS's batch stride") {
  Generated g = generate("bmm_first", "layer bmm_first {\n  z[b,i,k] := x[b,i,j] * y[b,j,k]\n}\n");
  CHECK(has(g.source, "{x.data(), {n_i, n_j, n_j, 1}, n_i * n_j}"));
  CHECK(has(g.source, "{z.data(), {n_i, n_k, n_k, 1}, n_i * n_k}, n_b,"));
}

TEST_CASE("a bias and an activation fuse into the kernel that reads the product") {
  Generated g = generate("dense", "layer dense {\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n  y[b,o] := tanh(h[b,o])\n}\n");
  std::string evaluate = g.source.substr(0, g.source.find("void evaluate_impl"));
  CHECK(count(evaluate, "__global__") == 1);
  CHECK(has(evaluate, "const T h = W_x[e] + bias_bo;"));
  CHECK(has(evaluate, "y[e] = std::tanh(h);"));
  CHECK(has(g.source, "// W_x[b,o] := W[o,i] * x[b,i]  (cuBLAS)"));
}

TEST_CASE("the driver mirrors the C++ driver's table and runs on the GPU") {
  Generated g = generate("dense", "layer dense {\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n  y[b,o] := tanh(h[b,o])\n}\n");
  CHECK(has(g.driver, "const ricci::cuda::DeviceTensor<T, 2> W = context.input<T, 2>(\"W\");"));
  CHECK(has(g.driver, "context.time([&] { ::dense::evaluate(y, W, x, bias, ws, context.stream()); });"));
  CHECK(has(g.driver, "{{\"W\"}, {\"x\"}, {\"bias\"}, {\"t_W\", \"W\"}, {\"t_x\", \"x\"}, {\"t_bias\", \"bias\"}},"));
  CHECK(has(g.driver, "return ricci::cuda::driver::run(argc, argv, ::dense::driver::layer);"));
}

TEST_CASE("identical input gives identical bytes") {
  const std::string spec = "layer e {\n  y[i] := exp(x[i]) * p[i]^-2 + relu(x[i])\n}\n";
  Generated a = generate("e", spec), b = generate("e", spec);
  CHECK(a.header == b.header);
  CHECK(a.source == b.source);
  CHECK(a.driver == b.driver);
  CHECK(has(a.source, "ricci::powi("));
  CHECK(has(a.source, "std::exp("));
  CHECK(has(a.source, "ricci::relu("));
}

TEST_CASE("a tensor named like a generated identifier does not clash with it") {
  Generated g = generate("clash", "layer clash {\n  stream[i] := impl[i] * arena[i] + exp(arena[i])\n}\n");
  CHECK(has(g.header, "ricci::cuda::DeviceRef<double, 1> stream, "));
  CHECK(has(g.header, "cudaStream_t stream_2);"));
  CHECK(has(g.source, "std::byte* arena_2 = ws.reserve(bytes, stream_2, \"clash\");"));
  CHECK(has(g.source, "void evaluate_impl("));
}
