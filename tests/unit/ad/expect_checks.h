// Asserts that every numerical check of a layer passes, naming the failing program.
#pragma once

#include <doctest/doctest.h>

#include "check/check.h"

namespace ricci::ad::test {

inline void expect_checks_pass(const ir::Layer& layer, check::CheckOptions options = {}) {
  for (const check::CheckResult& r : check::check_layer(layer, options)) {
    INFO(layer.name, " ", r.program, " max_rel_error=", r.max_rel_error);
    CHECK(r.ok);
  }
}

}  // namespace ricci::ad::test
