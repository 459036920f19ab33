#include "engine/store/report_store.hpp"

#include <array>
#include <string>

#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

// ?1 year, ?2 period, ?3 campaign, ?4 unit, ?5 award form, ?6 level; the authorities in scope
// replace @SCOPE@ (see scoped()).
#define AWARDFLOW_REPORT_FILTER                                                         \
  " r.period_year = ?1 AND (?2 = '' OR r.period = ?2) AND (?3 = '' OR r.campaign = ?3)" \
  " AND (?4 = '' OR r.unit_code = ?4) AND (?5 = '' OR r.award_form = ?5)"               \
  " AND (?6 = '' OR r.unit_level = ?6) @SCOPE@ "

#define AWARDFLOW_OUTCOMES(KEY)                                                                  \
  "SELECT " KEY                                                                                  \
  ", COUNT(*), TOTAL(r.returned), TOTAL(r.outcome = 'approved'), TOTAL(r.outcome = 'refused'), " \
  "TOTAL(r.outcome = 'forwarded'), TOTAL(r.outcome = 'withdrawn'), "                             \
  "TOTAL(r.outcome = 'pending'), TOTAL(r.running AND r.due_on < ?7), "                           \
  "TOTAL(r.outcome = 'revoked') "                                                                \
  "FROM report_dossiers r WHERE" AWARDFLOW_REPORT_FILTER

constexpr std::array<const char*, 4> kOutcomes{
    AWARDFLOW_OUTCOMES("''"),
    AWARDFLOW_OUTCOMES("r.unit_code") "GROUP BY r.unit_code",
    AWARDFLOW_OUTCOMES("r.award_form") "GROUP BY r.award_form",
    AWARDFLOW_OUTCOMES("r.unit_level") "GROUP BY r.unit_level",
};

#define AWARDFLOW_AWARDS(KEY)                                                     \
  "SELECT " KEY                                                                   \
  ", COUNT(*), TOTAL(n.kind = 'individual'), TOTAL(n.kind = 'collective'), "      \
  "TOTAL(n.kind = 'family'), TOTAL(n.kind = 'individual' AND n.female), "         \
  "TOTAL(n.kind = 'individual' AND n.direct_labourer) "                           \
  "FROM report_dossiers r JOIN report_nominees n ON n.dossier_id = r.dossier_id " \
  "WHERE" AWARDFLOW_REPORT_FILTER "AND r.outcome = 'approved' "

constexpr std::array<const char*, 4> kAwards{
    AWARDFLOW_AWARDS("''"),
    AWARDFLOW_AWARDS("r.unit_code") "GROUP BY r.unit_code",
    AWARDFLOW_AWARDS("r.award_form") "GROUP BY r.award_form",
    AWARDFLOW_AWARDS("r.unit_level") "GROUP BY r.unit_level",
};

}  // namespace

std::string scopeList(const std::optional<std::vector<std::string>>& codes) {
  if (!codes) return "";
  std::string out = ",";
  for (const std::string& code : *codes) out += code + ",";
  return out;
}

namespace {

// `sql` with its @SCOPE@ replaced by the clause for `codes`' shape: none for the whole
// installation; up to kListedAuthorities as an IN list of ?9…, which the (period_year,
// authority_code) index answers (a commune's 2 000 rows of the year, not the province's
// 300 000: an instr() made every office's report read the whole year, 1.9 s); a wider scope
// matched against ?8 ",A,B,". Built once per shape (internedSql).
const char* scoped(const char* sql, const std::optional<std::vector<std::string>>& codes) {
  std::string clause;
  if (codes && codes->empty()) {
    clause = "AND 0";
  } else if (codes && codes->size() <= kListedAuthorities) {
    clause = "AND r.authority_code IN (" + numberedParameters(9, codes->size()) + ")";
  } else if (codes) {
    clause = "AND instr(?8, ',' || COALESCE(r.authority_code, '') || ',') > 0";
  }
  std::string text(sql);
  const std::string marker = "@SCOPE@";
  text.replace(text.find(marker), marker.size(), clause);
  return internedSql(std::move(text));
}

void bindFilter(Step& step, const ReportFilter& f) {
  step.bind(1, std::int64_t{f.year})
      .bind(2, f.period)
      .bind(3, f.campaign)
      .bind(4, f.unit_code)
      .bind(5, f.award_form)
      .bind(6, f.unit_level);
  if (!f.authority_codes || f.authority_codes->empty()) return;
  if (f.authority_codes->size() > kListedAuthorities) {
    step.bind(8, scopeList(f.authority_codes));
    return;
  }
  for (std::size_t k = 0; k < f.authority_codes->size(); ++k)
    step.bind(static_cast<int>(9 + k), (*f.authority_codes)[k]);
}

std::optional<core::Date> dateAt(const Step& row, int column) {
  if (row.isNull(column)) return std::nullopt;
  return core::Date::parse(row.text(column));
}

}  // namespace

