# Optional CUDA support: nvcc for compiling generated CUDA code, and the toolkit's runtime and
# cuBLAS for host code that includes <ricci/cuda/runtime.h>. Nothing here is required: without
# a CUDA compiler the CUDA tests are simply not defined. Running generated code needs a GPU;
# compiling it does not.
#
# Results:
#   RICCI_CUDA         ON when nvcc and the CUDA toolkit (cudart, cuBLAS) were found
#   RICCI_NVCC         the nvcc executable
#   RICCI_NVCC_FLAGS   the documented compile line's flags (docs/cuda.md), a list: C++17, -O2,
#                      the runtime's include directory, warnings as errors on both the device
#                      and the host side, and code for sm_80 and sm_90 plus PTX for newer GPUs
#   ricci_cuda_runtime an INTERFACE target: ricci_runtime plus CUDA::cudart and CUDA::cublas
include_guard(GLOBAL)
include(CheckLanguage)

option(RICCI_USE_CUDA "Compile (and, with a GPU, run) the generated CUDA code in the tests" ON)

set(RICCI_CUDA OFF)
if(RICCI_USE_CUDA)
  # check_language only looks for a working compiler; the project itself stays C/C++, because
  # the generated CUDA is compiled by the tests with the documented nvcc line, not by CMake.
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # The toolkit that nvcc belongs to, not another one on the system.
    get_filename_component(CUDAToolkit_ROOT "${CMAKE_CUDA_COMPILER}/../.." ABSOLUTE)
    find_package(CUDAToolkit QUIET)
    if(CUDAToolkit_FOUND AND TARGET CUDA::cublas)
      set(RICCI_CUDA ON)
      set(RICCI_NVCC "${CMAKE_CUDA_COMPILER}")
    endif()
  endif()
endif()

if(RICCI_CUDA)
  set(RICCI_NVCC_FLAGS
      -std=c++17 -O2 -I${PROJECT_SOURCE_DIR}/runtime/include
      --Werror all-warnings -Xcompiler=-Wall,-Wextra,-Werror
      -gencode arch=compute_80,code=sm_80
      -gencode arch=compute_90,code=sm_90
      -gencode arch=compute_90,code=compute_90)
  if(NOT TARGET ricci_cuda_runtime)
    add_library(ricci_cuda_runtime INTERFACE)
    target_link_libraries(ricci_cuda_runtime INTERFACE ricci_runtime CUDA::cudart CUDA::cublas)
  endif()
  message(STATUS "ricci: CUDA found (${RICCI_NVCC}, toolkit ${CUDAToolkit_VERSION})")
else()
  message(STATUS "ricci: no CUDA compiler; the CUDA tests are skipped")
endif()
