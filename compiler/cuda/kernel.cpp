// Kernel bodies are printed first, recording which pointers and extents they read; the
// signature then lists exactly those, so every parameter is used.
#include "cuda/kernel.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "codegen/expr.h"
#include "codegen/nest.h"
#include "cuda/expr.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

// One __global__ function under construction.
class Kernel {
 public:
  Kernel(const CudaProgram& p, ir::ValueId target) : p_(p), target_(target), scope_(p.scope) {}

  Printer& body() { return body_; }
  const CudaProgram& program() const { return p_; }
  std::string claim(std::string_view name) { return p_.scope.claim(name); }

  // `x[offset]` for stored value `id`, recording the pointer as a parameter.
  std::string read(ir::ValueId id, const std::string& offset) {
    if (id != target_ && std::find(reads_.begin(), reads_.end(), id) == reads_.end()) reads_.push_back(id);
    return fmt::format("{}[{}]", p_.name(id), offset);
  }
  std::string write(const std::string& offset) const { return fmt::format("{}[{}]", p_.name(target_), offset); }

  // `n_i`, recording the extent as a parameter.
  const std::string& extent(ir::ExtentId e) {
    extents_.insert(e);
    return p_.extent_var(e);
  }
  std::string count(const ir::Shape& shape) {
    for (ir::ExtentId e : shape) extent(e);
    return element_count(p_, shape);
  }

  // Prints the math comment lines, the signature and the body; returns how to launch it.
  Launch print(Printer& out, const std::string& name, const std::vector<std::string>& math,
               std::vector<ir::ExtentId> work, bool one_block) const {
    for (const std::string& line : math) out.comment(line);
    std::vector<std::string> params = {"T* " + p_.name(target_)};
    for (ir::ValueId id : reads_) params.push_back("const T* " + p_.name(id));
    for (ir::ExtentId e : extents_) params.push_back("int64_t " + p_.extent_var(e));
    out.put("template <class T>");
    out.put("__global__ void __launch_bounds__(ricci::cuda::kBlockSize)");
    Printer::Block fn(out, out.wrap(name, params, ""), "");
    std::string_view body = body_.text();
    out.put(body.substr(0, body.size() - 1));  // put() ends the last line itself
    return {name, target_, reads_, {extents_.begin(), extents_.end()}, std::move(work), one_block};
  }

 private:
  const CudaProgram& p_;
  ir::ValueId target_;
  codegen::NameTable::Scope scope_;
  Printer body_;
  std::vector<ir::ValueId> reads_;
  std::set<ir::ExtentId> extents_;
};

// Prints `statement`, breaking a long one after its ` + ` signs, as a sum of many terms is.
void put_statement(Printer& out, const std::string& statement, std::size_t width) {
  std::string line;
  std::size_t start = 0;
  while (start < statement.size()) {
    std::size_t plus = statement.find(" + ", start);
    std::string piece = statement.substr(start, plus == std::string::npos ? std::string::npos : plus + 3 - start);
    if (!line.empty() && line.size() + piece.size() > width) {
      out.put(line.substr(0, line.size() - 1));  // without the space after `+`
      line = "    ";
    }
    line += piece;
    start = plus == std::string::npos ? statement.size() : plus + 3;
  }
  out.put(line);
}

// Elementwise values computed one after another at flat index `e` of one shape: each is a
// local until the last, which is stored.
class Chain {
 public:
  Chain(Kernel& kernel, std::string e) : k_(kernel), e_(std::move(e)) {}

  // Makes `id` available as the local `expr` (already declared in the body).
  void bind(ir::ValueId id, std::string expr) { locals_[id] = std::move(expr); }

  // Computes `values` in order; the last one is written to the kernel's target.
  void run(const std::vector<ir::ValueId>& values) {
    for (std::size_t n = 0; n < values.size(); ++n) {
      ir::ValueId id = values[n];
      std::string expr = expression(id);
      // The body is printed two levels deep: the kernel and its loop.
      const std::size_t width = Printer::kWidth - 4;
      if (n + 1 == values.size()) {
        put_statement(k_.body(), fmt::format("{} = {};", k_.write(e_), expr), width);
      } else {
        put_statement(k_.body(), fmt::format("const T {} = {};", k_.program().name(id), expr), width);
        bind(id, k_.program().name(id));
      }
    }
  }