core::Result<std::int64_t> ReportStore::syncedSeq() const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::int64_t> {
    Step row(db.statements, "SELECT seq FROM report_sync WHERE id = 1");
    return row.row() ? row.integer(0) : std::int64_t{0};
  });
}

core::Result<void> ReportStore::setSyncedSeq(std::int64_t seq) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step row(tx.statements,
             "INSERT INTO report_sync (id, seq) VALUES (1, ?1) "
             "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq");
    row.bind(1, seq);
    row.run();
    return {};
  });
}

core::Result<std::vector<StaleDossier>> ReportStore::stale(std::size_t limit) const {
  return locked(database_, [&](DatabaseImpl& db) -> core::Result<std::vector<StaleDossier>> {
    Step rows(db.statements,
              "SELECT d.id, d.version, d.xml_sha256, d.unit_code, COALESCE(u.level, ''), d.state, "
              "d.received_on, d.due_on, d.stopped_on, COALESCE(c.outcome, ''), "
              "COALESCE(c.decided_at, ''), c.revoked_at IS NOT NULL, "
              "EXISTS (SELECT 1 FROM deficiency_lists l WHERE l.dossier_id = d.id), "
              "COALESCE(r.xml_sha256, '') "
              "FROM dossiers d LEFT JOIN report_dossiers r ON r.dossier_id = d.id "
              "LEFT JOIN decisions c ON c.dossier_id = d.id "
              "LEFT JOIN units u ON u.code = d.unit_code "
              "WHERE r.dossier_id IS NULL OR r.version <> d.version LIMIT ?1");
    rows.bind(1, static_cast<std::int64_t>(limit));
    std::vector<StaleDossier> out;
    while (rows.row()) {
      StaleDossier s;
      s.id = rows.text(0);
      s.version = rows.integer(1);
      s.xml_sha256 = rows.text(2);
      s.unit_code = rows.text(3);
      s.unit_level = rows.text(4);
      s.state = rows.text(5);
      s.received_on = dateAt(rows, 6);
      s.due_on = dateAt(rows, 7);
      s.stopped_on = dateAt(rows, 8);
      s.outcome = rows.text(9);
      s.decided_at = rows.text(10);
      s.revoked = rows.integer(11) != 0;
      s.returned = rows.integer(12) != 0;
      s.known_xml_sha256 = rows.text(13);
      out.push_back(std::move(s));
    }
    return out;
  });
}

