// Checking the clauses of a layer and deciding its outputs and gradient inputs.
#include "sema/clauses.h"

#include <fmt/format.h>

#include <algorithm>

namespace ricci::sema {
namespace {

constexpr int64_t kMaxDim = int64_t{1} << 40;

// Reports a name listed twice in one clause; returns true for the first listing only.
bool first_listing(std::map<std::string, SourceRange>& seen, const syntax::Ident& name, const char* clause,
                   Diagnostics& diags) {
  auto [it, fresh] = seen.try_emplace(name.text, name.range);
  if (!fresh)
    diags.error(DiagKind::duplicate_name, name.range, fmt::format("`{}` is listed twice in `{}`", name.text, clause))
        .notes.push_back({it->second, "first listed here"});
  return fresh;
}

std::vector<std::string> check_grads(const syntax::Layer& layer, const TensorTable& tensors, Diagnostics& diags) {
  if (!layer.grad_clause) return tensors.inputs;
  std::map<std::string, SourceRange> seen;
  for (const syntax::Ident& g : layer.grads) {
    if (!first_listing(seen, g, "grad", diags)) continue;
    const TensorInfo* t = tensors.find(g.text);
    if (t == nullptr) {
      diags.error(DiagKind::unknown_grad, g.range,
                  fmt::format("`{}` in `grad` is not a tensor of layer `{}`", g.text, layer.name.text));
    } else if (!t->is_input()) {
      diags
          .error(DiagKind::grad_not_input, g.range,
                 fmt::format("`{}` in `grad` is assigned in layer `{}`; only inputs get gradients", g.text,
                             layer.name.text))
          .notes.push_back({t->definition, fmt::format("`{}` is assigned here", g.text)});
    }
  }
  std::vector<std::string> out;
  for (const std::string& in : tensors.inputs)
    if (seen.count(in)) out.push_back(in);
  return out;
}

// An assigned tensor is an output when no later statement reads its final value.
std::vector<std::string> infer_outputs(const TensorTable& tensors) {
  std::vector<const TensorInfo*> outs;
  for (const TensorInfo& t : tensors.tensors)
    if (!t.is_input() && !(t.last_read && *t.last_read > *t.last_assign)) outs.push_back(&t);
  std::stable_sort(outs.begin(), outs.end(),
                   [](const TensorInfo* a, const TensorInfo* b) { return *a->first_assign < *b->first_assign; });
  std::vector<std::string> names;
  for (const TensorInfo* t : outs) names.push_back(t->name);
  return names;
}

std::vector<std::string> check_outputs(const syntax::Layer& layer, const TensorTable& tensors, Diagnostics& diags) {
  if (!layer.output_clause) return infer_outputs(tensors);
  std::map<std::string, SourceRange> seen;
  std::vector<std::string> out;
  for (const syntax::Ident& o : layer.outputs) {
    if (!first_listing(seen, o, "output", diags)) continue;
    const TensorInfo* t = tensors.find(o.text);
    if (t != nullptr && !t->is_input()) {
      out.push_back(o.text);
      continue;
    }
    Diagnostic& d = diags.error(DiagKind::unknown_output, o.range,
                                fmt::format("`{}` in `output` is not assigned in layer `{}`", o.text, layer.name.text));
    if (t != nullptr) d.notes.push_back({t->first_use, fmt::format("`{}` is an input, read here", o.text)});
  }
  return out;
}

std::map<std::string, const syntax::DimHint*> check_dims(const syntax::Layer& layer,
                                                        const std::set<std::string>& indices, Diagnostics& diags) {
  std::map<std::string, SourceRange> seen;
  std::map<std::string, const syntax::DimHint*> out;
  for (const syntax::DimHint& d : layer.dims) {
    if (!first_listing(seen, d.index, "dims", diags)) continue;
    if (d.value < 1 || d.value > kMaxDim) {
      diags.error(DiagKind::invalid_dim, d.value_range,
                  fmt::format("size of `{}` must be between 1 and 2^40, got {}", d.index.text, d.value));
      continue;
    }
    if (!indices.count(d.index.text)) {
      diags.warning(DiagKind::unused_dim, d.index.range,
                    fmt::format("`{}` in `dims` is not an index of layer `{}`", d.index.text, layer.name.text));
      continue;
    }
    out[d.index.text] = &d;
  }
  return out;
}

}  // namespace

Clauses check_clauses(const syntax::Layer& layer, const TensorTable& tensors, const std::set<std::string>& indices,
                      Diagnostics& diags) {
  Clauses c;
  c.grad_inputs = check_grads(layer, tensors, diags);
  c.outputs = check_outputs(layer, tensors, diags);
  c.dims = check_dims(layer, indices, diags);
  return c;
}

}  // namespace ricci::sema
