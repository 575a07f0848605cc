// Outputs are computed in place; intermediates live in the workspace until the function ends.
#include "codegen/kernel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "codegen/nest.h"
#include "ir/ir_api.h"
#include "schedule/schedule.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

}  // namespace

void emit_shape_checks(Printer& out, const ProgramApi& api, std::string_view checker, bool outputs,
                       bool public_names) {
  if (api.extents.empty()) return;
  out.line("ricci::ShapeChecker<{}> {}({}, {});", api.extents.size(), checker, c_string(api.layer),
           extent_names_init(api));
  auto bind = [&](const Param& p) {
    for (std::size_t axis = 0; axis < p.shape.size(); ++axis) {
      out.line("{}.bind({}, {}, {}, {}.extent({}));", checker, api.checker_index(p.shape[axis]),
               c_string(p.name), axis, public_names ? arg(api, p) : p.ident, axis);
    }
  };
  for (const Param& p : api.inputs) bind(p);
  if (outputs) {
    for (const Param& p : api.outputs) bind(p);
  }
}

std::string output_extents(const ProgramApi& api, const Param& p, std::string_view checker) {
  std::vector<std::string> sizes;
  for (ir::ExtentId e : p.shape) sizes.push_back(fmt::format("{}[{}]", checker, api.checker_index(e)));
  // A bare `{}` would be ambiguous with the copy and move constructors at rank 0.
  if (sizes.empty()) return "std::array<int64_t, 0>{}";
  return fmt::format("{{{}}}", fmt::join(sizes, ", "));
}

namespace {

// Everything the function body reads and which extents it uses, so that unused parameters
// stay unnamed and unused extents undeclared: generated code compiles warning-free.
struct Uses {
  std::set<ir::ValueId> read;
  std::set<ir::ExtentId> extents;
};

// What computing `id` uses, through the inlined values it computes.
void use_value(const ProgramApi& api, ir::ValueId id, Uses& u) {
  const ir::Program& p = *api.program;
  const ir::Value& v = p.at(id);
  for (ir::ValueId r : ir::operands(v.op)) {
    if (api.schedule.homes.at(index(r)).kind == schedule::Home::Kind::inlined) {
      use_value(api, r, u);
    } else {
      u.read.insert(r);
    }
  }
  u.extents.insert(v.shape.begin(), v.shape.end());
  if (const auto* c = std::get_if<ir::Contract>(&v.op)) {
    for (const ir::LabelInfo& l : c->labels) u.extents.insert(l.extent);
  }
}

Uses uses(const ProgramApi& api) {
  const ir::Program& p = *api.program;
  Uses u;
  for (const schedule::Kernel& k : api.schedule.kernels) {
    use_value(api, k.value, u);
    for (ir::ValueId e : k.epilogue) use_value(api, e, u);
  }
  for (std::size_t k : api.schedule.copied_outputs) {
    const ir::Result& r = p.outputs.at(k);
    u.read.insert(r.value);
    u.extents.insert(p.at(r.value).shape.begin(), p.at(r.value).shape.end());
  }
  for (const schedule::Slot& slot : api.schedule.slots) {
    for (const schedule::Extents& count : slot.counts) u.extents.insert(count.begin(), count.end());
  }
  return u;
}

// `static_cast<std::size_t>(n_i * n_k)`, or `std::max({...})` of several: a slot's elements.
std::string slot_elements(const schedule::Slot& slot, const std::vector<std::string>& extent_vars) {
  std::vector<std::string> counts;
  for (const schedule::Extents& count : slot.counts) {
    std::vector<std::string> vars;
    for (ir::ExtentId e : count) vars.push_back(extent_vars.at(index(e)));
    counts.push_back(vars.empty() ? "std::size_t{1}" : fmt::format("static_cast<std::size_t>({})", fmt::join(vars, " * ")));
  }
  std::string elements = counts.size() == 1 ? counts[0] : fmt::format("std::max({{{}}})", fmt::join(counts, ", "));
  return slot.copies == 1 ? elements : fmt::format("{} * {}", elements, slot.copies);
}

// Declares `const int64_t n_i = shapes[0];` for each extent of `extents`, named in `names`.
std::vector<std::string> declare_extents(Printer& out, const ProgramApi& api, NameTable& names,
                                         const std::set<ir::ExtentId>& extents, const std::string& checker) {
  std::vector<std::string> vars(api.program->extents.size());
  for (ir::ExtentId e : extents) vars[index(e)] = names.claim("n_" + api.extent_name(e));
  for (ir::ExtentId e : extents) out.line("const int64_t {} = {}[{}];", vars[index(e)], checker, api.checker_index(e));
  return vars;
}

}  // namespace

