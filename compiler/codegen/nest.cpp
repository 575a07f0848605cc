// Loop nests: out labels outside, in the output's row-major order; summed labels inside, the
// one that is the last axis of most operands innermost, unless the output's last axis is
// the better innermost loop (then the nest accumulates into the output).
#include "codegen/nest.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include "codegen/expr.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }
std::size_t index_of(ir::Label l) { return static_cast<std::size_t>(l); }

// Open `for` loops, closed innermost first with a `// for i` comment.
class Loops {
 public:
  explicit Loops(Printer& out) : out_(out) {}
  void open(const std::string& var, const std::string& bound) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_, fmt::format("for (int64_t {0} = 0; {0} < {1}; ++{0})", var, bound), " // for " + var));
  }
  // The loop's iterations write distinct elements: ricci::parallel_for shares them out among
  // threads when the nest runs `work` iterations in all, at least RICCI_PARALLEL_MIN_WORK
  // (<ricci/parallel.h>). Its body is a lambda, closed by `});`.
  void open_parallel(const std::string& var, const std::string& bound, const std::string& work) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_, fmt::format("ricci::parallel_for({}, {}, [&](int64_t {})", bound, work, var), "); // for " + var));
  }
  // Threads share out blocks of `var`'s range (ricci::parallel_blocks): the body receives
  // `begin` and `end`, and the loop over `var` is opened later with open_range.
  void open_blocks(const std::string& var, const std::string& begin, const std::string& end,
                   const std::string& bound, const std::string& work) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_, fmt::format("ricci::parallel_blocks({}, {}, [&](int64_t {}, int64_t {})", bound, work, begin, end),
        "); // blocks of " + var));
  }
  void open_range(const std::string& var, const std::string& begin, const std::string& end) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_, fmt::format("for (int64_t {0} = {1}; {0} < {2}; ++{0})", var, begin, end), " // for " + var));
  }
  void close(std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) blocks_.pop_back();
  }
  ~Loops() { close(blocks_.size()); }
  Loops(const Loops&) = delete;
  Loops& operator=(const Loops&) = delete;

 private:
  Printer& out_;
  std::vector<std::unique_ptr<Printer::Block>> blocks_;
};

void open_axes(Loops& loops, const Body& body, const std::vector<std::string>& vars, const ir::Shape& shape) {
  for (std::size_t axis = 0; axis < shape.size(); ++axis) loops.open(vars[axis], body.extent_var(shape[axis]));
}

// `n_b * n_o`: the iterations of loops over `extents`.
std::string work_of(const Body& body, const std::vector<ir::ExtentId>& extents) {
  std::vector<std::string> vars;
  for (ir::ExtentId e : extents) vars.push_back(body.extent_var(e));
  return fmt::format("{}", fmt::join(vars, " * "));
}

// Like open_axes, threading the outermost loop.
void open_axes_parallel(Loops& loops, const Body& body, const std::vector<std::string>& vars, const ir::Shape& shape) {
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    if (axis == 0) {
      loops.open_parallel(vars[axis], body.extent_var(shape[axis]), work_of(body, shape));
    } else {
      loops.open(vars[axis], body.extent_var(shape[axis]));
    }
  }
}

void open_labels(Loops& loops, const Body& body, const ir::Contract& c, const std::vector<std::string>& vars,
                 const std::vector<ir::Label>& labels) {
  for (ir::Label l : labels) loops.open(vars[index_of(l)], body.extent_var(c.labels[index_of(l)].extent));
}

// `n_i * n_j * ...`: the iterations of the whole nest of `c`, for the threading threshold.
std::string nest_work(const Body& body, const ir::Contract& c) {
  std::vector<ir::ExtentId> all;
  for (const ir::LabelInfo& l : c.labels) all.push_back(l.extent);
  return work_of(body, all);
}

