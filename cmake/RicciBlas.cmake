# Optional CBLAS and OpenMP for the runtime's GEMM and threads, attached to the INTERFACE
# target ricci_runtime as usage requirements (compile definitions, include directory, link).
#
# Results, for the install rules and the package config that must recreate them:
#   RICCI_BLAS_VENDOR      the FindBLAS vendor that was used (empty: no CBLAS)
#   RICCI_CBLAS_INCLUDE_DIR the directory holding cblas.h
#   RICCI_HAVE_OPENBLAS    the BLAS exports openblas_set_num_threads
#   RICCI_BLAS_SEARCH_DIR  a directory searched for the BLAS before the system's (or empty)
#   RICCI_OPENMP           OpenMP::OpenMP_CXX is linked
include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

option(RICCI_USE_BLAS "Let the runtime's GEMM call a CBLAS (OpenBLAS, BLIS, ...) if found" ON)
option(RICCI_USE_OPENMP "Let the runtime run parallel loops with OpenMP if the compiler can" ON)

set(RICCI_OPENMP OFF)
if(RICCI_USE_OPENMP)
  find_package(OpenMP COMPONENTS CXX)
  if(OpenMP_CXX_FOUND)
    set(RICCI_OPENMP ON)
    target_link_libraries(ricci_runtime INTERFACE OpenMP::OpenMP_CXX)
  endif()
endif()

set(RICCI_BLAS_VENDOR "")
set(RICCI_HAVE_OPENBLAS OFF)
set(RICCI_BLAS_SEARCH_DIR "")
# With g++'s OpenMP (libgomp), prefer Debian's OpenMP build of OpenBLAS (libopenblas-openmp-dev)
# to the pthreads build that its alternatives select first: it runs on the runtime's own
# OpenMP threads, where the pthreads build keeps a second pool that fights them for the cores
# (docs/runtime.md, "OpenMP and OpenBLAS on the same cores"). Debian builds it with libgomp, so
# under clang's libomp it would bring a second OpenMP runtime instead.
set(_ricci_openblas_openmp "/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/openblas-openmp")
if(RICCI_USE_BLAS AND RICCI_OPENMP AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_LIBRARY_ARCHITECTURE
   AND EXISTS "${_ricci_openblas_openmp}")
  set(RICCI_BLAS_SEARCH_DIR "${_ricci_openblas_openmp}")
endif()
if(RICCI_USE_BLAS)
  list(PREPEND CMAKE_LIBRARY_PATH ${RICCI_BLAS_SEARCH_DIR})
  # OpenBLAS first (its thread count follows ricci::set_num_threads), then BLIS, then any BLAS.
  # A vendor counts only if its library links cblas_dgemm through a cblas.h we can find.
  find_path(RICCI_CBLAS_INCLUDE_DIR cblas.h PATH_SUFFIXES openblas blis)
  foreach(vendor OpenBLAS FLAME All)
    set(BLA_VENDOR ${vendor})
    find_package(BLAS QUIET)
    unset(BLA_VENDOR)
    if(NOT BLAS_FOUND OR NOT RICCI_CBLAS_INCLUDE_DIR)
      continue()
    endif()
    cmake_push_check_state(RESET)
    set(CMAKE_REQUIRED_INCLUDES ${RICCI_CBLAS_INCLUDE_DIR})
    set(CMAKE_REQUIRED_LIBRARIES ${BLAS_LIBRARIES})
    set(CMAKE_REQUIRED_QUIET ON)
    check_cxx_source_compiles([[
      #include <cblas.h>
      int main() {
        double a = 1, b = 1, c = 0;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, 1, 1, 1.0, &a, 1, &b, 1,
                    0.0, &c, 1);
        return c == 1 ? 0 : 1;
      }]] RICCI_CBLAS_LINKS_${vendor})
    check_cxx_source_compiles([[
      extern "C" void openblas_set_num_threads(int);
      int main() { openblas_set_num_threads(1); }]] RICCI_OPENBLAS_THREADS_${vendor})
    cmake_pop_check_state()
    if(RICCI_CBLAS_LINKS_${vendor})
      set(RICCI_BLAS_VENDOR ${vendor})
      set(RICCI_HAVE_OPENBLAS ${RICCI_OPENBLAS_THREADS_${vendor}})
      break()
    endif()
  endforeach()
  if(RICCI_BLAS_SEARCH_DIR)
    list(REMOVE_AT CMAKE_LIBRARY_PATH 0)
  endif()
  if(RICCI_BLAS_VENDOR)
    message(STATUS "ricci runtime: CBLAS from ${BLAS_LIBRARIES} (vendor ${RICCI_BLAS_VENDOR})")
    target_compile_definitions(ricci_runtime INTERFACE RICCI_HAVE_CBLAS)
    if(RICCI_HAVE_OPENBLAS)
      target_compile_definitions(ricci_runtime INTERFACE RICCI_HAVE_OPENBLAS)
    endif()
    target_include_directories(ricci_runtime SYSTEM INTERFACE ${RICCI_CBLAS_INCLUDE_DIR})
    target_link_libraries(ricci_runtime INTERFACE BLAS::BLAS)
  else()
    message(STATUS "ricci runtime: no CBLAS found, GEMM uses the built-in kernel only")
  endif()
endif()

