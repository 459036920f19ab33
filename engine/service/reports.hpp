#pragma once

// Periodic reports of the standing office (issue #8): per emulation period, unit, award form and
// level — dossiers received, returned, approved, refused, pending, overdue; awards by form; the
// share of individual awards going to direct labourers against the target (Directive 03: more
// than 35 %); the share of women; processing time in working days against the legal limit —
// and the annual statistical table of commendation counts (Biểu 0602.N/BNV-TĐKT, TT 02/2023).
// Computed by SQL aggregates over report tables derived from the dossiers (store/report_store).

#include <optional>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/workflow.hpp"
#include "engine/store/report_store.hpp"

namespace awardflow::service {

struct ReportQuery {
  int year = 0;
  std::string period;    // "" the whole year, "1" or "2" a wave, "year" annual, "campaign"
  std::string campaign;  // with period "campaign": its name ("" any campaign)
  std::string unit_code;
  std::string award_form;               // model::name(AwardForm)
  std::string level;                    // the nominating unit's level, model::name(Level)
  std::optional<core::Date> on;         // overdue as of; default today
  std::optional<double> direct_target;  // default: the configured target
};

struct ProcessingSummary {
  std::int64_t decided = 0;
  std::optional<double> median;  // working days from receipt to decision
  std::optional<double> p90;
  std::int64_t late = 0;  // decided after the due date
};

// One line of a breakdown: a unit, an award form or a level.
struct ReportLine {
  std::string key;
  std::string label_vi;
  std::string label_en;
  store::OutcomeCounts counts;
  store::AwardTotals awards;
};

struct PeriodReport {
  ReportQuery query;
  core::Date on;
  double direct_target = 0.35;
  store::OutcomeCounts counts;
  store::AwardTotals awards;
  ProcessingSummary processing;
  std::vector<ReportLine> by_unit;
  std::vector<ReportLine> by_form;
  std::vector<ReportLine> by_level;

  // Of individual awards; none when there is none.
  std::optional<double> directShare() const;
  // Strictly more than the target, as the directive says ("trên 35 %").
  bool directTargetMet() const;
  std::optional<double> womenShare() const;
};

// The annual statistical table: awards by form, collectives, families and individuals, of which
// women and direct labourers.
struct StatisticsTable {
  int year = 0;
  std::vector<ReportLine> rows;  // one per award form given that year
  store::AwardTotals total;
};

// The reports; who may read them: the standing office, the chairperson, council members and
// administrators every unit's; a submitting unit's clerk the unit's own (the unit filter is
// forced); archivists none (Errc::PermissionDenied).
class Reports {
 public:
  Reports(const DataDirectory& data, const Workflow& workflow)
      : data_(data), workflow_(workflow), store_(data.database) {}

  // Brings the report tables up to date with every dossier changed since (by version); returns
  // how many dossiers were brought up to date. Called by every report.
  core::Result<std::size_t> sync() const;

  // Errc::InvalidArgument for a year outside 2000–2100 or an unknown period.
  core::Result<PeriodReport> period(const model::User& actor, ReportQuery query) const;
  core::Result<StatisticsTable> statistics(const model::User& actor, int year) const;

 private:
  core::Result<void> syncOne(const store::StaleDossier& stale) const;

  const DataDirectory& data_;
  const Workflow& workflow_;
  store::ReportStore store_;
};

// CSV (RFC 4180, UTF-8 with a byte-order mark for spreadsheets) in `lang` ("vi" or "en").
std::string reportCsv(const PeriodReport& report, const std::string& lang);
std::string statisticsCsv(const StatisticsTable& table, const std::string& lang);

// The names a person reads.
std::string awardFormLabel(const std::string& form, const std::string& lang);
std::string levelLabel(const std::string& level, const std::string& lang);

}  // namespace awardflow::service
