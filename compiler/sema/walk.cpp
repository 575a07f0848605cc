// Collecting the accesses of a layer, which every check iterates over.
#include "sema/walk.h"

#include <string_view>
#include <type_traits>
#include <variant>

namespace ricci::sema {

std::vector<const syntax::Expr*> children(const syntax::Expr& expr) {
  return std::visit(
      [](const auto& node) -> std::vector<const syntax::Expr*> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, syntax::Call>) {
          return {node.arg.get()};
        } else if constexpr (std::is_same_v<T, syntax::Negate>) {
          return {node.operand.get()};
        } else if constexpr (std::is_same_v<T, syntax::Power>) {
          return {node.base.get()};
        } else if constexpr (std::is_same_v<T, syntax::Product>) {
          std::vector<const syntax::Expr*> out;
          for (const syntax::Factor& f : node.factors) out.push_back(f.operand.get());
          return out;
        } else if constexpr (std::is_same_v<T, syntax::Sum>) {
          std::vector<const syntax::Expr*> out;
          for (const syntax::Term& t : node.terms) out.push_back(t.operand.get());
          return out;
        } else {
          static_assert(std::is_same_v<T, syntax::Number> || std::is_same_v<T, syntax::Access>);
          return {};
        }
      },
      expr.node);
}

void collect_rhs_accesses(const syntax::Expr& expr, std::size_t statement, const SourceFile& file,
                          std::vector<AccessSite>& out) {
  if (const auto* a = std::get_if<syntax::Access>(&expr.node)) {
    out.push_back({a, &expr, statement, access_range(*a, file)});
    return;
  }
  for (const syntax::Expr* child : children(expr)) collect_rhs_accesses(*child, statement, file, out);
}

std::vector<AccessSite> collect_accesses(const syntax::Layer& layer, const SourceFile& file) {
  std::vector<AccessSite> out;
  for (std::size_t s = 0; s < layer.statements.size(); ++s) {
    const syntax::Statement& st = layer.statements[s];
    out.push_back({&st.lhs, nullptr, s, access_range(st.lhs, file)});
    if (st.rhs) collect_rhs_accesses(*st.rhs, s, file, out);
  }
  return out;
}

// The AST keeps no range for an access, and the closing bracket matters for the caret, so
// it is found in the text: after the last index only blanks and comments may precede it.
SourceRange access_range(const syntax::Access& access, const SourceFile& file) {
  SourceRange r = access.name.range;
  if (!access.bracketed) return r;
  std::string_view text = file.text();
  uint32_t pos = access.indices.empty() ? r.end : access.indices.back().range.end;
  bool need_open = access.indices.empty();
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '#') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos;
    } else if (c == '[' && need_open) {
      need_open = false;
      ++pos;
    } else {
      if (c == ']' && !need_open) return {r.begin, pos + 1};
      break;
    }
  }
  return {r.begin, access.indices.empty() ? r.end : access.indices.back().range.end};
}

}  // namespace ricci::sema
