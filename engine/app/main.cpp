// awardflow: the one binary. Wiring only; commands live in engine/cli, the server in engine/http
// (started by app/serve.cpp).
#include <iostream>
#include <string>
#include <vector>

#include "engine/app/serve.hpp"
#include "engine/cli/cli.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  awardflow::cli::registerServe(&awardflow::app::runServe);
  return awardflow::cli::run(args, std::cout, std::cerr);
}
