# `ricci scan`: RICCI_LAYER declarations in C++ headers, read through Clang libTooling.
# Optional: on by default when Clang's CMake package is found (Debian: libclang-14-dev,
# libclang-cpp14-dev, llvm-14-dev), quietly off otherwise. Included from
# compiler/CMakeLists.txt once ricci_cli exists.
find_package(Clang CONFIG QUIET HINTS /usr/lib/llvm-14/lib/cmake/clang)
set(ricci_scan_default OFF)
if(Clang_FOUND AND TARGET clang-cpp AND TARGET LLVM)
  set(ricci_scan_default ON)
endif()
option(RICCI_SCAN "Build `ricci scan` (needs Clang libTooling)" ${ricci_scan_default})
if(NOT RICCI_SCAN)
  return()
endif()
if(NOT ricci_scan_default)
  message(FATAL_ERROR "RICCI_SCAN is ON but Clang's CMake package (with clang-cpp and LLVM) was not found")
endif()

# Clang needs its own headers (stddef.h, ...) from the resource directory of the same
# version; a tool does not find them next to itself, so the path is passed explicitly.
set(RICCI_CLANG_RESOURCE_DIR "${LLVM_LIBRARY_DIR}/clang/${LLVM_PACKAGE_VERSION}")
if(NOT EXISTS "${RICCI_CLANG_RESOURCE_DIR}/include/stddef.h")
  message(FATAL_ERROR "Clang's resource directory ${RICCI_CLANG_RESOURCE_DIR} has no include/stddef.h")
endif()

file(GLOB ricci_scan_srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/scan/*.cpp)
add_library(ricci_scan STATIC ${ricci_scan_srcs})
target_include_directories(ricci_scan PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_include_directories(ricci_scan SYSTEM PRIVATE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_link_libraries(ricci_scan PUBLIC ricci_sema ricci_codegen PRIVATE clang-cpp LLVM)
# The files that derive from Clang's classes must match LLVM's build, which has no RTTI.
set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/scan/clang_reader.cpp
                            ${CMAKE_CURRENT_SOURCE_DIR}/scan/declarations.cpp
                            PROPERTIES COMPILE_OPTIONS -fno-rtti)
# Where ricci's runtime headers are when ricci runs from its build tree; an installed ricci
# finds them next to itself (<prefix>/include).
target_compile_definitions(ricci_scan PRIVATE
  RICCI_CLANG_RESOURCE_DIR="${RICCI_CLANG_RESOURCE_DIR}"
  RICCI_SOURCE_RUNTIME_INCLUDE="${PROJECT_SOURCE_DIR}/runtime/include")

target_link_libraries(ricci_cli PUBLIC ricci_scan)
target_compile_definitions(ricci_cli PRIVATE RICCI_HAVE_SCAN)
