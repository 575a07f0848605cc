// The host function checks every shape before it enqueues anything, then enqueues the
// schedule's kernels on the caller's stream; nothing here waits for the GPU.
#include "cuda/host.h"

#include <fmt/format.h>

#include <set>

#include "codegen/kernel.h"
#include "cuda/gemm.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::cuda {
namespace {

using codegen::Printer;

std::string view_type(std::string_view type, std::size_t rank, bool mutable_view) {
  return fmt::format("ricci::cuda::{}<{}, {}>", mutable_view ? "DeviceRef" : "DeviceCRef", type, rank);
}

// What the host body touches, so that only those parameters are named and only those
// extents declared (the generated code compiles without unused-variable warnings).
struct Uses {
  std::set<ir::ExtentId> extents;
  std::set<ir::ValueId> pointers;
  bool blas = false;

  void shape(const ir::Shape& s) { extents.insert(s.begin(), s.end()); }
};

Uses host_uses(const CudaProgram& p, const std::vector<std::vector<Launch>>& launches) {
  Uses u;
  for (const schedule::Slot& slot : p.schedule().slots) {
    for (ir::ValueId id : slot.values) u.shape(p.value(id).shape);
  }
  for (std::size_t k = 0; k < p.schedule().kernels.size(); ++k) {
    const schedule::Kernel& sk = p.schedule().kernels[k];
    if (p.kernels[k].cublas) {
      u.blas = true;
      const auto& c = std::get<ir::Contract>(p.value(sk.value).op);
      for (const ir::Operand& o : c.operands) {
        u.pointers.insert(o.value);
        u.shape(p.value(o.value).shape);
      }
      u.pointers.insert(sk.result());
      u.shape(p.value(sk.value).shape);
    } else if (const auto* c = std::get_if<ir::Contract>(&p.value(sk.value).op); c && ir::writes_diagonal(*c)) {
      u.pointers.insert(sk.result());
      u.shape(p.value(sk.value).shape);
    }
    for (const Launch& l : launches.at(k)) {
      u.pointers.insert(l.target);
      u.pointers.insert(l.reads.begin(), l.reads.end());
      u.extents.insert(l.extents.begin(), l.extents.end());
      u.extents.insert(l.work.begin(), l.work.end());
    }
  }
  for (std::size_t k : p.schedule().copied_outputs) {
    u.pointers.insert(p.api.outputs.at(k).value);
    u.shape(p.api.outputs.at(k).shape);
  }
  return u;
}

// The parameters of an internal template, unnamed where the body does not use them.
// With `checks`, every view of rank > 0 is bound by the shape checks.
std::vector<std::string> impl_params(const CudaProgram& p, const std::set<ir::ValueId>& pointers, bool checks) {
  std::vector<std::string> params;
  auto add = [&](const codegen::Param& param, bool mutable_view) {
    bool used = (checks && !param.shape.empty()) || pointers.count(param.value) > 0;
    params.push_back(view_type("T", param.shape.size(), mutable_view) + (used ? " " + param.ident : ""));
  };
  for (const codegen::Param& o : p.api.outputs) add(o, true);
  for (const codegen::Param& in : p.api.inputs) add(in, false);
  return params;
}

void declare_extents(Printer& out, const CudaProgram& p, const std::set<ir::ExtentId>& extents,
                     const std::string& checker) {
  for (ir::ExtentId e : extents) {
    out.line("const int64_t {} = {}[{}];", p.extent_var(e), checker, p.api.checker_index(e));
  }
}

// Prints the byte offset of each workspace slot after the first and the total; returns the
// total's name and, per slot, the offset's name ("" for slot 0, at the arena's start).
std::string emit_layout(Printer& out, const CudaProgram& p, codegen::NameTable& scope,
                        std::vector<std::string>& offsets) {
  std::vector<std::string> holds;
  for (std::size_t s = 0; s < p.schedule().slots.size(); ++s) {
    std::vector<std::string> names;
    for (ir::ValueId id : p.schedule().slots[s].values) names.push_back(p.name(id));
    holds.push_back(fmt::format("{} {}", s, fmt::join(names, " and ")));
  }
  out.comment(fmt::format("The workspace, slot after slot: {}.", fmt::join(holds, "; ")));
  std::string previous;
  for (std::size_t s = 0; s < p.schedule().slots.size(); ++s) {
    RICCI_CHECK(p.schedule().slots[s].copies == 1, "a CUDA schedule has no shared nests, whose partial sums take copies");
    std::vector<std::string> sizes;
    for (const schedule::Extents& count : p.schedule().slots[s].counts)
      sizes.push_back(fmt::format("ricci::cuda::slot_bytes<T>({})", element_count(p, count)));
    bool last = s + 1 == p.schedule().slots.size();
    std::string name = scope.claim(last ? "bytes" : fmt::format("slot_{}", s + 1));
    std::string head = fmt::format("const std::size_t {} = {}", name, previous.empty() ? "" : previous + " + ");
    if (sizes.size() == 1) {
      out.line("{}{};", head, sizes[0]);
    } else {
      out.put(out.wrap(head + "std::max(", sizes, ");", "{}"));
    }
    offsets.push_back(previous);
    previous = name;
  }
  return previous;
}

std::string layer_literal(const CudaProgram& p) { return codegen::c_string(p.api.layer); }

void emit_launch(Printer& out, const CudaProgram& p, const Launch& l) {
  std::vector<std::string> args = {l.kernel + "<T>",
                                   l.one_block ? "1" : fmt::format("ricci::cuda::grid_size({})", element_count(p, l.work)),
                                   p.stream, layer_literal(p), codegen::c_string("kernel " + l.kernel),
                                   host_pointer(p, l.target)};
  for (ir::ValueId id : l.reads) args.push_back(host_pointer(p, id));
  for (ir::ExtentId e : l.extents) args.push_back(p.extent_var(e));
  out.put(out.wrap("ricci::cuda::launch", args, ";"));
}

void emit_check(Printer& out, const CudaProgram& p, const std::string& call, const std::string& name) {
  out.put(out.wrap("ricci::cuda::check", {call, layer_literal(p), codegen::c_string(name)}, ";"));
}

}  // namespace

