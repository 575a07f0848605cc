// Parameter order is the Program's: outputs, then inputs, then the workspace.
#include "codegen/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "support/internal_error.h"

namespace ricci::codegen {
namespace {

std::string result_struct_name(ir::ProgramKind kind) {
  switch (kind) {
    case ir::ProgramKind::evaluate:
      return "EvaluateResult";
    case ir::ProgramKind::pullback:
      return "PullbackResult";
    case ir::ProgramKind::pushforward:
      return "PushforwardResult";
    case ir::ProgramKind::pullback2:
      return "Pullback2Result";
  }
  RICCI_CHECK(false, "unknown program kind");
}

std::set<ir::ExtentId> used_extents(const ir::Program& p) {
  std::set<ir::ExtentId> used;
  for (const ir::Value& v : p.values) {
    used.insert(v.shape.begin(), v.shape.end());
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) {
      for (const ir::LabelInfo& l : c->labels) used.insert(l.extent);
    }
  }
  return used;
}

// `A`, or `(A, B)` for several names: how describe() writes a group.
std::string group(const std::vector<std::string>& names) {
  if (names.size() == 1) return names[0];
  return fmt::format("({})", fmt::join(names, ", "));
}

std::vector<std::string> all_names(const std::vector<Param>& params) {
  std::vector<std::string> names;
  for (const Param& p : params) names.push_back(p.name);
  return names;
}

// A set of names: a layer may have thousands of inputs, and describe() looks each one up.
using NameSet = std::set<std::string, std::less<>>;

bool contains(const NameSet& names, std::string_view name) { return names.count(name) > 0; }

// Splits `names` into those spelled `prefix` + a name of `universe` (with and without the
// prefix) and the rest, e.g. the tangents `t_X` of a pushforward's inputs `X`.
struct Split {
  std::vector<std::string> prefixed, stripped, rest;
};

Split split(const std::vector<std::string>& names, std::string_view prefix,
            const std::vector<std::string>& universe_names) {
  NameSet universe(universe_names.begin(), universe_names.end());
  Split s;
  for (const std::string& name : names) {
    std::string_view view = name;
    if (view.substr(0, prefix.size()) == prefix && contains(universe, view.substr(prefix.size()))) {
      s.prefixed.push_back(name);
      s.stripped.push_back(name.substr(prefix.size()));
    } else {
      s.rest.push_back(name);
    }
  }
  return s;
}

}  // namespace

int ProgramApi::checker_index(ir::ExtentId e) const {
  for (std::size_t k = 0; k < extents.size(); ++k) {
    if (extents[k] == e) return static_cast<int>(k);
  }
  RICCI_CHECK(false, fmt::format("extent {} is not used by program `{}`", e, function));
}

const std::string& ProgramApi::extent_name(ir::ExtentId e) const {
  return program->extents.at(static_cast<std::size_t>(e)).name;
}

namespace {

// `variant` tells the internal functions of another form of the program apart: `_saved`.
ProgramApi make_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options,
                    std::string_view variant) {
  ProgramApi api;
  api.program = &p;
  api.layer = std::string(layer);
  api.function = ir::program_name(p.kind);
  api.result_struct = result_struct_name(p.kind);
  std::string internal = api.function + std::string(variant);
  api.impl = api.params.claim(internal + "_impl");
  api.alloc = api.params.claim(internal + "_alloc");
  api.workspace_bytes = api.params.claim(api.function + "_workspace_bytes");
  api.workspace_bytes_impl = api.params.claim(internal + "_workspace_bytes_impl");
  for (const ir::Result& r : p.outputs) {
    api.outputs.push_back({r.name, api.params.claim(r.name), r.value, p.at(r.value).shape, ""});
  }
  for (ir::ValueId id : p.inputs) {
    const ir::Value& v = p.at(id);
    const auto* input = std::get_if<ir::Input>(&v.op);
    RICCI_CHECK(input, fmt::format("program input {} is not an Input value", id));
    api.inputs.push_back({input->name, api.params.claim(input->name), id, v.shape, ""});
  }
  api.ws = api.params.claim("ws");

  std::set<ir::ExtentId> carried;
  for (const Param& in : api.inputs) carried.insert(in.shape.begin(), in.shape.end());
  for (ir::ExtentId e : used_extents(p)) {
    RICCI_CHECK(e >= 0 && static_cast<std::size_t>(e) < p.extents.size(), "extent out of range");
    RICCI_CHECK(carried.count(e), fmt::format("extent `{}` of program `{}` is carried by no input",
                                              p.extents[static_cast<std::size_t>(e)].name, api.function));
    api.extents.push_back(e);
  }
  api.schedule = schedule::make_schedule(p, options);
  return api;
}

}  // namespace

