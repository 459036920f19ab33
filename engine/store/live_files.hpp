#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// A blob that the live store refers to: a dossier's file, an office document, the rulebook a
// dossier was judged by.
struct BlobReference {
  std::string dossier_id;
  std::string name;        // "r1/dossier.xml", "document QĐ-…", "rulebook"
  std::string sha256;      // the blob's name
  std::int64_t size = -1;  // as recorded, -1 when the store does not record it
};

// What the fixity audit of the live store reads from SQLite (service::auditStore).
class LiveFiles {
 public:
  explicit LiveFiles(const Database& database) : database_(database) {}

  // Every reference to a blob, by dossier and name.
  core::Result<std::vector<BlobReference>> references() const;

  // The references of one dossier.
  core::Result<std::vector<BlobReference>> referencesOf(const std::string& dossier_id) const;

  // SQLite's own check of the database file: "ok", or the problems it lists (at most 20), one a
  // line. PRAGMA integrity_check, not quick_check: only the full check compares every index with
  // its table, and a flipped byte in an index page is damage that quick_check lets pass.
  // Errc::Unavailable when it cannot run (a page so damaged that SQLite refuses the file is that).
  core::Result<std::string> integrityCheck() const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
