// `ricci explain`: each program's steps in order with their FLOPs and sizes, totals, the
// ratio of each derivative to evaluate, and the values a derivative shares with evaluate.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "cli/commands.h"
#include "cli/load_layers.h"
#include "cli/pipeline.h"
#include "codegen/api.h"
#include "ir/ir_api.h"
#include "opt/canon.h"
#include "opt/cost.h"
#include "schedule/schedule.h"

namespace ricci::cli {
namespace {

// Parses `i=256,j=64`; nullopt (after an error message) on anything else.
std::optional<std::map<std::string, int64_t>> parse_dims(const std::string& text, std::ostream& err) {
  std::map<std::string, int64_t> dims;
  if (text.empty()) return dims;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = std::min(text.find(',', at), text.size());
    std::string item = text.substr(at, end - at);
    std::size_t eq = item.find('=');
    int64_t size = 0;
    const char* last = item.data() + item.size();
    bool ok = eq != std::string::npos && eq > 0 &&
              std::from_chars(item.data() + eq + 1, last, size).ptr == last && eq + 1 < item.size() &&
              size > 0;
    if (!ok) {
      err << fmt::format("error: --dims expects NAME=SIZE[,NAME=SIZE...] with positive sizes, got `{}`\n",
                         item);
      return std::nullopt;
    }
    dims[item.substr(0, eq)] = size;
    at = end + 1;
  }
  return dims;
}

// The sizes for one layer's extents: a --dims name may be the extent's name or any index
// spelling the layer uses for it (`m` where `m` and `n` are one extent).
std::map<std::string, int64_t> layer_sizes(const ir::Layer& l, const std::map<std::string, int64_t>& dims,
                                           std::set<std::string>& used) {
  std::map<std::string, std::string> extent_of;
  for (const ir::Extent& e : l.evaluate.extents) extent_of[e.name] = e.name;
  for (const ir::Value& v : l.evaluate.values) {
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) {
      for (const ir::LabelInfo& info : c->labels)
        extent_of.try_emplace(info.name, l.evaluate.extents.at(static_cast<std::size_t>(info.extent)).name);
    }
  }
  std::map<std::string, int64_t> sizes;
  for (const auto& [name, size] : dims) {
    auto it = extent_of.find(name);
    if (it == extent_of.end()) continue;
    used.insert(name);
    sizes[it->second] = size;
  }
  return sizes;
}

// One line per value: `%4 C_trD[j,k] := C[j,k] * trD`, operands by name (or %N if unnamed).
class StepPrinter {
 public:
  explicit StepPrinter(const ir::Program& p) : p_(p) {
    for (const ir::Value& v : p.values) ++uses_of_name_[v.name];
  }

  std::string statement(ir::ValueId id) const {
    const ir::Value& v = p_.at(id);
    std::string lhs = fmt::format("%{}{}", id, v.name.empty() ? "" : " " + v.name);
    return std::visit(
        [&](const auto& o) -> std::string {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ir::Input>) {
            return lhs + ir::format_access("", ir::axis_spellings(v.shape, p_.extents)) + " input";
          } else if constexpr (std::is_same_v<T, ir::Contract>) {
            std::vector<std::string> names = ir::label_spellings(o, p_.extents);
            std::vector<std::string> out, factors;
            for (ir::Label l : o.out) out.push_back(names[static_cast<std::size_t>(l)]);
            if (o.coeff == -1 && !o.operands.empty())
              factors.push_back("-");
            else if (o.coeff != 1 || o.operands.empty())
              factors.push_back(fmt::format("{}", o.coeff));
            std::vector<bool> read(o.labels.size());
            for (const ir::Operand& x : o.operands) {
              std::vector<std::string> axes;
              for (ir::Label l : x.labels) {
                axes.push_back(names[static_cast<std::size_t>(l)]);
                read[static_cast<std::size_t>(l)] = true;
              }
              factors.push_back(ir::format_access(ref(x.value), axes));
            }
            for (std::size_t l = 0; l < o.labels.size(); ++l) {
              bool in_out = std::find(o.out.begin(), o.out.end(), static_cast<ir::Label>(l)) != o.out.end();
              if (!read[l] && !in_out) factors.push_back(fmt::format("|{}|", names[l]));
            }
            std::string rhs;
            for (const std::string& f : factors) rhs += rhs.empty() || rhs == "-" ? f : " * " + f;
            return fmt::format("{} := {}", lhs + ir::format_access("", out), rhs);
          } else if constexpr (std::is_same_v<T, ir::Map>) {
            std::vector<std::string> axes = ir::axis_spellings(v.shape, p_.extents);
            std::string arg = ir::format_access(ref(o.arg), axes);
            std::string rhs = o.fn == ir::Fn::powi ? fmt::format("{}^{}", arg, o.exponent)
                                                   : fmt::format("{}({})", ir::fn_name(o.fn), arg);
            return fmt::format("{} := {}", lhs + ir::format_access("", axes), rhs);
          } else {
            static_assert(std::is_same_v<T, ir::Add>);
            std::vector<std::string> axes = ir::axis_spellings(v.shape, p_.extents), terms;
            for (ir::ValueId t : o.terms) terms.push_back(ir::format_access(ref(t), axes));
            return fmt::format("{} := {}", lhs + ir::format_access("", axes), fmt::join(terms, " + "));
          }
        },
        v.op);
  }

  // A value by its name, or by its number where it has none or shares it (`s` += ...).
  std::string ref(ir::ValueId id) const {
    const std::string& name = p_.at(id).name;
    return name.empty() || uses_of_name_.at(name) > 1 ? fmt::format("%{}", id) : name;
  }

 private:
  const ir::Program& p_;
  std::map<std::string, int> uses_of_name_;
};

