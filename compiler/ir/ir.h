// The tensor IR: a small SSA program of n-ary contractions, elementwise maps and sums.
//
// Every value is a dense tensor whose shape is a list of layer-wide extents. Values are
// created only through ir::Builder (builder.h), which checks ranks and index sets, folds
// trivial cases and uniques identical operations, so a repeated subexpression is one value.
// docs/ir.md says how the planned extensions (gathers, affine shifts, constant sparse
// tensors, structured inputs) become new alternatives of `Op` without changing these ones.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ricci::ir {

using ExtentId = int32_t;  // an extent (size) class of the layer
using ValueId = int32_t;   // an SSA value of one program
using Label = int32_t;     // an index variable local to one Contract: 0..labels.size()-1

// One size shared by every tensor axis indexed by the same index of a layer.
struct Extent {
  std::string name;             // the first index name that denotes it, e.g. `i`
  std::optional<int64_t> hint;  // from `dims`, used only to order contractions
};

using Shape = std::vector<ExtentId>;

struct LabelInfo {
  std::string name;  // spelling for printers and generated loop variables
  ExtentId extent = 0;
};

// A tensor the program reads: a primal input, a cotangent seed `d_Y`, a tangent `t_X`, ...
struct Input {
  std::string name;
};

// result[out] = coeff * sum over the labels not in `out` of prod_k operands[k][labels_k]
// - A label repeated within one operand reads its diagonal (`D[l,l]`).
// - A label in `out` absent from every operand broadcasts along it.
// - A label repeated in `out` writes the diagonal; the rest of the result is zero. This is
//   the cotangent of a diagonal read.
// - No operands: the constant `coeff` broadcast over the result.
struct Operand {
  ValueId value = 0;
  std::vector<Label> labels;  // one per axis of `value`
};

struct Contract {
  double coeff = 1;
  std::vector<Operand> operands;
  std::vector<Label> out;
  std::vector<LabelInfo> labels;
};

// Elementwise functions. step (the derivative of relu), sign (of abs) and powi (integer
// powers, including the reciprocal powi(-1)) exist so that derivatives stay in the IR.
enum class Fn { exp, log, tanh, sigmoid, relu, sqrt, square, sin, cos, abs, step, sign, powi };

struct Map {
  Fn fn = Fn::exp;
  ValueId arg = 0;
  int exponent = 0;  // used by powi only
};

// Elementwise sum of values of one shape.
struct Add {
  std::vector<ValueId> terms;
};

using Op = std::variant<Input, Contract, Map, Add>;

struct Value {
  Op op;
  Shape shape;
  std::string name;  // a hint for printers and generated code, e.g. `dB`, `h`
};

enum class ProgramKind { evaluate, pullback, pushforward, pullback2 };
const char* program_name(ProgramKind kind);

struct Result {
  std::string name;
  ValueId value = 0;
};

struct Program {
  std::string layer;
  ProgramKind kind = ProgramKind::evaluate;
  std::vector<Extent> extents;
  std::vector<Value> values;     // topologically ordered: operands precede their users
  std::vector<ValueId> inputs;   // the Input values, in API order
  std::vector<Result> outputs;   // in API order

  const Value& at(ValueId id) const { return values.at(static_cast<std::size_t>(id)); }
};

// A layer after semantic analysis: its forward program and what its derivatives need.
struct Layer {
  std::string name;
  uint32_t line = 0;                     // spec line of `layer`, for generated stamps
  Program evaluate;
  std::vector<std::string> grad_inputs;  // inputs that get cotangents, in input order
  // Spec line of the first statement writing each tensor, for `#line` directives.
  std::map<std::string, uint32_t> lines;
};

struct Module {
  std::string source_name;  // as given on the command line, for stamps
  std::vector<Layer> layers;
};

}  // namespace ricci::ir