// Opens the loops of `labels`, threading the first (out labels, so each of its iterations
// writes elements of its own; never a summed one).
void open_nest(Loops& loops, const Body& body, const ir::Contract& c, const std::vector<std::string>& vars,
               const std::vector<ir::Label>& labels) {
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const std::string& var = vars[index_of(labels[k])];
    const std::string& bound = body.extent_var(c.labels[index_of(labels[k])].extent);
    if (k == 0) {
      loops.open_parallel(var, bound, nest_work(body, c));
    } else {
      loops.open(var, bound);
    }
  }
}

// Opens the loops of a nest that runs every loop over its whole extent, `vars` over `extents`,
// outermost first, for `work` iterations in all: threaded over blocks of the innermost loop when
// `blocks` (ricci::parallel_blocks; each thread then writes elements of its own only if every
// result has that loop's label), else over the outermost (ricci::parallel_for). With `ivdep`
// the innermost loop is marked RICCI_IVDEP.
void open_flat_loops(Printer& out, Loops& loops, const Body& body, const std::vector<std::string>& vars,
                     const std::vector<ir::ExtentId>& extents, const std::string& work, bool blocks, bool ivdep) {
  const std::size_t inner = vars.size() - 1;
  if (blocks) {
    std::string begin = body.names.claim(vars[inner] + "_begin"), end = body.names.claim(vars[inner] + "_end");
    loops.open_blocks(vars[inner], begin, end, body.extent_var(extents[inner]), work);
    for (std::size_t loop = 0; loop < inner; ++loop) loops.open(vars[loop], body.extent_var(extents[loop]));
    if (ivdep) out.put("RICCI_IVDEP");
    loops.open_range(vars[inner], begin, end);
    return;
  }
  loops.open_parallel(vars[0], body.extent_var(extents[0]), work);
  for (std::size_t loop = 1; loop <= inner; ++loop) {
    if (ivdep && loop == inner) out.put("RICCI_IVDEP");
    loops.open(vars[loop], body.extent_var(extents[loop]));
  }
}

// Stores `value` (the kernel's value at `axes`) into the kernel's result, through the
// epilogue: each fused value becomes a local named like it, the last one is stored.
void finish(Printer& out, Body& body, const schedule::Kernel& k, const std::vector<std::string>& axes,
            const std::string& value) {
  const std::string& target = body.storage.at(index(k.result()));
  if (k.epilogue.empty()) {
    out.line("{} = {};", access(target, axes), value);
    return;
  }
  out.line("const T {} = {};", body.storage.at(index(k.value)), value);
  InlineLocals locals(out, body);
  for (std::size_t s = 0; s < k.epilogue.size(); ++s) {
    locals.declare(k.epilogue[s], axes);
    std::string rhs = elementwise_rhs(body, k.epilogue[s], axes, false);
    if (s + 1 == k.epilogue.size()) {
      out.line("{} = {};", access(target, axes), rhs);
    } else {
      out.line("const T {} = {};", body.storage.at(index(k.epilogue[s])), rhs);
    }
  }
}

// The kernels' math: first the inlined values they compute, each once, then each kernel's value
// and epilogue (value_vars and axes per kernel).
void print_math(Printer& out, const Body& body, const std::vector<const schedule::Kernel*>& kernels,
                const std::vector<std::vector<std::string>>& value_vars, const std::vector<std::vector<std::string>>& axes) {
  std::vector<InlineRead> inlined;
  auto add = [&](std::vector<InlineRead> reads) {
    for (InlineRead& r : reads) {
      if (std::find(inlined.begin(), inlined.end(), r) == inlined.end()) inlined.push_back(std::move(r));
    }
  };
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    add(inline_reads(body, kernels[m]->value, value_vars[m]));
    for (ir::ValueId e : kernels[m]->epilogue) add(inline_reads(body, e, axes[m]));
  }
  for (const InlineRead& r : inlined) out.put(math_line(body, r.value, inline_label_vars(body, r)));
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    out.put(math_line(body, kernels[m]->value, value_vars[m]));
    for (ir::ValueId e : kernels[m]->epilogue) out.put(math_line(body, e, axes[m]));
  }
}

