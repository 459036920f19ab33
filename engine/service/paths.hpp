#pragma once

#include <filesystem>

namespace awardflow::service {

// Where awardflow finds its data (schemas/, workflows/): $AWARDFLOW_HOME when set, otherwise the
// source tree it was built from.
std::filesystem::path dataHome();

}  // namespace awardflow::service
