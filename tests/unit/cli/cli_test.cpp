// The command line as scripts see it: --version, --help, exit codes and --color.
#include <doctest/doctest.h>

#include "cli/color.h"
#include "cli_test_support.h"

namespace ricci::cli::test {

TEST_CASE("--version prints `ricci` and the version, nothing else") {
  Result r = ricci({"--version"});
  CHECK(r.code == ExitCode::ok);
  CHECK(r.out == "ricci 0.1.0\n");
  CHECK(r.err.empty());
}

TEST_CASE("every subcommand's --help ends with an example of it") {
  for (const char* cmd : {"gen", "show", "check", "explain", "scan"}) {
    CAPTURE(cmd);
    Result r = ricci({cmd, "--help"});
    CHECK(r.code == ExitCode::ok);
    CHECK(r.out.find(std::string("Example:\n  ricci ") + cmd + " ") != std::string::npos);
  }
}

TEST_CASE("exit codes: usage, I/O and spec errors are told apart") {
  TempDir dir("exit_codes");
  write_file(dir / "bad.ricci", "layer bad {\n  A[i] := B[i,j] * C[i]\n}\n");
  CHECK(ricci({"gen", "--no-such-flag"}).code == ExitCode::usage_error);
  CHECK(ricci({"frobnicate"}).code == ExitCode::usage_error);
  CHECK(ricci({"gen", dir / "missing.ricci", "-o", dir / "out"}).code == ExitCode::io_error);
  Result bad = ricci({"gen", dir / "bad.ricci", "-o", dir / "out"});
  CHECK(bad.code == ExitCode::spec_error);
  CHECK(bad.err.find("error:") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("--color: always and never are final, before or after the subcommand") {
  const std::string bad = "layer bad {\n  A[i] := B[i,j]\n}\n";
  Result always = ricci({"--color=always", "show", "-"}, bad);
  CHECK(always.code == ExitCode::spec_error);
  CHECK(always.err.find("\x1b[") != std::string::npos);
  Result after = ricci({"show", "-", "--color=always"}, bad);
  CHECK(after.err.find("\x1b[") != std::string::npos);
  Result never = ricci({"--color=never", "show", "-"}, bad);
  CHECK(never.err.find("\x1b[") == std::string::npos);
  CHECK(never.err.find("error:") != std::string::npos);
  CHECK(ricci({"--color=sometimes", "show", "-"}, bad).code == ExitCode::usage_error);
}

TEST_CASE("--color=auto colours a terminal unless NO_COLOR is set and not empty") {
  CHECK(use_color("auto", nullptr, true));
  CHECK(use_color("auto", "", true));
  CHECK_FALSE(use_color("auto", "1", true));
  CHECK_FALSE(use_color("auto", nullptr, false));
  CHECK(use_color("always", "1", false));
  CHECK_FALSE(use_color("never", nullptr, true));
}

}  // namespace ricci::cli::test
