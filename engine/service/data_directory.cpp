#include "engine/service/data_directory.hpp"

#include <cstdlib>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"

namespace awardflow::service {
namespace {

constexpr const char* kDatabaseFile = "awardflow.db";

// The request fingerprints' key: read, or made on first use (link() refuses to replace one that
// another process made meanwhile; then that one is read).
core::Result<std::string> requestSecret(const std::filesystem::path& root) {
  const std::filesystem::path file = root / "agency" / "request-key";
  auto existing = core::readFile(file, 1024);
  if (existing && existing->size() >= 64) return existing->substr(0, 64);
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  auto written = core::writeFileAtomic(file, crypto::randomHex(32), 0600, false);
  if (!written && written.error().code != core::Errc::Conflict) {
    return core::fail(core::Errc::Unavailable, "cannot write the data directory's request key");
  }
  auto made = core::readFile(file, 1024);
  if (!made || made->size() < 64) {
    return core::fail(core::Errc::Unavailable, "cannot read the data directory's request key");
  }
  return made->substr(0, 64);
}

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
  auto secret = requestSecret(root);
  if (!secret) return core::Unexpected{secret.error()};
  auto data = std::make_unique<DataDirectory>(DataDirectory{root, std::move(database).value(),
                                                            store::BlobStore(root / "blobs"),
                                                            std::move(secret).value()});
  // A damaged blob replaced by good bytes is an event of the audit chain. Inside a unit of work
  // the event commits with it; should the unit be rolled back, the repair on disk stays, and so
  // is it recorded again on its own.
  const store::Database& store = data->database;
  data->blobs.onRepair([&store](const std::string& sha256) {
    const auto record = [&store, sha256] {
      store::Event event;
      event.actor = "system";
      event.kind = "blob.repaired";
      event.subject = sha256;
      event.payload =
          "{\"sha256\":\"" + sha256 + "\",\"found\":\"damaged\",\"replacedWith\":\"good bytes\"}";
      (void)store::AuditLog(store).append(event);  // the repair itself stands either way
    };
    record();
    store.onRollback(record);
  });
  return data;
}

}  // namespace awardflow::service
