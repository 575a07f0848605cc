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
#include "schedule/loop_order.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

using schedule::accumulating_loops;
using schedule::loop_order;
using schedule::LoopOrder;

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
  // Threads share out `chunks` consecutive chunks of `var`'s range (ricci::parallel_chunks): the
  // body receives `chunk`, `begin` and `end`, and the loop over `var` is opened later with
  // open_range.
  void open_chunks(const std::string& var, const std::string& chunk, const std::string& begin, const std::string& end,
                   const std::string& bound, const std::string& chunks, const std::string& work) {
    blocks_.push_back(std::make_unique<Printer::Block>(
        out_,
        fmt::format("ricci::parallel_chunks({}, {}, {}, [&](int64_t {}, int64_t {}, int64_t {})", bound, chunks, work,
                    chunk, begin, end),
        "); // chunks of " + var));
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

// Opens the loops of a nest that adds into its output, `vars` over `extents`, outermost first,
// for `work` iterations in all: threaded over blocks of the innermost loop when `blocks`
// (ricci::parallel_blocks; each thread then writes elements of its own, the output having that
// loop's label), else over the outermost (ricci::parallel_for).
void open_accumulating_loops(Loops& loops, const Body& body, const std::vector<std::string>& vars,
                             const std::vector<ir::ExtentId>& extents, const std::string& work, bool blocks) {
  const std::size_t inner = vars.size() - 1;
  if (blocks) {
    std::string begin = body.names.claim(vars[inner] + "_begin"), end = body.names.claim(vars[inner] + "_end");
    loops.open_blocks(vars[inner], begin, end, body.extent_var(extents[inner]), work);
    for (std::size_t loop = 0; loop < inner; ++loop) loops.open(vars[loop], body.extent_var(extents[loop]));
    loops.open_range(vars[inner], begin, end);
    return;
  }
  loops.open_parallel(vars[0], body.extent_var(extents[0]), work);
  for (std::size_t loop = 1; loop <= inner; ++loop) loops.open(vars[loop], body.extent_var(extents[loop]));
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

// The views an innermost loop over `inner` reads or writes, split by whether they walk along it.
struct InnerViews {
  std::vector<ir::ValueId> along;      // each with `inner` as its last axis
  std::vector<ir::ValueId> invariant;  // without `inner`
  bool unit_possible = true;           // false: one has `inner` in another axis, which no
                                       // layout makes contiguous (vectorizing would gather it)

  void add(ir::ValueId v, const std::vector<std::string>& vars, const std::string& inner) {
    auto at = std::find(vars.begin(), vars.end(), inner);
    if (at != vars.end() && at + 1 != vars.end()) unit_possible = false;
    std::vector<ir::ValueId>& list = at == vars.end() ? invariant : along;
    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  }
  // True when the loop gets a copy for unit strides (emit_unit_stride_copy).
  bool unit_copy() const { return unit_possible && !along.empty(); }
};

// An innermost loop, printed by `loop(unit)`: when `views` has a unit-stride copy, twice, under
// `if (ricci::unit_last(along...))` first, with `unit` true and the views it walks read as
// ricci::UnitStrideViews (the compiler sees contiguous loads), then for any strides; else once.
void emit_unit_stride_copy(Printer& out, Body& body, const InnerViews& views, const std::function<void(bool)>& loop) {
  if (!views.unit_copy()) {
    loop(false);
    return;
  }
  std::vector<std::string> names;
  for (ir::ValueId v : views.along) names.push_back(body.storage.at(index(v)));
  {
    Printer::Block branch(out, out.wrap("if (ricci::unit_last", names, ")"), " else {");
    const std::vector<std::string> storage = body.storage;
    for (std::size_t i = 0; i < views.along.size(); ++i) {
      std::string unit_view = body.names.claim(names[i] + "_u");
      out.line("const ricci::UnitStrideView {}({});", unit_view, names[i]);
      body.storage.at(index(views.along[i])) = unit_view;
    }
    // Under the simd directive g++ would load a view the lambda captured by reference afresh
    // in every iteration, and then not vectorize: a local copy is a value it can hoist.
    for (ir::ValueId v : views.invariant) {
      std::string& view = body.storage.at(index(v));
      std::string local = body.names.claim(view + "_local");
      out.line("const auto {} = {};", local, view);
      view = local;
    }
    loop(true);
    body.storage = storage;
  }
  {
    Printer::Indent indent(out);
    loop(false);
  }
  out.put("}");
}

// The innermost loop of a sum into `acc`, over `var`, computing `id` at `vars`; `add` prints
// its body. Its unit-stride copy runs under RICCI_SIMD_SUM (<ricci/simd.h>), which lets the
// compiler split the sum into SIMD lanes. It reads the views without `var` as they are: with
// no store in the loop, g++ hoists their loads (the attention layer's sums vectorize the same
// with local copies as without).
void emit_sum_loop(Printer& out, Body& body, ir::ValueId id, const std::vector<std::string>& vars,
                   const std::string& var, const std::string& bound, const std::string& acc,
                   const std::function<void()>& add) {
  InnerViews views;
  for (const InlineRead& r : stored_reads(body, id, vars)) {
    if (std::find(r.vars.begin(), r.vars.end(), var) != r.vars.end()) views.add(r.value, r.vars, var);
  }
  emit_unit_stride_copy(out, body, views, [&](bool unit) {
    if (unit) out.line("RICCI_SIMD_SUM({})", acc);
    Loops loops(out);
    loops.open(var, bound);
    add();
  });
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
      open_accumulating_loops(loops, body, vars_of(vars, labels), extents, nest_work(body, c), order.outer.size() == 1);
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
        emit_sum_loop(out, body, k.value, vars, var, body.extent_var(c.labels[index_of(inner)].extent), acc, [&] {
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

using Kind = schedule::NestLoops::Kind;
using Threads = schedule::SharedNest::Threads;

// The names a shared nest prints, per kernel: its label variables (a Contract) or axis
// variables, its result's axes, and for a kernel that sums into a local, the local.
struct NestNames {
  std::vector<std::string> loop_vars;  // outermost first
  std::vector<std::vector<std::string>> value_vars, axes;
  std::vector<std::string> accs;
};

NestNames nest_names(Body& body, const std::vector<const schedule::Kernel*>& kernels,
                     const schedule::SharedNest& nest) {
  const ir::Program& p = *body.api.program;
  NestNames n;
  // The loop variables, named after the first kernel's labels or axes.
  const auto* first = std::get_if<ir::Contract>(&p.at(kernels.front()->value).op);
  for (std::size_t l : nest.loops.front().labels) {
    n.loop_vars.push_back(
        body.names.claim(first != nullptr ? first->labels[l].name : body.api.extent_name(nest.loops.front().extents[l])));
  }
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    const auto* c = std::get_if<ir::Contract>(&p.at(kernels[m]->value).op);
    std::vector<std::string> vars(c != nullptr ? c->labels.size() : nest.loops[m].labels.size());
    for (std::size_t loop = 0; loop < nest.loops[m].labels.size(); ++loop) {
      vars[nest.loops[m].labels[loop]] = n.loop_vars[loop];
    }
    n.axes.push_back(c != nullptr ? vars_of(vars, c->out) : vars);
    n.value_vars.push_back(std::move(vars));
    n.accs.push_back(nest.loops[m].kind == Kind::reduce ? body.names.claim("acc") : "");
  }
  return n;
}

// The statements of the innermost loop: one per kernel, computing the inlined values they read
// once.
void emit_shared_statements(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                            const schedule::SharedNest& nest, const NestNames& names) {
  InlineLocals locals(out, body);
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    const schedule::Kernel& k = *kernels[m];
    locals.declare(k.value, names.value_vars[m]);
    const auto* c = std::get_if<ir::Contract>(&body.api.program->at(k.value).op);
    if (c == nullptr) {
      finish(out, body, k, names.axes[m], elementwise_rhs(body, k.value, names.axes[m], false));
      continue;
    }
    std::string f = product(body, *c, names.value_vars[m], false);
    switch (nest.loops[m].kind) {
      case Kind::reduce:
        out.line("{} += {};", names.accs[m], f.empty() ? "T(1)" : f);
        break;
      case Kind::accumulate:
        out.line("{} += {};", access(body.storage.at(index(k.result())), names.axes[m]),
                 f.empty() ? fmt::format("T({})", cpp_number(c->coeff)) : scaled(c->coeff, f));
        break;
      case Kind::store:
        finish(out, body, k, names.axes[m], f.empty() ? fmt::format("T({})", cpp_number(c->coeff)) : scaled(c->coeff, f));
        break;
    }
  }
}

// The views the innermost loop of a shared nest reads or writes.
InnerViews inner_views(const Body& body, const std::vector<const schedule::Kernel*>& kernels,
                       const schedule::SharedNest& nest, const NestNames& names, const std::string& inner) {
  InnerViews views;
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    std::vector<InlineRead> reads = stored_reads(body, kernels[m]->value, names.value_vars[m]);
    if (nest.loops[m].kind == Kind::store) {
      for (ir::ValueId e : kernels[m]->epilogue) {
        std::vector<InlineRead> more = stored_reads(body, e, names.axes[m]);
        reads.insert(reads.end(), more.begin(), more.end());
      }
    }
    for (const InlineRead& r : reads) {
      if (!body.fused(r.value)) views.add(r.value, r.vars, inner);
    }
    if (nest.loops[m].kind != Kind::reduce) views.add(kernels[m]->result(), names.axes[m], inner);
  }
  return views;
}

// The innermost loop of a shared nest: a copy for when every view it walks has stride 1 there,
// reading them through ricci::UnitStrideView (under RICCI_SIMD_SUM when it sums into locals,
// which lets the compiler split the sums into SIMD lanes), then the general one.
void emit_shared_inner_loop(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                            const schedule::SharedNest& nest, const NestNames& names) {
  const std::string& var = names.loop_vars.back();
  const std::string& bound = body.extent_var(nest.loops.front().extents.back());
  // The sums the innermost loop alone holds; wider ones run over several of its passes.
  std::vector<std::string> accs;
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nest.loops[m].kind == Kind::reduce && nest.loops[m].summed_from + 1 == names.loop_vars.size()) {
      accs.push_back(names.accs[m]);
    }
  }
  emit_unit_stride_copy(out, body, inner_views(body, kernels, nest, names, var), [&](bool unit) {
    if (unit && !accs.empty()) {
      out.line("RICCI_SIMD_SUM({})", fmt::join(accs, ", "));
    } else {
      out.put("RICCI_IVDEP");
    }
    Loops loops(out);
    loops.open(var, bound);
    emit_shared_statements(out, body, kernels, nest, names);
  });
}

