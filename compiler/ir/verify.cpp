// verify(): every invariant the Builder guarantees, re-checked on a finished Program.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "ir/detail.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {

void verify(const Program& p) {
  std::span<const Value> values(p.values);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    if (const auto* in = std::get_if<Input>(&v.op)) {
      RICCI_CHECK(!in->name.empty(), fmt::format("input %{} without a name", i));
      RICCI_CHECK(std::count(p.inputs.begin(), p.inputs.end(), static_cast<ValueId>(i)) == 1,
                  fmt::format("input `{}` (%{}) is not listed once among the inputs", in->name, i));
      detail::check_shape(v.shape, p.extents.size());
    } else {
      // Checking against the values before %i is what enforces SSA order.
      Shape shape = detail::checked_shape(v.op, values.first(i), p.extents.size());
      RICCI_CHECK(shape == v.shape, fmt::format("%{} has a shape that disagrees with its op", i));
    }
  }
  std::vector<std::string> input_names;
  for (ValueId id : p.inputs) {
    RICCI_CHECK(id >= 0 && static_cast<std::size_t>(id) < values.size(),
                fmt::format("input list names unknown value %{}", id));
    const auto* in = std::get_if<Input>(&p.at(id).op);
    RICCI_CHECK(in != nullptr, fmt::format("input list names %{}, which is not an input", id));
    RICCI_CHECK(std::find(input_names.begin(), input_names.end(), in->name) == input_names.end(),
                fmt::format("two inputs named `{}`", in->name));
    input_names.push_back(in->name);
  }
  std::vector<std::string> output_names;
  for (const Result& r : p.outputs) {
    RICCI_CHECK(!r.name.empty(), "output without a name");
    RICCI_CHECK(r.value >= 0 && static_cast<std::size_t>(r.value) < values.size(),
                fmt::format("output `{}` names unknown value %{}", r.name, r.value));
    RICCI_CHECK(std::find(output_names.begin(), output_names.end(), r.name) == output_names.end(),
                fmt::format("two outputs named `{}`", r.name));
    output_names.push_back(r.name);
  }
}

}  // namespace ricci::ir
