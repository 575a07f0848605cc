// `ricci scan`: layers declared in a C++ header with RICCI_LAYER("..."), read through Clang.
//
// The steps run in order (cli/scan.cpp): read_header parses the header with Clang and
// collects the annotated declarations; analyze_layers runs each spec through the ricci
// front end and checks the declaration's parameters against it, reporting into the header;
// the layers are then derived and emitted like `ricci gen` does, into namespace
// layers_namespace(header), and emit_definitions writes the annotated functions and their
// derivatives on top of that code. docs/scan.md describes the rules.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "codegen/codegen.h"
#include "ir/ir.h"
#include "support/diagnostics.h"
#include "support/source.h"

namespace ricci::scan {

// What the header is and which flags compile it.
struct HeaderRequest {
  std::string header;                    // as given on the command line; names it in messages
  std::string build_dir;                 // holds compile_commands.json; empty: no database
  std::vector<std::string> extra_flags;  // given after `--`, appended to the database's
  bool color = false;                    // Clang's diagnostics in color
};

// A parameter type of the form ricci::View<T, N> (ricci::Ref<T, N>) or
// ricci::View<const T, N> (ricci::CRef<T, N>), taken by value.
struct ViewType {
  std::string element;  // T without const, canonical: `float`, `double`, `int`, ...
  bool read_only = false;
  int64_t rank = 0;
};

struct Parameter {
  std::string name;   // empty when the parameter is unnamed
  SourceRange range;  // the whole parameter, in the header
  std::string type;   // as written, for messages
  std::optional<ViewType> view;
};

// One function declaration annotated with RICCI_LAYER.
struct Declaration {
  std::string name;
  std::string ns;  // enclosing namespaces, `model::nn`; empty at global scope
  SourceRange name_range;
  uint32_t line = 0;
  std::string spec;  // the string literal's value
  // Header offset of each byte of `spec`, then of the literal's closing quote: spec errors
  // are reported where their text is written.
  std::vector<uint32_t> spec_offsets;
  std::vector<Parameter> params;
  std::string unsupported;  // why the declaration cannot be defined by ricci; empty if it can
};

struct Header {
  std::unique_ptr<SourceFile> file;  // the text Clang read, named as requested
  std::vector<Declaration> declarations;  // in source order, only those of the header itself
  // Every other file Clang read (the headers it includes, directly or not), absolute and
  // sorted: what a regeneration depends on besides the header, for a depfile.
  std::vector<std::string> included_files;
};

// Parses the header as C++ with Clang: flags from the compilation database in
// request.build_dir (its entry for the header, or one inferred from a neighbouring file),
// then request.extra_flags, then `-xc++`, `-std=c++17` unless a standard is given, Clang's
// resource directory and ricci's runtime include directory. On any Clang error prints
// Clang's diagnostics to `err` and returns nullopt; also when the database cannot be read.
std::optional<Header> read_header(const HeaderRequest& request, std::ostream& err);

// Runs every declaration's spec, as `layer <name> { <spec> }`, through the front end, then
// checks each declaration's parameters against its layer. Reports into `diags`, whose file
// must be `*header.file`, with ranges inside the header; the module is only meaningful when
// `diags` has no errors. Layers come in declaration order.
ir::Module analyze_layers(const Header& header, Diagnostics& diags);

// The namespace the layers' generated code lives in: `<ns>::ricci_layers` for the
// declarations' namespace `ns`. analyze_layers requires all declarations in one namespace.
std::string layers_namespace(const Header& header);

struct DefinitionOptions {
  std::string stem;         // writes <stem>.h and <stem>.cpp
  std::string layers_stem;  // the layers' generated code, <layers_stem>.h
  std::string version;      // ricci's version, for the stamps
};

// <stem>.h declares `<f>_pullback`, `<f>_pushforward` and `<f>_pullback2` for every annotated
// function `f`; <stem>.cpp defines `f` and those, forwarding to the layers' generated code
// with a per-thread workspace. `layers` are the derived programs of analyze_layers' module,
// in the same order.
std::vector<codegen::OutputFile> emit_definitions(const Header& header,
                                                  const std::vector<codegen::LayerPrograms>& layers,
                                                  const DefinitionOptions& options);

}  // namespace ricci::scan
