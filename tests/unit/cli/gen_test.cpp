// `ricci gen`: -o -, --depfile, --target, --line-directives, and writes that fail or change nothing.
#include <doctest/doctest.h>

#include "cli/depfile.h"
#include "cli/files.h"
#include "cli/outputs.h"
#include "cli_test_support.h"

namespace ricci::cli::test {

TEST_CASE("gen -o - prints every file after a `// ==> name <==` line, the same bytes as gen -o DIR") {
  TempDir dir("gen_stdout");
  write_file(dir / "bilinear.ricci", kBilinear);
  Result printed = ricci({"gen", dir / "bilinear.ricci", "-o", "-", "--driver"});
  REQUIRE(printed.code == ExitCode::ok);
  REQUIRE(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "out", "--driver"}).code == ExitCode::ok);
  std::string expected;
  for (const char* name : {"bilinear.h", "bilinear.cpp", "bilinear_driver.cpp"})
    expected += output_separator(name) + read_file(dir.path() / "out" / name);
  CHECK(printed.out == expected);
  CHECK(output_separator("bilinear.h") == "// ==> bilinear.h <==\n");
}

TEST_CASE("gen --depfile lists the spec under the first generated file, or --depfile-target") {
  TempDir dir("gen_depfile");
  const std::string spec = dir / "my layers.ricci";
  write_file(spec, kBilinear);
  REQUIRE(ricci({"gen", spec, "-o", dir / "out", "--depfile", dir / "out.d"}).code == ExitCode::ok);
  CHECK(read_file(dir / "out.d") == format_depfile(dir / "out/my layers.h", {spec}));
  REQUIRE(ricci({"gen", spec, "-o", "-", "--depfile", dir / "stdout.d", "--depfile-target", "gen.stamp"}).code ==
          ExitCode::ok);
  CHECK(read_file(dir / "stdout.d") == format_depfile("gen.stamp", {spec}));
  // Printing leaves no file for a build to name: the target must be given.
  CHECK(ricci({"gen", spec, "-o", "-", "--depfile", dir / "x.d"}).code == ExitCode::usage_error);
}

TEST_CASE("a depfile that cannot be written is an I/O error naming it, after the generated files") {
  TempDir dir("gen_depfile_failure");
  write_file(dir / "bilinear.ricci", kBilinear);
  Result r = ricci({"gen", dir / "bilinear.ricci", "-o", dir / "out", "--depfile", dir / "no/such/dir/out.d"});
  CHECK(r.code == ExitCode::io_error);
  CHECK(r.err.find("error: cannot write depfile `" + (dir / "no/such/dir/out.d") + "`: ") == 0);
  CHECK(fs::exists(dir.path() / "out" / "bilinear.h"));
}

TEST_CASE("depfiles escape what make treats specially") {
  CHECK(format_depfile("out/a.h", {"a.ricci", "b.ricci"}) == "out/a.h: a.ricci b.ricci\n");
  CHECK(format_depfile("my out/a.h", {"x#1 $y.ricci"}) == "my\\ out/a.h: x\\#1\\ $$y.ricci\n");
  CHECK(format_depfile("t", {}) == "t:\n");
}

TEST_CASE("gen --target=cuda writes the CUDA files, --target=cpp the C++ ones") {
  TempDir dir("gen_target");
  write_file(dir / "bilinear.ricci", kBilinear);
  REQUIRE(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "cuda", "--target=cuda"}).code == ExitCode::ok);
  CHECK(fs::exists(dir.path() / "cuda" / "bilinear.cuh"));
  CHECK(fs::exists(dir.path() / "cuda" / "bilinear.cu"));
  CHECK_FALSE(fs::exists(dir.path() / "cuda" / "bilinear.h"));
  REQUIRE(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "cpp", "--target", "cpp"}).code == ExitCode::ok);
  CHECK(fs::exists(dir.path() / "cpp" / "bilinear.cpp"));
  CHECK(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "x", "--target=fortran"}).code == ExitCode::usage_error);
}

TEST_CASE("gen --line-directives maps each kernel to the statement it computes or differentiates") {
  TempDir dir("gen_lines");
  write_file(dir / "two.ricci", "layer two {\n  h[i] := x[i] * w[i]\n\n  y[i] := tanh(h[i])\n}\n");
  Result plain = ricci({"gen", dir / "two.ricci", "-o", "-"});
  Result lines = ricci({"gen", dir / "two.ricci", "-o", "-", "--line-directives"});
  REQUIRE(lines.code == ExitCode::ok);
  CHECK(plain.out.find("#line") == std::string::npos);
  // h and y run as one fused loop, which maps to its result's statement.
  CHECK(lines.out.find("#line 4 \"two.ricci\"\n  // h[i] := x[i] * w[i]\n  // y[i] := tanh(h[i])\n") !=
        std::string::npos);
  // d_x's kernel, which computes d_h inline, maps to the layer's line: an input has no statement.
  CHECK(lines.out.find("#line 1 \"two.ricci\"\n  // c[i] := 1\n") != std::string::npos);
  CHECK(lines.out.find("  // d_x[i] := d_h[i] * w[i]\n") != std::string::npos);
  // At -O0 each value has its kernel: a cotangent maps to its tensor's statement.
  Result unoptimized = ricci({"gen", dir / "two.ricci", "-o", "-", "--line-directives", "-O0"});
  CHECK(unoptimized.out.find("#line 2 \"two.ricci\"\n  // d_h[i] := ") != std::string::npos);
  CHECK(unoptimized.out.find("#line 1 \"two.ricci\"\n  // d_x[i] := ") != std::string::npos);
}

TEST_CASE("regenerating identical bytes leaves the files untouched") {
  TempDir dir("gen_unchanged");
  write_file(dir / "bilinear.ricci", kBilinear);
  REQUIRE(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "out"}).code == ExitCode::ok);
  const fs::path header = dir.path() / "out" / "bilinear.h";
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(header, old_time);
  write_file(dir / "bilinear.ricci", std::string(kBilinear) + "# a comment\n");
  REQUIRE(ricci({"gen", dir / "bilinear.ricci", "-o", dir / "out"}).code == ExitCode::ok);
  CHECK(fs::last_write_time(header) == old_time);
}

TEST_CASE("a write that fails keeps the previous file whole and leaves no temporary") {
  TempDir dir("gen_failure");
  write_file(dir / "good.txt", "good");
  // A directory where the temporary file would go makes writing it fail.
  fs::create_directories(dir.path() / "good.txt.tmp");
  std::string why;
  CHECK(write_if_changed(dir / "good.txt", "new contents", why) == WriteResult::failed);
  CHECK_FALSE(why.empty());
  CHECK(read_file(dir / "good.txt") == "good");
  CHECK(write_if_changed(dir / "missing/dir/x.txt", "x", why) == WriteResult::failed);
  CHECK_FALSE(fs::exists(dir.path() / "missing"));

  write_file(dir / "bilinear.ricci", kBilinear);
  write_file(dir / "not_a_dir", "a file");
  Result r = ricci({"gen", dir / "bilinear.ricci", "-o", dir / "not_a_dir"});
  CHECK(r.code == ExitCode::io_error);
  CHECK(r.err.find("not_a_dir") != std::string::npos);
  CHECK(read_file(dir / "not_a_dir") == "a file");
}

}  // namespace ricci::cli::test
