// The optimizer's cost model, shared by the order search and `ricci explain`.
//
// A Contract of k >= 2 operands over labels L costs (k - 1 + s) * prod_{l in L} |l| FLOPs:
// at each point of its label space, k-1 multiplications and, where it sums a label (s = 1),
// one addition. So a pairwise step that sums costs 2 * prod |l|, an outer or elementwise
// product prod |l|, and a unary reduction, transpose or broadcast prod |l|. A constant (no
// operands) and an Input cost nothing, a Map one FLOP per element, an Add of t terms t-1 per
// element. docs/optimizer.md has the model and its tie-breaks.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::opt {

// coeff * n^degree: the order search's measure of a label or a step. An extent with a size
// (a `dims` hint or a --dims override) counts its number; every other extent is one symbol n.
struct Size {
  double coeff = 1;
  int degree = 0;

  Size operator*(Size o) const { return {coeff * o.coeff, degree + o.degree}; }
};

// A sum of Sizes, a polynomial in n. Compared by degree first, then by coefficient from the
// highest degree down: 2n^3 < n^4, and 2n^3 + n < 2n^3 + n^2.
class Poly {
 public:
  Poly() = default;
  Poly(Size s);  // implicit: a monomial is a polynomial

  Poly& operator+=(const Poly& o);
  friend Poly operator+(Poly a, const Poly& b) { return a += b; }
  friend std::weak_ordering operator<=>(const Poly& a, const Poly& b);
  friend bool operator==(const Poly& a, const Poly& b) { return (a <=> b) == 0; }

  // The value at n = `n` (for tests and messages).
  double at(double n) const;

 private:
  std::vector<double> coeffs_;  // by degree, no trailing zeros
};

// The size of each extent: an override by extent name (--dims) first, then its `dims` hint;
// nullopt where neither is known.
using ExtentSizes = std::vector<std::optional<int64_t>>;
ExtentSizes extent_sizes(const std::vector<ir::Extent>& extents,
                         const std::map<std::string, int64_t>& overrides);

// An exact count for `ricci explain`: a polynomial in the unsized extents, each monomial a
// sorted list of extents (an extent repeats for its powers) with its coefficient, e.g.
// 2*i*j*k + 64*i. Sized extents are multiplied into the coefficients.
class Count {
 public:
  Count() = default;
  explicit Count(double number);

  Count& operator+=(const Count& o);
  friend Count operator+(Count a, const Count& b) { return a += b; }
  Count& operator*=(const Count& o);

  // A factor of |extent|: its size if known, else the extent itself.
  static Count extent(ir::ExtentId e, const ExtentSizes& sizes);

  bool is_number() const;
  double number() const;  // the constant term (the whole count when is_number())
  // Highest total degree in the unsized extents, and the sum of its coefficients.
  int degree() const;
  double leading() const;

  // `33685568`, or `2*i*j*k + 2*j*k + l` with terms by degree, highest first.
  std::string str(const std::vector<ir::Extent>& extents) const;

 private:
  std::map<std::vector<ir::ExtentId>, double> terms_;
};

// FLOPs of computing value `id` of `p`, and the elements it holds (zero for Inputs).
Count value_flops(const ir::Program& p, ir::ValueId id, const ExtentSizes& sizes);
Count value_elements(const ir::Program& p, ir::ValueId id, const ExtentSizes& sizes);

// Total FLOPs of a program: the sum over its values.
Count program_flops(const ir::Program& p, const ExtentSizes& sizes);

}  // namespace ricci::opt
