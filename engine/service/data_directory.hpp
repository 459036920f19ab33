#pragma once

#include <filesystem>
#include <memory>

#include "engine/core/error.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/blob_store.hpp"
#include "engine/store/database.hpp"

namespace awardflow::service {

// Where the store lives when no --data is given: $AWARDFLOW_DATA, else ./var.
std::filesystem::path defaultDataDirectory();

// An open data directory: the store (awardflow.db), the blob store (blobs/) and the audit chain.
struct DataDirectory {
  std::filesystem::path root;
  store::Database database;
  store::BlobStore blobs;
  // The key of the fingerprints of keyed requests (service::RequestReplies): requests carry
  // passwords and PINs, so what the store keeps of them is an HMAC under this secret, kept
  // beside the store (agency/request-key, 0600), never in it.
  std::string request_secret;

  store::AuditLog audit() const { return store::AuditLog(database); }
};

struct InitOutcome {
  bool created = false;  // false: the directory was there already and was only migrated
  int schema_version = 0;
};

// Creates the data directory (mode 0700) with its store and blob folder, recording
// "store.initialized" as the first event of the audit chain; on an existing one, only brings the
// schema up to date. Fails with Errc::Unavailable (I/O, SQLite) or Errc::Config (newer schema).
core::Result<InitOutcome> initDataDirectory(const std::filesystem::path& root);

// Opens an initialized data directory (creating agency/request-key when absent). Fails with
// Errc::NotFound when `root` holds no store, Errc::Unavailable when the key cannot be read or
// written.
core::Result<std::unique_ptr<DataDirectory>> openDataDirectory(const std::filesystem::path& root);

}  // namespace awardflow::service
