#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// A dossier as the periodic reports count it (migration 9): derived from the dossier, its
// decision and its XML, kept up to date by the dossier's version.
struct ReportDossier {
  std::string dossier_id;
  std::int64_t version = 0;
  std::string xml_sha256;
  std::string unit_code;
  std::string unit_level;
  int period_year = 0;
  std::string period;  // "1", "2", "year", "campaign"
  std::string campaign;
  std::string award_form;
  std::string outcome;  // approved, refused, forwarded, withdrawn, revoked, pending
  bool returned = false;
  std::optional<core::Date> due_on;
  bool running = false;  // pending with its time limit running
  std::optional<core::Date> decided_on;
  std::optional<int> processing_days;  // working days from receipt to decision
  std::optional<bool> late;            // decided after its due date
};

struct ReportNominee {
  std::string kind;  // individual, collective, family
  bool female = false;
  bool direct_labourer = false;
};

// A dossier whose report row is missing or older than the dossier, with what the row needs
// from the store.
struct StaleDossier {
  std::string id;
  std::int64_t version = 0;
  std::string xml_sha256;
  std::string unit_code;
  std::string unit_level;
  std::string state;
  std::optional<core::Date> received_on;
  std::optional<core::Date> due_on;
  std::optional<core::Date> stopped_on;
  std::string outcome;  // of the decision; empty when none
  std::string decided_at;
  bool revoked = false;
  bool returned = false;
  std::string known_xml_sha256;  // of the row there is; empty when none
};

// What a report counts: a year, and optionally a period of it, a unit, an award form and the
// nominating unit's level ("" = all).
struct ReportFilter {
  int year = 0;
  std::string period;  // "", "1", "2", "year", "campaign"
  std::string campaign;
  std::string unit_code;
  std::string award_form;
  std::string unit_level;
  // The authorities whose dossiers count; nullopt for every one (a user of the installation).
  std::optional<std::vector<std::string>> authority_codes;
};

// `codes` as the ",A,B," list the report and archive statements take; "" for nullopt (any).
std::string scopeList(const std::optional<std::vector<std::string>>& codes);

struct OutcomeCounts {
  std::int64_t received = 0;
  std::int64_t returned = 0;
  std::int64_t approved = 0;
  std::int64_t refused = 0;
  std::int64_t forwarded = 0;
  std::int64_t withdrawn = 0;
  std::int64_t pending = 0;
  std::int64_t overdue = 0;
  std::int64_t revoked = 0;  // approved, then the decision revoked
};

// Nominees of approved (not revoked) dossiers.
struct AwardTotals {
  std::int64_t total = 0;
  std::int64_t individuals = 0;
  std::int64_t collectives = 0;
  std::int64_t families = 0;
  std::int64_t women = 0;             // individuals
  std::int64_t direct_labourers = 0;  // individuals
};

enum class ReportGroup { None, Unit, AwardForm, Level };

// The report tables. Thread-safe through the Database.
class ReportStore {
 public:
  explicit ReportStore(const Database& database) : database_(database) {}

  // Up to `limit` dossiers whose report row is missing or behind the dossier's version.
  core::Result<std::vector<StaleDossier>> stale(std::size_t limit) const;
  // The audit chain's head seq the tables were last brought up to (0 when never).
  core::Result<std::int64_t> syncedSeq() const;
  core::Result<void> setSyncedSeq(std::int64_t seq) const;
  // Writes one dossier's row; its nominees are replaced when given, kept otherwise.
  core::Result<void> put(const ReportDossier& row,
                         const std::optional<std::vector<ReportNominee>>& nominees) const;

  // Dossiers by outcome, grouped (the key is "" for None); overdue as of `on`.
  core::Result<std::vector<std::pair<std::string, OutcomeCounts>>> outcomes(
      const ReportFilter& filter, ReportGroup group, const core::Date& on) const;
  // Awards (nominees of approved, unrevoked dossiers), grouped.
  core::Result<std::vector<std::pair<std::string, AwardTotals>>> awards(const ReportFilter& filter,
                                                                        ReportGroup group) const;
  // Processing time of each decided dossier: working days, and whether it was late.
  core::Result<std::vector<std::pair<int, bool>>> processing(const ReportFilter& filter) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
