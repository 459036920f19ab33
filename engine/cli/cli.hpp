#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/core/error.hpp"

namespace awardflow::cli {

// Runs the awardflow command line with `args` (without the program name), writing results to
// `out` and diagnostics to `err`. Returns the process exit code (sysexits.h): 0 success, 64 usage,
// 65 invalid data, 66 missing or unreadable input, 69 unavailable, 70 internal, 78 configuration.
// Catches every exception; safe to call in-process from tests.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// A command implemented outside this module (`serve`, wired by app): registered before run().
using ExternalCommand = int (*)(const std::vector<std::string>& args, std::ostream& out,
                                std::ostream& err);
void registerServe(ExternalCommand serve);

// The one Errc → exit code map of the command line.
int exitCode(core::Errc code);

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 64;
inline constexpr int kExitData = 65;
inline constexpr int kExitNoInput = 66;
inline constexpr int kExitUnavailable = 69;
inline constexpr int kExitSoftware = 70;
inline constexpr int kExitNoPermission = 77;
inline constexpr int kExitConfig = 78;

}  // namespace awardflow::cli
