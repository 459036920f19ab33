#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "engine/cli/cli.hpp"

namespace awardflow::testing {

// What one in-process run of the command line printed and returned.
struct CliRun {
  int status = 0;
  std::string out;
  std::string err;
};

inline CliRun runCli(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = cli::run(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace awardflow::testing