struct ProgramReport {
  const ir::Program* program;
  std::vector<int> canon;
  opt::Count flops;
  opt::Count elements;
};

std::string extents_line(const ir::Program& p, const opt::ExtentSizes& sizes) {
  std::vector<std::string> items;
  for (std::size_t e = 0; e < p.extents.size(); ++e)
    items.push_back(sizes[e] ? fmt::format("{}={}", p.extents[e].name, *sizes[e]) : p.extents[e].name);
  return fmt::format("{}", fmt::join(items, " "));
}

// The workspace the C++ backend reserves for `p` scheduled with `scheduling` (its schedule's
// buffers, each reused by values whose lifetimes do not overlap), in bytes of f64 elements: a
// number where every extent has a size, else a formula in the extents before the 64-byte
// rounding of each buffer.
std::string workspace_text(const ir::Program& p, const opt::ExtentSizes& sizes,
                           const schedule::ScheduleOptions& scheduling) {
  schedule::Schedule s = schedule::make_schedule(p, scheduling);
  constexpr std::size_t kBytes = sizeof(double);
  if (s.slots.empty()) return "none";
  std::string buffers = fmt::format("{} buffer{}", s.slots.size(), s.slots.size() == 1 ? "" : "s");
  if (std::all_of(sizes.begin(), sizes.end(), [](const auto& size) { return size.has_value(); })) {
    std::vector<int64_t> known;
    for (const std::optional<int64_t>& size : sizes) known.push_back(*size);
    return fmt::format("{} bytes (f64) in {}", schedule::workspace_bytes(s, known, kBytes), buffers);
  }
  // A buffer holds the largest of its values: one count, or a max over several. A count whose
  // extents are among another's is never the larger (every extent is at least 1).
  opt::Count single;
  std::map<std::string, int> maxima;  // `max(a, b)` -> how many buffers hold it
  for (const schedule::Slot& slot : s.slots) {
    std::vector<std::string> counts;
    opt::Count only;
    for (const schedule::Extents& extents : slot.counts) {
      bool dominated = std::any_of(slot.counts.begin(), slot.counts.end(), [&](const schedule::Extents& other) {
        return other != extents && std::includes(other.begin(), other.end(), extents.begin(), extents.end());
      });
      if (dominated) continue;
      opt::Count n(static_cast<double>(slot.copies));
      for (ir::ExtentId e : extents) n *= opt::Count::extent(e, sizes);
      std::string text = n.str(p.extents);
      if (std::find(counts.begin(), counts.end(), text) == counts.end()) counts.push_back(text);
      only = n;
    }
    std::sort(counts.begin(), counts.end());
    if (counts.size() == 1)
      single += only;
    else
      ++maxima[fmt::format("max({})", fmt::join(counts, ", "))];
  }
  std::vector<std::string> terms;
  if (!(single.is_number() && single.number() == 0)) terms.push_back(single.str(p.extents));
  for (const auto& [text, times] : maxima) terms.push_back(times == 1 ? text : fmt::format("{}*{}", times, text));
  return fmt::format("{}*({}) bytes (f64, before alignment) in {}", kBytes, fmt::join(terms, " + "), buffers);
}

std::string ratio(const opt::Count& derived, const opt::Count& evaluate) {
  if (derived.is_number() && evaluate.is_number()) {
    if (evaluate.number() == 0) return "";
    return fmt::format("{:.2f}x evaluate", derived.number() / evaluate.number());
  }
  if (derived.degree() != evaluate.degree()) {
    return fmt::format("degree {} against evaluate's {}", derived.degree(), evaluate.degree());
  }
  return fmt::format("{:.2f}x evaluate in the leading terms", derived.leading() / evaluate.leading());
}

