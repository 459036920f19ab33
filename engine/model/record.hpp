#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/model/rulebook.hpp"

namespace awardflow::model {

// An archival record (hồ sơ lưu trữ): a sealed dossier's package and its NĐ 30/2020 metadata,
// with its retention and what became of it. A disposed record stays as a tombstone.
struct ArchiveRecord {
  std::string file_code;      // FileCode: OrganId.FileCatalog.FileNotation
  std::string organ_id;       // the agency's electronic identifier
  int file_catalog = 0;       // the year the record was formed
  std::string file_notation;  // the record's notation within the catalog
  std::string dossier_id;     // the tracking code it came from ("" when imported without one)
  std::string title;
  std::string unit_code;
  std::string unit_name;
  std::string rulebook_id;
  std::string procedure_id;
  std::string award_form;       // AwardForm name
  std::string level;            // Level name of who decided
  std::string decision_number;  // "12/QĐ-UBND", "" when refused
  std::string outcome;          // "issued" or "refused"
  Retention retention = Retention::Years10;
  std::string rights = "restricted";  // access regime
  std::string language = "vi";
  core::Date start_date;
  core::Date end_date;
  int doc_total = 0;
  int page_total = 0;
  std::vector<std::string> names;  // the nominees' names, in dossier order
  std::string achievements;        // the achievement texts: indexed for search, not kept
  std::string sealed_at;           // UTC
  std::string sealed_by;
  std::optional<core::Date> transfer_due;  // to the historical archive (permanent records)
  std::optional<core::Date> dispose_due;   // none for permanent records
  bool legal_hold = false;
  std::string hold_reason;
  std::string disposal_requested_by;
  std::string disposal_reason;
  std::string disposed_at;  // "" while the package is kept
  std::string disposal_approved_by;
  std::string package;         // path of the package, relative to the data directory
  std::string package_sha256;  // of the package's tagmanifest-sha256.txt (binds every file)
  std::int64_t package_bytes = 0;
};

// Retention arithmetic (Luật Lưu trữ 2011 Art. 11–13 as DOMAIN.md §7 reads it; verify per
// deployment): a record is kept from the end of the year its work ended (end_date). Permanent
// records go to the historical archive within 10 years: due on 1 January of end year + 10, and
// are never disposed. A record kept N years may be disposed from 1 January of end year + N + 1.
std::optional<core::Date> transferDue(Retention retention, const core::Date& end_date);
std::optional<core::Date> disposeDue(Retention retention, const core::Date& end_date);

}  // namespace awardflow::model
