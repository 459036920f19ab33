#include "engine/service/paths.hpp"

#include <cstdlib>

namespace awardflow::service {

std::filesystem::path dataHome() {
  const char* home = std::getenv("AWARDFLOW_HOME");  // NOLINT(concurrency-mt-unsafe): read-only
  if (home != nullptr && *home != '\0') return home;
  return AWARDFLOW_SOURCE_DIR;
}

}  // namespace awardflow::service
