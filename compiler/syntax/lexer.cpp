// The lexer: bytes to tokens, never failing; every malformed byte run is one diagnostic.
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>

#include "syntax/quote.h"
#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

constexpr std::size_t kMaxIdentifierBytes = 255;
// An invalid run lists at most this many characters in its message.
constexpr std::size_t kMaxListedCharacters = 8;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Length of the well-formed UTF-8 sequence at s[i] and its code point; 0 if there is none
// (stray continuation byte, truncated sequence, overlong form, surrogate, beyond U+10FFFF).
std::size_t decode_utf8(std::string_view s, std::size_t i, uint32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = byte(0);
  std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

class Lexer {
 public:
  Lexer(const SourceFile& file, Diagnostics& diags) : text_(file.text()), diags_(diags) {}

  std::vector<Token> run() {
    for (;;) {
      skip_trivia();
      if (pos_ >= text_.size()) break;
      std::size_t begin = pos_;
      char c = text_[pos_];
      if (is_ident_start(c)) {
        lex_identifier();
      } else if (is_digit(c) || (c == '.' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]))) {
        lex_number();
      } else if (TokenKind k; punctuation(k)) {
        push(k, begin);
      } else {
        lex_invalid_run();
      }
    }
    pos_ = text_.size();
    push(TokenKind::eof, pos_);
    return std::move(tokens_);
  }

 private:
  void skip_trivia() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        line_start_ = true;
        ++pos_;
      } else if (is_space(c)) {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }

  Token& push(TokenKind kind, std::size_t begin) {
    Token t;
    t.kind = kind;
    t.range = {static_cast<uint32_t>(begin), static_cast<uint32_t>(pos_)};
    t.at_line_start = line_start_;
    // An invalid run does not count as the line's first token, so recovery still stops at
    // the real token after it.
    if (kind != TokenKind::invalid) line_start_ = false;
    tokens_.push_back(t);
    return tokens_.back();
  }

  // Consumes the punctuation token at pos_, if there is one.
  bool punctuation(TokenKind& kind) {
    char c = text_[pos_];
    char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
    std::size_t len = 1;
    switch (c) {
      case ':':
        if (next != '=') return false;
        kind = TokenKind::define;
        len = 2;
        break;
      case '+':
        kind = next == '=' ? TokenKind::accumulate : TokenKind::plus;
        if (kind == TokenKind::accumulate) len = 2;
        break;
      case '-': kind = TokenKind::minus; break;
      case '*': kind = TokenKind::star; break;
      case '/': kind = TokenKind::slash; break;
      case '^': kind = TokenKind::caret; break;
      case '(': kind = TokenKind::lparen; break;
      case ')': kind = TokenKind::rparen; break;
      case '[': kind = TokenKind::lbracket; break;
      case ']': kind = TokenKind::rbracket; break;
      case '{': kind = TokenKind::lbrace; break;
      case '}': kind = TokenKind::rbrace; break;
      case ',': kind = TokenKind::comma; break;
      case ';': kind = TokenKind::semicolon; break;
      case '=': kind = TokenKind::equals; break;
      default: return false;
    }
    pos_ += len;
    return true;
  }

  void lex_identifier() {
    std::size_t begin = pos_;
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    Token& t = push(TokenKind::identifier, begin);
    std::size_t length = pos_ - begin;
    if (length > kMaxIdentifierBytes) {
      t.malformed = true;
      diags_.error(DiagKind::identifier_too_long, t.range,
                   fmt::format("identifier is {} bytes long; the limit is {}", length, kMaxIdentifierBytes));
    }
  }

  // A number is scanned as the longest run that could belong to one (digits, letters, `_`,
  // `.`, and a sign right after an exponent letter), then checked against the grammar, so
  // `1.2.3` and `2x` are one bad number rather than a number glued to other tokens.
  void lex_number() {
    std::size_t begin = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      bool sign = (c == '+' || c == '-') && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E') &&
                  pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]);
      if (!is_ident_char(c) && c != '.' && !sign) break;
      ++pos_;
    }
    Token& t = push(TokenKind::number, begin);
    std::string_view s = text_.substr(begin, pos_ - begin);
    std::string problem = number_problem(s);
    if (problem.empty()) {
      double value = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
      if (ec == std::errc::result_out_of_range)
        problem = fmt::format("number {} is out of range for a double", quoted(s));
    }
    if (!problem.empty()) {
      t.malformed = true;
      diags_.error(DiagKind::invalid_number, t.range, std::move(problem));
    }
  }

  // Checks `digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]`; returns the message
  // for a violation, or "" when the spelling is well-formed.
  static std::string number_problem(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
      std::size_t from = i;
      while (i < s.size() && is_digit(s[i])) ++i;
      return i > from;
    };
    if (!digits()) return fmt::format("invalid number {}: expected a digit before `.`", quoted(s));
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (!digits()) return fmt::format("invalid number {}: expected digits after `.`", quoted(s));
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      if (!digits()) return fmt::format("invalid number {}: expected digits in the exponent", quoted(s));
    }
    if (i < s.size()) return fmt::format("invalid number {}", quoted(s));
    return "";
  }

  // True if a token or trivia can start at pos_ (so an invalid run ends there).
  bool starts_something() {
    char c = text_[pos_];
    if (is_space(c) || c == '#' || is_ident_start(c) || is_digit(c)) return true;
    if (c == '.') return pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1]);
    if (c == ':') return pos_ + 1 < text_.size() && text_[pos_ + 1] == '=';
    std::size_t saved = pos_;
    TokenKind ignored;
    bool punct = punctuation(ignored);
    pos_ = saved;
    return punct;
  }

  // One diagnostic for the whole run of characters that start no token.
  void lex_invalid_run() {
    std::size_t begin = pos_;
    std::vector<std::string> shown;
    std::size_t count = 0;
    while (pos_ < text_.size() && !starts_something()) {
      auto c = static_cast<unsigned char>(text_[pos_]);
      std::string item;
      if (c < 0x80) {
        if (c < 0x20 || c == 0x7F)
          item = fmt::format("\\x{:02X}", c);
        else if (c == '`')
          item = "U+0060";
        else
          item = fmt::format("`{}`", static_cast<char>(c));
        ++pos_;
      } else if (uint32_t cp = 0; std::size_t n = decode_utf8(text_, pos_, cp)) {
        item = fmt::format("U+{:04X}", cp);
        pos_ += n;
      } else {
        item = fmt::format("\\x{:02X}", c);
        ++pos_;
      }
      if (count++ < kMaxListedCharacters) shown.push_back(std::move(item));
    }
    Token& t = push(TokenKind::invalid, begin);
    t.malformed = true;
    std::string list;
    for (const std::string& item : shown) list += (list.empty() ? "" : " ") + item;
    if (count > shown.size()) list += fmt::format(" and {} more", count - shown.size());
    diags_.error(DiagKind::invalid_character, t.range,
                 fmt::format("invalid character{} {}", count == 1 ? "" : "s", list));
  }

  std::string_view text_;
  Diagnostics& diags_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  bool line_start_ = true;
};

}  // namespace

std::vector<Token> lex(const SourceFile& file, Diagnostics& diags) { return Lexer(file, diags).run(); }

}  // namespace ricci::syntax
