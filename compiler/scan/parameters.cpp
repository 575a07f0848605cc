// check_parameters: names, view types, ranks, constness and element types of a declaration.
#include "scan/parameters.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <variant>

#include "codegen/api.h"

namespace ricci::scan {
namespace {

struct Tensor {
  std::string name;
  std::size_t rank = 0;
  bool output = false;
};

// Outputs, then inputs, as the generated API orders them.
std::vector<Tensor> tensors_of(const ir::Layer& layer) {
  const ir::Program& p = layer.evaluate;
  std::vector<Tensor> out;
  for (const ir::Result& r : p.outputs) out.push_back({r.name, p.at(r.value).shape.size(), true});
  for (ir::ValueId v : p.inputs) out.push_back({std::get<ir::Input>(p.at(v).op).name, p.at(v).shape.size(), false});
  return out;
}

bool is_float_or_double(const std::string& element) { return element == "float" || element == "double"; }

std::string names_of(const std::vector<Tensor>& tensors) {
  std::vector<std::string> quoted;
  for (const Tensor& t : tensors) quoted.push_back("`" + t.name + "`");
  return fmt::format("{}", fmt::join(quoted, ", "));
}

// The first parameter whose element type is usable sets the layer's: later ones must agree.
const Parameter* element_setter(const Declaration& d) {
  auto it = std::find_if(d.params.begin(), d.params.end(),
                         [](const Parameter& p) { return p.view && is_float_or_double(p.view->element); });
  return it == d.params.end() ? nullptr : &*it;
}

// Checks one named parameter of a tensor; reports at most one error, the first that applies.
void check_tensor_parameter(const Declaration& d, const Parameter& p, const Tensor& t, const Parameter* setter,
                            Diagnostics& diags) {
  std::string element = setter ? setter->view->element : "float";
  std::string expected = codegen::view_type(element, t.rank, t.output);
  if (!p.view) {
    diags.error(DiagKind::parameter_type, p.range,
                fmt::format("`{}` has type `{}`; expected `{}`", p.name, p.type, expected));
  } else if (!is_float_or_double(p.view->element)) {
    diags.error(DiagKind::element_type, p.range,
                fmt::format("`{}` has element type `{}`; layers compute in `float` or `double`", p.name,
                            p.view->element));
  } else if (p.view->element != element) {
    diags
        .error(DiagKind::element_type, p.range,
               fmt::format("`{}` has element type `{}` but `{}` has `{}`; the tensors of one layer share their "
                           "element type",
                           p.name, p.view->element, setter->name, element))
        .notes.push_back({setter->range, fmt::format("`{}` is declared here", setter->name)});
  } else if (static_cast<std::size_t>(p.view->rank) != t.rank) {
    diags.error(DiagKind::rank_mismatch, p.range,
                fmt::format("`{}` has rank {} here but rank {} in the spec of `{}`", p.name, p.view->rank, t.rank,
                            d.name));
  } else if (p.view->read_only == t.output) {
    diags.error(DiagKind::parameter_type, p.range,
                t.output ? fmt::format("`{}` is an output of `{}`, written by it: expected `{}`, got `{}`", p.name,
                                       d.name, expected, p.type)
                         : fmt::format("`{}` is an input of `{}`, only read: expected `{}`, got `{}`", p.name,
                                       d.name, expected, p.type));
  }
}

}  // namespace

void check_parameters(const Declaration& d, const ir::Layer& layer, Diagnostics& diags) {
  std::vector<Tensor> tensors = tensors_of(layer);
  const Parameter* setter = element_setter(d);
  std::set<std::string> named;
  for (std::size_t k = 0; k < d.params.size(); ++k) {
    const Parameter& p = d.params[k];
    auto t = std::find_if(tensors.begin(), tensors.end(), [&](const Tensor& x) { return x.name == p.name; });
    if (p.name.empty()) {
      diags.error(DiagKind::unknown_parameter, p.range,
                  fmt::format("parameter {} of `{}` has no name; name it like a tensor of the layer ({})", k + 1,
                              d.name, names_of(tensors)));
    } else if (t == tensors.end()) {
      diags.error(DiagKind::unknown_parameter, p.range,
                  fmt::format("`{}` is not a tensor of layer `{}` (its tensors: {})", p.name, d.name,
                              names_of(tensors)));
    } else {
      named.insert(p.name);
      check_tensor_parameter(d, p, *t, setter, diags);
    }
  }
  std::string element = setter ? setter->view->element : "float";
  for (const Tensor& t : tensors) {
    if (named.count(t.name) > 0) continue;
    diags.error(DiagKind::missing_parameter, d.name_range,
                fmt::format("`{}` has no parameter for the {} `{}` of its layer; expected `{} {}`", d.name,
                            t.output ? "output" : "input", t.name, codegen::view_type(element, t.rank, t.output),
                            t.name));
  }
}

}  // namespace ricci::scan
