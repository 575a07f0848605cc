// Values computed element by element, and which of those cost a few instructions.
#include <algorithm>

#include "ir/ir_api.h"

namespace ricci::ir {

bool writes_diagonal(const Contract& c) {
  std::vector<Label> out = c.out;
  std::sort(out.begin(), out.end());
  return std::adjacent_find(out.begin(), out.end()) != out.end();
}

bool is_pointwise(const Value& v) {
  const auto* c = std::get_if<Contract>(&v.op);
  if (c == nullptr) return std::holds_alternative<Map>(v.op) || std::holds_alternative<Add>(v.op);
  return !writes_diagonal(*c) && c->out.size() == c->labels.size();
}

bool is_library_call(const Value& v) {
  const auto* m = std::get_if<Map>(&v.op);
  return m != nullptr && (m->fn == Fn::sqrt || m->fn == Fn::sin || m->fn == Fn::cos);
}

bool is_cheap_pointwise(const Value& v) {
  if (!is_pointwise(v)) return false;
  const auto* m = std::get_if<Map>(&v.op);
  if (m == nullptr) return true;
  switch (m->fn) {
    case Fn::relu:
    case Fn::step:
    case Fn::sign:
    case Fn::abs:
    case Fn::square:
    case Fn::powi:
      return true;
    case Fn::exp:
    case Fn::log:
    case Fn::tanh:
    case Fn::sigmoid:
    case Fn::sqrt:
    case Fn::sin:
    case Fn::cos:
      return false;
  }
  return false;
}

}  // namespace ricci::ir
