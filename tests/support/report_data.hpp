#pragma once

// A generated data set for the reports (tests and bench): dossiers and their report rows written
// straight into the store through SQLite, with the answers the reports must give computed here
// by plain loops, independently of the SQL. Foreign keys are off while it writes (the dossiers
// have no rulebook pin, XML or events: only what the reports read).

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/store/database.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"
#include "engine/store/report_store.hpp"

namespace awardflow::testing {

struct ReportExpectation {
  store::OutcomeCounts counts;
  store::AwardTotals awards;
  std::vector<int> days;  // processing days of decided dossiers
  std::int64_t late = 0;
};

struct GeneratedReports {
  std::int64_t dossiers = 0;
  std::int64_t nominees = 0;
  ReportExpectation all;                             // the year 2024, everything
  std::map<std::string, ReportExpectation> by_unit;  // 2024
  std::map<std::string, ReportExpectation> by_form;  // 2024
  ReportExpectation wave1;                           // period "1"
};

inline const std::vector<std::pair<std::string, std::string>>& generatedUnits() {
  // The demo units (seedDemo) and their levels.
  static const std::vector<std::pair<std::string, std::string>> kUnits{
      {"UBND-PHOCHAU", "commune"},
      {"UBND-SONTIEN", "commune"},
      {"THCS-SONTIEN", "agency"},
      {"PGDDT-HUONGSON", "agency"}};
  return kUnits;
}

// Writes `count` dossiers of the year 2024 (and every 50th of 2023, which a 2024 report must not
// count) with 1–4 nominees each, in one transaction. `on` is the date overdue is counted at.
inline GeneratedReports generateReports(const store::Database& database, std::int64_t count,
                                        const core::Date& on) {
  static const std::vector<std::string> kForms{"advanced-worker", "certificate-of-merit",
                                               "grassroots-emulation-fighter",
                                               "advanced-collective"};
  static const std::vector<std::string> kOutcomes{"approved",  "approved", "approved", "approved",
                                                  "approved",  "approved", "refused",  "pending",
                                                  "withdrawn", "forwarded"};
  GeneratedReports g;
  sqlite3* db = database.impl().statements.db();
  const auto exec = [&](const char* sql) { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); };
  exec("PRAGMA foreign_keys = OFF");
  exec("BEGIN");
  sqlite3_stmt* dossier = nullptr;
  sqlite3_stmt* row = nullptr;
  sqlite3_stmt* nominee = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO dossiers (id, unit_code, source_id, title, rulebook_id, "
                     "rulebook_version, rulebook_sha256, procedure_id, variant, state, version, "
                     "revision, xml_sha256, complete, signed_valid, submitted_by, submitted_at, "
                     "updated_at) VALUES (?1, ?2, ?1, 'generated', 'gen', 1, 'gen', ?3, "
                     "'standard', ?4, 1, 1, 'gen', 1, 1, 'gen', '2024-01-01T00:00:00Z', "
                     "'2024-01-01T00:00:00Z')",
                     -1, &dossier, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO report_dossiers (dossier_id, version, xml_sha256, unit_code, "
                     "unit_level, period_year, period, campaign, award_form, outcome, returned, "
                     "due_on, running, decided_on, processing_days, late) VALUES (?1, 1, 'gen', "
                     "?2, ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                     -1, &row, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO report_nominees (dossier_id, ordinal, kind, female, "
                     "direct_labourer) VALUES (?1, ?2, ?3, ?4, ?5)",
                     -1, &nominee, nullptr);
  const core::Date june = *core::Date::parse("2024-06-01");
  for (std::int64_t i = 0; i < count; ++i) {
    const auto& [unit, level] = generatedUnits()[static_cast<std::size_t>(i) % 4];
    const std::string& form = kForms[static_cast<std::size_t>(i / 4) % kForms.size()];
    const std::string& outcome = kOutcomes[static_cast<std::size_t>(i * 7) % 10];
    const int year = i % 50 == 49 ? 2023 : 2024;
    const std::string period = i % 3 == 0 ? "1" : (i % 3 == 1 ? "2" : "year");
    const bool returned = i % 7 == 0;
    const core::Date due = june.plusDays(i % 400);
    const bool running = outcome == "pending" && i % 2 == 0;
    const bool decided = outcome == "approved" || outcome == "refused" || outcome == "forwarded";
    const int days = static_cast<int>((i * 7) % 25);
    const bool late = days > 20;
    const std::string id = "GEN-" + std::to_string(i);
    const std::string state = outcome == "withdrawn" ? "withdrawn" : "appraisal";
    sqlite3_bind_text(dossier, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(dossier, 2, unit.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(dossier, 3, form.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(dossier, 4, state.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(dossier);
    sqlite3_reset(dossier);
    sqlite3_bind_text(row, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(row, 2, unit.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(row, 3, level.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(row, 4, year);
    sqlite3_bind_text(row, 5, period.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(row, 6, form.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(row, 7, outcome.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(row, 8, returned ? 1 : 0);
    sqlite3_bind_text(row, 9, due.toString().c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(row, 10, running ? 1 : 0);
    if (decided) {
      sqlite3_bind_text(row, 11, june.plusDays(days).toString().c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(row, 12, days);
      sqlite3_bind_int(row, 13, late ? 1 : 0);
    } else {
      sqlite3_bind_null(row, 11);
      sqlite3_bind_null(row, 12);
      sqlite3_bind_null(row, 13);
    }
    sqlite3_step(row);
    sqlite3_reset(row);
    ++g.dossiers;

    std::vector<ReportExpectation*> into;
    if (year == 2024) {
      into = {&g.all, &g.by_unit[unit], &g.by_form[form]};
      if (period == "1") into.push_back(&g.wave1);
    }
    for (ReportExpectation* e : into) {
      ++e->counts.received;
      e->counts.returned += returned ? 1 : 0;
      e->counts.approved += outcome == "approved" ? 1 : 0;
      e->counts.refused += outcome == "refused" ? 1 : 0;
      e->counts.forwarded += outcome == "forwarded" ? 1 : 0;
      e->counts.withdrawn += outcome == "withdrawn" ? 1 : 0;
      e->counts.pending += outcome == "pending" ? 1 : 0;
      e->counts.overdue += running && due < on ? 1 : 0;
      if (decided) {
        e->days.push_back(days);
        e->late += late ? 1 : 0;
      }
    }
    const int nominees = 1 + static_cast<int>(i % 4);
    for (int j = 0; j < nominees; ++j) {
      const std::string kind =
          j % 5 == 4 ? "collective" : (i % 7 == 6 && j == 0 ? "family" : "individual");
      const bool female = (i + j) % 2 == 0;
      const bool direct = (i * 3 + j) % 5 < 2;
      sqlite3_bind_text(nominee, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(nominee, 2, j + 1);
      sqlite3_bind_text(nominee, 3, kind.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(nominee, 4, female ? 1 : 0);
      sqlite3_bind_int(nominee, 5, direct ? 1 : 0);
      sqlite3_step(nominee);
      sqlite3_reset(nominee);
      ++g.nominees;
      if (outcome != "approved") continue;
      for (ReportExpectation* e : into) {
        ++e->awards.total;
        e->awards.individuals += kind == "individual" ? 1 : 0;
        e->awards.collectives += kind == "collective" ? 1 : 0;
        e->awards.families += kind == "family" ? 1 : 0;
        e->awards.women += kind == "individual" && female ? 1 : 0;
        e->awards.direct_labourers += kind == "individual" && direct ? 1 : 0;
      }
    }
  }
  sqlite3_finalize(dossier);
  sqlite3_finalize(row);
  sqlite3_finalize(nominee);
  exec("COMMIT");
  exec("PRAGMA foreign_keys = ON");
  return g;
}

// The value at fraction q of the sorted values, linear between closest ranks.
inline double expectedQuantile(std::vector<int> values, double q) {
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto low = static_cast<std::size_t>(at);
  const std::size_t high = std::min(low + 1, values.size() - 1);
  return values[low] + (values[high] - values[low]) * (at - static_cast<double>(low));
}

}  // namespace awardflow::testing
