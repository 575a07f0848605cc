// collect_declarations: Clang's view of each annotated function, reduced to what ricci checks.
#include "scan/declarations.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>
#include <fmt/format.h>

namespace ricci::scan {
namespace {

constexpr llvm::StringLiteral kAnnotation = "ricci.layer";

class Collector : public clang::RecursiveASTVisitor<Collector> {
 public:
  explicit Collector(clang::ASTContext& context) : context_(context), sm_(context.getSourceManager()) {}

  bool VisitFunctionDecl(clang::FunctionDecl* f) {
    for (const clang::AnnotateAttr* a : f->specific_attrs<clang::AnnotateAttr>()) {
      if (a->getAnnotation() == kAnnotation && !a->isInherited() && in_main_file(f->getLocation()))
        found_.push_back(read(*f, *a));
    }
    return true;
  }

  std::vector<Declaration> take() { return std::move(found_); }

 private:
  bool in_main_file(clang::SourceLocation loc) const { return sm_.isInMainFile(sm_.getExpansionLoc(loc)); }

  uint32_t offset(clang::SourceLocation loc) const { return sm_.getFileOffset(sm_.getExpansionLoc(loc)); }

  // From the first character of `r` to the last of its last token.
  SourceRange range(clang::SourceRange r) const {
    clang::SourceLocation end = clang::Lexer::getLocForEndOfToken(sm_.getExpansionLoc(r.getEnd()), 0, sm_,
                                                                  context_.getLangOpts());
    uint32_t begin = offset(r.getBegin());
    uint32_t stop = end.isValid() && sm_.isInMainFile(end) ? sm_.getFileOffset(end) : begin + 1;
    return {begin, stop > begin ? stop : begin + 1};
  }

  std::string spelled(clang::QualType t) const { return t.getAsString(context_.getPrintingPolicy()); }

  // ricci::View<T, N> by value (top-level const allowed: the view, not its data, is const).
  std::optional<ViewType> view_of(clang::QualType type) const {
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getCanonicalType()->getAsCXXRecordDecl());
    if (spec == nullptr || spec->getQualifiedNameAsString() != "ricci::View") return std::nullopt;
    const clang::TemplateArgumentList& args = spec->getTemplateArgs();
    if (args.size() != 2 || args[0].getKind() != clang::TemplateArgument::Type ||
        args[1].getKind() != clang::TemplateArgument::Integral)
      return std::nullopt;
    clang::QualType element = args[0].getAsType().getCanonicalType();
    return ViewType{spelled(element.getUnqualifiedType()), element.isConstQualified(),
                    args[1].getAsIntegral().getExtValue()};
  }

  Parameter parameter(const clang::ParmVarDecl& p) const {
    return {p.getName().str(), range(p.getSourceRange()), spelled(p.getType()), view_of(p.getType())};
  }

  // Header offsets of the literal's bytes and of its closing quote; `fallback` where the
  // literal is not written in the header itself.
  std::vector<uint32_t> literal_offsets(const clang::StringLiteral& s, uint32_t fallback) const {
    std::size_t n = s.getLength();
    std::vector<uint32_t> out(n + 1, fallback);
    clang::SourceLocation first = sm_.getSpellingLoc(s.getStrTokenLoc(0));
    if (s.getNumConcatenated() == 1 && sm_.isInMainFile(first) &&
        clang::Lexer::MeasureTokenLength(first, sm_, context_.getLangOpts()) == n + 2) {
      // One plain token without escapes: byte k is the (k+1)-th character after the quote.
      for (std::size_t k = 0; k <= n; ++k) out[k] = sm_.getFileOffset(first) + 1 + static_cast<uint32_t>(k);
      return out;
    }
    for (std::size_t k = 0; k <= n; ++k) {
      // Through a macro argument (RICCI_LAYER's) the location is a macro one: take its spelling.
      clang::SourceLocation loc = sm_.getSpellingLoc(
          s.getLocationOfByte(static_cast<unsigned>(k), sm_, context_.getLangOpts(), context_.getTargetInfo()));
      if (loc.isValid() && sm_.isInMainFile(loc)) out[k] = sm_.getFileOffset(loc);
    }
    return out;
  }

  // The enclosing namespaces, or why the function cannot be defined from another file.
  std::string namespaces(const clang::FunctionDecl& f, std::string& unsupported) const {
    std::string ns;
    for (const clang::DeclContext* c = f.getDeclContext(); !c->isTranslationUnit(); c = c->getParent()) {
      if (const auto* n = llvm::dyn_cast<clang::NamespaceDecl>(c)) {
        if (n->isAnonymousNamespace()) {
          unsupported = fmt::format("`{}` is in an anonymous namespace, but ricci defines it in a file of its own",
                                    f.getName().str());
          return "";
        }
        ns = ns.empty() ? n->getName().str() : n->getName().str() + "::" + ns;
      } else if (!llvm::isa<clang::LinkageSpecDecl>(c)) {
        unsupported = fmt::format("`{}` is not declared at namespace scope", f.getName().str());
        return "";
      }
    }
    return ns;
  }

  // Why `f` cannot be a layer, or "".
  std::string unsupported(const clang::FunctionDecl& f, const clang::AnnotateAttr& a) const {
    std::string name = f.getName().str();
    if (llvm::isa<clang::CXXMethodDecl>(f)) return fmt::format("`{}` is a member function; layers are free functions", name);
    if (f.isTemplated()) return fmt::format("`{}` is a template; a layer has one element type", name);
    if (f.doesThisDeclarationHaveABody())
      return fmt::format("`{}` already has a body; ricci writes the definition of a layer", name);
    if (!f.getReturnType()->isVoidType())
      return fmt::format("`{}` returns `{}`; a layer returns `void` and writes its outputs to `ricci::Ref` "
                         "parameters",
                         name, spelled(f.getReturnType()));
    if (f.isVariadic()) return fmt::format("`{}` is variadic; a layer takes exactly its tensors", name);
    if (f.getStorageClass() == clang::SC_Static)
      return fmt::format("`{}` is static, but ricci defines it in a file of its own", name);
    if (a.args_size() != 1) return "RICCI_LAYER takes exactly one argument, the spec as a string literal";
    return "";
  }

  Declaration read(const clang::FunctionDecl& f, const clang::AnnotateAttr& a) const {
    Declaration d;
    d.name = f.getName().str();
    d.name_range = {offset(f.getLocation()), offset(f.getLocation()) + static_cast<uint32_t>(d.name.size())};
    d.line = sm_.getExpansionLineNumber(f.getLocation());
    d.unsupported = unsupported(f, a);
    if (d.unsupported.empty()) d.ns = namespaces(f, d.unsupported);
    for (const clang::ParmVarDecl* p : f.parameters()) d.params.push_back(parameter(*p));
    if (!d.unsupported.empty()) return d;
    const auto* literal = llvm::dyn_cast<clang::StringLiteral>((*a.args_begin())->IgnoreParenImpCasts());
    if (literal == nullptr || literal->getCharByteWidth() != 1) {
      d.unsupported = "the argument of RICCI_LAYER must be a narrow string literal, the spec";
      return d;
    }
    d.spec = literal->getString().str();
    d.spec_offsets = literal_offsets(*literal, d.name_range.begin);
    return d;
  }

  clang::ASTContext& context_;
  const clang::SourceManager& sm_;
  std::vector<Declaration> found_;
};

}  // namespace

std::vector<Declaration> collect_declarations(clang::ASTContext& context) {
  Collector collector(context);
  collector.TraverseDecl(context.getTranslationUnitDecl());
  return collector.take();
}

}  // namespace ricci::scan
