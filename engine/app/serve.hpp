#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace awardflow::app {

// `awardflow serve`: runs the HTTP server until SIGTERM or SIGINT. Returns the exit code.
int runServe(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace awardflow::app
