// Lexer: every token kind, line starts, numbers, and each lexical error with its range.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

struct Lexed {
  SourceFile file;
  Diagnostics diags;
  std::vector<Token> tokens;

  explicit Lexed(std::string text) : file("t.ricci", std::move(text)), diags(file), tokens(lex(file, diags)) {}

  std::string spelled(std::size_t i) const { return std::string(file.slice(tokens.at(i).range)); }
  std::vector<TokenKind> kinds() const {
    std::vector<TokenKind> out;
    for (const Token& t : tokens) out.push_back(t.kind);
    return out;
  }
  // The single diagnostic's kind must be `kind`; returns the text its range covers.
  std::string only_error(DiagKind kind) const {
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == kind);
    return std::string(file.slice(diags.all()[0].range));
  }
};

using K = TokenKind;

}  // namespace

TEST_CASE("lexer: every token kind") {
  Lexed l("layer x { A[i,j] := -B[i,j] + 2.5e-3 * c / d ^ 2 ; E += (F) = }");
  CHECK(!l.diags.has_errors());
  CHECK(l.kinds() == std::vector<K>{K::identifier, K::identifier, K::lbrace,     K::identifier, K::lbracket,
                                    K::identifier, K::comma,      K::identifier, K::rbracket,   K::define,
                                    K::minus,      K::identifier, K::lbracket,   K::identifier, K::comma,
                                    K::identifier, K::rbracket,   K::plus,       K::number,     K::star,
                                    K::identifier, K::slash,      K::identifier, K::caret,      K::number,
                                    K::semicolon,  K::identifier, K::accumulate, K::lparen,     K::identifier,
                                    K::rparen,     K::equals,     K::rbrace,     K::eof});
  CHECK(l.spelled(18) == "2.5e-3");
  CHECK(l.spelled(9) == ":=");
  CHECK(l.spelled(27) == "+=");
}

TEST_CASE("lexer: comments, whitespace and line starts") {
  Lexed l("# héllo, comments may hold anything \x01\xff\n  a b # trailing\n\t\r\nc;d\n");
  CHECK(!l.diags.has_errors());
  REQUIRE(l.tokens.size() == 6);
  CHECK(l.spelled(0) == "a");
  CHECK(l.tokens[0].at_line_start);
  CHECK(!l.tokens[1].at_line_start);
  CHECK(l.spelled(2) == "c");
  CHECK(l.tokens[2].at_line_start);
  CHECK(!l.tokens[3].at_line_start);  // `;`
  CHECK(!l.tokens[4].at_line_start);  // `d`
  CHECK(l.tokens[5].kind == K::eof);
  CHECK(l.tokens[5].at_line_start);
  CHECK(l.tokens[5].range.begin == l.file.text().size());
}

TEST_CASE("lexer: an invalid run does not take the line start from the token after it") {
  Lexed l("a\n@ b\n");
  REQUIRE(l.tokens.size() == 4);
  CHECK(l.tokens[1].kind == K::invalid);
  CHECK(l.tokens[2].at_line_start);
}

TEST_CASE("lexer: numbers") {
  Lexed l("0 42 3.25 1e3 1E+3 2.5e-3 007 1e-310");
  CHECK(!l.diags.has_errors());
  CHECK(l.tokens.size() == 9);
  for (std::size_t i = 0; i + 1 < l.tokens.size(); ++i) CHECK(l.tokens[i].kind == K::number);
  CHECK(l.spelled(4) == "1E+3");
}

TEST_CASE("lexer: a sign after an exponent letter belongs to the number only before a digit") {
  Lexed l("3-2 1e-x");
  CHECK(l.kinds() == std::vector<K>{K::number, K::minus, K::number, K::number, K::minus, K::identifier, K::eof});
  CHECK(l.only_error(DiagKind::invalid_number) == "1e");
}