// Stores the sums into locals that loop `depth` holds, just after it closes.
void store_sums(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                const schedule::SharedNest& nest, const NestNames& names, std::size_t depth) {
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nest.loops[m].kind != Kind::reduce || nest.loops[m].summed_from != depth) continue;
    const auto& c = std::get<ir::Contract>(body.api.program->at(kernels[m]->value).op);
    finish(out, body, *kernels[m], names.axes[m], scaled(c.coeff, names.accs[m]));
  }
}

// Declares the locals that loop `depth` sums into, just before it opens.
void declare_sums(Printer& out, const schedule::SharedNest& nest, const NestNames& names, std::size_t depth) {
  for (std::size_t m = 0; m < nest.loops.size(); ++m) {
    if (nest.loops[m].kind == Kind::reduce && nest.loops[m].summed_from == depth) out.line("T {} = 0;", names.accs[m]);
  }
}

// The loops of a nest threaded over its outermost loop, whole or in chunks, with the sums into
// locals declared where their loops open and stored where they close.
void emit_row_loops(Printer& out, Body& body, const std::vector<const schedule::Kernel*>& kernels,
                    const schedule::SharedNest& nest, const NestNames& names, const std::string& chunks,
                    const std::vector<std::string>& part_slots) {
  const ir::Program& p = *body.api.program;
  const std::vector<ir::ExtentId>& extents = nest.loops.front().extents;
  const std::string work = work_of(body, extents);
  const std::size_t inner = extents.size() - 1;
  Loops loops(out);
  if (nest.threads == Threads::row_chunks) {
    std::string chunk = body.names.claim("chunk");
    std::string begin = body.names.claim(names.loop_vars[0] + "_begin"), end = body.names.claim(names.loop_vars[0] + "_end");
    loops.open_chunks(names.loop_vars[0], chunk, begin, end, body.extent_var(extents[0]), chunks, work);
    // Each chunk adds into zeroed partial sums of its own.
    for (std::size_t m = 0; m < kernels.size(); ++m) {
      if (nest.partials[m] < 0) continue;
      const ir::Shape& shape = p.at(kernels[m]->value).shape;
      std::string& storage = body.storage.at(index(kernels[m]->result()));
      std::string part = body.names.claim(storage + "_part");
      std::vector<std::string> sizes;
      for (ir::ExtentId e : shape) sizes.push_back(body.extent_var(e));
      out.line("{} {}({} + {} * {}, {{{}}});", view_type("T", shape.size(), true), part, part_slots[m], chunk,
               fmt::join(sizes, " * "), fmt::join(sizes, ", "));
      NameTable::Scope fill_scope(body.names);
      fill_zero(out, body, part, shape, axis_vars(body.names, body, shape));
      storage = part;
    }
    loops.open_range(names.loop_vars[0], begin, end);
  } else {
    loops.open_parallel(names.loop_vars[0], body.extent_var(extents[0]), work);
  }
  for (std::size_t depth = 1; depth < inner; ++depth) {
    declare_sums(out, nest, names, depth);
    loops.open(names.loop_vars[depth], body.extent_var(extents[depth]));
  }
  declare_sums(out, nest, names, inner);
  emit_shared_inner_loop(out, body, kernels, nest, names);
  for (std::size_t depth = inner; depth >= 1; --depth) {
    store_sums(out, body, kernels, nest, names, depth);
    if (depth > 1) loops.close(1);
  }
}

