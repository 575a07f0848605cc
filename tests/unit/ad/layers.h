// Forward programs shared by the AD tests, built by hand as sema would lower them.
#pragma once

#include <string>
#include <vector>

#include "hand_layer.h"
#include "ir/ir_api.h"

namespace ricci::ad::test {

using ir::Fn;

inline ir::Layer matmul() {
  HandLayer h("ijk");
  ir::ValueId B = h.in("B", "ij"), C = h.in("C", "jk");
  h.output("A", h.contract(1, {{B, "ij"}, {C, "jk"}}, "ik", "A"));
  return h.finish("matmul");
}

// TensorGrad's example: the trace of D scales the matrix product.
inline ir::Layer bilinear(std::vector<std::string> grad = {}) {
  HandLayer h("ijkl");
  ir::ValueId B = h.in("B", "ij"), C = h.in("C", "jk"), D = h.in("D", "ll");
  h.output("A", h.contract(1, {{B, "ij"}, {C, "jk"}, {D, "ll"}}, "ik", "A"));
  return h.finish("bilinear", std::move(grad));
}

// h[b,o] := W[o,i]*x[b,i] + bias[o];  y[b,o] := tanh(h[b,o])
inline ir::Layer mlp(std::vector<std::string> grad = {}) {
  HandLayer h("boi");
  ir::ValueId W = h.in("W", "oi"), x = h.in("x", "bi"), bias = h.in("bias", "o");
  ir::ValueId hidden = h.add({h.contract(1, {{W, "oi"}, {x, "bi"}}, "bo"),
                              h.contract(1, {{bias, "o"}}, "bo")},
                             "h");
  h.output("y", h.map(Fn::tanh, hidden, "y"));
  return h.finish("mlp", std::move(grad));
}

// y[i] := f(W[i,j]*u[j]) * v[i]: the function of an intermediate, scaled by another input.
inline ir::Layer one_fn(Fn fn, int exponent = 0) {
  HandLayer h("ij");
  ir::ValueId W = h.in("W", "ij"), u = h.in("u", "j"), v = h.in("v", "i");
  ir::ValueId hidden = h.contract(1, {{W, "ij"}, {u, "j"}}, "i", "h");
  ir::ValueId f = h.map(fn, hidden, "f", exponent);
  h.output("y", h.contract(1, {{f, "i"}, {v, "i"}}, "i", "y"));
  return h.finish(std::string("fn_") + ir::fn_name(fn) + std::to_string(exponent));
}

}  // namespace ricci::ad::test