void print_math(Printer& out, const Body& body, const schedule::Kernel& k, const std::vector<std::string>& value_vars,
                const std::vector<std::string>& axes) {
  print_math(out, body, {&k}, {value_vars}, {axes});
}

// Zeroes `target` over `shape` in loops of its own, with variables `vars`.
void fill_zero(Printer& out, const Body& body, const std::string& target, const ir::Shape& shape,
               const std::vector<std::string>& vars) {
  Loops loops(out);
  open_axes(loops, body, vars, shape);
  out.line("{} = 0;", access(target, vars));
}

// How many of the nest's arrays have `l` as their last axis (unit stride when dense).
int unit_stride_count(const ir::Contract& c, ir::Label l, bool count_output) {
  int n = count_output && !c.out.empty() && c.out.back() == l ? 1 : 0;
  for (const ir::Operand& o : c.operands) n += !o.labels.empty() && o.labels.back() == l ? 1 : 0;
  return n;
}

struct LoopOrder {
  std::vector<ir::Label> outer;   // out labels, distinct, in the output's order
  std::vector<ir::Label> summed;  // in loop order, innermost last
  bool diagonal = false;          // an out label is repeated: only the diagonal is written
  // The output's last label is the innermost loop, inside the summed ones: the nest adds
  // into a zeroed output instead of summing into a local.
  bool accumulate = false;
};

// The loops of a nest that adds into its output, outermost first: the out labels but the last,
// the summed labels, then the output's last label.
std::vector<ir::Label> accumulating_loops(const LoopOrder& o) {
  std::vector<ir::Label> loops(o.outer.begin(), o.outer.end() - 1);
  loops.insert(loops.end(), o.summed.begin(), o.summed.end());
  loops.push_back(o.outer.back());
  return loops;
}

LoopOrder loop_order(const ir::Contract& c) {
  LoopOrder o;
  std::vector<bool> is_out(c.labels.size(), false);
  for (ir::Label l : c.out) {
    if (is_out[index_of(l)]) o.diagonal = true;
    if (!is_out[index_of(l)]) o.outer.push_back(l);
    is_out[index_of(l)] = true;
  }
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (!is_out[l]) o.summed.push_back(static_cast<ir::Label>(l));
  }
  if (o.summed.empty()) return o;
  // The summed label that is the last axis of the most operands goes innermost; on a tie
  // the label order stands.
  auto best = std::max_element(o.summed.begin(), o.summed.end(), [&](ir::Label a, ir::Label b) {
    return unit_stride_count(c, a, false) < unit_stride_count(c, b, false);
  });
  int summed_score = unit_stride_count(c, *best, false);
  if (summed_score > unit_stride_count(c, o.summed.back(), false)) std::rotate(best, best + 1, o.summed.end());
  o.accumulate = !o.diagonal && !o.outer.empty() && unit_stride_count(c, o.outer.back(), true) > summed_score;
  return o;
}

// The values that computing `id` at `vars` reads along the loop variable `inner`, each read
// with it in its last axis only; none when one reads it in another axis: no layout makes that
// read contiguous, and vectorizing the sum would gather it.
std::vector<ir::ValueId> unit_stride_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars,
                                           const std::string& inner) {
  std::vector<ir::ValueId> views;
  for (const InlineRead& r : stored_reads(body, id, vars)) {
    auto at = std::find(r.vars.begin(), r.vars.end(), inner);
    if (at == r.vars.end()) continue;
    if (at + 1 != r.vars.end()) return {};
    if (std::find(views.begin(), views.end(), r.value) == views.end()) views.push_back(r.value);
  }
  return views;
}