// After a row-chunked nest: each result it added into across its outermost loop is the sum of
// the chunks' partial sums, taken in chunk order, through the kernel's epilogue.
void emit_partial_sums(Printer& out, Body& body, const schedule::Kernel& k, const std::string& slot,
                       const std::string& chunks) {
  const ir::Shape& shape = body.api.program->at(k.value).shape;
  NameTable::Scope scope(body.names);
  std::vector<std::string> vars = axis_vars(body.names, body, shape);
  std::string sum = body.names.claim("sum"), chunk = body.names.claim("chunk");
  // The element at `vars` of the chunk's row-major copy of the result.
  std::string element = vars[0];
  for (std::size_t axis = 1; axis < shape.size(); ++axis) {
    element = fmt::format("({}) * {} + {}", element, body.extent_var(shape[axis]), vars[axis]);
  }
  out.blank();
  out.line("// {}: the sum of its chunks' partial sums", math_access(body.storage.at(index(k.result())), vars));
  Loops loops(out);
  open_axes_parallel(loops, body, vars, shape);
  out.line("T {} = 0;", sum);
  {
    Loops chunk_loop(out);
    chunk_loop.open(chunk, chunks);
    out.line("{} += {}[{} * {} + {}];", sum, slot, chunk, work_of(body, shape), element);
  }
  finish(out, body, k, vars, sum);
}

}  // namespace

