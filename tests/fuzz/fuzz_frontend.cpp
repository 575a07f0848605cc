// libFuzzer target for the front end: any bytes go through lexing, parsing, the dumps and
// semantic analysis, which must neither crash nor break an internal invariant.
//
// Build by hand (the CMake option RICCI_FUZZ does the same):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I compiler \
//     tests/fuzz/fuzz_frontend.cpp compiler/{support,syntax,sema,ir}/*.cpp -lfmt -o fuzz_frontend
//   ./fuzz_frontend -max_total_time=60 tests/fuzz/corpus
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "ir/ir_api.h"
#include "sema/sema.h"
#include "syntax/syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ricci;
  SourceFile file("fuzz.ricci", std::string(reinterpret_cast<const char*>(data), size));

  Diagnostics lex_diags(file);
  std::string tokens = syntax::dump_tokens(syntax::lex(file, lex_diags), file);

  // The parser's tree is well-formed even after errors, so sema runs on it regardless:
  // that checks the parser's promise as well as sema's robustness.
  Diagnostics diags(file);
  syntax::Module module = syntax::parse(file, diags);
  std::string ast = syntax::dump_ast(module, file);
  ir::Module lowered = sema::analyze(module, diags);
  if (!diags.has_errors())
    for (const ir::Layer& layer : lowered.layers) ir::verify(layer.evaluate);

  std::ostringstream rendered;
  diags.render(rendered);
  return 0;
}
