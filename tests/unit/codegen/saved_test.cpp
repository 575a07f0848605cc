// The saved-intermediates form: a Saved struct, and overloads of evaluate, the pullback and
// pullback2 that take it; with nothing saved, overloads that forward to the recomputing form.
#include <doctest/doctest.h>

#include <string>

#include "codegen/codegen.h"
#include "programs.h"

namespace ricci::codegen {
namespace {

using test::label;

// h[i] := x[i] * x[i];  y[i] := tanh(h[i]), saving h when `save`.
ir::Program square_tanh(bool save) {
  ir::Builder b(std::vector<ir::Extent>{{"i", {}}});
  ir::ValueId x = b.input("x", {0});
  ir::ValueId h = b.contract(1, {{x, {0}}, {x, {0}}}, {0}, {label("i", 0)}, "h");
  b.output("y", b.map(ir::Fn::tanh, h, 0, "y"));
  if (save) b.output("saved_h", h);
  return b.finish("sq", ir::ProgramKind::evaluate);
}

// d_x[i] := d_y[i] * h[i], h read from the input saved_h when `save`, else computed again.
ir::Program pullback(bool save) {
  ir::Builder b(std::vector<ir::Extent>{{"i", {}}});
  ir::ValueId d_y = b.input("d_y", {0});
  ir::ValueId x = b.input("x", {0});
  ir::ValueId h = save ? b.input("saved_h", {0}) : b.contract(1, {{x, {0}}, {x, {0}}}, {0}, {label("i", 0)}, "h");
  b.output("d_x", b.contract(1, {{d_y, {0}}, {h, {0}}}, {0}, {label("i", 0)}, "d_x"));
  return b.finish("sq", ir::ProgramKind::pullback);
}

struct Emitted {
  std::string header, source;
};

Emitted emit_saved(bool save) {
  LayerPrograms layer = test::layer_of("sq", {square_tanh(false), pullback(false)});
  layer.saved = SavedPrograms{{}, {square_tanh(save), pullback(save)}};
  if (save) layer.saved->names = {"saved_h"};
  std::vector<OutputFile> files = emit_cpp({layer}, test::options("sq"));
  return {files.at(0).contents, files.at(1).contents};
}

bool has(const std::string& text, const std::string& piece) {
  if (text.find(piece) != std::string::npos) return true;
  MESSAGE("missing:\n" << piece << "\nin:\n" << text);
  return false;
}

TEST_CASE("saved form: a Saved struct with one tensor per saved value, named without `saved_`") {
  Emitted e = emit_saved(true);
  CHECK(has(e.header, "template <class T>\nstruct Saved {\n  ricci::Tensor<T, 1> h;  // [i]\n};\n"));
  CHECK(has(e.header, "// evaluate, also writing saved.h:\n"
                      "void evaluate(ricci::Ref<double, 1> y, ricci::CRef<double, 1> x, Saved<double>& saved,\n"
                      "              ricci::Workspace& ws);\n"));
  CHECK(has(e.header, "// pullback, reading saved.h instead of computing it again:\n"
                      "void pullback(ricci::Ref<double, 1> d_x, ricci::CRef<double, 1> d_y, ricci::CRef<double, 1> x,\n"
                      "              const Saved<double>& saved, ricci::Workspace& ws);\n"));
  CHECK(has(e.header, "std::size_t pullback_workspace_bytes(ricci::CRef<float, 1> d_y, ricci::CRef<float, 1> x,\n"
                      "                                     const Saved<float>& saved);\n"));
  CHECK(has(e.header, "EvaluateResult<float> evaluate(ricci::CRef<float, 1> x, Saved<float>& saved);\n"));
}

TEST_CASE("saved form: evaluate sizes the members, then writes them through its own internal function") {
  Emitted e = emit_saved(true);
  CHECK(has(e.source, "void evaluate_saved_reserve(ricci::CRef<T, 1> x, Saved<T>& saved) {\n"));
  CHECK(has(e.source, "  saved.h.resize({shapes[0]});\n"));
  CHECK(has(e.source, "  evaluate_saved_reserve<double>(x, saved);\n"
                      "  evaluate_saved_impl<double>(y, saved.h, x, ws);\n"));
  CHECK(has(e.source, "  pullback_saved_impl<float>(d_x, d_y, x, saved.h, ws);\n"));
  CHECK(has(e.source, "  return pullback_saved_alloc<double>(d_y, x, saved);\n"));
  // The allocating form checks the member's extents against the other inputs'.
  CHECK(has(e.source, "shapes.bind(0, \"saved_h\", 0, saved.h.extent(0));\n"));
}

TEST_CASE("saved form: with nothing saved, Saved is empty and the overloads forward to the recomputing form") {
  Emitted e = emit_saved(false);
  CHECK(has(e.header, "template <class T>\nstruct Saved {\n};\n"));
  CHECK(has(e.header, "void pullback(ricci::Ref<double, 1> d_x, ricci::CRef<double, 1> d_y, ricci::CRef<double, 1> x,\n"
                      "              const Saved<double>& saved, ricci::Workspace& ws);\n"));
  CHECK(e.source.find("_saved_") == std::string::npos);
  CHECK(has(e.source, "  static_cast<void>(saved);\n  evaluate_impl<double>(y, x, ws);\n"));
  CHECK(has(e.source, "  static_cast<void>(saved);\n  return pullback_alloc<float>(d_y, x);\n"));
}

TEST_CASE("saved form: none without one in LayerPrograms") {
  std::vector<OutputFile> files = emit_cpp({test::layer_of("sq", {square_tanh(false)})}, test::options("sq"));
  CHECK(files.at(0).contents.find("Saved") == std::string::npos);
}

}  // namespace
}  // namespace ricci::codegen
