// run(): executes a program value by value on dense row-major arrays.
#include <algorithm>
#include <type_traits>

#include "interp/interp.h"
#include "ir/fn_eval.h"

namespace ricci::interp {
namespace {

using ir::Label;

// A position in the label space of one contraction, with the element offset it implies in
// each array (operands, then the result), kept up to date as labels advance.
struct Cursor {
  std::vector<int64_t> index;                 // per label
  std::vector<std::vector<int64_t>> strides;  // per array, per label
  std::vector<int64_t> at;                    // per array

  // Advances over `order` (last label fastest); false once every combination is done.
  bool advance(const std::vector<Label>& order, const std::vector<int64_t>& size) {
    for (std::size_t k = order.size(); k-- > 0;) {
      auto l = static_cast<std::size_t>(order[k]);
      if (++index[l] < size[l]) {
        for (std::size_t a = 0; a < at.size(); ++a) at[a] += strides[a][l];
        return true;
      }
      for (std::size_t a = 0; a < at.size(); ++a) at[a] -= strides[a][l] * (size[l] - 1);
      index[l] = 0;
    }
    return false;
  }
};

bool empty_range(const std::vector<Label>& order, const std::vector<int64_t>& size) {
  for (Label l : order) {
    if (size[static_cast<std::size_t>(l)] == 0) return true;
  }
  return false;
}

// Row-major strides of an array read with `labels`, summed per label so that a repeated
// label walks the diagonal.
std::vector<int64_t> label_strides(const std::vector<Label>& labels, const std::vector<int64_t>& dims,
                                   std::size_t label_count) {
  std::vector<int64_t> strides(label_count);
  int64_t stride = 1;
  for (std::size_t axis = labels.size(); axis-- > 0;) {
    strides[static_cast<std::size_t>(labels[axis])] += stride;
    stride *= dims[axis];
  }
  return strides;
}

std::vector<int64_t> dims_of(const ir::Shape& shape, const std::vector<int64_t>& extent_size) {
  std::vector<int64_t> dims;
  for (ir::ExtentId e : shape) dims.push_back(extent_size[static_cast<std::size_t>(e)]);
  return dims;
}

int64_t element_count(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

// Every assignment of the labels: out labels outer, summed labels inner, so each result
// element is one accumulation in a fixed order. A repeated out label visits only the
// diagonal, leaving the rest of the result zero.
template <class T>
Array<T> contract(const ir::Contract& c, const std::vector<Array<T>>& values, std::vector<int64_t> dims,
                  const std::vector<int64_t>& extent_size) {
  std::size_t n = c.labels.size();
  std::vector<int64_t> size(n);
  for (std::size_t l = 0; l < n; ++l) size[l] = extent_size[static_cast<std::size_t>(c.labels[l].extent)];
  std::vector<Label> outer, inner;
  for (Label l : c.out) {
    if (std::find(outer.begin(), outer.end(), l) == outer.end()) outer.push_back(l);
  }
  for (std::size_t l = 0; l < n; ++l) {
    if (std::find(outer.begin(), outer.end(), static_cast<Label>(l)) == outer.end()) {
      inner.push_back(static_cast<Label>(l));
    }
  }
  Array<T> result{dims, std::vector<T>(static_cast<std::size_t>(element_count(dims)), T(0))};
  Cursor cursor{std::vector<int64_t>(n), {}, std::vector<int64_t>(c.operands.size() + 1)};
  std::vector<const T*> data;
  for (const ir::Operand& operand : c.operands) {
    const Array<T>& a = values[static_cast<std::size_t>(operand.value)];
    cursor.strides.push_back(label_strides(operand.labels, a.dims, n));
    data.push_back(a.data.data());
  }
  cursor.strides.push_back(label_strides(c.out, dims, n));
  if (empty_range(outer, size)) return result;
  do {
    T acc = T(0);
    if (!empty_range(inner, size)) {
      do {
        T product = T(1);
        for (std::size_t k = 0; k < data.size(); ++k) product *= data[k][cursor.at[k]];
        acc += product;
      } while (cursor.advance(inner, size));
    }
    result.data[static_cast<std::size_t>(cursor.at.back())] = static_cast<T>(c.coeff) * acc;
  } while (cursor.advance(outer, size));
  return result;
}

}  // namespace

template <class T>
Bindings<T> run(const ir::Program& p, const Bindings<T>& inputs) {
  std::vector<int64_t> extent_size = bind_extents(p, inputs);
  std::vector<Array<T>> values;
  values.reserve(p.values.size());
  for (const ir::Value& v : p.values) {
    std::vector<int64_t> dims = dims_of(v.shape, extent_size);
    values.push_back(std::visit(
        [&](const auto& o) -> Array<T> {
          using Op = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<Op, ir::Input>) {
            return inputs.at(o.name);
          } else if constexpr (std::is_same_v<Op, ir::Contract>) {
            return contract(o, values, dims, extent_size);
          } else if constexpr (std::is_same_v<Op, ir::Map>) {
            Array<T> r = values[static_cast<std::size_t>(o.arg)];
            for (T& x : r.data) x = ir::apply_fn(o.fn, o.exponent, x);
            return r;
          } else {
            static_assert(std::is_same_v<Op, ir::Add>);
            Array<T> r = values[static_cast<std::size_t>(o.terms.front())];
            for (std::size_t k = 1; k < o.terms.size(); ++k) {
              const Array<T>& term = values[static_cast<std::size_t>(o.terms[k])];
              for (std::size_t e = 0; e < r.data.size(); ++e) r.data[e] += term.data[e];
            }
            return r;
          }
        },
        v.op));
  }
  Bindings<T> outputs;
  for (const ir::Result& r : p.outputs) outputs[r.name] = values[static_cast<std::size_t>(r.value)];
  return outputs;
}

template Bindings<double> run(const ir::Program&, const Bindings<double>&);
template Bindings<float> run(const ir::Program&, const Bindings<float>&);

}  // namespace ricci::interp
