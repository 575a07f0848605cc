// `--layer` in show, check and explain, and show's kinds printed from one derivation.
#include <doctest/doctest.h>

#include "cli_test_support.h"

namespace ricci::cli::test {

namespace {

const std::string kTwoLayers = std::string(kBilinear) + "layer dot {\n  s := u[i] * v[i]\n}\n";

}  // namespace

TEST_CASE("an unknown --layer is the same usage error in show, check and explain") {
  for (const char* cmd : {"show", "check", "explain"}) {
    CAPTURE(cmd);
    Result r = ricci({cmd, "-", "--layer", "nope"}, kTwoLayers);
    CHECK(r.code == ExitCode::usage_error);
    CHECK(r.out.empty());
    CHECK(r.err == "error: no layer `nope` in `<stdin>` (layers: `bilinear`, `dot`)\n");
  }
}

TEST_CASE("--layer keeps one layer in check, explain and every derived kind of show") {
  Result check = ricci({"check", "-", "--layer", "dot"}, kTwoLayers);
  REQUIRE(check.code == ExitCode::ok);
  CHECK(check.out.find("layer dot ") == 0);
  CHECK(check.out.find("bilinear") == std::string::npos);
  Result explain = ricci({"explain", "-", "--layer", "dot"}, kTwoLayers);
  REQUIRE(explain.code == ExitCode::ok);
  CHECK(explain.out.find("layer dot:") == 0);
  CHECK(explain.out.find("bilinear") == std::string::npos);
  for (const char* kind : {"--emit=ir", "--emit=math", "--emit=cpp"}) {
    CAPTURE(kind);
    Result show = ricci({"show", "-", kind, "--layer", "dot"}, kTwoLayers);
    REQUIRE(show.code == ExitCode::ok);
    CHECK(show.out.find("dot") != std::string::npos);
    CHECK(show.out.find("bilinear") == std::string::npos);
  }
}

TEST_CASE("show prints each kind the same alone or together with others") {
  const std::vector<std::string> kinds = {"--emit=ast", "--emit=ir", "--emit=math", "--emit=cpp", "--emit=cuda"};
  std::string each;
  for (const std::string& kind : kinds) each += ricci({"show", "-", kind, "--program=pullback"}, kTwoLayers).out;
  std::vector<std::string> together = {"show", "-", "--program=pullback"};
  together.insert(together.end(), kinds.begin(), kinds.end());
  Result all = ricci(together, kTwoLayers);
  REQUIRE(all.code == ExitCode::ok);
  CHECK(all.out == each);
  // --program selects what ir and math print, never which programs the code holds.
  CHECK(ricci({"show", "-", "--emit=cpp", "--program=evaluate"}, kTwoLayers).out ==
        ricci({"show", "-", "--emit=cpp"}, kTwoLayers).out);
}

}  // namespace ricci::cli::test