std::vector<std::string> device_params(const CudaProgram& cp, std::string_view type, bool with_workspace) {
  const codegen::ProgramApi& api = cp.api;
  std::vector<std::string> params;
  for (const codegen::Param& p : api.outputs)
    params.push_back(fmt::format("{} {}", view_type(type, p.shape.size(), true), p.ident));
  for (const codegen::Param& p : api.inputs)
    params.push_back(fmt::format("{} {}", view_type(type, p.shape.size(), false), p.ident));
  if (with_workspace) {
    params.push_back("ricci::cuda::Workspace& " + api.ws);
    params.push_back("cudaStream_t " + cp.stream);
  }
  return params;
}

void emit_impl(Printer& out, const CudaProgram& p, const std::vector<std::vector<Launch>>& launches) {
  Uses uses = host_uses(p, launches);
  bool slots = !p.schedule().slots.empty();
  codegen::NameTable scope = p.scope;
  std::string checker = scope.claim("shapes");
  std::vector<std::string> params = impl_params(p, uses.pointers, true);
  params.push_back(slots || uses.blas ? "ricci::cuda::Workspace& " + p.api.ws : "ricci::cuda::Workspace&");
  params.push_back("cudaStream_t " + p.stream);

  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("void " + p.impl, params, ""), "");
  codegen::emit_shape_checks(out, p.api, checker, true);
  declare_extents(out, p, uses.extents, checker);
  if (slots) {
    std::vector<std::string> offsets;
    std::string bytes = emit_layout(out, p, scope, offsets);
    std::string arena = scope.claim("arena");
    out.line("std::byte* {} = {}.reserve({}, {}, {});", arena, p.api.ws, bytes, p.stream, layer_literal(p));
    for (std::size_t s = 0; s < p.schedule().slots.size(); ++s) {
      for (ir::ValueId id : p.schedule().slots[s].values) {
        if (!uses.pointers.count(id)) continue;
        std::string at = offsets[s].empty() ? arena : arena + " + " + offsets[s];
        out.line("T* {} = reinterpret_cast<T*>({});", p.name(id), at);
      }
    }
  }
  for (std::size_t k = 0; k < p.schedule().kernels.size(); ++k) {
    const schedule::Kernel& sk = p.schedule().kernels[k];
    out.blank();
    if (p.kernels[k].cublas) {
      emit_gemm(out, p, sk, *p.kernels[k].cublas);
    } else if (const auto* c = std::get_if<ir::Contract>(&p.value(sk.value).op); c && ir::writes_diagonal(*c)) {
      emit_check(out, p,
                 fmt::format("cudaMemsetAsync({}, 0, sizeof(T) * {}, {})", host_pointer(p, sk.result()),
                             element_count(p, p.value(sk.value).shape), p.stream),
                 "cudaMemsetAsync");
    }
    for (const Launch& l : launches.at(k)) emit_launch(out, p, l);
  }
  for (std::size_t k : p.schedule().copied_outputs) {
    const codegen::Param& o = p.api.outputs.at(k);
    out.blank();
    out.line("// {} is {}, stored elsewhere.", o.name, p.name(o.value));
    emit_check(out, p,
               fmt::format("cudaMemcpyAsync({}.data(), {}, sizeof(T) * {}, cudaMemcpyDeviceToDevice, {})", o.ident,
                           host_pointer(p, o.value), element_count(p, o.shape), p.stream),
               "cudaMemcpyAsync");
  }
}

void emit_workspace_impl(Printer& out, const CudaProgram& p) {
  bool slots = !p.schedule().slots.empty();
  codegen::NameTable scope = p.scope;
  std::string checker = scope.claim("shapes");
  std::set<ir::ExtentId> extents;
  for (const schedule::Slot& slot : p.schedule().slots) {
    for (ir::ValueId id : slot.values) extents.insert(p.value(id).shape.begin(), p.value(id).shape.end());
  }
  out.put("template <class T>");
  Printer::Block fn(out, out.wrap("std::size_t " + p.workspace_impl, impl_params(p, {}, slots), ""), "");
  if (!slots) {
    out.put("return 0;");
    return;
  }
  codegen::emit_shape_checks(out, p.api, checker, true);
  declare_extents(out, p, extents, checker);
  std::vector<std::string> offsets;
  out.line("return {};", emit_layout(out, p, scope, offsets));
}

}  // namespace ricci::cuda
