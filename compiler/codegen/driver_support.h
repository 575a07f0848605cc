// The fixed part of the generated drivers, as C++ source text.
#pragma once

namespace ricci::codegen {

// The `namespace ricci_driver { ... }` block every <layer>_driver.cpp contains: Options,
// parse_command_line, read_inputs, input, input_or_zeros, run, write_output.
const char* driver_support_text();

}  // namespace ricci::codegen
