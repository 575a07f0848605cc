// Spellings of program kinds and elementwise functions, shared by dumps and generated code.
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {

const char* program_name(ProgramKind kind) {
  switch (kind) {
    case ProgramKind::evaluate: return "evaluate";
    case ProgramKind::pullback: return "pullback";
    case ProgramKind::pushforward: return "pushforward";
    case ProgramKind::pullback2: return "pullback2";
  }
  internal_error(__FILE__, __LINE__, "unknown program kind");
}

const char* fn_name(Fn fn) {
  switch (fn) {
    case Fn::exp: return "exp";
    case Fn::log: return "log";
    case Fn::tanh: return "tanh";
    case Fn::sigmoid: return "sigmoid";
    case Fn::relu: return "relu";
    case Fn::sqrt: return "sqrt";
    case Fn::square: return "square";
    case Fn::sin: return "sin";
    case Fn::cos: return "cos";
    case Fn::abs: return "abs";
    case Fn::step: return "step";
    case Fn::sign: return "sign";
    case Fn::powi: return "powi";
  }
  internal_error(__FILE__, __LINE__, "unknown elementwise function");
}

}  // namespace ricci::ir
