// The saved-intermediates form: the pullback fed evaluate's saved values gives the same
// cotangents, recomputes none of them and costs no more.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <variant>

#include "opt/canon.h"
#include "opt/cost.h"
#include "opt/saved.h"
#include "opt_test.h"
#include "random/layer_generator.h"

namespace ricci::opt {
namespace {

double flops_at(const ir::Program& p, int64_t size) {
  std::map<std::string, int64_t> sizes;
  for (const ir::Extent& e : p.extents) sizes[e.name] = size;
  return program_flops(p, extent_sizes(p.extents, sizes)).number();
}

// Checks the saved form of `layer`'s optimized evaluate and its derived program of `kind`
// (the pullback, or pullback2, which imports evaluate's values the same way); returns how
// many values it saves.
std::size_t check_saved(const ir::Layer& layer, uint64_t seed,
                        ir::ProgramKind kind = ir::ProgramKind::pullback) {
  ir::Program evaluate = test::derive(layer, ir::ProgramKind::evaluate, {});
  ir::Program pullback = test::derive(layer, kind, {});
  SavedForm form = save_intermediates(evaluate, {&pullback});
  REQUIRE(form.readers.size() == 1);
  const ir::Program& reader = form.readers[0];

  REQUIRE(form.evaluate.outputs.size() == evaluate.outputs.size() + form.saved.size());
  for (std::size_t k = 0; k < form.saved.size(); ++k) {
    CHECK(form.evaluate.outputs[evaluate.outputs.size() + k].name == form.saved[k]);
    CHECK(form.saved[k].rfind("saved_", 0) == 0);
    const ir::Value& in = reader.at(reader.inputs[pullback.inputs.size() + k]);
    CHECK(in.name == form.saved[k]);
  }

  test::Arrays in = test::draw_inputs(pullback, seed);
  test::Arrays forward = interp::run<double>(form.evaluate, in);
  CHECK(test::max_error(forward, interp::run<double>(evaluate, in)) == 0);
  test::Arrays with_saved = in;
  for (const std::string& name : form.saved) with_saved[name] = forward.at(name);
  CHECK(test::max_error(interp::run<double>(reader, with_saved), interp::run<double>(pullback, in)) < 1e-12);

  // Nothing the pullback computes is a saved value again.
  Canon canon;
  std::vector<int> forward_ids = canon.ids(form.evaluate), backward_ids = canon.ids(reader);
  std::set<int> saved_ids;
  for (std::size_t k = evaluate.outputs.size(); k < form.evaluate.outputs.size(); ++k)
    saved_ids.insert(forward_ids[static_cast<std::size_t>(form.evaluate.outputs[k].value)]);
  for (std::size_t k = 0; k < reader.values.size(); ++k)
    if (!std::holds_alternative<ir::Input>(reader.values[k].op)) CHECK(saved_ids.count(backward_ids[k]) == 0);

  double before = flops_at(pullback, 16), after = flops_at(reader, 16);
  if (form.saved.empty()) {
    CHECK(after == before);
  } else {
    CHECK(after < before);
  }
  return form.saved.size();
}

// One saved set serves the pullback and pullback2 at once: evaluate saves the union, each
// reads what it needs (in the saved order) and gives the same results.
void check_both_readers(const ir::Layer& layer, uint64_t seed) {
  ir::Program evaluate = test::derive(layer, ir::ProgramKind::evaluate, {});
  std::vector<ir::Program> derived = {test::derive(layer, ir::ProgramKind::pullback, {}),
                                      test::derive(layer, ir::ProgramKind::pullback2, {})};
  SavedForm form = save_intermediates(evaluate, {&derived[0], &derived[1]});
  REQUIRE(form.readers.size() == 2);
  std::set<std::string> read;
  for (std::size_t r = 0; r < 2; ++r) {
    const ir::Program& reader = form.readers[r];
    std::size_t next = 0;  // the reader's saved inputs follow form.saved's order
    for (std::size_t k = derived[r].inputs.size(); k < reader.inputs.size(); ++k) {
      const std::string& name = reader.at(reader.inputs[k]).name;
      while (next < form.saved.size() && form.saved[next] != name) ++next;
      REQUIRE_MESSAGE(next < form.saved.size(), name);
      read.insert(name);
    }
    test::Arrays in = test::draw_inputs(derived[r], seed);
    test::Arrays forward = interp::run<double>(form.evaluate, in);
    for (const std::string& name : form.saved) in[name] = forward.at(name);
    CHECK(test::max_error(interp::run<double>(reader, in), interp::run<double>(derived[r], in)) < 1e-12);
  }
  CHECK(read == std::set<std::string>(form.saved.begin(), form.saved.end()));
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("saved intermediates: every example") {
  const std::filesystem::path examples = std::filesystem::path(__FILE__).parent_path() / "../../../examples";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    if (entry.path().extension() != ".ricci") continue;
    ++files;
    for (const ir::Layer& layer : test::parse_module(read_file(entry.path())).layers) {
      INFO(entry.path().filename().string() << ": " << layer.name);
      check_saved(layer, 1);
      check_saved(layer, 1, ir::ProgramKind::pullback2);
      check_both_readers(layer, 1);
    }
  }
  CHECK(files >= 7);
}

TEST_CASE("saved intermediates: the bilinear pullback reads trD and computes C * trD again") {
  // C_trD = C[j,k] * trD is a cheap product: one pass over C, where saving it would cost
  // evaluate a pass to store it and the pullback one to read it.
  ir::Layer layer = test::parse_layer("layer bilinear { A[i,k] := B[i,j] * C[j,k] * D[l,l] }");
  ir::Program evaluate = test::derive(layer, ir::ProgramKind::evaluate, {});
  ir::Program pullback = test::derive(layer, ir::ProgramKind::pullback, {});
  SavedForm form = save_intermediates(evaluate, {&pullback});
  CHECK(form.saved == std::vector<std::string>{"saved_trD"});
  CHECK(check_saved(layer, 2) == 1);
}

TEST_CASE("saved intermediates: cheap elementwise values are computed again, expensive ones saved") {
  // relu(x * gamma + beta) and its step: products, a sum and relu, nothing worth saving.
  ir::Layer cheap = test::parse_layer("layer ss { y[b,f] := relu(x[b,f] * gamma[f] + beta[f]) * r[b] }");
  ir::Program evaluate = test::derive(cheap, ir::ProgramKind::evaluate, {});
  ir::Program pullback = test::derive(cheap, ir::ProgramKind::pullback, {});
  CHECK(save_intermediates(evaluate, {&pullback}).saved.empty());
  // tanh's derivative reads tanh itself: saved.
  ir::Layer expensive = test::parse_layer("layer t { y[i] := tanh(x[i] * w[i]) }");
  ir::Program t_evaluate = test::derive(expensive, ir::ProgramKind::evaluate, {});
  ir::Program t_pullback = test::derive(expensive, ir::ProgramKind::pullback, {});
  CHECK(save_intermediates(t_evaluate, {&t_pullback}).saved == std::vector<std::string>{"saved_y"});
}

TEST_CASE("saved intermediates: bilinear_form's pullback2 reads A*y instead of recomputing it") {
  // pullback2 recomputes Ay (2ij) only for g_d_s; saved, the four matrix-vector products
  // (8ij) and the outer products of g_A (3ij) remain: 11ij against evaluate's 2ij.
  ir::Layer layer = test::parse_layer("layer bilinear_form { s := x[i] * A[i,j] * y[j] }");
  ir::Program evaluate = test::derive(layer, ir::ProgramKind::evaluate, {});
  ir::Program pullback2 = test::derive(layer, ir::ProgramKind::pullback2, {});
  SavedForm form = save_intermediates(evaluate, {&pullback2});
  CHECK(form.saved == std::vector<std::string>{"saved_Ay"});
  const double n = 1000;
  CHECK(flops_at(pullback2, 1000) - flops_at(form.readers.at(0), 1000) == 2 * n * n);
  CHECK(flops_at(form.readers.at(0), 1000) / flops_at(evaluate, 1000) < 5.51);
  CHECK(check_saved(layer, 4, ir::ProgramKind::pullback2) == 1);
}

TEST_CASE("saved intermediates: a layer whose pullback needs nothing of evaluate saves nothing") {
  ir::Layer layer = test::parse_layer("layer lin { y[i] := W[i,j] * x[j] }");
  CHECK(check_saved(layer, 3) == 0);
}

TEST_CASE("saved intermediates: random layers") {
  std::size_t saving = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    std::string text = testing::random_layer("r", seed);
    INFO("seed " << seed << "\n" << text);
    ir::Layer layer = test::parse_layer(text);
    saving += check_saved(layer, seed) > 0 ? 1 : 0;
    check_saved(layer, seed, ir::ProgramKind::pullback2);
    check_both_readers(layer, seed);
  }
  CHECK(saving > 20);
}

}  // namespace
}  // namespace ricci::opt
