#pragma once

// A stored bag folder handed out as one zip file (downloads of a record's package).

#include <filesystem>

#include "engine/core/error.hpp"

namespace awardflow::archive {

// Writes the bag folder `bag_dir` as a zipped bag at `zip_file`: one top-level folder named
// after the zip's stem holding every file of the bag byte for byte, so that its manifests and
// signatures still verify (validateZippedBag reads it back). The zip is made in a temporary
// sibling and renamed into place. Fails with Errc::NotFound when `bag_dir` is not a folder or
// the zip's folder does not exist, Errc::Conflict when `zip_file` exists (it is never touched),
// Errc::InvalidArgument when its name has no stem, and Errc::Unavailable on I/O or zip errors.
core::Result<void> zipPackage(const std::filesystem::path& bag_dir,
                              const std::filesystem::path& zip_file);

// Writes the files under `directory` as a new zip at `zip_file`, each entry named
// "<folder>/<relative path>" (a download that is not an archival bag: an outgoing proposal).
// Fails with Errc::Unavailable on I/O or zip errors.
core::Result<void> zipFolder(const std::filesystem::path& directory, const std::string& folder,
                             const std::filesystem::path& zip_file);

}  // namespace awardflow::archive
