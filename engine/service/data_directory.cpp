#include "engine/service/data_directory.hpp"

#include <cstdlib>

namespace awardflow::service {
namespace {

constexpr const char* kDatabaseFile = "awardflow.db";

}  // namespace

std::filesystem::path defaultDataDirectory() {
  const char* env = std::getenv("AWARDFLOW_DATA");  // NOLINT(concurrency-mt-unsafe): read-only
  if (env != nullptr && *env != '\0') return env;
  return "var";
}

core::Result<InitOutcome> initDataDirectory(const std::filesystem::path& root) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(root / kDatabaseFile, ec);
  std::filesystem::create_directories(root / "blobs", ec);
  if (ec)
    return core::fail(core::Errc::Unavailable,
                      "cannot create " + root.string() + ": " + ec.message());
  std::filesystem::permissions(root, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  auto database = store::Database::open(root / kDatabaseFile);
  if (!database) return core::Unexpected{database.error()};
  InitOutcome outcome{!existed, database->schemaVersion()};
  if (!existed) {
    store::Event event;
    event.actor = "system";
    event.kind = "store.initialized";
    event.payload = "{\"schemaVersion\":" + std::to_string(outcome.schema_version) + "}";
    auto appended = store::AuditLog(*database).append(event);
    if (!appended) return core::Unexpected{appended.error()};
  }
  return outcome;
}

core::Result<std::unique_ptr<DataDirectory>> openDataDirectory(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::exists(root / kDatabaseFile, ec)) {
    return core::fail(core::Errc::NotFound,
                      "no awardflow data in " + root.string() + " (run awardflow init)");
  }
  auto database = store::Database::open(root / kDatabaseFile);
  if (!database) return core::Unexpected{database.error()};
  return std::make_unique<DataDirectory>(
      DataDirectory{root, std::move(database).value(), store::BlobStore(root / "blobs")});
}

}  // namespace awardflow::service
