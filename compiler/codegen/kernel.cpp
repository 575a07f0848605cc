// Outputs are computed in place; intermediates live in the workspace until the function ends.
#include "codegen/kernel.h"

#include <fmt/format.h>

#include <cstdlib>
#include <set>

#include "codegen/nest.h"
#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

// The output each value is computed into (the first that names it), or -1.
std::vector<int> home_outputs(const ProgramApi& api) {
  const ir::Program& p = *api.program;
  std::vector<int> home(p.values.size(), -1);
  for (std::size_t k = 0; k < api.outputs.size(); ++k) {
    ir::ValueId v = api.outputs[k].value;
    if (home[index(v)] < 0 && !std::holds_alternative<ir::Input>(p.at(v).op)) {
      home[index(v)] = static_cast<int>(k);
    }
  }
  return home;
}

std::vector<ir::ValueId> reads(const ir::Value& v) {
  return std::visit(
      [](const auto& op) -> std::vector<ir::ValueId> {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, ir::Input>) {
          return {};
        } else if constexpr (std::is_same_v<Op, ir::Contract>) {
          std::vector<ir::ValueId> ids;
          for (const ir::Operand& o : op.operands) ids.push_back(o.value);
          return ids;
        } else if constexpr (std::is_same_v<Op, ir::Map>) {
          return {op.arg};
        } else {
          static_assert(std::is_same_v<Op, ir::Add>, "unhandled IR op");
          return op.terms;
        }
      },
      v.op);
}

// A name for a value the spec left unnamed, from what it computes: `W_x` for a product,
// `sum_D` for a reduction, `bias_bo` for a broadcast, `tanh_h`, `x_inv`; `tmp` when that
// would be long.
std::string derived_name(const ir::Value& v, const std::vector<std::string>& storage) {
  auto of = [&](ir::ValueId id) -> const std::string& { return storage.at(index(id)); };
  std::string name = std::visit(
      [&](const auto& op) -> std::string {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, ir::Contract>) {
          if (op.operands.empty()) return "c";
          if (op.operands.size() > 1) {
            std::vector<std::string> names;
            for (const ir::Operand& o : op.operands) names.push_back(of(o.value));
            return fmt::format("{}", fmt::join(names, "_"));
          }
          if (op.out.size() < op.labels.size()) return "sum_" + of(op.operands[0].value);
          std::string labels;
          for (ir::Label l : op.out) labels += op.labels.at(static_cast<std::size_t>(l)).name;
          return of(op.operands[0].value) + "_" + labels;
        } else if constexpr (std::is_same_v<Op, ir::Map>) {
          if (op.fn != ir::Fn::powi) return fmt::format("{}_{}", fn_spelling(op.fn), of(op.arg));
          if (op.exponent == -1) return of(op.arg) + "_inv";
          return fmt::format("{}_pow{}{}", of(op.arg), op.exponent < 0 ? "m" : "", std::abs(op.exponent));
        } else if constexpr (std::is_same_v<Op, ir::Add>) {
          if (op.terms.size() == 2) return of(op.terms[0]) + "_plus_" + of(op.terms[1]);
          return "sum";
        } else {
          static_assert(std::is_same_v<Op, ir::Input>, "unhandled IR op");
          return "input";
        }
      },
      v.op);
  return name.size() > 24 ? "tmp" : name;
}

}  // namespace

