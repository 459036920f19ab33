#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace awardflow::testing {

// One include that breaks DESIGN.md §2: file, line and why.
struct LayeringViolation {
  std::string file;
  int line = 0;
  std::string reason;
};

// Scans every .hpp/.cpp under `engine_dir` (one folder per module) and returns the includes
// that break the module table: project headers of a module not below the includer, and the
// third-party headers reserved to one module (<libxml/…> xml, <openssl/…> crypto, <unicode/…>
// core, <Poco/Data/…> store and app, <Poco/Net/…> http and app). Unknown modules are violations.
std::vector<LayeringViolation> checkLayering(const std::filesystem::path& engine_dir);

}  // namespace awardflow::testing
