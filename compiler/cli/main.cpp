// The `ricci` executable: everything lives in cli::run so tests can call it in-process.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return static_cast<int>(ricci::cli::run(args, std::cin, std::cout, std::cerr));
}
