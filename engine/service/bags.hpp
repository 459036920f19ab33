#pragma once

#include <filesystem>

#include "engine/core/error.hpp"
#include "engine/service/validation.hpp"

namespace awardflow::service {

// Validates the BagIt package at `path` (docs/archive.md): a bag folder, or a zipped bag when
// `path` is a file. The result's report holds every problem (codes bagit.*); its source is
// `path`. Fails with Errc::NotFound when nothing is at `path`, Errc::Unreadable when it cannot
// be read, and Errc::Unavailable when a zipped bag cannot be extracted for want of a temporary
// directory. Thread-safe.
core::Result<ValidationResult> validateBagAt(const std::filesystem::path& path);

}  // namespace awardflow::service
