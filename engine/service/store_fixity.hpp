#pragma once

// The fixity audit of the live store (what the archive's audit, service::Archive::audit, does for
// sealed packages): every blob read through against its digest, every file a dossier refers to
// present and intact, and SQLite's own check of awardflow.db. Each run is an event of the audit
// chain ("store.fixity-checked", subject "store"); the last one answers /healthz and /metrics.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/service/data_directory.hpp"

namespace awardflow::service {

// A file a dossier refers to that is not as it was stored.
struct LiveFileProblem {
  std::string dossier_id;
  std::string name;  // "r1/dossier.xml", "document QĐ-…", "rulebook"
  std::string sha256;
  std::string problem;  // "missing", "damaged" or "unreadable"
};

struct StoreAudit {
  std::string at;                          // UTC timestamp of the run
  std::int64_t blobs = 0;                  // blob files read through
  std::int64_t damaged_blob_count = 0;     // of them, those whose content no longer matches
  std::vector<std::string> damaged_blobs;  // their digests (from an event: the first 100)
  std::int64_t references = 0;             // files of dossiers checked
  std::int64_t problem_count = 0;          // of them, those missing or damaged
  std::vector<LiveFileProblem> problems;   // which (from an event: the first 100)
  std::string database = "ok";             // PRAGMA integrity_check: "ok" or what it found
  std::int64_t seq = 0;                    // its event in the audit chain

  bool healthy() const { return damaged_blob_count == 0 && problem_count == 0 && database == "ok"; }
};

// Runs the audit and records it in the audit chain (by `actor`, "system" for the server's
// schedule). Lists in the event are cut at 100 entries; the counts are whole. Fails with
// Errc::Unavailable when the store cannot be read or the event not written (a database so
// damaged that SQLite refuses to run its check is reported as such, not as a failure).
core::Result<StoreAudit> auditStore(const DataDirectory& data, const std::string& actor);

// The last audit recorded, if any.
core::Result<std::optional<StoreAudit>> lastStoreAudit(const DataDirectory& data);

// The files of one dossier that are missing or damaged now (a cheap look: presence and size;
// the audit reads them through).
core::Result<std::vector<LiveFileProblem>> missingFiles(const DataDirectory& data,
                                                        const std::string& dossier_id);

// The audit as JSON: {at, healthy, blobs, damagedBlobs, references, problems:[{dossierId, name,
// sha256, problem}], database, seq}. The audit event's payload is this object.
Poco::JSON::Object::Ptr storeAuditJson(const StoreAudit& audit);

}  // namespace awardflow::service
