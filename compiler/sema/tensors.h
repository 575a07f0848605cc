// The tensors of a layer: ranks, definitions before use, and roles (input, assigned).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/walk.h"
#include "support/diagnostics.h"

namespace ricci::sema {

struct TensorInfo {
  std::string name;
  std::size_t rank = 0;            // as at the first use; later uses must agree
  SourceRange first_use;
  SourceRange definition;          // the left side of the first assignment, if any
  std::optional<std::size_t> first_define;  // statement of the first `:=`
  std::optional<std::size_t> first_assign;  // statement of the first `:=` or `+=`
  std::optional<std::size_t> last_assign;
  std::optional<std::size_t> last_read;

  bool is_input() const { return !first_assign; }
};

struct TensorTable {
  std::vector<TensorInfo> tensors;  // in order of first use
  std::map<std::string, std::size_t, std::less<>> by_name;
  std::vector<std::string> inputs;  // tensors read and never assigned, in order of first read

  const TensorInfo* find(std::string_view name) const;
};

// Reports rank-mismatch, redefinition, accumulate-undefined and use-before-definition.
TensorTable check_tensors(const syntax::Layer& layer, const std::vector<AccessSite>& sites,
                          Diagnostics& diags);

// True when the site's rank disagrees with the tensor's (already reported): later checks
// skip such sites instead of piling errors onto one mistake.
bool rank_mismatch(const TensorTable& table, const AccessSite& site);

}  // namespace ricci::sema
