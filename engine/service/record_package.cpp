// Archive::packageZip and Archive::auditBy: a record's package as one download, and the fixity
// audit asked for by a person (the server's schedule calls Archive::audit directly).
#include <system_error>

#include "engine/archive/package_zip.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/service/archive.hpp"

namespace awardflow::service {

namespace fs = std::filesystem;

PackageZip::~PackageZip() {
  if (cleanup_.empty()) return;
  std::error_code ec;
  fs::remove_all(cleanup_, ec);
}

PackageZip& PackageZip::operator=(PackageZip&& other) noexcept {
  if (this != &other) {
    if (!cleanup_.empty()) {
      std::error_code ec;
      fs::remove_all(cleanup_, ec);
    }
    path_ = std::move(other.path_);
    cleanup_ = std::exchange(other.cleanup_, {});
  }
  return *this;
}

core::Result<FixityAudit> Archive::auditBy(const model::User& actor) const {
  const bool staff = actor.role == model::Role::Archivist ||
                     actor.role == model::Role::StandingOffice ||
                     actor.role == model::Role::Chairperson || actor.role == model::Role::Admin;
  if (!staff) {
    return core::fail(core::Errc::PermissionDenied, "fixity audits are for the archive's staff",
                      {"kiểm tra toàn vẹn dành cho cán bộ lưu trữ"});
  }
  return audit(actor.login);
}

core::Result<PackageZip> Archive::packageZip(const model::User& actor,
                                             const std::string& file_code) const {
  auto record = visibleRecord(actor, file_code);
  if (!record) return core::Unexpected{record.error()};
  const fs::path package = data_.root / record->package;
  std::error_code ec;
  if (!record->disposed_at.empty() || !fs::exists(package, ec)) {
    return core::fail(core::Errc::NotFound,
                      "the package of " + file_code + " is not kept (disposed of or missing)",
                      {"gói của " + file_code + " không còn lưu (đã hủy hoặc bị mất)"});
  }
  std::optional<PackageZip> zip;
  if (fs::is_directory(package, ec)) {
    // A folder of its own under DATA/tmp, so that the zip keeps the name FILECODE.zip.
    const fs::path folder = data_.root / "tmp" / ("package-" + crypto::randomHex(8));
    fs::create_directories(folder, ec);
    if (ec) {
      return core::fail(core::Errc::Unavailable, "cannot create " + folder.string(),
                        {"không tạo được thư mục tạm " + folder.string()});
    }
    zip.emplace(folder / (package.filename().string() + ".zip"), folder);
    auto zipped = archive::zipPackage(package, zip->path());
    if (!zipped) return core::Unexpected{zipped.error()};
  } else {
    zip.emplace(package, fs::path());
  }
  auto logged = logAccess(actor, file_code, "download package");
  if (!logged) return core::Unexpected{logged.error()};
  return std::move(*zip);
}

}  // namespace awardflow::service
