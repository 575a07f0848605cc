// The printer, identifiers and literals the generated code is made of.
#include <doctest/doctest.h>

#include "codegen/names.h"
#include "codegen/nest.h"
#include "codegen/printer.h"

namespace ricci::codegen {
namespace {

TEST_CASE("printer: blocks indent and close with their comment, innermost first") {
  Printer out;
  {
    Printer::Block outer(out, "for (int64_t i = 0; i < n_i; ++i)", " // for i");
    Printer::Block inner(out, "for (int64_t j = 0; j < n_j; ++j)", " // for j");
    out.line("A(i, j) = {};", 0);
  }
  CHECK(out.text() ==
        "for (int64_t i = 0; i < n_i; ++i) {\n"
        "  for (int64_t j = 0; j < n_j; ++j) {\n"
        "    A(i, j) = 0;\n"
        "  } // for j\n"
        "} // for i\n");
}

TEST_CASE("printer: blank lines carry no indentation") {
  Printer out;
  Printer::Indent indent(out);
  out.put("a\n\nb");
  out.blank();
  CHECK(out.text() == "  a\n\n  b\n\n");
}

TEST_CASE("printer: long calls wrap after a comma, aligned after the parenthesis") {
  Printer out;
  std::vector<std::string> args(6, "ricci::CRef<double, 2> argument");
  std::string text = out.wrap("void evaluate", args, ";");
  CHECK(text ==
        "void evaluate(ricci::CRef<double, 2> argument, ricci::CRef<double, 2> argument,\n"
        "              ricci::CRef<double, 2> argument, ricci::CRef<double, 2> argument,\n"
        "              ricci::CRef<double, 2> argument, ricci::CRef<double, 2> argument);");
  CHECK(out.wrap("f", {}, ";") == "f();");
  CHECK(out.wrap("R r", {"a", "b"}, ";", "{}") == "R r{a, b};");
}

TEST_CASE("printer: comments wrap at words") {
  Printer out;
  std::string words;
  for (int k = 0; k < 30; ++k) words += "word ";
  out.comment(words);
  std::string text = out.text();
  CHECK(text.substr(0, 8) == "// word ");
  CHECK(text.find("\n//   word") != std::string::npos);
  for (std::size_t begin = 0, end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    CHECK(end - begin <= Printer::kWidth);
  }
}

TEST_CASE("names: clashes get numbered suffixes, keywords and runtime names an underscore") {
  NameTable names;
  CHECK(names.claim("d_h") == "d_h");
  CHECK(names.claim("d_h") == "d_h_2");
  CHECK(names.claim("d_h") == "d_h_3");
  CHECK(names.claim("int") == "int_");
  CHECK(names.claim("int") == "int_2");
  CHECK(names.claim("T") == "T_");
  CHECK(names.claim("std") == "std_");
  CHECK(names.claim("") == "v");
  NameTable nested = names;  // a nested scope sees the outer names
  CHECK(nested.claim("d_h") == "d_h_4");
  CHECK_FALSE(names.taken("d_h_4"));
}

TEST_CASE("names: a scope releases its claims and suffix counters when it ends") {
  NameTable names;
  CHECK(names.claim("i") == "i");
  {
    NameTable::Scope nest(names);
    CHECK(names.claim("i") == "i_2");
    CHECK(names.claim("i") == "i_3");
    CHECK(names.claim("acc") == "acc");
  }
  CHECK_FALSE(names.taken("i_2"));
  CHECK_FALSE(names.taken("acc"));
  {
    NameTable::Scope next(names);
    CHECK(names.claim("i") == "i_2");  // as if the first scope had never been
  }
  CHECK(names.claim("i_2") == "i_2");  // a spec name that looks like a suffix
  CHECK(names.claim("i") == "i_3");
}

TEST_CASE("names: anything becomes a valid, unreserved identifier") {
  CHECK(identifier("x") == "x");
  CHECK(identifier("a b-c") == "a_b_c");
  CHECK(identifier("2x") == "v2x");
  CHECK(identifier("a__b") == "a_b");
  CHECK(identifier("_X") == "v_X");
  CHECK(identifier("class") == "class_");
}

TEST_CASE("literals: shortest round-trip form, always a floating literal") {
  CHECK(cpp_number(2) == "2.0");
  CHECK(cpp_number(-1) == "-1.0");
  CHECK(cpp_number(0.5) == "0.5");
  CHECK(cpp_number(1e-8) == "1e-08");
  CHECK(cpp_number(1e300) == "1e+300");
  CHECK(cpp_number(0.1) == "0.1");
  CHECK(cpp_number(1.0 / 3) == "0.3333333333333333");
  CHECK(std::stod(cpp_number(1.0 / 3)) == 1.0 / 3);
}

}  // namespace
}  // namespace ricci::codegen
