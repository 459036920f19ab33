#include "engine/archive/package_zip.hpp"

#include <cerrno>

#include "engine/archive/detail/files.hpp"
#include "engine/archive/detail/zip.hpp"

namespace awardflow::archive {

namespace fs = std::filesystem;

core::Result<void> zipPackage(const fs::path& bag_dir, const fs::path& zip_file) {
  std::error_code ec;
  if (!fs::is_directory(bag_dir, ec)) {
    return core::fail(core::Errc::NotFound, "no bag folder at " + bag_dir.string());
  }
  const std::string folder = zip_file.stem().string();
  if (folder.empty() || folder == "." || folder == "..") {
    return core::fail(core::Errc::InvalidArgument,
                      "the zip's file name has no stem to name its folder: " + zip_file.string());
  }
  if (fs::exists(fs::symlink_status(zip_file, ec))) {
    return core::fail(core::Errc::Conflict,
                      zip_file.string() + " exists already; refusing to overwrite it");
  }
  const fs::path parent = zip_file.has_parent_path() ? zip_file.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return core::fail(core::Errc::NotFound, "no such folder: " + parent.string());
  }
  auto work = detail::makeTempDirectory(parent, zip_file.filename().string());
  if (!work) return core::Unexpected{work.error()};
  const detail::RemoveOnExit cleanup(*work);
  const fs::path zip = *work / "bag.zip";
  if (auto zipped = detail::zipDirectory(bag_dir, folder, zip); !zipped) return zipped;
  const int error = detail::renameNoReplace(zip, zip_file);
  if (error == EEXIST || error == ENOTEMPTY) {
    return core::fail(core::Errc::Conflict,
                      zip_file.string() + " exists already; refusing to overwrite it");
  }
  if (error != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot rename into " + zip_file.string() + ": " + detail::errnoText(error));
  }
  return {};
}

core::Result<void> zipFolder(const fs::path& directory, const std::string& folder,
                             const fs::path& zip_file) {
  return detail::zipDirectory(directory, folder, zip_file);
}

}  // namespace awardflow::archive