TEST_CASE("lexer: malformed numbers") {
  struct Case {
    const char* text;
    const char* range;
    const char* message;
  };
  const Case cases[] = {
      {"x 1e y", "1e", "invalid number `1e`: expected digits in the exponent"},
      {"x 1e+ y", "1e", "invalid number `1e`: expected digits in the exponent"},
      {"x 1. y", "1.", "invalid number `1.`: expected digits after `.`"},
      {"x 1.2.3 y", "1.2.3", "invalid number `1.2.3`"},
      {"x .5 y", ".5", "invalid number `.5`: expected a digit before `.`"},
      {"x 12ab y", "12ab", "invalid number `12ab`"},
      {"x 0x1F y", "0x1F", "invalid number `0x1F`"},
      {"x 1e999 y", "1e999", "number `1e999` is out of range for a double"},
      {"x 1e-400 y", "1e-400", "number `1e-400` is out of range for a double"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Lexed l(c.text);
    CHECK(l.only_error(DiagKind::invalid_number) == c.range);
    CHECK(l.diags.all()[0].message == c.message);
    REQUIRE(l.tokens.size() >= 4);
    CHECK(l.tokens[1].kind == K::number);
    CHECK(l.tokens[1].malformed);
  }
}

TEST_CASE("lexer: a huge number is one token and a short message") {
  std::string digits(100000, '9');
  Lexed l("x " + digits + "e999");
  CHECK(l.only_error(DiagKind::invalid_number).size() == digits.size() + 4);
  CHECK(l.diags.all()[0].message == "number `" + std::string(32, '9') + "...` is out of range for a double");
}

TEST_CASE("lexer: identifiers up to 255 bytes are fine, longer ones are reported") {
  Lexed ok(std::string(255, 'a'));
  CHECK(!ok.diags.has_errors());

  std::string huge = "_" + std::string(100 * 1024, 'x') + "9";
  Lexed l("a := " + huge + " + b");
  CHECK(l.only_error(DiagKind::identifier_too_long) == huge);
  CHECK(l.diags.all()[0].message == "identifier is 102402 bytes long; the limit is 255");
  REQUIRE(l.tokens.size() == 6);
  CHECK(l.tokens[2].kind == K::identifier);
  CHECK(l.tokens[2].malformed);
  CHECK(l.spelled(3) == "+");
}

TEST_CASE("lexer: invalid characters, one diagnostic per run") {
  struct Case {
    std::string text;
    const char* message;
    std::size_t begin, end;
  };
  const Case cases[] = {
      {std::string("a \0 b", 5), "invalid character \\x00", 2, 3},
      {std::string("a \x01\x1f\x7f b"), "invalid characters \\x01 \\x1F \\x7F", 2, 5},
      {"a @$ b", "invalid characters `@` `$`", 2, 4},
      {"a ` b", "invalid character U+0060", 2, 3},
      {"a : b", "invalid character `:`", 2, 3},
      {"a . b", "invalid character `.`", 2, 3},
      {"a \xc3\xa9 b", "invalid character U+00E9", 2, 4},
      {"a \xe2\x88\x91 b", "invalid character U+2211", 2, 5},
      {"a \xf0\x9f\x98\x80 b", "invalid character U+1F600", 2, 6},
      {"a \xff\xfe b", "invalid characters \\xFF \\xFE", 2, 4},
      {"a \x80 b", "invalid character \\x80", 2, 3},
      {"a \xc3 b", "invalid character \\xC3", 2, 3},                                 // truncated sequence
      {"a \xc0\xaf b", "invalid characters \\xC0 \\xAF", 2, 4},                      // overlong `/`
      {"a \xed\xa0\x80 b", "invalid characters \\xED \\xA0 \\x80", 2, 5},            // surrogate
      {"a \xf4\x90\x80\x80 b", "invalid characters \\xF4 \\x90 \\x80 \\x80", 2, 6},  // > U+10FFFF
      {"a \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c b",
       "invalid characters \\x01 \\x02 \\x03 \\x04 \\x05 \\x06 \\x07 \\x08 and 2 more", 2, 12},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Lexed l(c.text);
    REQUIRE(l.diags.all().size() == 1);
    const Diagnostic& d = l.diags.all()[0];
    CHECK(d.kind == DiagKind::invalid_character);
    CHECK(d.message == c.message);
    CHECK(d.range.begin == c.begin);
    CHECK(d.range.end == c.end);
    CHECK(l.tokens[0].kind == K::identifier);
    CHECK(l.tokens[1].kind == K::invalid);
  }
}

TEST_CASE("lexer: separate runs are separate diagnostics") {
  Lexed l("a @ b @@ c");
  REQUIRE(l.diags.all().size() == 2);
  CHECK(l.diags.all()[0].range.begin == 2);
  CHECK(l.diags.all()[1].range.begin == 6);
}

TEST_CASE("lexer: a file of NUL bytes is one diagnostic and an eof") {
  Lexed l(std::string(10000, '\0'));
  CHECK(l.diags.all().size() == 1);
  CHECK(l.kinds() == std::vector<K>{K::invalid, K::eof});
}

TEST_CASE("dump_tokens: one token per line with line:col, kind and spelling") {
  Lexed l("layer a {\n  x[i] += 2 # c\n}\x01");
  CHECK(dump_tokens(l.tokens, l.file) ==
        "1:1 identifier layer\n"
        "1:7 identifier a\n"
        "1:9 lbrace {\n"
        "2:3 identifier x\n"
        "2:4 lbracket [\n"
        "2:5 identifier i\n"
        "2:6 rbracket ]\n"
        "2:8 accumulate +=\n"
        "2:11 number 2\n"
        "3:1 rbrace }\n"
        "3:2 invalid \\x01\n"
        "3:3 eof\n");
}

}  // namespace ricci::syntax