void emit_shape_checks(Printer& out, const ProgramApi& api, std::string_view checker, bool outputs) {
  if (api.extents.empty()) return;
  out.line("ricci::ShapeChecker<{}> {}({}, {});", api.extents.size(), checker, c_string(api.layer),
           extent_names_init(api));
  auto bind = [&](const Param& p) {
    for (std::size_t axis = 0; axis < p.shape.size(); ++axis) {
      out.line("{}.bind({}, {}, {}, {}.extent({}));", checker, api.checker_index(p.shape[axis]),
               c_string(p.name), axis, p.ident, axis);
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

void emit_impl(Printer& out, const ProgramApi& api) {
  const ir::Program& p = *api.program;
  std::vector<int> home = home_outputs(api);

  // What the body touches decides which parameters are named and which extents declared,
  // so that the generated code compiles warning-free.
  std::set<ir::ValueId> read;
  std::set<ir::ExtentId> extents;
  bool intermediates = false;
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const ir::Value& v = p.values[id];
    if (std::holds_alternative<ir::Input>(v.op)) continue;
    for (ir::ValueId r : reads(v)) read.insert(r);
    extents.insert(v.shape.begin(), v.shape.end());
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) {
      for (const ir::LabelInfo& l : c->labels) extents.insert(l.extent);
    }
    if (home[id] < 0) intermediates = true;
  }
  std::vector<std::size_t> copies;  // outputs that are copied from a value stored elsewhere
  for (std::size_t k = 0; k < api.outputs.size(); ++k) {
    ir::ValueId v = api.outputs[k].value;
    if (home[index(v)] != static_cast<int>(k)) {
      copies.push_back(k);
      read.insert(v);
      extents.insert(api.outputs[k].shape.begin(), api.outputs[k].shape.end());
    }
  }

  std::vector<std::string> params;
  for (const Param& o : api.outputs)
    params.push_back(fmt::format("{} {}", view_type("T", o.shape.size(), true), o.ident));
  for (const Param& in : api.inputs) {
    bool used = !in.shape.empty() || read.count(in.value);
    params.push_back(view_type("T", in.shape.size(), false) + (used ? " " + in.ident : ""));
  }
  params.push_back(intermediates ? "ricci::Workspace& " + api.ws : "ricci::Workspace&");

  NameTable names = api.params;
  Body body{api, names, std::vector<std::string>(p.values.size()),
            std::vector<std::string>(p.extents.size())};
  std::string checker = names.claim("shapes");
  std::string scope = intermediates ? names.claim("scope") : "";
  for (ir::ExtentId e : extents) body.extent_vars[index(e)] = names.claim("n_" + api.extent_name(e));
  for (const Param& in : api.inputs) body.storage[index(in.value)] = in.ident;
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const ir::Value& v = p.values[id];
    if (std::holds_alternative<ir::Input>(v.op)) continue;
    body.storage[id] = home[id] >= 0 ? api.outputs[static_cast<std::size_t>(home[id])].ident
                                     : names.claim(v.name.empty() ? derived_name(v, body.storage) : v.name);
  }

  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("void " + api.impl, params, ""), "");
  emit_shape_checks(out, api, checker, true);
  for (ir::ExtentId e : extents) {
    out.line("const int64_t {} = {}[{}];", body.extent_vars[index(e)], checker, api.checker_index(e));
  }
  if (intermediates) out.line("ricci::Workspace::Scope {}({});", scope, api.ws);
  // Nests are separated by blank lines, and from the checks above them if there are any.
  bool separate = !api.extents.empty() || intermediates;

  for (std::size_t id = 0; id < p.values.size(); ++id) {
    const ir::Value& v = p.values[id];
    if (std::holds_alternative<ir::Input>(v.op)) continue;
    if (separate) out.blank();
    separate = true;
    std::string prelude;
    if (home[id] < 0) {
      std::vector<std::string> sizes;
      for (ir::ExtentId e : v.shape) sizes.push_back(body.extent_vars[index(e)]);
      std::string count =
          sizes.empty() ? "1" : fmt::format("static_cast<std::size_t>({})", fmt::join(sizes, " * "));
      prelude = fmt::format("{} {}({}.alloc<T>({}), {{{}}});", view_type("T", v.shape.size(), true),
                            body.storage[id], api.ws, count, fmt::join(sizes, ", "));
    }
    auto id_v = static_cast<ir::ValueId>(id);
    std::visit(
        [&](const auto& op) {
          using Op = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<Op, ir::Input>) {
            RICCI_CHECK(false, "inputs have no loop nest");
          } else if constexpr (std::is_same_v<Op, ir::Contract>) {
            emit_contract(out, body, id_v, op, prelude);
          } else if constexpr (std::is_same_v<Op, ir::Map>) {
            emit_map(out, body, id_v, op, prelude);
          } else {
            static_assert(std::is_same_v<Op, ir::Add>, "unhandled IR op");
            emit_add(out, body, id_v, op, prelude);
          }
        },
        v.op);
  }
  for (std::size_t k : copies) {
    if (separate) out.blank();
    separate = true;
    emit_copy(out, body, api.outputs[k].ident, api.outputs[k].value);
  }
}

}  // namespace ricci::codegen
