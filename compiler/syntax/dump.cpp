// Token and syntax-tree dumps: one item per line with its line:col, deterministic.
#include <fmt/format.h>

#include <string>
#include <type_traits>

#include "syntax/syntax.h"

namespace ricci::syntax {

namespace {

// Non-printable bytes (only invalid runs contain them) become \xNN so the dump is plain text.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x7F)
      out += fmt::format("\\x{:02X}", b);
    else
      out += c;
  }
  return out;
}

class AstDumper {
 public:
  explicit AstDumper(const SourceFile& file) : file_(file) {}

  std::string run(const Module& module) {
    for (const Layer& layer : module.layers) dump_layer(layer);
    return std::move(out_);
  }

 private:
  std::string at(SourceRange r) const {
    LineCol lc = file_.line_col(r.begin);
    return fmt::format("@{}:{}", lc.line, lc.column);
  }

  void line(int indent, std::string_view text) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  static std::string names(const std::vector<Ident>& list, std::string_view separator) {
    std::string out;
    for (const Ident& id : list) {
      if (!out.empty()) out += separator;
      out += id.text;
    }
    return out;
  }

  // As written in the source: `B[i,j]`, `s[]` or `s`.
  static std::string access_text(const Access& a) {
    if (!a.bracketed) return a.name.text;
    return a.name.text + "[" + names(a.indices, ",") + "]";
  }

  void dump_layer(const Layer& layer) {
    line(0, fmt::format("layer {} {}", layer.name.text, at(layer.range)));
    if (layer.grad_clause) line(1, fmt::format("grad {} {}", names(layer.grads, ", "), at(*layer.grad_clause)));
    if (layer.output_clause) line(1, fmt::format("output {} {}", names(layer.outputs, ", "), at(*layer.output_clause)));
    if (!layer.dims.empty()) {
      std::string dims;
      for (const DimHint& d : layer.dims)
        dims += fmt::format("{}{}={}", dims.empty() ? "" : ", ", d.index.text, d.value);
      line(1, fmt::format("dims {} {}", dims, at(layer.dims.front().index.range)));
    }
    for (const Statement& s : layer.statements) {
      line(1, fmt::format("statement {} {}", s.op == AssignOp::define ? ":=" : "+=", at(s.range)));
      line(2, "lhs " + access_text(s.lhs));
      dump_expr(2, "", *s.rhs);
    }
  }

  // `prefix` is the operator joining this operand to its n-ary parent (`+ `, `/ `, ...).
  void dump_expr(int indent, std::string_view prefix, const Expr& e) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          std::string where = at(e.range);
          if constexpr (std::is_same_v<T, Number>) {
            line(indent, fmt::format("{}number {} {}", prefix, node.value, where));
          } else if constexpr (std::is_same_v<T, Access>) {
            line(indent, fmt::format("{}access {} {}", prefix, access_text(node), where));
          } else if constexpr (std::is_same_v<T, Call>) {
            line(indent, fmt::format("{}call {} {}", prefix, function_name(node.fn), where));
            dump_expr(indent + 1, "", *node.arg);
          } else if constexpr (std::is_same_v<T, Negate>) {
            line(indent, fmt::format("{}negate {}", prefix, where));
            dump_expr(indent + 1, "", *node.operand);
          } else if constexpr (std::is_same_v<T, Power>) {
            line(indent, fmt::format("{}power ^{} {}", prefix, node.exponent, where));
            dump_expr(indent + 1, "", *node.base);
          } else if constexpr (std::is_same_v<T, Product>) {
            line(indent, fmt::format("{}product {}", prefix, where));
            for (std::size_t i = 0; i < node.factors.size(); ++i)
              dump_expr(indent + 1, i == 0 ? "" : node.factors[i].divide ? "/ " : "* ", *node.factors[i].operand);
          } else {
            static_assert(std::is_same_v<T, Sum>, "every expression kind is dumped");
            line(indent, fmt::format("{}sum {}", prefix, where));
            for (std::size_t i = 0; i < node.terms.size(); ++i)
              dump_expr(indent + 1, i == 0 ? "" : node.terms[i].subtract ? "- " : "+ ", *node.terms[i].operand);
          }
        },
        e.node);
  }

  const SourceFile& file_;
  std::string out_;
};

}  // namespace

std::string dump_tokens(const std::vector<Token>& tokens, const SourceFile& file) {
  std::string out;
  for (const Token& t : tokens) {
    LineCol lc = file.line_col(t.range.begin);
    out += fmt::format("{}:{} {}", lc.line, lc.column, token_kind_name(t.kind));
    if (t.kind != TokenKind::eof) {
      out += ' ';
      out += printable(file.slice(t.range));
    }
    out += '\n';
  }
  return out;
}

std::string dump_ast(const Module& module, const SourceFile& file) { return AstDumper(file).run(module); }

}  // namespace ricci::syntax