ProgramApi make_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options) {
  return make_api(p, layer, options, "");
}

ProgramApi make_saved_api(const ir::Program& p, std::string_view layer, const schedule::ScheduleOptions& options,
                          const SavedMembers& members) {
  ProgramApi api = make_api(p, layer, options, "_saved");
  for (std::vector<Param>* params : {&api.outputs, &api.inputs}) {
    for (Param& param : *params) {
      if (auto it = members.find(param.name); it != members.end()) param.member = it->second;
    }
  }
  api.saved = api.params.claim("saved");
  if (writes_saved(api)) api.reserve = api.params.claim(api.function + "_saved_reserve");
  return api;
}

SavedMembers saved_members(const std::vector<std::string>& names) {
  SavedMembers members;
  NameTable taken;
  for (const std::string& name : names) {
    std::string_view base = name;
    if (base.rfind("saved_", 0) == 0) base.remove_prefix(6);
    members.emplace(name, taken.claim(identifier(base)));
  }
  return members;
}

ProgramApi forwarding_saved_api(const ProgramApi& api) {
  ProgramApi saved = api;
  saved.saved = saved.params.claim("saved");
  saved.forwards = true;
  return saved;
}

bool writes_saved(const ProgramApi& api) {
  return std::any_of(api.outputs.begin(), api.outputs.end(), [](const Param& p) { return !p.member.empty(); });
}

bool reads_saved(const ProgramApi& api) {
  return std::any_of(api.inputs.begin(), api.inputs.end(), [](const Param& p) { return !p.member.empty(); });
}

std::string view_type(std::string_view type, std::size_t rank, bool mutable_view) {
  return fmt::format("ricci::{}<{}, {}>", mutable_view ? "Ref" : "CRef", type, rank);
}

std::vector<std::string> param_list(const ProgramApi& api, std::string_view type, bool with_outputs,
                                    std::string_view ws, Signature sig) {
  std::vector<std::string> params;
  if (with_outputs) {
    for (const Param& p : api.outputs) {
      if (p.member.empty()) params.push_back(fmt::format("{} {}", view_type(type, p.shape.size(), true), p.ident));
    }
  }
  for (const Param& p : api.inputs) {
    if (p.member.empty()) params.push_back(fmt::format("{} {}", view_type(type, p.shape.size(), false), p.ident));
  }
  if (!api.saved.empty()) {
    bool read_only = sig == Signature::workspace_bytes || !writes_saved(api);
    params.push_back(fmt::format("{}Saved<{}>& {}", read_only ? "const " : "", type, api.saved));
  }
  if (!ws.empty()) params.push_back(fmt::format("ricci::Workspace& {}", ws));
  return params;
}

bool workspace_bytes_is_template(const ProgramApi& api) {
  return param_list(api, "T", false, "", Signature::workspace_bytes).empty();
}

std::string arg(const ProgramApi& api, const Param& p) {
  return p.member.empty() ? p.ident : api.saved + "." + p.member;
}