// The innermost loop of a sum into `acc`, over `var`; `add` prints its body. When it reads
// `unit` along `var`, a second copy comes first for when they all have stride 1 there: it
// reads them through ricci::UnitStrideView under RICCI_SIMD_SUM (<ricci/simd.h>), which lets
// the compiler split the sum into SIMD lanes.
void emit_sum_loop(Printer& out, Body& body, const std::string& var, const std::string& bound, const std::string& acc,
                   const std::vector<ir::ValueId>& unit, const std::function<void()>& add) {
  auto loop = [&] {
    Loops loops(out);
    loops.open(var, bound);
    add();
  };
  if (unit.empty()) {
    loop();
    return;
  }
  std::vector<std::string> views;
  for (ir::ValueId v : unit) views.push_back(body.storage.at(index(v)));
  {
    Printer::Block branch(out, out.wrap("if (ricci::unit_last", views, ")"), " else {");
    for (std::size_t i = 0; i < unit.size(); ++i) {
      std::string unit_view = body.names.claim(views[i] + "_u");
      out.line("const ricci::UnitStrideView {}({});", unit_view, views[i]);
      body.storage.at(index(unit[i])) = unit_view;
    }
    out.line("RICCI_SIMD_SUM({})", acc);
    loop();
    for (std::size_t i = 0; i < unit.size(); ++i) body.storage.at(index(unit[i])) = views[i];
  }
  {
    Printer::Indent indent(out);
    loop();
  }
  out.put("}");
}

// With `fallback`, prints neither the math nor the prelude nor the epilogue: the value goes
// into the result's storage (a guarded GEMM's else branch).
void emit_contract(Printer& out, Body& body, const schedule::Kernel& k, const ir::Contract& c,
                   std::string_view prelude, bool fallback) {
  const ir::Shape& shape = body.api.program->at(k.value).shape;
  const std::string& target = body.storage.at(index(k.result()));
  LoopOrder order = loop_order(c);
  // A diagonal is zeroed in loops that do not see the nest's variables.
  std::vector<std::string> fill_vars;
  if (order.diagonal) {
    NameTable::Scope fill_scope(body.names);
    fill_vars = axis_vars(body.names, body, shape);
  }
  // A sum with no out loop around it declares its accumulator at function scope.
  std::string acc;
  if (!order.summed.empty() && order.outer.empty()) acc = body.names.claim("acc");
  // These kernels write the kernel's value into the result and run the epilogue after.
  bool separate_epilogue = order.diagonal || order.accumulate || fallback;
  {
    NameTable::Scope scope(body.names);
    std::vector<std::string> vars = label_vars(body.names, c);
    if (!order.summed.empty() && !order.outer.empty() && !order.accumulate) acc = body.names.claim("acc");
    std::vector<std::string> axes = vars_of(vars, c.out);
    if (!fallback) print_math(out, body, k, vars, axes);
    if (!prelude.empty()) out.put(prelude);
    if (order.diagonal) fill_zero(out, body, target, shape, fill_vars);
    if (order.accumulate) fill_zero(out, body, target, shape, axes);

    // Each statement reading the operands first declares the inlined ones where it runs.
    auto factors = [&](InlineLocals& locals) {
      locals.declare(k.value, vars);
      return product(body, c, vars, false);
    };
    auto store = [&](const std::string& value) {
      if (separate_epilogue) {
        out.line("{} = {};", access(target, axes), value);
      } else {
        finish(out, body, k, axes, value);
      }
    };
    Loops loops(out);
    if (order.accumulate) {
      // When only summed loops enclose the output's label, threads take blocks of it.
      std::vector<ir::Label> labels = accumulating_loops(order);
      std::vector<ir::ExtentId> extents;
      for (ir::Label l : labels) extents.push_back(c.labels[index_of(l)].extent);
      open_flat_loops(out, loops, body, vars_of(vars, labels), extents, nest_work(body, c), order.outer.size() == 1,
                      false);
      InlineLocals locals(out, body);
      std::string f = factors(locals);
      out.line("{} += {};", access(target, axes), scaled(c.coeff, f.empty() ? "T(1)" : f));
    } else {
      open_nest(loops, body, c, vars, order.outer);
      if (order.summed.empty()) {
        InlineLocals locals(out, body);
        std::string f = factors(locals);
        store(f.empty() ? fmt::format("T({})", cpp_number(c.coeff)) : scaled(c.coeff, f));
      } else {
        out.line("T {} = 0;", acc);
        std::vector<ir::Label> around(order.summed.begin(), order.summed.end() - 1);
        open_labels(loops, body, c, vars, around);
        const ir::Label inner = order.summed.back();
        const std::string& var = vars[index_of(inner)];
        emit_sum_loop(out, body, var, body.extent_var(c.labels[index_of(inner)].extent), acc,
                      unit_stride_reads(body, k.value, vars, var), [&] {
                        InlineLocals locals(out, body);
                        std::string f = factors(locals);
                        out.line("{} += {};", acc, f.empty() ? "T(1)" : f);
                      });
        loops.close(around.size());
        store(scaled(c.coeff, acc));
      }
    }
  }
  if (separate_epilogue && !fallback && !k.epilogue.empty()) emit_epilogue_loop(out, body, k);
}

