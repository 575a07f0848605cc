// Sema never throws on any tree the parser returns, however broken the source.
#include <doctest/doctest.h>

#include <random>

#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("randomly mutated specs: diagnostics or a verified program, never an exception") {
  const std::vector<std::string> seeds = {
      "layer mlp {\n  dims b=256, i=512, o=512\n  grad W\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n"
      "  y[b,o] := tanh(h[b,o])\n}\n",
      "layer a {\n  output s, p\n  s[n,m] := q[n,d] * k[m,d] / scale\n  s[n,m] += -2 * mask[n,m] + u[n] * v[m]\n"
      "  p[n,m] := sigmoid(s[n,m])^-2\n}\n",
      "layer b { A[i,k] := B[i,j] * C[j,k] * D[l,l] - (x[i] - y[k]) * exp(D[l,l]) / 3 }\n"
      "layer c { y[i] := (x[j] + z[i]) * w[j,j] + 0.5 * p[i]^2; z[i,i] := x[i] }\n",
  };
  std::mt19937 rng(1);
  const std::string alphabet = "ijkxyzAB[],*+-/^()=:#;\n 0123456789.exptanhlayer{}grad output dims";
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text = seeds[rng() % seeds.size()];
    for (unsigned edits = 1 + rng() % 4; edits > 0; --edits) {
      std::size_t pos = rng() % (text.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (pos < text.size()) text.erase(pos, 1 + rng() % 3);
          break;
        case 1:
          text.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          text.insert(pos, text.substr(rng() % text.size(), rng() % 10));
      }
    }
    CAPTURE(text);
    CHECK_NOTHROW(analyze_text(text));
  }
}

}  // namespace ricci::sema::test
