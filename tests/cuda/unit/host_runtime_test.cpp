// The host half of the CUDA runtime, on any machine: nothing here touches a GPU.
#include <doctest/doctest.h>
#include <ricci/cuda/runtime.h>

#include <string>

TEST_CASE("a failed CUDA call names the layer, the call and the reason") {
  try {
    ricci::cuda::check(cudaErrorMemoryAllocation, "dense", "cudaMallocAsync");
    FAIL("check did not throw");
  } catch (const ricci::cuda::CudaError& e) {
    CHECK(std::string(e.what()) == "layer `dense`: cudaMallocAsync failed: out of memory (cudaErrorMemoryAllocation)");
  }
  CHECK_NOTHROW(ricci::cuda::check(cudaSuccess, "dense", "cudaMallocAsync"));
}

TEST_CASE("a failed cuBLAS call names its status") {
  CHECK_THROWS_WITH_AS(ricci::cuda::check(CUBLAS_STATUS_INVALID_VALUE, "dense", "cublasDgemmStridedBatched"),
                       doctest::Contains("layer `dense`: cublasDgemmStridedBatched failed:"), ricci::cuda::CudaError);
  CHECK_THROWS_WITH_AS(ricci::cuda::check(CUBLAS_STATUS_INVALID_VALUE, "dense", "cublasDgemmStridedBatched"),
                       doctest::Contains("CUBLAS_STATUS_INVALID_VALUE"), ricci::cuda::CudaError);
}

TEST_CASE("a caller's arena serves calls that fit and refuses larger ones") {
  alignas(256) static std::byte arena[1024];
  ricci::cuda::Workspace ws(arena, sizeof arena);
  CHECK(ws.reserve(1024, nullptr, "dense") == arena);
  CHECK(ws.reserve(0, nullptr, "dense") == arena);
  CHECK_THROWS_WITH_AS(ws.reserve(1025, nullptr, "dense"),
                       "layer `dense`: the workspace needs 1025 bytes, but the arena it was given holds 1024",
                       ricci::Error);
  CHECK(ws.capacity() == 1024);
}

TEST_CASE("slots are rounded up to the slot alignment") {
  CHECK(ricci::cuda::slot_bytes<double>(0) == 0);
  CHECK(ricci::cuda::slot_bytes<double>(1) == ricci::cuda::kSlotAlign);
  CHECK(ricci::cuda::slot_bytes<float>(64) == 256);
  CHECK(ricci::cuda::slot_bytes<float>(65) == 512);
}

TEST_CASE("grids cover the work and stay bounded") {
  CHECK(ricci::cuda::grid_size(0) == 0);
  CHECK(ricci::cuda::grid_size(1) == 1);
  CHECK(ricci::cuda::grid_size(ricci::cuda::kBlockSize) == 1);
  CHECK(ricci::cuda::grid_size(ricci::cuda::kBlockSize + 1) == 2);
  CHECK(ricci::cuda::grid_size(int64_t{1} << 40) == 1u << 20);
}

TEST_CASE("device views add const and keep their extents") {
  double* nowhere = nullptr;
  ricci::cuda::DeviceRef<double, 2> a(nowhere, {3, 4});
  ricci::cuda::DeviceCRef<double, 2> b = a;
  CHECK(b.extent(0) == 3);
  CHECK(b.extent(1) == 4);
  CHECK(b.size() == 12);
  CHECK(ricci::cuda::DeviceCRef<double, 0>().size() == 1);
}
