// The cost model: polynomials in unsized extents, and the FLOPs of each kind of value.
#include "opt/cost.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

namespace ricci::opt {

Poly::Poly(Size s) {
  if (s.coeff == 0) return;
  coeffs_.assign(static_cast<std::size_t>(s.degree) + 1, 0.0);
  coeffs_.back() = s.coeff;
}

Poly& Poly::operator+=(const Poly& o) {
  if (o.coeffs_.size() > coeffs_.size()) coeffs_.resize(o.coeffs_.size(), 0.0);
  for (std::size_t d = 0; d < o.coeffs_.size(); ++d) coeffs_[d] += o.coeffs_[d];
  while (!coeffs_.empty() && coeffs_.back() == 0) coeffs_.pop_back();
  return *this;
}

std::weak_ordering operator<=>(const Poly& a, const Poly& b) {
  if (a.coeffs_.size() != b.coeffs_.size()) return a.coeffs_.size() <=> b.coeffs_.size();
  for (std::size_t d = a.coeffs_.size(); d-- > 0;) {
    if (a.coeffs_[d] < b.coeffs_[d]) return std::weak_ordering::less;
    if (a.coeffs_[d] > b.coeffs_[d]) return std::weak_ordering::greater;
  }
  return std::weak_ordering::equivalent;
}

double Poly::at(double n) const {
  double v = 0;
  for (std::size_t d = coeffs_.size(); d-- > 0;) v = v * n + coeffs_[d];
  return v;
}

ExtentSizes extent_sizes(const std::vector<ir::Extent>& extents,
                         const std::map<std::string, int64_t>& overrides) {
  ExtentSizes sizes;
  for (const ir::Extent& e : extents) {
    auto it = overrides.find(e.name);
    sizes.push_back(it != overrides.end() ? std::optional<int64_t>(it->second) : e.hint);
  }
  return sizes;
}

Count::Count(double number) {
  if (number != 0) terms_[{}] = number;
}

Count& Count::operator+=(const Count& o) {
  for (const auto& [monomial, c] : o.terms_) {
    double& sum = terms_[monomial];
    sum += c;
    if (sum == 0) terms_.erase(monomial);
  }
  return *this;
}

Count& Count::operator*=(const Count& o) {
  std::map<std::vector<ir::ExtentId>, double> product;
  for (const auto& [ma, ca] : terms_) {
    for (const auto& [mb, cb] : o.terms_) {
      std::vector<ir::ExtentId> m = ma;
      m.insert(m.end(), mb.begin(), mb.end());
      std::sort(m.begin(), m.end());
      product[m] += ca * cb;
    }
  }
  std::erase_if(product, [](const auto& t) { return t.second == 0; });
  terms_ = std::move(product);
  return *this;
}

Count Count::extent(ir::ExtentId e, const ExtentSizes& sizes) {
  const std::optional<int64_t>& size = sizes.at(static_cast<std::size_t>(e));
  if (size) return Count(static_cast<double>(*size));
  Count c;
  c.terms_[{e}] = 1;
  return c;
}

bool Count::is_number() const {
  return terms_.empty() || (terms_.size() == 1 && terms_.begin()->first.empty());
}

double Count::number() const {
  auto it = terms_.find({});
  return it == terms_.end() ? 0.0 : it->second;
}

int Count::degree() const {
  int d = 0;
  for (const auto& t : terms_) d = std::max(d, static_cast<int>(t.first.size()));
  return d;
}

double Count::leading() const {
  double sum = 0;
  int d = degree();
  for (const auto& [m, c] : terms_)
    if (static_cast<int>(m.size()) == d) sum += c;
  return sum;
}

namespace {

std::string number_text(double v) {
  if (std::abs(v) < 9e15 && v == std::floor(v)) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{:.6g}", v);
}

// `2*i*j*k`, `l^2`: extents by name, powers collected.
std::string monomial_text(const std::vector<ir::ExtentId>& m, double c,
                          const std::vector<ir::Extent>& extents) {
  std::map<std::string, int> powers;
  for (ir::ExtentId e : m) ++powers[extents.at(static_cast<std::size_t>(e)).name];
  std::vector<std::string> factors;
  if (c != 1 || m.empty()) factors.push_back(number_text(c));
  for (const auto& [name, power] : powers)
    factors.push_back(power == 1 ? name : fmt::format("{}^{}", name, power));
  return fmt::format("{}", fmt::join(factors, "*"));
}

}  // namespace

std::string Count::str(const std::vector<ir::Extent>& extents) const {
  if (terms_.empty()) return "0";
  // Highest degree first, then by the extents' names.
  struct Term {
    std::size_t degree;
    std::string names;
    double coeff;
  };
  std::vector<Term> sorted;
  for (const auto& [m, c] : terms_) sorted.push_back({m.size(), monomial_text(m, 1, extents), c});
  std::sort(sorted.begin(), sorted.end(), [](const Term& a, const Term& b) {
    return a.degree != b.degree ? a.degree > b.degree : a.names < b.names;
  });
  std::string text;
  for (const Term& t : sorted) {
    double c = text.empty() ? t.coeff : std::abs(t.coeff);
    if (!text.empty()) text += t.coeff < 0 ? " - " : " + ";
    text += t.degree == 0 ? number_text(c) : c == 1 ? t.names : number_text(c) + "*" + t.names;
  }
  return text;
}

namespace {

// k-1 multiplications, plus one addition where a label is summed; a unary Contract does one
// operation per point (the addition of a reduction, or the copy of a transpose or broadcast).
int contract_ops_per_point(const ir::Contract& c) {
  if (c.operands.size() == 1) return 1;
  std::vector<bool> kept(c.labels.size(), false);
  for (ir::Label l : c.out) kept[static_cast<std::size_t>(l)] = true;
  bool sums = std::find(kept.begin(), kept.end(), false) != kept.end();
  return static_cast<int>(c.operands.size()) - 1 + (sums ? 1 : 0);
}

Count shape_elements(const ir::Shape& shape, const ExtentSizes& sizes) {
  Count n(1);
  for (ir::ExtentId e : shape) n *= Count::extent(e, sizes);
  return n;
}

}  // namespace

Count value_flops(const ir::Program& p, ir::ValueId id, const ExtentSizes& sizes) {
  const ir::Value& v = p.at(id);
  return std::visit(
      [&](const auto& o) -> Count {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ir::Input>) {
          return Count();
        } else if constexpr (std::is_same_v<T, ir::Contract>) {
          if (o.operands.empty()) return Count();
          Count points(static_cast<double>(contract_ops_per_point(o)));
          for (const ir::LabelInfo& l : o.labels) points *= Count::extent(l.extent, sizes);
          return points;
        } else if constexpr (std::is_same_v<T, ir::Map>) {
          return shape_elements(v.shape, sizes);
        } else {
          static_assert(std::is_same_v<T, ir::Add>);
          Count n = shape_elements(v.shape, sizes);
          n *= Count(static_cast<double>(o.terms.size()) - 1);
          return n;
        }
      },
      v.op);
}

Count value_elements(const ir::Program& p, ir::ValueId id, const ExtentSizes& sizes) {
  if (std::holds_alternative<ir::Input>(p.at(id).op)) return Count();
  return shape_elements(p.at(id).shape, sizes);
}

Count program_flops(const ir::Program& p, const ExtentSizes& sizes) {
  Count total;
  for (std::size_t k = 0; k < p.values.size(); ++k)
    total += value_flops(p, static_cast<ir::ValueId>(k), sizes);
  return total;
}

}  // namespace ricci::opt
