// dump_ast: the indented tree that `ricci show --emit=ast` prints.
#include <doctest/doctest.h>

#include "syntax/syntax.h"

namespace ricci::syntax {

TEST_CASE("dump_ast: clauses first, then each statement with its tree") {
  SourceFile file("t.ricci",
                  "layer bilinear {\n"
                  "  grad B, C\n"
                  "  A[i,k] := B[i,j] * C[j,k] * D[l,l]\n"
                  "}\n"
                  "layer misc { dims n=4; output y\n"
                  "  y[n] += sigmoid(-x[n]) / 0.5 - s[]^3 }\n");
  Diagnostics diags(file);
  Module m = parse(file, diags);
  CHECK(!diags.has_errors());
  CHECK(dump_ast(m, file) ==
        "layer bilinear @1:1\n"
        "  grad B, C @2:3\n"
        "  statement := @3:3\n"
        "    lhs A[i,k]\n"
        "    product @3:13\n"
        "      access B[i,j] @3:13\n"
        "      * access C[j,k] @3:22\n"
        "      * access D[l,l] @3:31\n"
        "layer misc @5:1\n"
        "  output y @5:24\n"
        "  dims n=4 @5:19\n"
        "  statement += @6:3\n"
        "    lhs y[n]\n"
        "    sum @6:11\n"
        "      product @6:11\n"
        "        call sigmoid @6:11\n"
        "          negate @6:19\n"
        "            access x[n] @6:20\n"
        "        / number 0.5 @6:28\n"
        "      - power ^3 @6:34\n"
        "        access s[] @6:34\n");
}

TEST_CASE("dump_ast: an empty module dumps as nothing") {
  SourceFile file("t.ricci", "");
  Diagnostics diags(file);
  CHECK(dump_ast(parse(file, diags), file).empty());
}

}  // namespace ricci::syntax
