// Inlined values inside a kernel's loops: each is a `const T` local computed from its operands
// just before the statement that reads it, so no pass over memory stores it.
#include <fmt/format.h>

#include <algorithm>

#include "codegen/expr.h"
#include "codegen/nest.h"
#include "ir/ir_api.h"

namespace ricci::codegen {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

// The operands of `id` with the variables each is read at (`vars` as for inline_reads).
std::vector<InlineRead> operand_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars) {
  const ir::Op& op = body.api.program->at(id).op;
  std::vector<InlineRead> reads;
  if (const auto* c = std::get_if<ir::Contract>(&op)) {
    for (const ir::Operand& o : c->operands) reads.push_back({o.value, vars_of(vars, o.labels)});
  } else {
    for (ir::ValueId r : ir::operands(op)) reads.push_back({r, vars});
  }
  return reads;
}

void collect(const Body& body, ir::ValueId id, const std::vector<std::string>& vars, std::vector<InlineRead>& reads) {
  for (const InlineRead& r : operand_reads(body, id, vars)) {
    if (!body.inlined(r.value)) continue;
    if (std::find(reads.begin(), reads.end(), r) != reads.end()) continue;
    collect(body, r.value, inline_label_vars(body, r), reads);
    reads.push_back(r);
  }
}

// One element of inlined value `r` in code, its operands read where they are.
std::string inline_rhs(const Body& body, const InlineRead& r) {
  const auto* c = std::get_if<ir::Contract>(&body.api.program->at(r.value).op);
  if (c == nullptr) return elementwise_rhs(body, r.value, r.vars, false);
  std::string factors = product(body, *c, inline_label_vars(body, r), false);
  return factors.empty() ? fmt::format("T({})", cpp_number(c->coeff)) : scaled(c->coeff, factors);
}

}  // namespace

bool Body::inlined(ir::ValueId v) const {
  return schedule.homes.at(index(v)).kind == schedule::Home::Kind::inlined;
}

std::vector<InlineRead> inline_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars) {
  std::vector<InlineRead> reads;
  collect(body, id, vars, reads);
  return reads;
}

std::vector<InlineRead> stored_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars) {
  std::vector<InlineRead> reads;
  auto add_stored = [&](ir::ValueId reader, const std::vector<std::string>& at) {
    for (InlineRead& r : operand_reads(body, reader, at)) {
      bool stored = !body.inlined(r.value) && !body.fused(r.value);
      if (stored && std::find(reads.begin(), reads.end(), r) == reads.end()) reads.push_back(std::move(r));
    }
  };
  add_stored(id, vars);
  for (const InlineRead& r : inline_reads(body, id, vars)) add_stored(r.value, inline_label_vars(body, r));
  return reads;
}

std::vector<std::string> inline_label_vars(const Body& body, const InlineRead& r) {
  const auto* c = std::get_if<ir::Contract>(&body.api.program->at(r.value).op);
  if (c == nullptr) return r.vars;
  // Each label of an inlined Contract is one of its axes.
  std::vector<std::string> vars(c->labels.size());
  for (std::size_t axis = 0; axis < c->out.size(); ++axis) vars.at(static_cast<std::size_t>(c->out[axis])) = r.vars.at(axis);
  return vars;
}

void InlineLocals::declare(ir::ValueId id, const std::vector<std::string>& vars) {
  for (InlineRead& r : inline_reads(body_, id, vars)) {
    std::pair key{r.value, r.vars};
    if (body_.inline_locals.count(key)) continue;
    std::string rhs = inline_rhs(body_, r);
    // The value's own name, unless it is already read at other variables here.
    const std::string& name = body_.storage.at(index(r.value));
    auto taken = [&](const auto& entry) { return entry.second == name; };
    bool free = std::none_of(body_.inline_locals.begin(), body_.inline_locals.end(), taken);
    std::string local = free ? name : body_.names.claim(name);
    out_.line("const T {} = {};", local, rhs);
    body_.inline_locals.emplace(key, local);
    declared_.push_back(std::move(key));
  }
}

InlineLocals::~InlineLocals() {
  for (const auto& key : declared_) body_.inline_locals.erase(key);
}

}  // namespace ricci::codegen
