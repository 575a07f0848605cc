// `ricci show --emit=KIND[=PATH]`: repeatable, in order, to standard output or to files.
#include <doctest/doctest.h>

#include "cli_test_support.h"

namespace ricci::cli::test {

TEST_CASE("show prints math when no --emit is given") {
  CHECK(ricci({"show", "-"}, kBilinear).out == ricci({"show", "-", "--emit=math"}, kBilinear).out);
  CHECK(ricci({"show", "-"}, kBilinear).out.find("# layer bilinear: evaluate\n") == 0);
}

TEST_CASE("several --emit print in command-line order; =PATH goes to a file instead") {
  TempDir dir("show_emit");
  const std::string tokens = ricci({"show", "-", "--emit=tokens"}, kBilinear).out;
  const std::string ast = ricci({"show", "-", "--emit=ast"}, kBilinear).out;
  const std::string math = ricci({"show", "-", "--emit=math"}, kBilinear).out;
  const std::string ir = ricci({"show", "-", "--emit=ir"}, kBilinear).out;
  REQUIRE_FALSE(tokens.empty());
  REQUIRE_FALSE(ast.empty());
  CHECK(ricci({"show", "-", "--emit=ast", "--emit=tokens"}, kBilinear).out == ast + tokens);

  Result r = ricci({"show", "-", "--emit=ir", "--emit=math=" + (dir / "m.txt"), "--emit", "tokens=" + (dir / "t.txt")},
                   kBilinear);
  REQUIRE(r.code == ExitCode::ok);
  CHECK(r.out == ir);
  CHECK(read_file(dir / "m.txt") == math);
  CHECK(read_file(dir / "t.txt") == tokens);
}

TEST_CASE("show --emit=cpp and cuda print the backends' files with their names") {
  Result cpp = ricci({"show", "-", "--emit=cpp"}, kBilinear);
  CHECK(cpp.out.find("// ==> layers.h <==\n") == 0);
  CHECK(cpp.out.find("// ==> layers.cpp <==\n") != std::string::npos);
  Result cuda = ricci({"show", "-", "--emit=cuda"}, kBilinear);
  REQUIRE(cuda.code == ExitCode::ok);
  CHECK(cuda.out.find("// ==> layers.cuh <==\n") == 0);
  CHECK(cuda.out.find("// ==> layers.cu <==\n") != std::string::npos);
}

TEST_CASE("show --emit rejects unknown kinds and empty paths") {
  CHECK(ricci({"show", "-", "--emit=llvm"}, kBilinear).code == ExitCode::usage_error);
  CHECK(ricci({"show", "-", "--emit=math="}, kBilinear).code == ExitCode::usage_error);
}

TEST_CASE("show --emit=tokens still prints the tokens of a spec that does not lex") {
  Result r = ricci({"show", "-", "--emit=tokens"}, "layer x { A[i] := B[i] ? }\n");
  CHECK(r.code == ExitCode::spec_error);
  CHECK_FALSE(r.out.empty());
  CHECK(r.err.find("error:") != std::string::npos);
}

TEST_CASE("show writes nothing when the spec has errors or a file cannot be written") {
  TempDir dir("show_errors");
  Result bad = ricci({"show", "-", "--emit=math=" + (dir / "m.txt")}, "layer bad {\n  A[i] := B[i,j]\n}\n");
  CHECK(bad.code == ExitCode::spec_error);
  CHECK_FALSE(fs::exists(dir.path() / "m.txt"));
  Result io = ricci({"show", "-", "--emit=math=" + (dir / "no/such/dir/m.txt")}, kBilinear);
  CHECK(io.code == ExitCode::io_error);
}

}  // namespace ricci::cli::test