 private:
  std::string operand(ir::ValueId id) {
    auto it = locals_.find(id);
    return it != locals_.end() ? it->second : k_.read(id, e_);
  }

  std::string expression(ir::ValueId id) {
    const ir::Value& v = k_.program().value(id);
    if (const auto* m = std::get_if<ir::Map>(&v.op)) return device_call(*m, operand(m->arg));
    const auto* a = std::get_if<ir::Add>(&v.op);
    RICCI_CHECK(a, "an epilogue value is a Map or an Add");
    std::vector<std::string> terms;
    for (ir::ValueId t : a->terms) terms.push_back(operand(t));
    return fmt::format("{}", fmt::join(terms, " + "));
  }

  Kernel& k_;
  std::string e_;
  std::map<ir::ValueId, std::string> locals_;
};

// `for (int64_t e = thread_index(); e < count; e += thread_count())`, `e` named in `k`; a
// count that is a product gets a name of its own first, so the loop head stays short.
std::unique_ptr<Printer::Block> grid_stride_loop(Kernel& k, const std::string& e, const std::string& count) {
  std::string bound = count;
  if (count.find(' ') != std::string::npos) {
    bound = k.claim("count");
    k.body().line("const int64_t {} = {};", bound, count);
  }
  return std::make_unique<Printer::Block>(
      k.body(),
      fmt::format("for (int64_t {0} = ricci::cuda::thread_index(); {0} < {1}; {0} += ricci::cuda::thread_count())", e,
                  bound),
      "");
}

// Declares the label variables `vars` from flat index `flat` over their extents (the last
// varying fastest: `k = e % n_k`, `j = e / n_k % n_j`, `i = e / n_k / n_j`), skipping those
// `used` says nothing reads.
void decompose(Kernel& k, const std::string& flat, const std::vector<std::string>& vars,
               const std::vector<ir::ExtentId>& extents, const std::vector<bool>& used) {
  std::string source = flat;
  for (std::size_t j = vars.size(); j-- > 0;) {
    const std::string& n = k.extent(extents[j]);
    if (used[j]) k.body().line("const int64_t {} = {};", vars[j], j == 0 ? source : fmt::format("{} % {}", source, n));
    source = fmt::format("{} / {}", source, n);
  }
}

// The contraction's labels in the order of their first appearance in `labels`, deduplicated.
std::vector<ir::Label> distinct(const std::vector<ir::Label>& labels) {
  std::vector<ir::Label> seen;
  for (ir::Label l : labels) {
    if (std::find(seen.begin(), seen.end(), l) == seen.end()) seen.push_back(l);
  }
  return seen;
}

struct Labels {
  std::vector<ir::Label> free, summed;
  std::vector<std::string> vars;  // per Label
};

Labels claim_labels(Kernel& k, const ir::Contract& c) {
  Labels l;
  l.free = distinct(c.out);
  for (std::size_t label = 0; label < c.labels.size(); ++label) {
    auto id = static_cast<ir::Label>(label);
    if (std::find(l.free.begin(), l.free.end(), id) == l.free.end()) l.summed.push_back(id);
    l.vars.push_back(k.claim(c.labels[label].name));
  }
  return l;
}

// True when operand `o` is read in the result's own layout, at the flat index itself.
bool same_layout(const ir::Contract& c, const ir::Operand& o) {
  return !o.labels.empty() && o.labels == c.out && !ir::writes_diagonal(c);
}

// The product of the operands at the current label values, e.g. `B[i * n_j + j] * C[j * n_k + k]`;
// an operand in the result's layout is read at the flat index `e`.
std::string product(Kernel& k, const ir::Contract& c, const Labels& l, const std::string& e) {
  std::vector<std::string> factors;
  for (const ir::Operand& o : c.operands) {
    if (same_layout(c, o)) {
      factors.push_back(k.read(o.value, e));
      continue;
    }
    std::vector<std::string> vars, extents;
    const ir::Shape& shape = k.program().value(o.value).shape;
    for (std::size_t axis = 0; axis < o.labels.size(); ++axis) {
      vars.push_back(l.vars.at(static_cast<std::size_t>(o.labels[axis])));
      extents.push_back(k.extent(shape[axis]));
    }
    factors.push_back(k.read(o.value, row_major_offset(vars, extents)));
  }
  return fmt::format("{}", fmt::join(factors, " * "));
}

