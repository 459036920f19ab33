#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "engine/core/error.hpp"

namespace awardflow::core {

// Reads a whole regular file. Fails with Errc::NotFound when there is no such file,
// Errc::Unreadable when it is not a regular file or cannot be read, and Errc::TooLarge (without
// reading) when it is larger than `max_bytes`.
Result<std::string> readFile(const std::filesystem::path& path,
                             std::size_t max_bytes = std::size_t{64} << 20);

}  // namespace awardflow::core