// Evaluate's computed values by canonical identity, the first of each: what another program
// computes again when it computes a value of the same identity.
std::map<int, ir::ValueId> computed_by(const ProgramReport& evaluate) {
  std::map<int, ir::ValueId> values;
  for (std::size_t k = 0; k < evaluate.canon.size(); ++k)
    if (!std::holds_alternative<ir::Input>(evaluate.program->values[k].op))
      values.try_emplace(evaluate.canon[k], static_cast<ir::ValueId>(k));
  return values;
}

void print_text(const std::vector<ProgramReport>& reports, const opt::ExtentSizes& sizes,
                const schedule::ScheduleOptions& scheduling, std::ostream& out) {
  const ProgramReport& evaluate = reports.front();
  const std::map<int, ir::ValueId> in_evaluate = computed_by(evaluate);

  out << fmt::format("layer {}: {}\n", evaluate.program->layer, extents_line(*evaluate.program, sizes));
  for (const ProgramReport& r : reports) {
    const ir::Program& p = *r.program;
    bool is_evaluate = &r == &evaluate;
    StepPrinter printer(p);
    std::vector<std::string> lines, flops, elements, shared;
    std::vector<std::string> shared_names;
    for (std::size_t k = 0; k < p.values.size(); ++k) {
      auto id = static_cast<ir::ValueId>(k);
      if (std::holds_alternative<ir::Input>(p.values[k].op)) continue;
      lines.push_back(printer.statement(id));
      flops.push_back(opt::value_flops(p, id, sizes).str(p.extents));
      elements.push_back(opt::value_elements(p, id, sizes).str(p.extents));
      auto it = in_evaluate.find(r.canon[k]);
      bool same = !is_evaluate && it != in_evaluate.end();
      shared.push_back(same ? fmt::format("  = evaluate %{}", it->second) : "");
      if (same) shared_names.push_back(printer.ref(id));
    }
    std::size_t w = 0, wf = 0, we = 0;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      w = std::max(w, lines[k].size());
      wf = std::max(wf, flops[k].size());
      we = std::max(we, elements[k].size());
    }
    out << fmt::format("\n{}\n", ir::program_name(p.kind));
    for (std::size_t k = 0; k < lines.size(); ++k) {
      out << fmt::format("  {:<{}}  {:>{}} flops  {:>{}} elements{}\n", lines[k], w, flops[k], wf,
                         elements[k], we, shared[k]);
    }
    out << fmt::format("  total: {} flops, {} elements in {} steps", r.flops.str(p.extents),
                       r.elements.str(p.extents), lines.size());
    if (!is_evaluate) {
      std::string q = ratio(r.flops, evaluate.flops);
      if (!q.empty()) out << "; " << q;
    }
    out << "\n";
    out << fmt::format("  workspace: {}\n", workspace_text(p, sizes, scheduling));
    if (!is_evaluate) {
      out << fmt::format("  shared with evaluate: {}\n",
                         shared_names.empty() ? "nothing" : fmt::format("{}", fmt::join(shared_names, ", ")));
    }
  }
}

