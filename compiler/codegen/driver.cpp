// <layer>_driver.cpp: the layer-specific half of a driver (DESIGN.md); <ricci/driver.h>
// holds the rest (command line, .npy binding, timing, output).
#include <fmt/format.h>

#include "codegen/emit.h"
#include "codegen/kernel.h"

namespace ricci::codegen {
namespace {

// The prefix of inputs that default to zeros of another input's shape: the tangents of a
// pushforward and the cotangent seeds of a pullback2.
std::string defaultable_prefix(ir::ProgramKind kind) {
  if (kind == ir::ProgramKind::pushforward) return "t_";
  if (kind == ir::ProgramKind::pullback2) return "dd_";
  return "";
}

// template <class T> void run_<program>(ricci::driver::Context&): reads the inputs, checks
// their shapes, sizes the outputs, times the call and hands the outputs back.
void emit_run(Printer& out, const ProgramApi& api, const std::string& qualified_layer) {
  NameTable names = api.params;
  std::string context = names.claim("context");
  std::string checker = names.claim("shapes");
  out.put("template <class T>");
  Printer::Block fn(out, fmt::format("void {}(ricci::driver::Context& {})", run_function(api), context), "");
  for (const Param& in : api.inputs) {
    out.line("const ricci::Tensor<T, {0}> {1} = {2}.input<T, {0}>({3});", in.shape.size(), in.ident, context,
             c_string(in.name));
  }
  emit_shape_checks(out, api, checker, false);
  for (const Param& p : api.outputs) {
    out.line("ricci::Tensor<T, {}> {}({});", p.shape.size(), p.ident, output_extents(api, p, checker));
  }
  // Reserved up front, so that no timed call allocates.
  if (api.inputs.empty()) {
    out.line("ricci::Workspace {}({}::{}<T>());", api.ws, qualified_layer, api.workspace_bytes);
  } else {
    out.put(out.wrap(fmt::format("ricci::Workspace {}({}::{}", api.ws, qualified_layer, api.workspace_bytes),
                     arg_list(api, false, ""), ");"));
  }
  out.put(out.wrap(fmt::format("{}.time([&] {{ {}::{}", context, qualified_layer, api.function),
                   arg_list(api, true, api.ws), "; });"));
  for (const Param& p : api.outputs) {
    out.line("{}.output({}, std::move({}));", context, c_string(p.name), p.ident);
  }
}

}  // namespace

std::string run_function(const ProgramApi& api) { return "run_" + api.function; }

void emit_driver_table(Printer& out, std::string_view driver_ns, const std::string& layer_name,
                       const std::vector<const ProgramApi*>& programs, const CppOptions& options) {
  out.comment(fmt::format(
      "For {}::run: each program's inputs and outputs in parameter order, then its body for float "
      "and double. An input given as {{name, like}} may be left out: it is then zeros of the shape "
      "of `like`.",
      driver_ns));
  out.line("const {}::Layer layer = {{", driver_ns);
  {
    Printer::Indent table(out);
    out.put(c_string(layer_name) + ",");
    out.put(c_string(options.source_name) + ",");
    out.put("{");
    {
      Printer::Indent listed(out);
      for (const ProgramApi* api : programs) {
        std::vector<int> like = zero_defaults(*api);
        std::vector<std::string> inputs, outputs;
        for (std::size_t k = 0; k < api->inputs.size(); ++k) {
          std::string entry = c_string(api->inputs[k].name);
          if (like[k] >= 0) entry += ", " + c_string(api->inputs[static_cast<std::size_t>(like[k])].name);
          inputs.push_back("{" + entry + "}");
        }
        for (const Param& p : api->outputs) outputs.push_back(c_string(p.name));
        out.put("{");
        {
          Printer::Indent program(out);
          out.put(c_string(api->function) + ",");
          out.put(out.wrap("", inputs, ",", "{}"));
          out.put(out.wrap("", outputs, ",", "{}"));
          out.line("{0}<float>, {0}<double>,", run_function(*api));
        }
        out.put("},");
      }
    }
    out.put("},");
  }
  out.put("};");
}

std::vector<int> zero_defaults(const ProgramApi& api) {
  std::string prefix = defaultable_prefix(api.program->kind);
  std::vector<int> like(api.inputs.size(), -1);
  if (prefix.empty()) return like;
  for (std::size_t k = 0; k < api.inputs.size(); ++k) {
    const Param& in = api.inputs[k];
    if (in.name.rfind(prefix, 0) != 0) continue;
    for (std::size_t j = 0; j < api.inputs.size(); ++j) {
      if (j != k && api.inputs[j].name == in.name.substr(prefix.size()) && api.inputs[j].shape == in.shape &&
          like[j] < 0) {
        like[k] = static_cast<int>(j);
      }
    }
  }
  return like;
}

std::string emit_driver(const LayerApi& layer, const CppOptions& options) {
  Printer out;
  out.put(stamp({layer.layer}, options));
  out.line("// Build: c++ -std=c++17 -O3 -march=native -I<ricci>/runtime/include -I<dir> <dir>/{}.cpp <dir>/{}_driver.cpp",
           options.stem, layer.layer->name);
  out.put("//        (-fopenmp for threads; -DRICCI_HAVE_CBLAS -DRICCI_HAVE_OPENBLAS ... -lopenblas for OpenBLAS)");
  out.line("#include \"{}.h\"", options.stem);
  out.blank();
  out.put("#include <ricci/driver.h>");
  out.blank();
  std::string ns = qualified_ns(options.ns);
  std::string qualified_layer = "::" + (ns.empty() ? "" : ns + "::") + layer.ns;
  {
    // Inside the layer's own namespace, so nothing the driver declares can clash with another
    // layer of the spec (the header declares them all at the same scope).
    Namespaces scope(out, options.ns, {layer.ns, "driver"});
    for (const ProgramApi& api : layer.programs) {
      out.blank();
      emit_run(out, api, qualified_layer);
    }
    out.blank();
    std::vector<const ProgramApi*> programs;
    for (const ProgramApi& api : layer.programs) programs.push_back(&api);
    emit_driver_table(out, "ricci::driver", layer.layer->name, programs, options);
    out.blank();
  }
  out.blank();
  {
    Printer::Block main(out, "int main(int argc, char** argv)", "");
    out.line("return ricci::driver::run(argc, argv, {}::driver::layer);", qualified_layer);
  }
  return out.text();
}

}  // namespace ricci::codegen
