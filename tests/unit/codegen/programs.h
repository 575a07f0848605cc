// Small hand-built IR programs for the backend's tests, one per construct.
#pragma once

#include <string>
#include <vector>

#include "codegen/codegen.h"
#include "ir/builder.h"

namespace ricci::codegen::test {

inline ir::LabelInfo label(const char* name, ir::ExtentId e) { return ir::LabelInfo{name, e}; }

// A[i,k] := B[i,j] * C[j,k] * D[l,l]
inline ir::Program bilinear() {
  ir::Builder b({{"i", {}}, {"j", {}}, {"k", {}}, {"l", {}}});
  ir::ValueId B = b.input("B", {0, 1});
  ir::ValueId C = b.input("C", {1, 2});
  ir::ValueId D = b.input("D", {3, 3});
  ir::ValueId A = b.contract(1, {{B, {0, 1}}, {C, {1, 2}}, {D, {3, 3}}}, {0, 2},
                             {label("i", 0), label("j", 1), label("k", 2), label("l", 3)}, "A");
  b.output("A", A);
  return b.finish("bilinear", ir::ProgramKind::evaluate);
}

// s[j] := x[i,j]: a sum over the outer axis, written in the innermost loop.
inline ir::Program column_sums() {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId s = b.contract(1, {{x, {0, 1}}}, {1}, {label("i", 0), label("j", 1)}, "s");
  b.output("s", s);
  return b.finish("column_sums", ir::ProgramKind::evaluate);
}

// t := A[i,j] * B[j,i]: whichever label runs innermost, one operand reads it across its rows.
inline ir::Program trace_of_product() {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId A = b.input("A", {0, 1});
  ir::ValueId B = b.input("B", {1, 0});
  ir::ValueId t = b.contract(1, {{A, {0, 1}}, {B, {1, 0}}}, {}, {label("i", 0), label("j", 1)}, "t");
  b.output("t", t);
  return b.finish("trace_of_product", ir::ProgramKind::evaluate);
}

// r[i] := x[i,j] * w[j] * g;  c[j] := x[i,j] * v[i]: a sum along the rows into a local and a
// sum down the columns, over the same loops, one reading a scalar.
inline ir::Program row_and_column_sums() {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId w = b.input("w", {1});
  ir::ValueId v = b.input("v", {0});
  ir::ValueId g = b.input("g", {});
  ir::ValueId r = b.contract(1, {{x, {0, 1}}, {w, {1}}, {g, {}}}, {0}, {label("i", 0), label("j", 1)}, "r");
  ir::ValueId c = b.contract(1, {{x, {0, 1}}, {v, {0}}}, {1}, {label("i", 0), label("j", 1)}, "c");
  b.output("r", r);
  b.output("c", c);
  return b.finish("row_and_column_sums", ir::ProgramKind::evaluate);
}

// s[j] := x[i,j];  y[i,j] := x[i,j] * w[j];  and with `dependent`, z[i,j] := y[i,j] * s[j] too:
// kernels over the same loops, the last reading the others' results.
inline ir::Program siblings(bool dependent) {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId w = b.input("w", {1});
  ir::ValueId s = b.contract(1, {{x, {0, 1}}}, {1}, {label("i", 0), label("j", 1)}, "s");
  ir::ValueId y = b.contract(1, {{x, {0, 1}}, {w, {1}}}, {0, 1}, {label("i", 0), label("j", 1)}, "y");
  b.output("s", s);
  b.output("y", y);
  if (dependent) {
    ir::ValueId z = b.contract(1, {{y, {0, 1}}, {s, {1}}}, {0, 1}, {label("i", 0), label("j", 1)}, "z");
    b.output("z", z);
  }
  return b.finish("siblings", ir::ProgramKind::evaluate);
}

// t[i,j] := x[i,j] * w[j] (inlined: cheap, read twice);  b[i,j] := sqrt(x[i,j]) + t[i,j] (the
// sum fused into the sqrt's kernel);  c[i,j] := t[i,j] * x[i,j]: two kernels over the same
// loops, the first a library call.
inline ir::Program sqrt_sibling() {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId w = b.input("w", {1});
  ir::ValueId t = b.contract(1, {{x, {0, 1}}, {w, {1}}}, {0, 1}, {label("i", 0), label("j", 1)}, "t");
  ir::ValueId root = b.map(ir::Fn::sqrt, x, 0, "root");
  ir::ValueId sum = b.add({root, t}, "b");
  ir::ValueId c = b.contract(1, {{t, {0, 1}}, {x, {0, 1}}}, {0, 1}, {label("i", 0), label("j", 1)}, "c");
  b.output("b", sum);
  b.output("c", c);
  return b.finish("sqrt_sibling", ir::ProgramKind::evaluate);
}

// s[j] := x[i,j];  v[j] := u[j] + s[j] with u[j] := x[i,j] * x[i,j] (the sum fused into u's
// kernel): two sums over i sharing a nest, the second's epilogue reading the first's result.
inline ir::Program sums_then_epilogue() {
  ir::Builder b({{"i", {}}, {"j", {}}});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId s = b.contract(1, {{x, {0, 1}}}, {1}, {label("i", 0), label("j", 1)}, "s");
  ir::ValueId u = b.contract(1, {{x, {0, 1}}, {x, {0, 1}}}, {1}, {label("i", 0), label("j", 1)}, "u");
  ir::ValueId v = b.add({u, s}, "v");
  b.output("s", s);
  b.output("v", v);
  return b.finish("sums_then_epilogue", ir::ProgramKind::evaluate);
}

// h[b,o] := W[o,i] * x[b,i] + bias[o];  y[b,o] := tanh(h[b,o])
inline ir::Program dense() {
  ir::Builder b({{"b", {}}, {"i", {}}, {"o", {}}});
  ir::ValueId W = b.input("W", {2, 1});
  ir::ValueId x = b.input("x", {0, 1});
  ir::ValueId bias = b.input("bias", {2});
  ir::ValueId Wx =
      b.contract(1, {{W, {2, 1}}, {x, {0, 1}}}, {0, 2}, {label("b", 0), label("i", 1), label("o", 2)});
  ir::ValueId broadcast = b.contract(1, {{bias, {1}}}, {0, 1}, {label("b", 0), label("o", 2)});
  ir::ValueId h = b.add({Wx, broadcast}, "h");
  b.output("y", b.map(ir::Fn::tanh, h, 0, "y"));
  return b.finish("dense", ir::ProgramKind::evaluate);
}

// y[i] := B[i,j,k] * x[j,k]: a GEMM whose k group is two axes of the caller's B and x.
inline ir::Program folded_gemm() {
  ir::Builder b({{"i", {}}, {"j", {}}, {"k", {}}});
  ir::ValueId B = b.input("B", {0, 1, 2});
  ir::ValueId x = b.input("x", {1, 2});
  ir::ValueId y = b.contract(1, {{B, {0, 1, 2}}, {x, {1, 2}}}, {0}, {label("i", 0), label("j", 1), label("k", 2)}, "y");
  b.output("y", y);
  return b.finish("folded", ir::ProgramKind::evaluate);
}

// The pullback of `s := D[l,l]` scaled: d_D[l,l] := 2 * d_s (a diagonal write).
inline ir::Program diagonal() {
  ir::Builder b(std::vector<ir::Extent>{{"l", {}}});
  ir::ValueId d_s = b.input("d_s", {});
  ir::ValueId D = b.input("D", {0, 0});
  (void)D;
  b.output("d_D", b.contract(2, {{d_s, {}}}, {0, 0}, {label("l", 0)}, "d_D"));
  return b.finish("trace", ir::ProgramKind::pullback);
}

// y[i] := x[i]^-1 + 0.5 * x[i] (and the input x as a second output).
inline ir::Program passthrough() {
  ir::Builder b(std::vector<ir::Extent>{{"i", {}}});
  ir::ValueId x = b.input("x", {0});
  ir::ValueId inv = b.map(ir::Fn::powi, x, -1);
  ir::ValueId half = b.contract(0.5, {{x, {0}}}, {0}, {label("i", 0)});
  ir::ValueId y = b.add({inv, half}, "y");
  b.output("y", y);
  b.output("z", y);
  b.output("x_copy", x);
  return b.finish("passthrough", ir::ProgramKind::evaluate);
}

// Derived-program naming at its worst: a contraction whose two labels are both spelled `i`,
// two values named `d_h`, and two scalar sums (two accumulators at function scope).
//   d_h[i] := x[i] * x[i];  d_h'[i] := exp(d_h[i]);  s := d_h[i] * d_h'[i];  t := x[i] * y[i']
inline ir::Program clashes() {
  ir::Builder b(std::vector<ir::Extent>{{"i", {}}});
  ir::ValueId x = b.input("x", {0});
  ir::ValueId y = b.input("y", {0});
  ir::ValueId d_h = b.contract(1, {{x, {0}}, {x, {0}}}, {0}, {label("i", 0)}, "d_h");
  ir::ValueId d_h2 = b.map(ir::Fn::exp, d_h, 0, "d_h");
  ir::ValueId s = b.contract(1, {{d_h, {0}}, {d_h2, {0}}}, {}, {label("i", 0)}, "s");
  ir::ValueId t = b.contract(1, {{x, {0}}, {y, {1}}}, {}, {label("i", 0), label("i", 0)}, "t");
  b.output("s", s);
  b.output("t", t);
  return b.finish("clashes", ir::ProgramKind::evaluate);
}

// A pushforward whose tangent t_x defaults to zeros in the driver: y[i] := exp(x[i]),
// t_y[i] := y[i] * t_x[i].
inline ir::Program pushforward() {
  ir::Builder b(std::vector<ir::Extent>{{"i", {}}});
  ir::ValueId x = b.input("x", {0});
  ir::ValueId t_x = b.input("t_x", {0});
  ir::ValueId y = b.map(ir::Fn::exp, x, 0, "y");
  b.output("y", y);
  b.output("t_y", b.contract(1, {{y, {0}}, {t_x, {0}}}, {0}, {label("i", 0)}, "t_y"));
  return b.finish("expo", ir::ProgramKind::pushforward);
}

// A program without inputs or extents: c := 2.
inline ir::Program constant() {
  ir::Builder b(std::vector<ir::Extent>{});
  b.output("c", b.constant(2, {}));
  return b.finish("constant", ir::ProgramKind::evaluate);
}

inline LayerPrograms layer_of(std::string name, std::vector<ir::Program> programs, uint32_t line = 1) {
  return LayerPrograms{std::move(name), line, std::move(programs), {}, {}, {}};
}

inline CppOptions options(std::string stem, bool driver = false) {
  CppOptions o;
  o.source_name = stem + ".ricci";
  o.version = "0.1.0";
  o.stem = std::move(stem);
  o.driver = driver;
  return o;
}

}  // namespace ricci::codegen::test
