// The random layer generator: builds terms first, then a left side that makes them valid.
#include "layer_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace ricci::testing {
namespace {

const std::vector<std::string> kIndices = {"i", "j", "k", "l", "m"};
const std::vector<std::string> kAnyFunctions = {"exp", "tanh", "sigmoid", "relu", "square", "sin", "cos", "abs"};
const std::vector<std::string> kPositiveFunctions = {"log", "sqrt"};

struct Tensor {
  std::string name;
  std::size_t rank;
  bool input;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  std::string layer(const std::string& name) {
    std::size_t n_inputs = pick(1, 4);
    for (std::size_t k = 0; k < n_inputs; ++k) {
      std::size_t rank = chance(0.1) ? 4 : pick(0, 3);
      tensors_.push_back({std::string(1, static_cast<char>('A' + k)), rank, true});
    }
    std::string body;
    std::size_t n_statements = pick(1, 3);
    for (std::size_t s = 0; s < n_statements; ++s) body += statement(s);
    std::string grad;
    if (chance(0.5)) {
      std::vector<std::string> names;
      for (const Tensor& t : tensors_)
        if (t.input && mentions(body, t.name) && chance(0.5)) names.push_back(t.name);
      if (!names.empty()) grad = "  grad " + join(names, ", ") + "\n";
    }
    return fmt::format("layer {} {{\n{}{}}}\n", name, grad, body);
  }

 private:
  std::size_t pick(std::size_t lo, std::size_t hi) { return std::uniform_int_distribution<std::size_t>(lo, hi)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <class V>
  const typename V::value_type& one_of(const V& v) { return v[pick(0, v.size() - 1)]; }

  static std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
  }

  // Whether `name` occurs as a whole word in `text` (a discarded `+=` may have drawn it).
  static bool mentions(const std::string& text, const std::string& name) {
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1))
      if ((at == 0 || !is_word(text[at - 1])) && (at + name.size() == text.size() || !is_word(text[at + name.size()])))
        return true;
    return false;
  }

  // An access with random indices; each index occurrence is counted for the left side.
  std::string access(const Tensor& t, std::map<std::string, int>& counts) {
    if (t.rank == 0) return t.name;
    std::vector<std::string> idx;
    for (std::size_t a = 0; a < t.rank; ++a) {
      idx.push_back(one_of(kIndices));
      ++counts[idx.back()];
    }
    return t.name + "[" + join(idx, ",") + "]";
  }

  std::string factor(std::size_t n_defined, std::map<std::string, int>& counts) {
    std::vector<const Tensor*> inputs, defined;
    for (const Tensor& t : tensors_) (t.input ? inputs : defined).push_back(&t);
    defined.resize(std::min(defined.size(), n_defined));
    if (!defined.empty() && chance(0.3)) {
      std::string a = access(*one_of(defined), counts);
      return chance(0.3) ? fmt::format("{}({})", one_of(kAnyFunctions), a) : a;
    }
    const Tensor& t = *one_of(inputs);
    std::string a = access(t, counts);
    double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.25) return fmt::format("{}({})", one_of(kAnyFunctions), a);
    if (r < 0.35) return fmt::format("{}({})", one_of(kPositiveFunctions), a);
    if (r < 0.45) return fmt::format("{}^{}", a, one_of(std::vector<int>{2, 3, -1, -2}));
    return a;
  }

  // A product of 1-3 factors with an optional scalar coefficient and divisor.
  std::string term(std::size_t n_defined, std::map<std::string, int>& counts) {
    std::vector<std::string> parts;
    if (chance(0.3)) parts.push_back(one_of(std::vector<std::string>{"2", "0.5", "3", "1.5"}));
    std::size_t n = pick(1, 3);
    for (std::size_t f = 0; f < n; ++f) parts.push_back(factor(n_defined, counts));
    std::string text = join(parts, " * ");
    if (chance(0.15)) {
      std::vector<const Tensor*> inputs;
      for (const Tensor& t : tensors_)
        if (t.input) inputs.push_back(&t);
      text += " / " + access(*one_of(inputs), counts);
    }
    return text;
  }

  std::string statement(std::size_t s) {
    std::size_t n_defined = tensors_.size() - std::count_if(tensors_.begin(), tensors_.end(), [](const Tensor& t) { return t.input; });
    std::vector<std::string> terms;
    std::set<std::string> lhs;
    std::size_t n_terms = pick(1, 3);
    for (std::size_t t = 0; t < n_terms; ++t) {
      std::map<std::string, int> counts;
      terms.push_back(term(n_defined, counts));
      for (const auto& [index, count] : counts)
        if (count == 1 || chance(0.2)) lhs.insert(index);
    }
    std::string rhs;
    for (std::size_t t = 0; t < terms.size(); ++t)
      rhs += t == 0 ? terms[t] : (chance(0.5) ? " + " : " - ") + terms[t];
    std::vector<std::string> out(lhs.begin(), lhs.end());
    std::shuffle(out.begin(), out.end(), rng_);
    std::string name = fmt::format("s{}", s + 1);
    tensors_.push_back({name, out.size(), false});
    std::string lhs_text = out.empty() ? name : name + "[" + join(out, ",") + "]";
    std::string text = fmt::format("  {} := {}\n", lhs_text, rhs);
    // `+=` with the same left side: a second sum whose lone indices fit that left side.
    if (chance(0.25)) {
      std::map<std::string, int> counts;
      std::string extra = term(n_defined, counts);
      bool fits = std::all_of(counts.begin(), counts.end(),
                              [&](const auto& c) { return c.second > 1 || lhs.count(c.first); });
      if (fits) text += fmt::format("  {} += {}\n", lhs_text, extra);
    }
    return text;
  }

  std::mt19937_64 rng_;
  std::vector<Tensor> tensors_;
};

}  // namespace

std::string random_layer(const std::string& name, uint64_t seed) { return Generator(seed).layer(name); }

}  // namespace ricci::testing
