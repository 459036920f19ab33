#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::core {

// Reads a whole regular file. Fails with Errc::NotFound when there is no such file,
// Errc::Unreadable when it is not a regular file or cannot be read, and Errc::TooLarge (without
// reading) when it is larger than `max_bytes`.
Result<std::string> readFile(const std::filesystem::path& path,
                             std::size_t max_bytes = std::size_t{64} << 20);

// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync of the
// directory. `mode` sets the permissions (0600 for private keys). With `overwrite` false an
// existing file is refused with Errc::Conflict. Fails with Errc::Unavailable on I/O errors.
Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view bytes,
                             unsigned mode = 0644, bool overwrite = true);

}  // namespace awardflow::core