// A kernel whose loops can be shared: every loop runs the whole extent, and the innermost body
// either stores one element of the result (`=`, through the epilogue) or adds into the zeroed
// result (`+=`; its epilogue, if any, then runs in a loop of its own after the nest).
struct FlatNest {
  std::vector<ir::ExtentId> extents;  // of the loops, outermost first
  std::vector<std::size_t> labels;    // a Contract's label at each loop (else the axis)
  bool accumulates = false;
};

std::optional<FlatNest> flat_nest(const Body& body, const schedule::Kernel& k) {
  if (k.gemm && schedule::is_matrix_product(*k.gemm)) return std::nullopt;
  // A library call would keep the whole shared loop from vectorizing.
  const ir::Program& p = *body.api.program;
  if (ir::is_library_call(p.at(k.value)) ||
      std::any_of(k.epilogue.begin(), k.epilogue.end(), [&](ir::ValueId e) { return ir::is_library_call(p.at(e)); })) {
    return std::nullopt;
  }
  const ir::Value& v = p.at(k.value);
  const auto* c = std::get_if<ir::Contract>(&v.op);
  FlatNest n;
  if (c == nullptr) {
    n.extents = v.shape;
    for (std::size_t axis = 0; axis < v.shape.size(); ++axis) n.labels.push_back(axis);
    if (n.extents.empty()) return std::nullopt;
    return n;
  }
  LoopOrder order = loop_order(*c);
  std::vector<ir::Label> loops;
  if (order.diagonal || order.outer.empty()) return std::nullopt;
  if (order.summed.empty()) {
    loops = order.outer;
  } else if (order.accumulate) {
    loops = accumulating_loops(order);
    n.accumulates = true;
  } else {
    return std::nullopt;
  }
  for (ir::Label l : loops) {
    n.extents.push_back(c->labels[index_of(l)].extent);
    n.labels.push_back(index_of(l));
  }
  return n;
}

void emit_elementwise(Printer& out, Body& body, const schedule::Kernel& k, std::string_view prelude) {
  const ir::Shape& shape = body.api.program->at(k.value).shape;
  NameTable::Scope scope(body.names);
  std::vector<std::string> vars = axis_vars(body.names, body, shape);
  print_math(out, body, k, vars, vars);
  if (!prelude.empty()) out.put(prelude);
  Loops loops(out);
  open_axes_parallel(loops, body, vars, shape);
  InlineLocals locals(out, body);
  locals.declare(k.value, vars);
  finish(out, body, k, vars, elementwise_rhs(body, k.value, vars, false));
}

}  // namespace

