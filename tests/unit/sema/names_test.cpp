// Layer names, reserved names and index/tensor clashes.
#include <doctest/doctest.h>

#include "sema/names.h"
#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("a layer defined twice is reported at the second name, with the first as a note") {
  Analyzed a = analyze_text("layer a { y[i] := x[i] }\nlayer a { y[i] := x[i] }\n");
  CHECK(a.summary() ==
        "2:7: duplicate-layer: layer `a` is defined twice\n"
        "  1:7: note: first definition of `a` here\n");
  CHECK(a.module.layers.empty());
}

TEST_CASE("reserved names: keywords, generated names, `_`, `__` and derived prefixes") {
  CHECK(reserved_reason("class") == "it is a C++ keyword");
  CHECK(reserved_reason("co_await") == "it is a C++ keyword");
  CHECK(reserved_reason("ws") == "the generated code uses this name");
  CHECK(reserved_reason("shapes") == "the generated code uses this name");
  CHECK(reserved_reason("T") == "the generated code uses this name");
  CHECK(reserved_reason("std") == "the generated code uses this name");
  CHECK(reserved_reason("ricci") == "the generated code uses this name");
  CHECK(reserved_reason("_x") == "names starting with `_` are reserved");
  CHECK(reserved_reason("a__b") == "names containing `__` are reserved in C++");
  for (const char* prefix : {"d_", "t_", "dd_", "g_", "n_"})
    CHECK(reserved_reason(std::string(prefix) + "x") ==
          "the prefix `" + std::string(prefix) + "` is reserved for derived names");
  for (const char* ok : {"x", "d", "dx", "t", "Ws", "n", "trD", "classes", "x_"})
    CHECK_FALSE(reserved_reason(ok).has_value());
}

TEST_CASE("a layer may not be spelled like a C library function; a tensor or index may") {
  CHECK(layer_reserved_reason("exp") == "its namespace would clash with the C library's `::exp`");
  CHECK(layer_reserved_reason("index") == "its namespace would clash with the C library's `::index`");
  CHECK(layer_reserved_reason("class") == "it is a C++ keyword");
  CHECK(layer_reserved_reason("d_x") == "the prefix `d_` is reserved for derived names");
  for (const char* ok : {"dense", "expo", "exp_", "bilinear"})
    CHECK_FALSE(layer_reserved_reason(ok).has_value());
  for (const char* global : {"exp", "log", "time", "index"})
    CHECK_FALSE(reserved_reason(global).has_value());

  Analyzed a = analyze_text("layer log {\n  exp[time] := sqrt[time]\n}\nlayer logs { y[i] := x[i] }");
  CHECK(a.summary() == "1:7: reserved-name: `log` cannot name a layer: its namespace would clash with the "
                       "C library's `::log`\n");
}

TEST_CASE("reserved names are reported for layers, tensors and indices, once per name") {
  Analyzed a = analyze_text("layer class {\n  ws[i] := d_x[i] * _q[i] + T[i] * d_x[i]\n  z[for] := w[for]\n}");
  CHECK(a.summary() ==
        "1:7: reserved-name: `class` cannot name a layer: it is a C++ keyword\n"
        "2:3: reserved-name: `ws` cannot name a tensor: the generated code uses this name\n"
        "2:12: reserved-name: `d_x` cannot name a tensor: the prefix `d_` is reserved for derived names\n"
        "2:21: reserved-name: `_q` cannot name a tensor: names starting with `_` are reserved\n"
        "2:29: reserved-name: `T` cannot name a tensor: the generated code uses this name\n"
        "3:5: reserved-name: `for` cannot name an index: it is a C++ keyword\n");
  CHECK(a.covered(2) == "d_x");
}

TEST_CASE("an index spelled like a tensor of the same layer is a name clash") {
  Analyzed a = analyze_text("layer a {\n  y[x] := x[x]\n}\nlayer b { z[x] := w[x] }\nlayer c { x := 2 * w[j] * v[j] }");
  CHECK(a.summary() ==
        "2:5: name-clash: index `x` has the name of a tensor of layer `a`\n"
        "  2:11: note: tensor `x` is used here\n");
  CHECK(a.file->slice(a.diags->all()[0].notes[0].range) == "x[x]");
}

}  // namespace ricci::sema::test
