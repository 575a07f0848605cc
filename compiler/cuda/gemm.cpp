// Row-major tensors as cuBLAS matrices: a group of labels is one matrix dimension whose
// stride is that of the group's last axis; ricci::cuda::gemm picks transposes at run time.
#include "cuda/gemm.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "codegen/nest.h"
#include "cuda/expr.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

using Labels = std::vector<ir::Label>;

// One tensor of the product: its labels (one per axis) and the extent of each axis.
struct Tensor {
  Labels labels;
  ir::Shape shape;
};


std::ptrdiff_t axis_of(const Tensor& t, ir::Label l) {
  auto it = std::find(t.labels.begin(), t.labels.end(), l);
  RICCI_CHECK(it != t.labels.end(), "a GEMM label is missing from one of its tensors");
  return it - t.labels.begin();
}

// The operands of the product as A (with the m labels) and B.
std::pair<const ir::Operand*, const ir::Operand*> operands(const ir::Contract& c, const schedule::Gemm& g) {
  RICCI_CHECK(c.operands.size() == 2 && g.a_operand < 2, "a GEMM has two operands");
  return {&c.operands[g.a_operand], &c.operands[1 - g.a_operand]};
}

// The group's last axis is the tensor's last: its stride is 1.
bool innermost(const Tensor& t, const Labels& group) {
  return !group.empty() && axis_of(t, group.back()) + 1 == static_cast<std::ptrdiff_t>(t.labels.size());
}

bool matrix_ok(const Tensor& t, const Labels& rows, const Labels& cols) {
  return rows.empty() || cols.empty() || innermost(t, rows) || innermost(t, cols);
}

// True when `group` sits in consecutive axes of `t`, in order.
bool consecutive(const Tensor& t, const Labels& group) {
  for (std::size_t k = 1; k < group.size(); ++k) {
    if (axis_of(t, group[k]) != axis_of(t, group[k - 1]) + 1) return false;
  }
  return true;
}

struct Product {
  Tensor a, b, c;
};

Product tensors(const ir::Program& p, const schedule::Kernel& k) {
  const auto& c = std::get<ir::Contract>(p.at(k.value).op);
  auto [a, b] = operands(c, *k.gemm);
  return {{a->labels, p.at(a->value).shape}, {b->labels, p.at(b->value).shape}, {c.out, p.at(k.value).shape}};
}

class Emitter {
 public:
  Emitter(const CudaProgram& p, const schedule::Kernel& k)
      : p_(p), value_(k.value), g_(*k.gemm), t_(tensors(p.program(), k)) {}

  // `n_i * n_j`, or `1` for an empty group.
  std::string extent(const Tensor& t, const Labels& group) const {
    std::vector<std::string> sizes;
    for (ir::Label l : group) sizes.push_back(p_.extent_var(t.shape.at(static_cast<std::size_t>(axis_of(t, l)))));
    return sizes.empty() ? "1" : fmt::format("{}", fmt::join(sizes, " * "));
  }

  // The stride of the group's last axis in `t` (row-major), `1` for an empty group.
  std::string stride(const Tensor& t, const Labels& group) const {
    if (group.empty()) return "1";
    return axis_stride(t, static_cast<std::size_t>(axis_of(t, group.back())));
  }

  std::string axis_stride(const Tensor& t, std::size_t axis) const {
    std::vector<std::string> sizes;
    for (std::size_t a = axis + 1; a < t.shape.size(); ++a) sizes.push_back(p_.extent_var(t.shape[a]));
    return sizes.empty() ? "1" : fmt::format("{}", fmt::join(sizes, " * "));
  }

  // `{B.data() + b * n_i, {n_i, n_j, n_j, 1}, n_j * n_k}`
  std::string matrix(const Tensor& t, const std::string& pointer, const Labels& rows, const Labels& cols,
                     const Labels& looped, const std::vector<std::string>& loop_vars, const Labels& batched) const {
    std::string data = pointer;
    for (std::size_t k = 0; k < looped.size(); ++k) {
      data += fmt::format(" + {} * {}", loop_vars[k], axis_stride(t, static_cast<std::size_t>(axis_of(t, looped[k]))));
    }
    std::string batch_stride = batched.empty() ? "0" : stride(t, batched);
    return fmt::format("{{{}, {{{}, {}, {}, {}}}, {}}}", data, extent(t, rows), extent(t, cols), stride(t, rows),
                       stride(t, cols), batch_stride);
  }

  void emit(codegen::Printer& out, const std::string& a_ptr, const std::string& b_ptr, const std::string& c_ptr) {
    // Batch labels consecutive and in order in all three tensors fold into one batch
    // dimension; otherwise the outer ones are host loops and the last is cuBLAS's batch.
    Labels looped, batched = g_.batch;
    bool folds = consecutive(t_.a, g_.batch) && consecutive(t_.b, g_.batch) && consecutive(t_.c, g_.batch);
    if (!folds) {
      looped.assign(g_.batch.begin(), g_.batch.end() - 1);
      batched = {g_.batch.back()};
    }
    codegen::NameTable scope = p_.scope;
    std::vector<std::string> vars;
    std::vector<std::unique_ptr<codegen::Printer::Block>> loops;
    for (ir::Label l : looped) {
      std::string var = scope.claim(label_name(l));
      loops.push_back(std::make_unique<codegen::Printer::Block>(
          out, fmt::format("for (int64_t {0} = 0; {0} < {1}; ++{0})", var, extent(t_.c, {l})), " // for " + var));
      vars.push_back(var);
    }
    std::vector<std::string> args = {fmt::format("{}.blas({}, {})", p_.api.ws, p_.stream, layer()),
                                     fmt::format("T({})", codegen::cpp_number(g_.coeff)),
                                     matrix(t_.a, a_ptr, g_.m, g_.k, looped, vars, batched),
                                     matrix(t_.b, b_ptr, g_.k, g_.n, looped, vars, batched),
                                     matrix(t_.c, c_ptr, g_.m, g_.n, looped, vars, batched),
                                     extent(t_.c, batched), layer()};
    out.put(out.wrap("ricci::cuda::gemm<T>", args, ";"));
  }

 private:
  std::string layer() const { return codegen::c_string(p_.api.layer); }
  std::string label_name(ir::Label l) const {
    const auto& c = std::get<ir::Contract>(p_.value(value_).op);
    return c.labels.at(static_cast<std::size_t>(l)).name;
  }

  const CudaProgram& p_;
  ir::ValueId value_;
  const schedule::Gemm& g_;
  Product t_;
};

}  // namespace

bool cublas_takes(const ir::Program& p, const schedule::Kernel& k) {
  if (!k.gemm) return false;
  const auto* c = std::get_if<ir::Contract>(&p.at(k.value).op);
  if (c == nullptr) return false;
  // schedule::match_gemm has ruled out diagonals, more than two operands and empty k.
  Product t = tensors(p, k);
  const schedule::Gemm& g = *k.gemm;
  return matrix_ok(t.a, g.m, g.k) && matrix_ok(t.b, g.k, g.n) && matrix_ok(t.c, g.m, g.n);
}

void emit_gemm(codegen::Printer& out, const CudaProgram& p, const schedule::Kernel& k) {
  const auto& c = std::get<ir::Contract>(p.value(k.value).op);
  auto [a, b] = operands(c, *k.gemm);
  out.line("// {}  (cuBLAS)", math_line(p, k.value));
  Emitter(p, k).emit(out, host_pointer(p, a->value), host_pointer(p, b->value), host_pointer(p, k.result()));
}

}  // namespace ricci::cuda