bool Body::fused(ir::ValueId v) const { return schedule.homes.at(index(v)).kind == schedule::Home::Kind::fused; }

bool Body::is_param(ir::ValueId v) const {
  schedule::Home::Kind kind = schedule.homes.at(index(v)).kind;
  return kind == schedule::Home::Kind::input || kind == schedule::Home::Kind::output;
}

const std::string& Body::extent_var(ir::ExtentId e) const {
  const std::string& var = extent_vars.at(static_cast<std::size_t>(e));
  RICCI_CHECK(!var.empty(), "a loop bound's extent variable was not declared");
  return var;
}

std::vector<std::string> label_vars(NameTable& names, const ir::Contract& c) {
  // Out labels claim first, so that they keep the spec's spelling when a summed label
  // shares it.
  std::vector<std::string> vars(c.labels.size());
  for (ir::Label l : c.out) {
    if (vars[index_of(l)].empty()) vars[index_of(l)] = names.claim(c.labels[index_of(l)].name);
  }
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (vars[l].empty()) vars[l] = names.claim(c.labels[l].name);
  }
  return vars;
}

std::vector<std::string> axis_vars(NameTable& names, const Body& body, const ir::Shape& shape) {
  std::vector<std::string> vars;
  for (ir::ExtentId e : shape) vars.push_back(names.claim(body.api.extent_name(e)));
  return vars;
}

namespace {

// One kernel's statement in the innermost loop of a shared nest: `=` through its epilogue, or
// `+=` of its value alone when it `accumulates` (its epilogue runs after the nest).
void emit_shared_statement(Printer& out, Body& body, const schedule::Kernel& k, InlineLocals& locals,
                           const std::vector<std::string>& value_vars, const std::vector<std::string>& axes,
                           bool accumulates) {
  locals.declare(k.value, value_vars);
  const auto* c = std::get_if<ir::Contract>(&body.api.program->at(k.value).op);
  if (c == nullptr) {
    finish(out, body, k, axes, elementwise_rhs(body, k.value, axes, false));
    return;
  }
  std::string f = product(body, *c, value_vars, false);
  std::string value = f.empty() ? fmt::format("T({})", cpp_number(c->coeff)) : scaled(c->coeff, f);
  if (accumulates) {
    out.line("{} += {};", access(body.storage.at(index(k.result())), axes), value);
    return;
  }
  finish(out, body, k, axes, value);
}

}  // namespace

bool epilogue_after_shared_nest(const Body& body, const schedule::Kernel& k) {
  std::optional<FlatNest> n = flat_nest(body, k);
  return n && n->accumulates && !k.epilogue.empty();
}

bool shares_loops(const Body& body, const schedule::Kernel& first, const schedule::Kernel& next) {
  // A nest of one loop threaded by parallel_for is a lambda called per element: no loop of
  // its own to mark RICCI_IVDEP.
  std::optional<FlatNest> a = flat_nest(body, first), b = flat_nest(body, next);
  return a && b && a->extents == b->extents && (a->extents.size() >= 2 || a->accumulates || b->accumulates);
}

