// A GEMM-shaped contraction as one ricci::gemm call (<ricci/gemm.h>), its GemmShape filled
// from the extents: dense workspace values stride as products of extents, the caller's
// views by their own strides.
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "codegen/nest.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

using Labels = std::vector<ir::Label>;

// `i`, `(i, j)` or `1`: a group of labels in the GEMM comment.
std::string group_text(const ir::Contract& c, const Labels& group) {
  std::vector<std::string> names;
  for (ir::Label l : group) names.push_back(c.labels.at(static_cast<std::size_t>(l)).name);
  if (names.empty()) return "1";
  if (names.size() == 1) return names[0];
  return fmt::format("({})", fmt::join(names, ", "));
}

// One of A, B and C: the value, its view's name and the labels of its axes.
struct Matrix {
  ir::ValueId value;
  std::string view;
  const Labels* labels;
};

class ShapePrinter {
 public:
  ShapePrinter(Printer& out, const Body& body, std::string shape)
      : out_(out), body_(body), shape_(std::move(shape)) {}

  void size(std::string_view field, const schedule::Extents& extents) {
    out_.line("{}.{} = {};", shape_, field, product(extents));
  }

  // The stride of `group` in `x`: the view's stride of the group's last axis for a
  // parameter, else (or for an empty group) the dense row-major stride `dense`.
  void stride(std::string_view field, const Matrix& x, const Labels& group, const schedule::Extents& dense) {
    if (group.empty() || !body_.is_param(x.value)) {
      out_.line("{}.{} = {};", shape_, field, product(dense));
      return;
    }
    auto axis = std::find(x.labels->begin(), x.labels->end(), group.back());
    RICCI_CHECK(axis != x.labels->end(), "a GEMM group label is not in its tensor");
    out_.line("{}.{} = {}.stride({});", shape_, field, x.view, axis - x.labels->begin());
  }

 private:
  std::string product(const schedule::Extents& extents) const {
    std::vector<std::string> vars;
    for (ir::ExtentId e : extents) vars.push_back(body_.extent_var(e));
    if (vars.empty()) return "1";
    return fmt::format("{}", fmt::join(vars, " * "));
  }

  Printer& out_;
  const Body& body_;
  std::string shape_;
};

}  // namespace

void emit_gemm(Printer& out, Body& body, const schedule::Kernel& kernel, std::string_view prelude) {
  RICCI_CHECK(kernel.gemm.has_value(), "emit_gemm on a kernel that is no GEMM");
  const schedule::Gemm& g = *kernel.gemm;
  const auto& c = std::get<ir::Contract>(body.api.program->at(kernel.value).op);
  const schedule::GemmStrides strides = schedule::gemm_strides(c, g);
  const std::string& target = body.storage.at(static_cast<std::size_t>(kernel.result()));
  Matrix a{g.a, body.storage.at(static_cast<std::size_t>(g.a)), &c.operands.at(g.a_operand).labels};
  Matrix b{g.b, body.storage.at(static_cast<std::size_t>(g.b)), &c.operands.at(1 - g.a_operand).labels};
  Matrix result{kernel.result(), target, &c.out};

  {
    NameTable::Scope scope(body.names);
    print_kernel_math(out, body, kernel, label_vars(body.names, c));
  }
  std::string batch;
  if (!g.batch.empty()) batch = fmt::format("batch = {}, ", group_text(c, g.batch));
  out.line("// GEMM: {}m = {}, n = {}, k = {}", batch, group_text(c, g.m), group_text(c, g.n), group_text(c, g.k));
  if (!prelude.empty()) out.put(prelude);

  // A caller's view may be strided: one whose group of several axes folds into one GEMM
  // dimension must be contiguous for the fold to hold.
  std::vector<std::string> guards;
  auto guard = [&](const Matrix& x, std::initializer_list<const Labels*> groups) {
    if (!body.is_param(x.value)) return;
    for (const Labels* group : groups) {
      std::string test = x.view + ".contiguous()";
      if (group->size() > 1 && std::find(guards.begin(), guards.end(), test) == guards.end()) guards.push_back(test);
    }
  };
  guard(a, {&g.m, &g.k});
  guard(b, {&g.k, &g.n});
  guard(result, {&g.m, &g.n});
  std::unique_ptr<Printer::Indent> indent;
  if (!guards.empty()) {
    out.line("if ({}) {{", fmt::join(guards, " && "));
    indent = std::make_unique<Printer::Indent>(out);
  }

  std::string shape = body.names.claim(body.storage.at(static_cast<std::size_t>(kernel.value)) + "_gemm");
  out.line("ricci::GemmShape {};", shape);
  ShapePrinter fill(out, body, shape);
  fill.size("m", strides.m);
  fill.size("n", strides.n);
  fill.size("k", strides.k);
  fill.stride("a_m", a, g.m, strides.a_m);
  fill.stride("a_k", a, g.k, strides.a_k);
  fill.stride("b_k", b, g.k, strides.b_k);
  fill.stride("b_n", b, g.n, strides.b_n);
  fill.stride("c_m", result, g.m, strides.c_m);
  fill.stride("c_n", result, g.n, strides.c_n);
  if (!g.batch.empty()) out.line("{}.batch_rank = {};", shape, g.batch.size());
  for (std::size_t d = 0; d < g.batch.size(); ++d) {
    const schedule::GemmStrides::Batch& s = strides.batch[d];
    Labels label{g.batch[d]};
    fill.size(fmt::format("batch[{}]", d), s.extent);
    fill.stride(fmt::format("a_batch[{}]", d), a, label, s.a);
    fill.stride(fmt::format("b_batch[{}]", d), b, label, s.b);
    fill.stride(fmt::format("c_batch[{}]", d), result, label, s.c);
  }
  out.line("ricci::gemm<T>({}, T({}), {}.data(), {}.data(), {}.data());", shape, cpp_number(g.coeff), a.view, b.view,
           target);
  if (indent) {
    indent.reset();
    out.put("} else {");
    {
      Printer::Indent fallback(out);
      emit_contract_loops(out, body, kernel);
    }
    out.put("}");
  }
  if (!kernel.epilogue.empty()) emit_epilogue_loop(out, body, kernel);
}

}  // namespace ricci::codegen
