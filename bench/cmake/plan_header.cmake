# Writes a C++ header with a layer's extents and the FLOP count of each of its programs, as
# `ricci explain` reports them for the spec's `dims`, so the harness takes sizes and work
# from the compiler instead of repeating them.
#
#   cmake -DRICCI=<ricci> -DSPEC=<layer.ricci> -DOUT=<layer_plan.h> -P plan_header.cmake
#
# The header declares, inside namespace ricci_bench::plan::<layer>:
#   inline constexpr int64_t <index> = <size>;        one per extent of the layer
#   inline constexpr std::array<double, 7> flops = {...};
#     evaluate, pullback, pushforward, pullback2, then the saved form's evaluate, pullback and
#     pullback2 (docs/generated-api.md), in the order of ricci_bench::kPrograms
cmake_minimum_required(VERSION 3.25)
foreach(var RICCI SPEC OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "plan_header.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(COMMAND ${RICCI} explain ${SPEC}
                OUTPUT_VARIABLE explained ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ricci explain ${SPEC} failed:\n${errors}")
endif()

# First line: `layer <name>: i=512 j=512 k=512`.
if(NOT explained MATCHES "^layer ([A-Za-z_][A-Za-z0-9_]*): ([^\n]*)\n")
  message(FATAL_ERROR "ricci explain ${SPEC}: expected `layer NAME: EXTENTS` first, got:\n${explained}")
endif()
set(layer ${CMAKE_MATCH_1})
string(REPLACE " " ";" extents "${CMAKE_MATCH_2}")
if(explained MATCHES "\nlayer ")
  message(FATAL_ERROR "${SPEC}: a bench spec holds exactly one layer")
endif()

# Each program is a line with its name, then its steps, then `  total: N flops, ...`. The
# saved form follows, as `saved form (Saved holds ...)` and a line `  <program>: N flops, ...`
# per program, or as `saved form: Saved is empty, ...` when its overloads call the recomputing
# ones. The text holds `;`, CMake's list separator, so it is replaced before splitting into lines.
string(REPLACE ";" "," explained "${explained}")
string(REPLACE "\n" ";" lines "${explained}")
set(programs evaluate pullback pushforward pullback2)
set(saved_programs evaluate pullback pullback2)
set(program "")
set(in_saved_form FALSE)
foreach(line IN LISTS lines)
  if(line MATCHES "^saved form: Saved is empty")
    foreach(saved_program IN LISTS saved_programs)
      set(saved_flops_${saved_program} ${flops_${saved_program}})
    endforeach()
  elseif(line MATCHES "^saved form")
    set(in_saved_form TRUE)
  elseif(in_saved_form AND line MATCHES "^  (evaluate|pullback|pullback2): ([0-9]+) flops")
    set(saved_flops_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  elseif(line IN_LIST programs)
    set(program ${line})
  elseif(program AND line MATCHES "^  total: ([0-9]+) flops")
    set(flops_${program} ${CMAKE_MATCH_1})
    set(program "")
  endif()
endforeach()
set(flops "")
foreach(program IN LISTS programs)
  if(NOT DEFINED flops_${program})
    message(FATAL_ERROR "ricci explain ${SPEC}: no FLOP total for `${program}`")
  endif()
  list(APPEND flops ${flops_${program}})
endforeach()
foreach(program IN LISTS saved_programs)
  if(NOT DEFINED saved_flops_${program})
    message(FATAL_ERROR "ricci explain ${SPEC}: no FLOP count for the saved form's `${program}`")
  endif()
  list(APPEND flops ${saved_flops_${program}})
endforeach()
list(JOIN flops ", " flops)

get_filename_component(spec_name ${SPEC} NAME)
set(text "// Generated from `ricci explain ${spec_name}` by bench/cmake/plan_header.cmake. Do not edit.\n")
string(APPEND text "#pragma once\n\n#include <array>\n#include <cstdint>\n\nnamespace ricci_bench::plan::${layer} {\n\n")
foreach(extent IN LISTS extents)
  string(REPLACE "=" ";" pair ${extent})
  list(GET pair 0 index)
  list(GET pair 1 size)
  string(APPEND text "inline constexpr int64_t ${index} = ${size};\n")
endforeach()
string(APPEND text "// FLOPs as optimized (-O1) of evaluate, pullback, pushforward and pullback2, then of the\n")
string(APPEND text "// saved form's evaluate, pullback and pullback2.\n")
string(APPEND text "inline constexpr std::array<double, 7> flops = {${flops}};\n\n}  // namespace ricci_bench::plan::${layer}\n")

# Rewrite only when the bytes change, so dependants rebuild only when the plan does.
file(CONFIGURE OUTPUT ${OUT} CONTENT "${text}" @ONLY)
