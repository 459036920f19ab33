#include "engine/store/live_files.hpp"

#include <Poco/Exception.h>

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

// Every blob reference; `?1` NULL for all dossiers.
constexpr const char* kReferences =
    "SELECT dossier_id, 'r' || revision || '/' || name, sha256, size FROM dossier_files "
    "  WHERE ?1 IS NULL OR dossier_id = ?1 "
    "UNION ALL SELECT dossier_id, 'document ' || notation, sha256, -1 FROM office_documents "
    "  WHERE ?1 IS NULL OR dossier_id = ?1 "
    "UNION ALL SELECT id, 'rulebook', rulebook_sha256, -1 FROM dossiers "
    "  WHERE ?1 IS NULL OR id = ?1 "
    "ORDER BY 1, 2";

core::Result<std::vector<BlobReference>> select(const Database& database,
                                                const std::string* dossier_id) {
  return locked(database, [&](DatabaseImpl& impl) -> core::Result<std::vector<BlobReference>> {
    Step rows(impl.statements, kReferences);
    if (dossier_id != nullptr) rows.bind(1, *dossier_id);
    std::vector<BlobReference> out;
    while (rows.row()) {
      out.push_back({rows.text(0), rows.text(1), rows.text(2), rows.integer(3)});
    }
    return out;
  });
}

}  // namespace

core::Result<std::vector<BlobReference>> LiveFiles::references() const {
  return select(database_, nullptr);
}

core::Result<std::vector<BlobReference>> LiveFiles::referencesOf(
    const std::string& dossier_id) const {
  return select(database_, &dossier_id);
}

core::Result<std::string> LiveFiles::integrityCheck() const {
  return locked(database_, [&](DatabaseImpl& impl) -> core::Result<std::string> {
    Step rows(impl.statements, "PRAGMA integrity_check(20)");
    std::string out;
    while (rows.row()) out += (out.empty() ? "" : "\n") + rows.text(0);
    return out;
  });
}

}  // namespace awardflow::store