core::Result<void> ReportStore::put(
    const ReportDossier& r, const std::optional<std::vector<ReportNominee>>& nominees) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    Step row(tx.statements,
             "INSERT OR REPLACE INTO report_dossiers (dossier_id, version, xml_sha256, unit_code, "
             "unit_level, period_year, period, campaign, award_form, outcome, returned, due_on, "
             "running, decided_on, processing_days, late, authority_code) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
             "(SELECT authority_code FROM dossiers WHERE id = ?1))");
    row.bind(1, r.dossier_id)
        .bind(2, r.version)
        .bind(3, r.xml_sha256)
        .bind(4, r.unit_code)
        .bind(5, r.unit_level)
        .bind(6, std::int64_t{r.period_year})
        .bind(7, r.period)
        .bind(8, r.campaign)
        .bind(9, r.award_form)
        .bind(10, r.outcome)
        .bind(11, std::int64_t{r.returned ? 1 : 0});
    if (r.due_on) {
      row.bind(12, r.due_on->toString());
    } else {
      row.bindNull(12);
    }
    row.bind(13, std::int64_t{r.running ? 1 : 0});
    if (r.decided_on) {
      row.bind(14, r.decided_on->toString());
    } else {
      row.bindNull(14);
    }
    if (r.processing_days) {
      row.bind(15, std::int64_t{*r.processing_days});
    } else {
      row.bindNull(15);
    }
    if (r.late) {
      row.bind(16, std::int64_t{*r.late ? 1 : 0});
    } else {
      row.bindNull(16);
    }
    row.run();
    if (nominees) {
      Step clear(tx.statements, "DELETE FROM report_nominees WHERE dossier_id = ?1");
      clear.bind(1, r.dossier_id);
      clear.run();
      std::int64_t ordinal = 0;
      for (const ReportNominee& n : *nominees) {
        Step add(tx.statements,
                 "INSERT INTO report_nominees (dossier_id, ordinal, kind, female, direct_labourer) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)");
        add.bind(1, r.dossier_id)
            .bind(2, ++ordinal)
            .bind(3, n.kind)
            .bind(4, std::int64_t{n.female ? 1 : 0})
            .bind(5, std::int64_t{n.direct_labourer ? 1 : 0});
        add.run();
      }
    }
    return {};
  });
}

core::Result<std::vector<std::pair<std::string, OutcomeCounts>>> ReportStore::outcomes(
    const ReportFilter& filter, ReportGroup group, const core::Date& on) const {
  return locked(
      database_,
      [&](DatabaseImpl& db) -> core::Result<std::vector<std::pair<std::string, OutcomeCounts>>> {
        Step rows(db.statements,
                  scoped(kOutcomes.at(static_cast<std::size_t>(group)), filter.authority_codes));
        bindFilter(rows, filter);
        rows.bind(7, on.toString());
        std::vector<std::pair<std::string, OutcomeCounts>> out;
        while (rows.row()) {
          OutcomeCounts c;
          c.received = rows.integer(1);
          if (c.received == 0) continue;
          c.returned = rows.integer(2);
          c.approved = rows.integer(3);
          c.refused = rows.integer(4);
          c.forwarded = rows.integer(5);
          c.withdrawn = rows.integer(6);
          c.pending = rows.integer(7);
          c.overdue = rows.integer(8);
          c.revoked = rows.integer(9);
          out.emplace_back(rows.text(0), c);
        }
        return out;
      });
}

core::Result<std::vector<std::pair<std::string, AwardTotals>>> ReportStore::awards(
    const ReportFilter& filter, ReportGroup group) const {
  return locked(
      database_,
      [&](DatabaseImpl& db) -> core::Result<std::vector<std::pair<std::string, AwardTotals>>> {
        Step rows(db.statements,
                  scoped(kAwards.at(static_cast<std::size_t>(group)), filter.authority_codes));
        bindFilter(rows, filter);
        std::vector<std::pair<std::string, AwardTotals>> out;
        while (rows.row()) {
          AwardTotals t;
          t.total = rows.integer(1);
          if (t.total == 0) continue;
          t.individuals = rows.integer(2);
          t.collectives = rows.integer(3);
          t.families = rows.integer(4);
          t.women = rows.integer(5);
          t.direct_labourers = rows.integer(6);
          out.emplace_back(rows.text(0), t);
        }
        return out;
      });
}

core::Result<std::vector<std::pair<int, bool>>> ReportStore::processing(
    const ReportFilter& filter) const {
  return locked(
      database_, [&](DatabaseImpl& db) -> core::Result<std::vector<std::pair<int, bool>>> {
        Step rows(db.statements, scoped("SELECT r.processing_days, COALESCE(r.late, 0) FROM "
                                        "report_dossiers r WHERE" AWARDFLOW_REPORT_FILTER
                                        "AND r.processing_days IS NOT NULL",
                                        filter.authority_codes));
        bindFilter(rows, filter);
        std::vector<std::pair<int, bool>> out;
        while (rows.row())
          out.emplace_back(static_cast<int>(rows.integer(0)), rows.integer(1) != 0);
        return out;
      });
}

}  // namespace awardflow::store