void emit_impl(Printer& out, const ProgramApi& api, const SpecLines* lines) {
  const ir::Program& p = *api.program;
  const schedule::Schedule& plan = api.schedule;
  const std::vector<uint32_t> spec_line = lines != nullptr ? value_lines(*lines, p) : std::vector<uint32_t>{};
  Uses u = uses(api);
  bool intermediates = !plan.slots.empty();

  std::vector<std::string> params;
  for (const Param& o : api.outputs)
    params.push_back(fmt::format("{} {}", view_type("T", o.shape.size(), true), o.ident));
  for (const Param& in : api.inputs) {
    bool used = !in.shape.empty() || u.read.count(in.value);
    params.push_back(view_type("T", in.shape.size(), false) + (used ? " " + in.ident : ""));
  }
  params.push_back(intermediates ? "ricci::Workspace& " + api.ws : "ricci::Workspace&");

  NameTable names = api.params;
  Body body{api, plan, names, std::vector<std::string>(p.values.size()), {}, {}, {}};
  std::string checker = names.claim("shapes");
  std::string scope = intermediates ? names.claim("scope") : "";

  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("void " + api.impl, params, ""), "");
  emit_shape_checks(out, api, checker, true);
  body.extent_vars = declare_extents(out, api, names, u.extents, checker);

  // Every value's name: parameters keep theirs, the others are claimed in execution order.
  // Inlined values are named before their readers, whose derived names may be built from theirs.
  for (const Param& in : api.inputs) body.storage[index(in.value)] = in.ident;
  auto name_inlined = [&](auto& self, ir::ValueId id) -> void {
    for (ir::ValueId r : ir::operands(p.at(id).op)) {
      if (!body.inlined(r) || !body.storage[index(r)].empty()) continue;
      self(self, r);
      const ir::Value& v = p.at(r);
      body.storage[index(r)] = names.claim(v.name.empty() ? ir::derived_name(v, body.storage) : v.name);
    }
  };
  for (const schedule::Kernel& k : plan.kernels) {
    std::vector<ir::ValueId> chain{k.value};
    chain.insert(chain.end(), k.epilogue.begin(), k.epilogue.end());
    for (ir::ValueId id : chain) {
      name_inlined(name_inlined, id);
      const schedule::Home& home = plan.homes.at(index(id));
      const ir::Value& v = p.at(id);
      body.storage[index(id)] = home.kind == schedule::Home::Kind::output
                                    ? api.outputs.at(static_cast<std::size_t>(home.index)).ident
                                    : names.claim(v.name.empty() ? ir::derived_name(v, body.storage) : v.name);
    }
  }

  // One workspace request per slot, at entry: the function uses exactly workspace_bytes.
  if (intermediates) {
    out.line("ricci::Workspace::Scope {}({});", scope, api.ws);
    for (std::size_t s = 0; s < plan.slots.size(); ++s) {
      std::vector<std::string> held;
      for (ir::ValueId v : plan.slots[s].values) held.push_back(body.storage[index(v)]);
      std::string comment = fmt::format("{}", fmt::join(held, ", "));
      if (plan.slots[s].copies > 1) comment += "'s partial sums, per chunk";
      body.slot_vars.push_back(names.claim(fmt::format("slot{}", s)));
      out.line("T* const {} = {}.alloc<T>({});  // {}", body.slot_vars.back(), api.ws,
               slot_elements(plan.slots[s], body.extent_vars), comment);
    }
  }

  // The declaration of a kernel's result view when it lives in the workspace, else "".
  auto prelude_of = [&](const schedule::Kernel& k) -> std::string {
    ir::ValueId result = k.result();
    const schedule::Home& home = plan.homes.at(index(result));
    if (home.kind != schedule::Home::Kind::workspace) return "";
    std::vector<std::string> sizes;
    for (ir::ExtentId e : p.at(result).shape) sizes.push_back(body.extent_vars[index(e)]);
    return fmt::format("{} {}({}, {{{}}});", view_type("T", sizes.size(), true), body.storage[index(result)],
                       body.slot_vars.at(static_cast<std::size_t>(home.index)), fmt::join(sizes, ", "));
  };

  // Kernels are separated by blank lines, and from the checks above them if there are any.
  bool separate = !api.extents.empty() || intermediates;
  auto nest = plan.nests.begin();
  for (std::size_t first = 0; first < plan.kernels.size();) {
    const schedule::Kernel& k = plan.kernels[first];
    std::size_t end = first + 1;
    if (separate) out.blank();
    separate = true;
    if (lines != nullptr) out.put(line_directive(*lines, spec_line.at(index(k.result()))));
    if (nest != plan.nests.end() && nest->first == first) {
      std::vector<std::string> preludes;
      for (std::size_t m = nest->first; m < nest->end; ++m) preludes.push_back(prelude_of(plan.kernels[m]));
      emit_shared_nest(out, body, *nest, preludes);
      end = nest->end;
      ++nest;
    } else if (k.gemm && schedule::is_matrix_product(*k.gemm)) {
      emit_gemm(out, body, k, prelude_of(k));
    } else {
      emit_nest(out, body, k, prelude_of(k));
    }
    first = end;
  }
  for (std::size_t k : plan.copied_outputs) {
    if (separate) out.blank();
    separate = true;
    emit_copy(out, body, api.outputs.at(k).ident, api.outputs.at(k).value);
  }
}

void emit_workspace_bytes(Printer& out, const ProgramApi& api) {
  const schedule::Schedule& plan = api.schedule;
  std::set<ir::ExtentId> extents;
  for (const schedule::Slot& slot : plan.slots) {
    for (const schedule::Extents& count : slot.counts) extents.insert(count.begin(), count.end());
  }
  std::vector<std::string> params;
  for (const Param& in : api.inputs) {
    bool named = !extents.empty() && !in.shape.empty();
    params.push_back(view_type("T", in.shape.size(), false) + (named ? " " + in.ident : ""));
  }
  NameTable names = api.params;
  std::string checker = names.claim("shapes");
  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("std::size_t " + api.workspace_bytes_impl, params, ""), "");
  std::vector<std::string> extent_vars(api.program->extents.size());
  if (!extents.empty()) {
    emit_shape_checks(out, api, checker, false);
    extent_vars = declare_extents(out, api, names, extents, checker);
  }
  std::vector<std::string> terms;
  for (const schedule::Slot& slot : plan.slots) {
    terms.push_back(fmt::format("ricci::round_up_to_alignment(sizeof(T) * {})", slot_elements(slot, extent_vars)));
  }
  if (terms.empty()) terms.push_back("0");
  // One slot per line, aligned after `return `.
  out.put(fmt::format("return {};", fmt::join(terms, " +\n       ")));
}

}  // namespace ricci::codegen
