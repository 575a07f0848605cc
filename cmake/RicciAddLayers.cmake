# ricci_add_layers(<target> SPECS a.ricci ... [HEADERS model.hpp ...] [CUDA] [NAMESPACE ns]
#                  [OUTPUT_DIR dir])
# Generates C++ (or, with CUDA, CUDA C++) from each spec at build time, adds it to <target>
# with its include directory, and links ricci::runtime. docs/cmake.md describes it.
#
# Why a stamp: ricci rewrites an output only when its bytes change, so a regeneration that
# changes nothing leaves the outputs older than the spec. Make compares timestamps and would
# rerun such a command on every build; the stamp is the command's OUTPUT, touched on each run,
# and the generated files are BYPRODUCTS, so neither Make nor Ninja recompiles anything when
# the bytes did not change.
include_guard(GLOBAL)

# The depfile names the spec (and, for HEADERS, what the header included) with absolute paths;
# NEW makes both Ninja and Makefiles read it relative to the build tree as CMake documents.
cmake_policy(PUSH)
cmake_policy(SET CMP0116 NEW)

function(ricci_add_layers target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "CUDA" "NAMESPACE;OUTPUT_DIR" "SPECS;HEADERS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ricci_add_layers: unexpected arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "ricci_add_layers: `${target}` is not a target")
  endif()
  if(NOT ARG_SPECS AND NOT ARG_HEADERS)
    message(FATAL_ERROR "ricci_add_layers: give SPECS or HEADERS")
  endif()
  if(NOT TARGET ricci::ricci OR NOT TARGET ricci::runtime)
    message(FATAL_ERROR "ricci_add_layers: ricci::ricci and ricci::runtime are missing; "
                        "use find_package(ricci) or add_subdirectory(<ricci source>) first")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ricci/${target})
  endif()
  cmake_path(ABSOLUTE_PATH ARG_OUTPUT_DIR BASE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} NORMALIZE
             OUTPUT_VARIABLE out)
  file(MAKE_DIRECTORY ${out})

  set(gen_flags)
  if(ARG_NAMESPACE)
    list(APPEND gen_flags --namespace ${ARG_NAMESPACE})
  endif()
  if(ARG_CUDA)
    # Without the language CMake would not compile the .cu files, and the link would fail later.
    get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
    if(NOT CUDA IN_LIST languages)
      message(FATAL_ERROR "ricci_add_layers: CUDA needs the CUDA language enabled "
                          "(project(... LANGUAGES CXX CUDA) or enable_language(CUDA))")
    endif()
    list(APPEND gen_flags --target=cuda)
    set(extensions .cuh .cu)
    # In the stamp's and depfile's names, so that one spec may be generated both ways into one
    # directory (a C++ fallback next to the CUDA layer): the other files differ by extension.
    set(kind .cuda)
  else()
    set(extensions .h .cpp)
    set(kind "")
  endif()

  set(stems)
  foreach(spec IN LISTS ARG_SPECS)
    cmake_path(ABSOLUTE_PATH spec BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    cmake_path(GET spec STEM LAST_ONLY stem)
    _ricci_claim_stem(${stem} "${spec}")
    list(TRANSFORM extensions PREPEND ${out}/${stem} OUTPUT_VARIABLE generated)
    set(stamp ${out}/${stem}${kind}.stamp)
    add_custom_command(
      OUTPUT ${stamp}
      BYPRODUCTS ${generated}
      COMMAND ricci::ricci gen ${spec} -o ${out} --stem ${stem} ${gen_flags}
              --depfile ${out}/${stem}${kind}.d --depfile-target ${stamp}
      COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
      DEPENDS ${spec} ricci::ricci
      DEPFILE ${out}/${stem}${kind}.d
      COMMENT "ricci: generating ${stem} from ${spec}"
      VERBATIM)
    target_sources(${target} PRIVATE ${generated} ${stamp})
  endforeach()

  # `ricci scan` parses the header with Clang as the target's sources are compiled: with its
  # include directories and compile definitions (its own and those of what it links, ricci's
  # runtime among them) and its C++ standard. Not its compile options: they are for the
  # target's compiler, which need not be Clang.
  set(includes $<REMOVE_DUPLICATES:$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>>)
  set(definitions $<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>)
  set(standard $<TARGET_PROPERTY:${target},CXX_STANDARD>)
  set(scan_flags
      -xc++
      $<IF:$<BOOL:${standard}>,-std=c++${standard},-std=c++17>
      $<$<BOOL:${includes}>:-I$<JOIN:${includes},$<SEMICOLON>-I>>
      $<$<BOOL:${definitions}>:-D$<JOIN:${definitions},$<SEMICOLON>-D>>)
  foreach(header IN LISTS ARG_HEADERS)
    cmake_path(ABSOLUTE_PATH header BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    cmake_path(GET header STEM LAST_ONLY stem)
    cmake_path(GET header PARENT_PATH header_dir)
    _ricci_claim_stem(${stem} "${header}")
    set(generated ${out}/${stem}.h ${out}/${stem}.cpp ${out}/${stem}_layers.h ${out}/${stem}_layers.cpp)
    set(stamp ${out}/${stem}.stamp)
    add_custom_command(
      OUTPUT ${stamp}
      BYPRODUCTS ${generated}
      COMMAND ricci::ricci scan ${header} -o ${out} --stem ${stem}
              --depfile ${out}/${stem}.d --depfile-target ${stamp} -- ${scan_flags}
      COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
      DEPENDS ${header} ricci::ricci
      DEPFILE ${out}/${stem}.d
      COMMENT "ricci: scanning ${header}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    target_sources(${target} PRIVATE ${generated} ${stamp})
    # The generated <stem>.cpp includes the header by its file name.
    target_include_directories(${target} PRIVATE ${header_dir})
  endforeach()

  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${out}>)
  target_link_libraries(${target} PUBLIC ricci::runtime)
  if(ARG_CUDA)
    # Generated CUDA is C++17, which nvcc before 12 does not default to, and calls cuBLAS for
    # GEMM-shaped contractions.
    target_compile_features(${target} PRIVATE cuda_std_17)
    if(NOT TARGET CUDA::cublas)
      find_package(CUDAToolkit REQUIRED)
    endif()
    target_link_libraries(${target} PUBLIC CUDA::cudart CUDA::cublas)
  endif()
endfunction()

# Two inputs with one stem would write the same files: refuse at configure time.
macro(_ricci_claim_stem stem input)
  if("${stem}" IN_LIST stems)
    message(FATAL_ERROR "ricci_add_layers: two inputs have the stem `${stem}` (the second is ${input}); "
                        "call ricci_add_layers again with another OUTPUT_DIR")
  endif()
  list(APPEND stems ${stem})
endmacro()

cmake_policy(POP)
