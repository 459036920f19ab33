// awardflow: the one binary. Wiring only; every command lives in engine/cli.
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/cli.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return awardflow::cli::run(args, std::cout, std::cerr);
}