// The saved-intermediates form (docs/generated-api.md): what Saved holds, and each program's
// FLOPs against the recomputing form's evaluate.
void print_saved(const codegen::SavedPrograms& saved, const opt::Count& evaluate, const opt::ExtentSizes& sizes,
                 std::ostream& out) {
  out << "\nsaved form";
  if (saved.names.empty()) {
    out << ": Saved is empty, the pullbacks need nothing evaluate computes\n";
    return;
  }
  codegen::SavedMembers members = codegen::saved_members(saved.names);
  std::vector<std::string> held;
  for (const std::string& name : saved.names) held.push_back(members.at(name));
  out << fmt::format(" (Saved holds {})\n", fmt::join(held, ", "));
  for (const ir::Program& p : saved.programs) {
    std::vector<std::string> read;
    for (ir::ValueId in : p.inputs) {
      if (auto it = members.find(p.at(in).name); it != members.end()) read.push_back(it->second);
    }
    opt::Count flops = opt::program_flops(p, sizes);
    std::string what = p.kind == ir::ProgramKind::evaluate ? "fills Saved" : fmt::format("reads {}", fmt::join(read, ", "));
    if (p.kind != ir::ProgramKind::evaluate && read.empty()) what = "reads nothing";
    std::string q = p.kind == ir::ProgramKind::evaluate ? "" : ratio(flops, evaluate);
    out << fmt::format("  {}: {} flops{}; {}\n", ir::program_name(p.kind), flops.str(p.extents),
                       q.empty() ? "" : "; " + q, what);
  }
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void print_dot(const std::vector<ProgramReport>& reports, const opt::ExtentSizes& sizes, std::ostream& out) {
  const ProgramReport& evaluate = reports.front();
  const std::map<int, ir::ValueId> in_evaluate = computed_by(evaluate);

  out << fmt::format("digraph \"{}\" {{\n", dot_escape(evaluate.program->layer));
  out << "  node [shape=box, fontname=\"monospace\"];\n";
  for (const ProgramReport& r : reports) {
    const ir::Program& p = *r.program;
    const char* kind = ir::program_name(p.kind);
    StepPrinter printer(p);
    out << fmt::format("  subgraph \"cluster_{}\" {{\n", kind);
    out << fmt::format("    label=\"{}: {} flops\";\n", kind, dot_escape(r.flops.str(p.extents)));
    for (std::size_t k = 0; k < p.values.size(); ++k) {
      auto id = static_cast<ir::ValueId>(k);
      const ir::Value& v = p.values[k];
      std::string node = fmt::format("{}_{}", kind, k);
      if (std::holds_alternative<ir::Input>(v.op)) {
        out << fmt::format("    \"{}\" [label=\"{}\", shape=ellipse];\n", node, dot_escape(v.name));
        continue;
      }
      bool shared = &r != &evaluate && in_evaluate.count(r.canon[k]) != 0;
      out << fmt::format("    \"{}\" [label=\"{}\\n{} flops\"{}];\n", node, dot_escape(printer.statement(id)),
                         dot_escape(opt::value_flops(p, id, sizes).str(p.extents)),
                         shared ? ", style=filled, fillcolor=lightgrey" : "");
      std::set<ir::ValueId> operands;
      std::visit(
          [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, ir::Contract>) {
              for (const ir::Operand& x : o.operands) operands.insert(x.value);
            } else if constexpr (std::is_same_v<T, ir::Map>) {
              operands.insert(o.arg);
            } else if constexpr (std::is_same_v<T, ir::Add>) {
              operands.insert(o.terms.begin(), o.terms.end());
            }
          },
          v.op);
      for (ir::ValueId x : operands) out << fmt::format("    \"{}_{}\" -> \"{}\";\n", kind, x, node);
    }
    for (const ir::Result& res : p.outputs) {
      out << fmt::format("    \"{}_out_{}\" [label=\"{}\", shape=plaintext];\n", kind, res.name,
                         dot_escape(res.name));
      out << fmt::format("    \"{}_{}\" -> \"{}_out_{}\";\n", kind, res.value, kind, res.name);
    }
    out << "  }\n";
  }
  out << "}\n";
}

}  // namespace

ExitCode run_explain(const ExplainOptions& o, Streams& s) {
  auto dims = parse_dims(o.dims, s.err);
  if (!dims) return ExitCode::usage_error;
  ExitCode failure{};
  auto loaded = load_layers(o.spec, o.layer, s, failure);
  if (!loaded) return failure;
  const std::vector<ir::Layer>& layers = loaded->module->layers;

  std::set<std::string> used;
  std::vector<std::map<std::string, int64_t>> per_layer;
  for (const ir::Layer& l : layers) per_layer.push_back(layer_sizes(l, *dims, used));
  for (const auto& [name, size] : *dims) {
    if (used.count(name) == 0) {
      s.err << fmt::format("error: --dims names `{}`, which is no index of the selected layers\n", name);
      return ExitCode::usage_error;
    }
  }

  // The schedule the generated code runs at this level, for the workspace it reserves.
  const schedule::ScheduleOptions scheduling = schedule_options(o.opt_level);
  for (std::size_t k = 0; k < layers.size(); ++k) {
    const ir::Layer& l = layers[k];
    opt::OptOptions options{o.opt_level, per_layer[k]};
    std::vector<ir::Program> programs = derive_programs(l, kAllPrograms, options);
    opt::ExtentSizes sizes = opt::extent_sizes(l.evaluate.extents, options.sizes);
    opt::Canon canon;
    std::vector<ProgramReport> reports;
    for (const ir::Program& p : programs) {
      ProgramReport r{&p, canon.ids(p), opt::program_flops(p, sizes), {}};
      for (std::size_t v = 0; v < p.values.size(); ++v)
        r.elements += opt::value_elements(p, static_cast<ir::ValueId>(v), sizes);
      reports.push_back(std::move(r));
    }
    if (k > 0) s.out << "\n";
    if (o.format == "dot") {
      print_dot(reports, sizes, s.out);
    } else {
      print_text(reports, sizes, scheduling, s.out);
      print_saved(saved_form(programs), reports.front().flops, sizes, s.out);
    }
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli
