// The phases run as a plain sequence, shared by every subcommand.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "cli/commands.h"
#include "codegen/codegen.h"
#include "ir/ir.h"
#include "opt/opt.h"
#include "support/diagnostics.h"
#include "syntax/ast.h"

namespace ricci::cli {

// A spec file read from disk or stdin (`-`).
struct Spec {
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<Diagnostics> diags;
};

// Reads `path` ("-" is standard input). Returns nullopt after printing an error to `err`.
std::optional<Spec> read_spec(const std::string& path, std::istream& in, std::ostream& err);

// Parses and analyses; renders every diagnostic to `err` (warnings too). Returns nullopt
// when there were errors.
std::optional<syntax::Module> parse_spec(Spec& spec, std::ostream& err, bool color);
std::optional<ir::Module> analyze_spec(Spec& spec, const syntax::Module& ast, std::ostream& err, bool color);

// How far load_spec runs the front end.
enum class Stage { parse, analyze };

// A spec through the front end: `ast` always, `module` when loaded up to Stage::analyze.
struct LoadedSpec {
  Spec spec;
  syntax::Module ast;
  std::optional<ir::Module> module;
};

// read_spec, parse_spec and (at Stage::analyze) analyze_spec, diagnostics rendered to `s.err`.
// Returns nullopt with `failure` set to the exit code of the phase that failed: io_error when
// the spec could not be read, spec_error when it has errors.
std::optional<LoadedSpec> load_spec(const std::string& path, Streams& s, ExitCode& failure,
                                    Stage stop = Stage::analyze);

// The layers selected by `--layer` (all when empty). Prints an error and returns nullopt if
// the name is not a layer of the module.
std::optional<std::vector<const ir::Layer*>> select_layers(const ir::Module& m, const std::string& name,
                                                           std::ostream& err);

// The four programs in API order: evaluate, pullback, pushforward, pullback2.
extern const std::vector<ir::ProgramKind> kAllPrograms;

// `layer` with its evaluate program optimized: what every derivative is derived from, so
// that derived programs import (and share) the optimized forward values.
ir::Layer optimized_layer(const ir::Layer& layer, const opt::OptOptions& options);

// The programs of `kinds` for one layer, in the given order: evaluate optimized, then each
// derivative differentiated from the optimized layer and optimized in turn (differentiation
// creates new products).
std::vector<ir::Program> derive_programs(const ir::Layer& layer, const std::vector<ir::ProgramKind>& kinds,
                                         const opt::OptOptions& options = {});

// The four programs `ricci gen` emits for `layer` (derive_programs of kAllPrograms), for
// `ricci check` and tests to verify exactly those.
check::Programs emitted_programs(const ir::Layer& layer, const opt::OptOptions& options = {});

// How the backends run programs optimized at `level`: -O0 turns GEMM dispatch and fusion off.
schedule::ScheduleOptions schedule_options(int level);

// The saved-intermediates form of a layer's `programs` (evaluate first): evaluate saving what
// the pullback and pullback2 among them would compute again.
codegen::SavedPrograms saved_form(const std::vector<ir::Program>& programs);

// Every program of every layer of `m`, ready for a backend, with the saved form unless
// `with_saved` is false (printing the programs needs none).
std::vector<codegen::LayerPrograms> derive_module(const ir::Module& m, const opt::OptOptions& options = {},
                                                  bool with_saved = true);

}  // namespace ricci::cli