std::vector<std::string> forward_list(const ProgramApi& api, bool with_outputs, std::string_view ws) {
  std::vector<std::string> names;
  if (with_outputs) {
    for (const Param& p : api.outputs) {
      if (p.member.empty()) names.push_back(p.ident);
    }
  }
  for (const Param& p : api.inputs) {
    if (p.member.empty()) names.push_back(p.ident);
  }
  if (!api.saved.empty()) names.push_back(api.saved);
  if (!ws.empty()) names.emplace_back(ws);
  return names;
}

std::vector<std::string> arg_list(const ProgramApi& api, bool with_outputs, std::string_view ws) {
  std::vector<std::string> args;
  if (with_outputs) {
    for (const Param& p : api.outputs) args.push_back(arg(api, p));
  }
  for (const Param& p : api.inputs) args.push_back(arg(api, p));
  if (!ws.empty()) args.emplace_back(ws);
  return args;
}

std::string c_string(std::string_view text) {
  std::string s = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      s.push_back('\\');
      s.push_back(c);
    } else if (c == '\n') {
      s += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      s += fmt::format("\\{:03o}", static_cast<unsigned char>(c));
    } else {
      s.push_back(c);
    }
  }
  s.push_back('"');
  return s;
}

std::string extent_names_init(const ProgramApi& api) {
  std::vector<std::string> names;
  for (ir::ExtentId e : api.extents) names.push_back(c_string(api.extent_name(e)));
  return fmt::format("{{{}}}", fmt::join(names, ", "));
}

std::string param_with_axes(const ProgramApi& api, const Param& p) {
  if (p.shape.empty()) return p.name;
  std::vector<std::string> axes;
  for (ir::ExtentId e : p.shape) axes.push_back(api.extent_name(e));
  return fmt::format("{}[{}]", p.name, fmt::join(axes, ","));
}

// Derived programs follow DESIGN.md's naming (d_Y, t_X, dd_X, g_...), which is what lets
// the description name the primal tensors each group belongs to.
std::string describe(const ProgramApi& api) {
  std::vector<std::string> outs = all_names(api.outputs);
  std::vector<std::string> ins = all_names(api.inputs);
  const std::string& f = api.layer;
  switch (api.program->kind) {
    case ir::ProgramKind::evaluate:
      return fmt::format("{} = {}({})", fmt::join(outs, ", "), f, fmt::join(ins, ", "));
    case ir::ProgramKind::pullback: {
      // Inputs are the seeds d_Y then the primals; the outputs are d_X for primals X.
      Split xs = split(outs, "d_", ins);
      std::vector<std::string> seeds, ys;
      NameSet in_set(ins.begin(), ins.end());
      for (const std::string& name : ins) {
        if (name.rfind("d_", 0) == 0 && !contains(in_set, name.substr(2))) {
          seeds.push_back(name);
          ys.push_back(name.substr(2));
        }
      }
      return fmt::format("{} = {} . d{}/d{}, the vector-Jacobian product of {} (reverse mode)",
                         fmt::join(outs, ", "), group(seeds), group(ys), group(xs.stripped), f);
    }
    case ir::ProgramKind::pushforward: {
      Split xs = split(ins, "t_", ins);
      Split ys = split(outs, "t_", outs);
      return fmt::format(
          "{} = {}({}) and {} = d{}/d{} . {}, the Jacobian-vector product of {} (forward mode)",
          fmt::join(ys.rest, ", "), f, fmt::join(xs.rest, ", "), fmt::join(ys.prefixed, ", "),
          group(ys.stripped), group(xs.rest), group(xs.prefixed), f);
    }
    case ir::ProgramKind::pullback2: {
      Split seeds = split(ins, "dd_", ins);
      std::vector<std::string> grads;
      for (const std::string& x : seeds.stripped) grads.push_back("d_" + x);
      return fmt::format("{} = {} . d{}/d{}, the pullback of the pullback of {} (reverse over reverse)",
                         fmt::join(outs, ", "), group(seeds.prefixed), group(grads), group(seeds.rest), f);
    }
  }
  RICCI_CHECK(false, "unknown program kind");
}

}  // namespace ricci::codegen