namespace {

// A shared nest up to its end: the math, the preludes, the zeroed results it adds into, and the
// loops with one statement per kernel, in a name scope of their own.
void emit_shared_loops(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                       const std::vector<FlatNest>& nests, const std::vector<std::string>& preludes, bool blocks) {
  const ir::Program& p = *body.api.program;
  const std::vector<ir::ExtentId>& extents = nests.front().extents;
  NameTable::Scope scope(body.names);
  // The loop variables, named after the first kernel's labels or axes.
  std::vector<std::string> loop_vars;
  {
    const auto* c = std::get_if<ir::Contract>(&p.at(kernels.front()->value).op);
    for (std::size_t l : nests.front().labels) {
      loop_vars.push_back(body.names.claim(c != nullptr ? c->labels[l].name : body.api.extent_name(extents[l])));
    }
  }
  // Per kernel: its label variables (a Contract) or axis variables, and its result's axes.
  std::vector<std::vector<std::string>> value_vars, axes;
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    const auto* c = std::get_if<ir::Contract>(&p.at(kernels[m]->value).op);
    std::vector<std::string> vars(c != nullptr ? c->labels.size() : nests[m].labels.size());
    for (std::size_t loop = 0; loop < nests[m].labels.size(); ++loop) vars[nests[m].labels[loop]] = loop_vars[loop];
    axes.push_back(c != nullptr ? vars_of(vars, c->out) : vars);
    value_vars.push_back(std::move(vars));
  }
  print_math(out, body, kernels, value_vars, axes);
  for (const std::string& prelude : preludes) {
    if (!prelude.empty()) out.put(prelude);
  }
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nests[m].accumulates) {
      fill_zero(out, body, body.storage.at(index(kernels[m]->result())), p.at(kernels[m]->value).shape, axes[m]);
    }
  }

  Loops loops(out);
  open_flat_loops(out, loops, body, loop_vars, extents, work_of(body, extents), blocks, true);
  InlineLocals locals(out, body);
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    emit_shared_statement(out, body, *kernels[m], locals, value_vars[m], axes[m], nests[m].accumulates);
  }
}

}  // namespace

void emit_shared_nest(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                      const std::vector<std::string>& preludes) {
  std::vector<FlatNest> nests;
  for (const schedule::Kernel* k : kernels) nests.push_back(*flat_nest(body, *k));
  bool blocks = std::any_of(nests.begin(), nests.end(), [](const FlatNest& n) { return n.accumulates; });

  emit_shared_loops(out, body, kernels, nests, preludes, blocks);
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nests[m].accumulates && !kernels[m]->epilogue.empty()) emit_epilogue_loop(out, body, *kernels[m]);
  }
}

void emit_nest(Printer& out, Body& body, const schedule::Kernel& kernel, std::string_view prelude) {
  if (const auto* c = std::get_if<ir::Contract>(&body.api.program->at(kernel.value).op)) {
    emit_contract(out, body, kernel, *c, prelude, false);
  } else {
    emit_elementwise(out, body, kernel, prelude);
  }
}

void emit_contract_loops(Printer& out, Body& body, const schedule::Kernel& kernel) {
  emit_contract(out, body, kernel, std::get<ir::Contract>(body.api.program->at(kernel.value).op), "", true);
}

void print_kernel_math(Printer& out, const Body& body, const schedule::Kernel& kernel,
                       const std::vector<std::string>& label_vars) {
  const auto& c = std::get<ir::Contract>(body.api.program->at(kernel.value).op);
  print_math(out, body, kernel, label_vars, vars_of(label_vars, c.out));
}

void emit_epilogue_loop(Printer& out, Body& body, const schedule::Kernel& kernel) {
  const ir::Shape& shape = body.api.program->at(kernel.value).shape;
  const std::string& target = body.storage.at(index(kernel.result()));
  NameTable::Scope scope(body.names);
  std::vector<std::string> vars = axis_vars(body.names, body, shape);
  Loops loops(out);
  open_axes_parallel(loops, body, vars, shape);
  finish(out, body, kernel, vars, access(target, vars));
}

void emit_copy(Printer& out, Body& body, const std::string& target, ir::ValueId source) {
  const ir::Shape& shape = body.api.program->at(source).shape;
  const std::string& view = body.storage.at(index(source));
  NameTable::Scope scope(body.names);
  std::vector<std::string> vars = axis_vars(body.names, body, shape);
  out.line("// {} := {}", math_access(target, vars), math_access(view, vars));
  Loops loops(out);
  open_axes(loops, body, vars, shape);
  out.line("{} = {};", access(target, vars), access(view, vars));
}

}  // namespace ricci::codegen
