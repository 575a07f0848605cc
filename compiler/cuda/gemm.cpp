// Row-major tensors as cuBLAS matrices: a group of labels is one matrix dimension, with the
// size and stride schedule::gemm_strides gives it; ricci::cuda::gemm picks transposes at run time.
#include "cuda/gemm.h"

#include <fmt/format.h>

#include <memory>

#include "codegen/nest.h"
#include "cuda/expr.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

using Labels = std::vector<ir::Label>;

// The labels of A, B and C, one per axis, with A the operand holding the m labels.
struct Product {
  const Labels& a;
  const Labels& b;
  const Labels& c;
};

Product labels_of(const ir::Contract& c, const schedule::Gemm& g) {
  RICCI_CHECK(c.operands.size() == 2 && g.a_operand < 2, "a GEMM has two operands");
  return {c.operands[g.a_operand].labels, c.operands[1 - g.a_operand].labels, c.out};
}

// A stride of no extents is 1: the group's last axis is its tensor's last.
bool unit_stride(const schedule::Extents& stride) { return stride.empty(); }

// cuBLAS needs one of a matrix's two groups at unit stride, unless one of them is empty.
bool matrix_ok(const Labels& rows, const Labels& cols, const schedule::Extents& row_stride,
               const schedule::Extents& col_stride) {
  return rows.empty() || cols.empty() || unit_stride(row_stride) || unit_stride(col_stride);
}

// Which of A, B and C a batch label's stride is read for.
using BatchStride = schedule::Extents schedule::GemmStrides::Batch::*;

class Emitter {
 public:
  Emitter(const CudaProgram& p, const schedule::Kernel& k, const schedule::GemmStrides& s)
      : p_(p), c_(std::get<ir::Contract>(p.value(k.value).op)), g_(*k.gemm), s_(s) {}

  void emit(codegen::Printer& out, const std::string& a_ptr, const std::string& b_ptr, const std::string& c_ptr) {
    // Batch labels consecutive and in order in all three tensors fold into one batch
    // dimension; otherwise the outer ones are host loops and the last is cuBLAS's batch.
    Product t = labels_of(c_, g_);
    std::size_t looped = 0;
    if (!(schedule::consecutive(t.a, g_.batch) && schedule::consecutive(t.b, g_.batch) &&
          schedule::consecutive(t.c, g_.batch))) {
      looped = g_.batch.size() - 1;
    }
    codegen::NameTable::Scope scope(p_.scope);
    std::vector<std::string> vars;
    std::vector<std::unique_ptr<codegen::Printer::Block>> loops;
    for (std::size_t d = 0; d < looped; ++d) {
      std::string var = p_.scope.claim(c_.labels.at(static_cast<std::size_t>(g_.batch[d])).name);
      loops.push_back(std::make_unique<codegen::Printer::Block>(
          out, fmt::format("for (int64_t {0} = 0; {0} < {1}; ++{0})", var, element_count(p_, s_.batch[d].extent)),
          " // for " + var));
      vars.push_back(var);
    }
    schedule::Extents batch_count;
    for (std::size_t d = looped; d < g_.batch.size(); ++d) {
      batch_count.insert(batch_count.end(), s_.batch[d].extent.begin(), s_.batch[d].extent.end());
    }
    std::vector<std::string> args = {
        fmt::format("{}.blas({}, {})", p_.api.ws, p_.stream, layer()),
        fmt::format("T({})", codegen::cpp_number(g_.coeff)),
        matrix(a_ptr, vars, &schedule::GemmStrides::Batch::a, {s_.m, s_.k, s_.a_m, s_.a_k}),
        matrix(b_ptr, vars, &schedule::GemmStrides::Batch::b, {s_.k, s_.n, s_.b_k, s_.b_n}),
        matrix(c_ptr, vars, &schedule::GemmStrides::Batch::c, {s_.m, s_.n, s_.c_m, s_.c_n}),
        element_count(p_, batch_count),
        layer()};
    out.put(out.wrap("ricci::cuda::gemm<T>", args, ";"));
  }

 private:
  // A MatrixLayout's four fields: rows, cols, row stride, col stride.
  struct Layout {
    const schedule::Extents &rows, &cols, &row_stride, &col_stride;
  };

  // `{B.data() + b * n_i, {n_i, n_j, n_j, 1}, n_j * n_k}`: the pointer advanced by the host
  // loops, the layout, and the stride of cuBLAS's batch (its last label's; 0 without one).
  std::string matrix(const std::string& pointer, const std::vector<std::string>& loop_vars, BatchStride stride,
                     const Layout& layout) const {
    std::string data = pointer;
    for (std::size_t d = 0; d < loop_vars.size(); ++d) {
      data += fmt::format(" + {} * {}", loop_vars[d], element_count(p_, s_.batch[d].*stride));
    }
    std::string batch_stride = s_.batch.empty() ? "0" : element_count(p_, s_.batch.back().*stride);
    return fmt::format("{{{}, {{{}, {}, {}, {}}}, {}}}", data, element_count(p_, layout.rows), element_count(p_, layout.cols),
                       element_count(p_, layout.row_stride), element_count(p_, layout.col_stride), batch_stride);
  }

  std::string layer() const { return codegen::c_string(p_.api.layer); }

  const CudaProgram& p_;
  const ir::Contract& c_;
  const schedule::Gemm& g_;
  const schedule::GemmStrides& s_;
};

}  // namespace

std::optional<schedule::GemmStrides> cublas_strides(const ir::Program& p, const schedule::Kernel& k) {
  if (!k.gemm) return std::nullopt;
  const auto* c = std::get_if<ir::Contract>(&p.at(k.value).op);
  if (c == nullptr) return std::nullopt;
  // schedule::match_gemm has ruled out diagonals, more than two operands and empty k.
  const schedule::Gemm& g = *k.gemm;
  schedule::GemmStrides s = schedule::gemm_strides(*c, g);
  if (matrix_ok(g.m, g.k, s.a_m, s.a_k) && matrix_ok(g.k, g.n, s.b_k, s.b_n) && matrix_ok(g.m, g.n, s.c_m, s.c_n)) return s;
  return std::nullopt;
}

void emit_gemm(codegen::Printer& out, const CudaProgram& p, const schedule::Kernel& k, const schedule::GemmStrides& s) {
  RICCI_CHECK(k.gemm.has_value(), "emit_gemm on a kernel that is no GEMM");
  out.line("// {}  (cuBLAS)", math_line(p, k.value));
  Emitter(p, k, s).emit(out, host_pointer(p, k.gemm->a), host_pointer(p, k.gemm->b), host_pointer(p, k.result()));
}

}  // namespace ricci::cuda