std::vector<ir::ExtentId> label_extents(const ir::Contract& c, const std::vector<ir::Label>& labels) {
  std::vector<ir::ExtentId> extents;
  for (ir::Label l : labels) extents.push_back(c.labels.at(static_cast<std::size_t>(l)).extent);
  return extents;
}

// True when some operand reads label `l` through its own index arithmetic.
bool read_by_operands(const ir::Contract& c, ir::Label l) {
  for (const ir::Operand& o : c.operands) {
    if (!same_layout(c, o) && std::find(o.labels.begin(), o.labels.end(), l) != o.labels.end()) return true;
  }
  return false;
}

// Sequential loops over the summed labels accumulating into `sum`; returns the value's
// expression (`T(2) * sum`, or the bare product when nothing is summed).
std::string reduce_in_thread(Kernel& k, const ir::Contract& c, const Labels& l, const std::string& e) {
  if (c.operands.empty()) return fmt::format("T({})", codegen::cpp_number(c.coeff));
  if (l.summed.empty()) return codegen::scaled(c.coeff, product(k, c, l, e));
  std::string sum = k.claim("sum");
  k.body().line("T {} = T(0);", sum);
  {
    std::vector<std::unique_ptr<Printer::Block>> loops;
    for (ir::Label s : l.summed) {
      const std::string& var = l.vars.at(static_cast<std::size_t>(s));
      loops.push_back(std::make_unique<Printer::Block>(
          k.body(), fmt::format("for (int64_t {0} = 0; {0} < {1}; ++{0})", var, k.extent(c.labels[static_cast<std::size_t>(s)].extent)),
          " // for " + var));
    }
    k.body().line("{} += {};", sum, product(k, c, l, e));
  }
  return codegen::scaled(c.coeff, sum);
}

// The value of the kernel, then its epilogue (if fused here), stored at flat index `e`.
void finish(Kernel& k, const schedule::Kernel& sk, const std::string& e, const std::string& value, bool fuse) {
  if (!fuse || sk.epilogue.empty()) {
    k.body().line("{} = {};", k.write(e), value);
    return;
  }
  const std::string& local = k.program().name(sk.value);
  k.body().line("const T {} = {};", local, value);
  Chain chain(k, e);
  chain.bind(sk.value, local);
  chain.run(sk.epilogue);
}

std::vector<std::string> math_lines(const CudaProgram& p, const std::vector<ir::ValueId>& values) {
  std::vector<std::string> lines;
  for (ir::ValueId id : values) lines.push_back(math_line(p, id));
  return lines;
}

// A Map or Add with its epilogue: one thread per element.
Launch emit_elementwise(Printer& out, const CudaProgram& p, const schedule::Kernel& sk, const std::string& name) {
  Kernel k(p, sk.result());
  std::string count = k.count(p.value(sk.value).shape);
  std::string e = k.claim("e");
  std::vector<ir::ValueId> values = {sk.value};
  values.insert(values.end(), sk.epilogue.begin(), sk.epilogue.end());
  {
    auto loop = grid_stride_loop(k, e, count);
    Chain(k, e).run(values);
  }
  return k.print(out, name, math_lines(p, values), p.value(sk.value).shape, false);
}

// The epilogue of a cuBLAS product or a diagonal, in place over the stored result.
Launch emit_epilogue(Printer& out, const CudaProgram& p, const schedule::Kernel& sk, const std::string& name) {
  Kernel k(p, sk.result());
  std::string count = k.count(p.value(sk.value).shape);
  std::string e = k.claim("e");
  {
    auto loop = grid_stride_loop(k, e, count);
    const std::string& local = p.name(sk.value);
    k.body().line("const T {} = {};", local, k.write(e));
    Chain chain(k, e);
    chain.bind(sk.value, local);
    chain.run(sk.epilogue);
  }
  std::vector<std::string> math = {"In place over the stored " + p.name(sk.result()) + " = " + p.name(sk.value) + ":"};
  for (const std::string& line : math_lines(p, sk.epilogue)) math.push_back(line);
  return k.print(out, name, math, p.value(sk.value).shape, false);
}