void emit_shared_nest(Printer& out, Body& body, const schedule::SharedNest& nest,
                      const std::vector<std::string>& preludes) {
  const ir::Program& p = *body.api.program;
  std::vector<const schedule::Kernel*> kernels;
  for (std::size_t m = nest.first; m < nest.end; ++m) kernels.push_back(&body.schedule.kernels[m]);
  const std::vector<ir::ExtentId>& extents = nest.loops.front().extents;
  std::vector<std::string> part_slots(kernels.size());
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nest.partials[m] >= 0) part_slots[m] = body.slot_vars.at(static_cast<std::size_t>(nest.partials[m]));
  }
  // At function scope: the partial sums are added up after the nest.
  std::string chunks = nest.threads == Threads::row_chunks ? body.names.claim("chunks") : "";
  {
    NameTable::Scope scope(body.names);
    NestNames names = nest_names(body, kernels, nest);
    print_math(out, body, kernels, names.value_vars, names.axes);
    for (const std::string& prelude : preludes) {
      if (!prelude.empty()) out.put(prelude);
    }
    for (std::size_t m = 0; m < kernels.size(); ++m) {
      if (nest.loops[m].kind == Kind::accumulate && nest.partials[m] < 0) {
        fill_zero(out, body, body.storage.at(index(kernels[m]->result())), p.at(kernels[m]->value).shape, names.axes[m]);
      }
    }
    if (nest.threads == Threads::row_chunks) {
      out.line("const int64_t {} = ricci::chunk_count({}, {}, {});", chunks, body.extent_var(extents[0]),
               work_of(body, extents), schedule::kNestChunks);
    }
    std::vector<std::string> storage = body.storage;
    emit_row_loops(out, body, kernels, nest, names, chunks, part_slots);
    body.storage = std::move(storage);
  }
  for (std::size_t m = 0; m < kernels.size(); ++m) {
    if (nest.partials[m] >= 0) {
      emit_partial_sums(out, body, *kernels[m], part_slots[m], chunks);
    } else if (nest.loops[m].kind == Kind::accumulate && !kernels[m]->epilogue.empty()) {
      emit_epilogue_loop(out, body, *kernels[m]);
    }
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
