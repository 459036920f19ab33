// Report generation over a million nominee records (issue #8), next to the raw aggregate SQL on
// the same store in the same run. Target: the report within 2× of the raw queries.
//
// The data set is the tests' generator (tests/support/report_data.hpp): dossiers of four units
// and four award forms with 1–4 nominees each (2.5 on average), outcomes, returns, due dates and
// processing times, written straight into the store's report tables. The report is
// service::Reports::period — bringing the report tables up to date (the stale-dossier query), the
// totals, the breakdowns by unit, award form and level, and the processing times with their
// median and 90th percentile. The peer is the same numbers from hand-written SQL through the
// sqlite3 C API: one GROUP BY per breakdown and the processing times sorted in C++.
//
// usage: awardflow_report_bench [DIR] [NOMINEES]
//   DIR: where the data is made (default ./awardflow-report-bench); use a real disk.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/core/clock.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/reports.hpp"
#include "engine/service/workflow.hpp"
#include "tests/support/report_data.hpp"

namespace {

namespace fs = std::filesystem;
using namespace awardflow;
using Clock = std::chrono::steady_clock;

double ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void check(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "report_bench: %s\n", what.c_str());
  std::exit(1);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The hand-written peer: the same numbers by plain SQL. Returns a checksum of what it read.
std::int64_t rawReport(sqlite3* db, const std::string& unit) {
  const std::string where = " WHERE r.period_year = 2024" +
                            (unit.empty() ? std::string() : " AND r.unit_code = '" + unit + "'");
  std::int64_t sum = 0;
  const auto run = [&](const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int c = 1; c < sqlite3_column_count(s); ++c) sum += sqlite3_column_int64(s, c);
    }
    sqlite3_finalize(s);
  };
  for (const char* key : {"''", "r.unit_code", "r.award_form", "r.unit_level"}) {
    const std::string group = std::string(key) == "''" ? "" : std::string(" GROUP BY ") + key;
    run(std::string("SELECT ") + key +
        ", COUNT(*), SUM(r.returned), SUM(r.outcome = 'approved'), SUM(r.outcome = 'refused'), "
        "SUM(r.outcome = 'forwarded'), SUM(r.outcome = 'withdrawn'), SUM(r.outcome = 'pending'), "
        "SUM(r.running AND r.due_on < '2024-09-30'), SUM(r.outcome = 'revoked') "
        "FROM report_dossiers r" +
        where + group);
    run(std::string("SELECT ") + key +
        ", COUNT(*), SUM(n.kind = 'individual'), SUM(n.kind = 'collective'), "
        "SUM(n.kind = 'family'), SUM(n.kind = 'individual' AND n.female), "
        "SUM(n.kind = 'individual' AND n.direct_labourer) FROM report_dossiers r "
        "JOIN report_nominees n ON n.dossier_id = r.dossier_id" +
        where + " AND r.outcome = 'approved'" + group);
  }
  std::vector<int> days;
  sqlite3_stmt* s = nullptr;
  check(sqlite3_prepare_v2(db,
                           ("SELECT r.processing_days, r.late FROM report_dossiers r" + where +
                            " AND r.processing_days IS NOT NULL")
                               .c_str(),
                           -1, &s, nullptr) == SQLITE_OK,
        sqlite3_errmsg(db));
  while (sqlite3_step(s) == SQLITE_ROW) {
    days.push_back(sqlite3_column_int(s, 0));
    sum += sqlite3_column_int(s, 1);
  }
  sqlite3_finalize(s);
  std::sort(days.begin(), days.end());
  if (!days.empty()) sum += days[days.size() / 2] + days[days.size() * 9 / 10];
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("awardflow-report-bench");
  const std::int64_t nominees = argc > 2 ? std::stoll(argv[2]) : 1000000;
  const std::int64_t dossiers = nominees * 2 / 5;  // 2.5 nominees a dossier
  std::error_code ec;
  fs::remove_all(dir, ec);
  const fs::path root = dir / "data";
  check(service::initDataDirectory(root).has_value(), "init");
  check(service::createAgencyIdentity(root, "UBND huyện Hương Sơn").has_value(), "agency");
  auto data = service::openDataDirectory(root);
  check(data.has_value(), "open");
  check(service::seedDemo(**data).has_value(), "demo accounts");
  const core::SystemClock clock;
  auto workflow = service::Workflow::open(**data, service::defaultWorkflowConfig(**data), clock);
  check(workflow.has_value(), workflow ? "" : workflow.error().message);

  auto start = Clock::now();
  const core::Date on = *core::Date::parse("2024-09-30");
  const testing::GeneratedReports g = testing::generateReports((*data)->database, dossiers, on);
  std::printf("data set: %lld dossiers, %lld nominee records, written in %.1f s\n",
              static_cast<long long>(g.dossiers), static_cast<long long>(g.nominees),
              ms(start) / 1000);
  sqlite3_exec((*data)->database.impl().statements.db(), "ANALYZE", nullptr, nullptr, nullptr);

  const service::Reports reports(**data, **workflow);
  auto office = (*workflow)->user("thuong-truc");
  check(office.has_value(), "office user");
  sqlite3* raw = nullptr;
  check(sqlite3_open_v2((root / "awardflow.db").c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK,
        "raw open");

  for (const std::string unit : {"", "UBND-SONTIEN"}) {
    service::ReportQuery q;
    q.year = 2024;
    q.on = on;
    q.unit_code = unit;
    // One of each first: the pages the queries read are in the cache for both.
    auto first = reports.period(*office, q);
    check(first.has_value(), first ? "" : first.error().message);
    check(first->counts.received ==
              (unit.empty() ? g.all.counts.received : g.by_unit.at(unit).counts.received),
          "the report counts what was generated");
    (void)rawReport(raw, unit);
    std::vector<double> ours, peer;
    for (int i = 0; i < 5; ++i) {
      start = Clock::now();
      auto r = reports.period(*office, q);
      ours.push_back(ms(start));
      check(r.has_value(), "report");
      start = Clock::now();
      (void)rawReport(raw, unit);
      peer.push_back(ms(start));
    }
    const double a = median(ours), b = median(peer);
    std::printf("%-26s report %8.1f ms   raw SQL %8.1f ms   ratio %.2f×  (target ≤ 2×)\n",
                unit.empty() ? "the whole year, all units" : ("one unit (" + unit + ")").c_str(), a,
                b, a / b);
  }
  sqlite3_close(raw);
  fs::remove_all(dir, ec);
  return 0;
}
