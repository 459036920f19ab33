#pragma once

// Poco::Zip behind a narrow interface, private to engine/archive. Poco exceptions stop here.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"

namespace awardflow::archive::detail {

struct ZipLimits {
  std::uint64_t max_bytes = 0;  // total uncompressed bytes
  std::size_t max_entries = 0;
};

// Checks every entry of the zip at `zip_file` (names safe and all under one top-level folder,
// not encrypted, within `limits`) and only then extracts it into the existing empty directory
// `destination`, writing each file itself (never a link) and checking sizes and CRCs. Problems
// go into `report` (bagit.zip.*); returns the top-level folder's name, or "" when the zip was
// refused or could not be extracted.
std::string extractZip(const std::filesystem::path& zip_file,
                       const std::filesystem::path& destination, const ZipLimits& limits,
                       core::Report& report);

// Writes the regular files and directories under `directory` into a new zip at `zip_file`, each
// entry named "<folder>/<relative path>", in sorted order, deflated. The zip is flushed and
// fsynced. Fails with Errc::Unavailable on I/O or zip errors.
core::Result<void> zipDirectory(const std::filesystem::path& directory, const std::string& folder,
                                const std::filesystem::path& zip_file);

}  // namespace awardflow::archive::detail
