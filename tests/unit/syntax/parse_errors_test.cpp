// Parser errors: each kind with its message and exact range, recovery, and hostile inputs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

struct Parsed {
  SourceFile file;
  Diagnostics diags;
  Module module;

  explicit Parsed(std::string text, std::size_t max_errors = 20)
      : file("t.ricci", std::move(text)), diags(file, max_errors), module(parse(file, diags)) {}

  // Each diagnostic as a line "kind line:col `covered text` message".
  std::string errors() const {
    std::string out;
    for (const Diagnostic& d : diags.all()) {
      LineCol lc = file.line_col(d.range.begin);
      out += std::string(spelling(d.kind)) + " " + std::to_string(lc.line) + ":" + std::to_string(lc.column) + " `" +
             std::string(file.slice(d.range)) + "` " + d.message + "\n";
    }
    return out;
  }
  std::size_t count() const { return diags.all().size(); }
};

// The expected errors() text: one line per diagnostic.
std::string Errors(std::initializer_list<std::string> lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("expected-token: names the expected token and the one found") {
  CHECK(Parsed("layer t { A[i := B[i] }").errors() ==
        Errors({"expected-token 1:15 `:=` expected `,` or `]`, got `:=`"}));
  CHECK(Parsed("layer t { A[i,] := B[i] }").errors() ==
        Errors({"expected-token 1:15 `]` expected index name, got `]`"}));
  CHECK(Parsed("layer t { A[i] = B[i] }").errors() ==
        Errors({"expected-token 1:16 `=` expected `:=` or `+=`, got `=`"}));
  CHECK(Parsed("layer t { A[i] := B[i] * + C[i] }").errors() ==
        Errors({"expected-token 1:26 `+` expected expression, got `+`"}));
  CHECK(Parsed("layer t { 2 := x }").errors() ==
        Errors({"expected-token 1:11 `2` expected statement or `}`, got `2`"}));
  CHECK(Parsed("layer { x := y }").errors() == Errors({"expected-token 1:7 `{` expected layer name, got `{`"}));
  CHECK(Parsed("layer t x := y }").errors() == Errors({"expected-token 1:9 `x` expected `{`, got `x`"}));
  CHECK(Parsed("layre t { x := y }").errors() == Errors({"expected-token 1:1 `layre` expected `layer`, got `layre`"}));
  CHECK(Parsed("layer t { grad A, 2\n x := A }").errors() ==
        Errors({"expected-token 1:19 `2` expected tensor name, got `2`"}));
  CHECK(Parsed("layer t { dims i 3\n x := A }").errors() == Errors({"expected-token 1:18 `3` expected `=`, got `3`"}));
  CHECK(Parsed("layer t { dims i=j\n x := A }").errors() ==
        Errors({"expected-token 1:18 `j` expected integer, got `j`"}));
  CHECK(Parsed("layer t { dims i=2.5\n x := A }").errors() ==
        Errors({"expected-token 1:18 `2.5` expected integer, got `2.5`"}));
}

TEST_CASE("expected-token: a missing `)` points at the `(` it would close") {
  Parsed p("layer t {\n y := (a + b\n}");
  CHECK(p.errors() == Errors({"expected-token 3:1 `}` expected `)`, got `}`"}));
  REQUIRE(p.diags.all()[0].notes.size() == 1);
  CHECK(p.diags.all()[0].notes[0].message == "to match this `(`");
  CHECK(p.file.slice(p.diags.all()[0].notes[0].range) == "(");
  CHECK(Parsed("layer t { y := exp(a, b) }").errors() == Errors({"expected-token 1:21 `,` expected `)`, got `,`"}));
}

TEST_CASE("expected-token: at the end of the file, the range is just past the last token") {
  Parsed p("layer t {\n  y := x\n\n");
  CHECK(p.errors() == Errors({"expected-token 2:9 `` expected `}`, got end of file"}));
  REQUIRE(p.diags.all()[0].notes.size() == 1);
  CHECK(p.diags.all()[0].notes[0].message == "layer `t` begins here");
  CHECK(Parsed("layer t { y := x *").errors() ==
        Errors({"expected-token 1:19 `` expected expression, got end of file"}));
  CHECK(Parsed("layer").errors() == Errors({"expected-token 1:6 `` expected layer name, got end of file"}));
}

TEST_CASE("expected-token: a layer header inside a layer closes it") {
  Parsed p("layer a {\n x := y\nlayer b {\n z := w\n}\n");
  CHECK(p.errors() == Errors({"expected-token 3:1 `layer` expected `}`, got `layer`"}));
  REQUIRE(p.module.layers.size() == 2);
  CHECK(p.module.layers[1].name.text == "b");
}

TEST_CASE("expected-token: a long spelling is cut short in the message") {
  std::string name(100, 'q');
  Parsed p("layer t { x[i] " + name + " }");
  CHECK(p.diags.all()[0].message == "expected `:=` or `+=`, got `" + std::string(32, 'q') + "...`");
}

TEST_CASE("invalid-exponent: a non-integer after `^`") {
  CHECK(Parsed("layer t { y := x^2.5 }").errors() ==
        Errors({"invalid-exponent 1:18 `2.5` expected an integer exponent, got `2.5`"}));
  CHECK(Parsed("layer t { y := x^-n }").errors() ==
        Errors({"invalid-exponent 1:19 `n` expected an integer exponent, got `n`"}));
  CHECK(Parsed("layer t { y := x^(2) }").errors() ==
        Errors({"invalid-exponent 1:18 `(` expected an integer exponent, got `(`"}));
  CHECK(Parsed("layer t { y := x^").errors() ==
        Errors({"invalid-exponent 1:18 `` expected an integer exponent, got end of file"}));
  CHECK(Parsed("layer t { y := x^99999999999 }").errors() ==
        Errors({"invalid-exponent 1:18 `99999999999` exponent `99999999999` is out of range"}));
}

TEST_CASE("invalid-exponent: parsing goes on after a bad exponent, and the statement is dropped") {
  Parsed p("layer t {\n y := x^1.5 + z^w\n v := u\n}");
  CHECK(p.count() == 2);
  REQUIRE(p.module.layers.size() == 1);
  CHECK(p.module.layers[0].statements.size() == 1);
}

TEST_CASE("unknown-function: lists the known functions") {
  Parsed p("layer t { y := softplus(x) + foo(z) }");
  CHECK(p.errors() ==
        Errors({"unknown-function 1:16 `softplus` unknown function `softplus`; expected one of exp, log, tanh, "
                "sigmoid, relu, sqrt, square, sin, cos, abs",
                "unknown-function 1:30 `foo` unknown function `foo`; expected one of exp, log, tanh, sigmoid, "
                "relu, sqrt, square, sin, cos, abs"}));
  CHECK(p.module.layers.empty());
}

TEST_CASE("empty-layer: a layer without statements") {
  CHECK(Parsed("layer t { }").errors() == Errors({"empty-layer 1:7 `t` layer `t` has no statements"}));
  CHECK(Parsed("layer t { grad A; dims i=3 }").errors() == Errors({"empty-layer 1:7 `t` layer `t` has no statements"}));
  // A statement with an error is not also an empty layer.
  CHECK(Parsed("layer t { x := }").count() == 1);
}

TEST_CASE("invalid-number: a dims value beyond 64 bits") {
  CHECK(Parsed("layer t { dims i=99999999999999999999\n x := A }").errors() ==
        Errors({"invalid-number 1:18 `99999999999999999999` integer `99999999999999999999` is out of range for a "
                "64-bit integer"}));
}

TEST_CASE("nesting-too-deep: one diagnostic for 10,000 parentheses") {
  Parsed p("layer t {\n y := " + std::string(10000, '(') + "x" + std::string(10000, ')') + "\n z := w\n}");
  REQUIRE(p.count() == 1);
  CHECK(p.diags.all()[0].kind == DiagKind::nesting_too_deep);
  CHECK(p.file.line_col(p.diags.all()[0].range.begin).column == 7 + 256);
  CHECK(p.diags.all()[0].message == "expression nests deeper than 256 levels of parentheses, calls and unary minus");
  REQUIRE(p.module.layers.size() == 1);
  CHECK(p.module.layers[0].statements.size() == 1);
}

TEST_CASE("nesting-too-deep: unary minus and calls count too") {
  Parsed minus("layer t { y := " + std::string(10000, '-') + "x }");
  CHECK(minus.count() == 1);
  CHECK(minus.diags.all()[0].kind == DiagKind::nesting_too_deep);
  std::string calls;
  for (int k = 0; k < 10000; ++k) calls += "exp(";
  Parsed call("layer t { y := " + calls + "x" + std::string(10000, ')') + " }");
  CHECK(call.count() == 1);
  CHECK(call.diags.all()[0].kind == DiagKind::nesting_too_deep);
}

TEST_CASE("nesting-too-deep: parentheses spread over lines still give one diagnostic") {
  std::string deep;
  for (int k = 0; k < 1000; ++k) deep += "(\n";
  Parsed p("layer t {\n y := " + deep + "x" + std::string(1000, ')') + "\n z := w\n}");
  CHECK(p.count() == 1);
}

TEST_CASE("recovery: several independent errors in one run") {
  Parsed p(
      "layer a {\n"
      "  x[i := y[i]\n"  // expected-token
      "  z := w^0.5\n"   // invalid-exponent
      "  ok := fine\n"
      "  q := bogus(r)\n"  // unknown-function
      "}\n"
      "layer b { }\n"  // empty-layer
      "layer c {\n"
      "  v := @u\n"       // invalid-character
      "  s := t * * t\n"  // expected-token
      "}\n");
  CHECK(p.errors() == Errors({
                          "expected-token 2:7 `:=` expected `,` or `]`, got `:=`",
                          "invalid-exponent 3:10 `0.5` expected an integer exponent, got `0.5`",
                          "unknown-function 5:8 `bogus` unknown function `bogus`; expected one of exp, log, tanh, "
                          "sigmoid, relu, sqrt, square, sin, cos, abs",
                          "empty-layer 7:7 `b` layer `b` has no statements",
                          "invalid-character 9:8 `@` invalid character `@`",
                          "expected-token 10:12 `*` expected expression, got `*`",
                      }));
  // Only what parsed cleanly is kept: layer a's `ok` statement; layer c lost both.
  REQUIRE(p.module.layers.size() == 1);
  CHECK(p.module.layers[0].statements.size() == 1);
  CHECK(p.module.layers[0].statements[0].lhs.name.text == "ok");
}

TEST_CASE("recovery: lexer errors are merged in source order") {
  Parsed p("layer t {\n x := 1e + y\n w[ := 2\n z := $\n}");
  CHECK(p.errors() == Errors({"invalid-number 2:7 `1e` invalid number `1e`: expected digits in the exponent",
                              "expected-token 3:5 `:=` expected index name, got `:=`",
                              "invalid-character 4:7 `$` invalid character `$`"}));
}

TEST_CASE("recovery: no expected-token error in an item after a token the lexer reported") {
  Parsed p("layer t {\n a := b @ c\n d := x 1.2.3\n}");
  CHECK(p.errors() == Errors({"invalid-character 2:9 `@` invalid character `@`",
                              "invalid-number 3:9 `1.2.3` invalid number `1.2.3`"}));
  REQUIRE(p.module.layers.size() == 1);
  CHECK(p.module.layers[0].statements.size() == 1);  // `d := x`
}

TEST_CASE("recovery: an invalid run at the end of the file does not hide a missing `}`") {
  CHECK(Parsed("layer t {\n x := y\n@").errors() == Errors({"expected-token 2:8 `` expected `}`, got end of file",
                                                            "invalid-character 3:1 `@` invalid character `@`"}));
}

TEST_CASE("recovery: stops once the error limit is reached") {
  std::string text = "layer t {\n";
  for (int k = 0; k < 1000; ++k) text += " x := * \n";
  text += "}\n";
  Parsed p(text, 5);
  CHECK(p.diags.all().size() == 6);
  CHECK(p.diags.all().back().kind == DiagKind::too_many_errors);
}

TEST_CASE("recovery: garbage at file level is one error per stretch") {
  Parsed p("x y z { } ( ]\nlayer t { a := b }\n1 2 3\n");
  CHECK(p.errors() == Errors({"expected-token 1:1 `x` expected `layer`, got `x`",
                              "expected-token 3:1 `1` expected `layer`, got `1`"}));
  CHECK(p.module.layers.size() == 1);
}

TEST_CASE("hostile bytes: NUL and invalid UTF-8 inside a layer") {
  std::string text = "layer t {\n x := y\n";
  text += std::string("\0\0\xff\xfe", 4);
  text += "\n z := w \xc3\n}\n";
  Parsed p(text);
  CHECK(p.errors() == "invalid-character 3:1 `" + std::string("\0\0\xff\xfe", 4) +
                          "` invalid characters \\x00 \\x00 \\xFF \\xFE\n"
                          "invalid-character 4:9 `\xc3` invalid character \\xC3\n");
}

TEST_CASE("hostile bytes: a 100 kB identifier is one error") {
  std::string name(100 * 1024, 'n');
  Parsed p("layer t { y := " + name + " * x }");
  REQUIRE(p.count() == 1);
  CHECK(p.diags.all()[0].kind == DiagKind::identifier_too_long);
  CHECK(p.module.layers.empty());
}

}  // namespace ricci::syntax