// One thread per (distinct) output element, a sequential reduction over the summed labels.
Launch emit_contraction(Printer& out, const CudaProgram& p, const schedule::Kernel& sk, const std::string& name) {
  const auto& c = std::get<ir::Contract>(p.value(sk.value).op);
  bool diagonal = ir::writes_diagonal(c);
  // A diagonal result is stored where the kernel's result lives; its epilogue runs after it.
  Kernel k(p, sk.result());
  Labels l = claim_labels(k, c);
  std::vector<ir::ExtentId> free_extents = label_extents(c, l.free);
  std::string count = k.count(free_extents);
  std::string e = k.claim("e");
  {
    auto loop = grid_stride_loop(k, e, count);
    std::vector<bool> used;
    for (ir::Label f : l.free) used.push_back(diagonal || read_by_operands(c, f));
    decompose(k, e, codegen::vars_of(l.vars, l.free), free_extents, used);
    std::string value = reduce_in_thread(k, c, l, e);
    std::string target = e;
    if (diagonal) {
      std::vector<std::string> extents;
      for (ir::ExtentId x : p.value(sk.value).shape) extents.push_back(k.extent(x));
      target = row_major_offset(codegen::vars_of(l.vars, c.out), extents);
    }
    finish(k, sk, target, value, !diagonal);
  }
  std::vector<ir::ValueId> values = {sk.value};
  if (!diagonal) values.insert(values.end(), sk.epilogue.begin(), sk.epilogue.end());
  std::vector<std::string> math = math_lines(p, values);
  if (diagonal) math.push_back("Only the diagonal is written; the host zero-fills the rest first.");
  return k.print(out, name, math, free_extents, false);
}

// A scalar result: one block, each thread summing a strided share of the summed labels'
// elements, then a block-wide sum (warp shuffles) that thread 0 stores.
Launch emit_reduction(Printer& out, const CudaProgram& p, const schedule::Kernel& sk, const std::string& name) {
  const auto& c = std::get<ir::Contract>(p.value(sk.value).op);
  Kernel k(p, sk.result());
  Labels l = claim_labels(k, c);
  std::vector<ir::ExtentId> summed_extents = label_extents(c, l.summed);
  std::string count = k.count(summed_extents);
  std::string r = k.claim("r");
  std::string sum = k.claim("sum");
  k.body().line("T {} = T(0);", sum);
  {
    Printer::Block loop(k.body(), fmt::format("for (int64_t {0} = threadIdx.x; {0} < {1}; {0} += blockDim.x)", r, count),
                        "");
    decompose(k, r, codegen::vars_of(l.vars, l.summed), summed_extents, std::vector<bool>(l.summed.size(), true));
    k.body().line("{} += {};", sum, product(k, c, l, r));
  }
  k.body().line("{0} = ricci::cuda::block_sum({0});", sum);
  {
    Printer::Block first(k.body(), "if (threadIdx.x == 0)", "");
    finish(k, sk, "0", codegen::scaled(c.coeff, sum), true);
  }
  std::vector<ir::ValueId> values = {sk.value};
  values.insert(values.end(), sk.epilogue.begin(), sk.epilogue.end());
  std::vector<std::string> math = math_lines(p, values);
  math.push_back("One block: a strided share of the sum per thread, then a block-wide sum.");
  return k.print(out, name, math, {}, true);
}

// A scalar that sums something: the work is the reduction, so it gets a whole block.
bool is_block_reduction(const CudaProgram& p, const schedule::Kernel& sk) {
  const auto* c = std::get_if<ir::Contract>(&p.value(sk.value).op);
  return c != nullptr && c->out.empty() && !c->operands.empty() && !c->labels.empty();
}

}  // namespace

std::vector<Launch> emit_kernels(Printer& out, const CudaProgram& p, std::size_t k) {
  const schedule::Kernel& sk = p.schedule().kernels.at(k);
  const KernelCode& code = p.kernels.at(k);
  std::vector<Launch> launches;
  if (!code.body.empty()) {
    out.blank();
    const ir::Value& v = p.value(sk.value);
    if (!std::holds_alternative<ir::Contract>(v.op)) {
      launches.push_back(emit_elementwise(out, p, sk, code.body));
    } else if (is_block_reduction(p, sk)) {
      launches.push_back(emit_reduction(out, p, sk, code.body));
    } else {
      launches.push_back(emit_contraction(out, p, sk, code.body));
    }
  }
  if (!code.epilogue.empty()) {
    out.blank();
    launches.push_back(emit_epilogue(out, p, sk, code.epilogue));
  }
  return launches;
}

}  // namespace ricci::cuda
