// bind_extents(): the size of every extent, read from the inputs and checked across them.
#include <fmt/format.h>

#include <optional>

#include "interp/interp.h"

namespace ricci::interp {
namespace {

// Where an extent got its size: for messages that name both sides of a disagreement.
struct Binding {
  int64_t size = 0;
  std::string input;
  std::size_t axis = 0;
};

bool extent_used(const ir::Program& p, ir::ExtentId e) {
  for (const ir::Value& v : p.values) {
    for (ir::ExtentId s : v.shape) {
      if (s == e) return true;
    }
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) {
      for (const ir::LabelInfo& info : c->labels) {
        if (info.extent == e) return true;
      }
    }
  }
  return false;
}

}  // namespace

template <class T>
std::vector<int64_t> bind_extents(const ir::Program& p, const Bindings<T>& inputs) {
  std::vector<std::optional<Binding>> bound(p.extents.size());
  for (ir::ValueId id : p.inputs) {
    const ir::Value& v = p.at(id);
    auto it = inputs.find(v.name);
    if (it == inputs.end()) throw InputError(fmt::format("missing input `{}`", v.name));
    const Array<T>& a = it->second;
    if (a.dims.size() != v.shape.size()) {
      throw InputError(fmt::format("input `{}`: expected rank {}, got {}", v.name, v.shape.size(),
                                   a.dims.size()));
    }
    int64_t count = 1;
    for (std::size_t axis = 0; axis < a.dims.size(); ++axis) {
      const ir::Extent& extent = p.extents[static_cast<std::size_t>(v.shape[axis])];
      int64_t size = a.dims[axis];
      if (size < 0) {
        throw InputError(fmt::format("input `{}` axis {} (index `{}`): size {} is negative", v.name,
                                     axis, extent.name, size));
      }
      std::optional<Binding>& b = bound[static_cast<std::size_t>(v.shape[axis])];
      if (!b) {
        b = Binding{size, v.name, axis};
      } else if (b->size != size) {
        throw InputError(fmt::format(
            "input `{}` axis {} (index `{}`): expected size {} (from `{}` axis {}), got {}",
            v.name, axis, extent.name, b->size, b->input, b->axis, size));
      }
      count *= size;
    }
    if (static_cast<int64_t>(a.data.size()) != count) {
      throw InputError(fmt::format("input `{}`: expected {} elements for its dims, got {}", v.name,
                                   count, a.data.size()));
    }
  }
  std::vector<int64_t> sizes(p.extents.size());
  for (std::size_t e = 0; e < p.extents.size(); ++e) {
    if (bound[e]) {
      sizes[e] = bound[e]->size;
    } else if (extent_used(p, static_cast<ir::ExtentId>(e))) {
      throw InputError(
          fmt::format("extent `{}` is not carried by any input", p.extents[e].name));
    }
  }
  return sizes;
}

template std::vector<int64_t> bind_extents(const ir::Program&, const Bindings<double>&);
template std::vector<int64_t> bind_extents(const ir::Program&, const Bindings<float>&);

}  // namespace ricci::interp
