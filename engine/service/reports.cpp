#include "engine/service/reports.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "engine/core/clock.hpp"
#include "engine/dossier/reader.hpp"
#include "engine/service/authorities.hpp"
#include "engine/store/accounts.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::service {
namespace {

constexpr std::size_t kSyncBatch = 500;

core::Unexpected refuse(core::Errc code, const std::string& en, const std::string& vi) {
  return core::fail(code, en, {vi});
}

// The value at fraction `q` of sorted `values` (linear between closest ranks).
double quantile(const std::vector<int>& sorted, double q) {
  if (sorted.size() == 1) return sorted.front();
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(at));
  const auto high = static_cast<std::size_t>(std::ceil(at));
  return sorted[low] + (sorted[high] - sorted[low]) * (at - static_cast<double>(low));
}

std::string outcomeOf(const store::StaleDossier& s) {
  if (s.revoked) return "revoked";
  if (s.outcome == "approved") return "approved";
  if (s.outcome == "forwarded") return "forwarded";
  if (!s.outcome.empty()) return "refused";  // not-approved, not-proposed
  if (s.state == "withdrawn") return "withdrawn";
  return "pending";
}

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string percent(std::optional<double> share) {
  if (!share) return "";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", *share * 100);
  return buffer.data();
}

}  // namespace

std::optional<double> PeriodReport::directShare() const {
  if (awards.individuals == 0) return std::nullopt;
  return static_cast<double>(awards.direct_labourers) / static_cast<double>(awards.individuals);
}

bool PeriodReport::directTargetMet() const {
  const auto share = directShare();
  // Compared in whole counts: labourers × 1 000 000 against individuals × target, so that
  // exactly 35 % is not "more than 35 %" however the division rounds.
  if (!share) return false;
  const auto scaled = static_cast<long double>(awards.direct_labourers) * 1000000.0L;
  const long double bound =
      static_cast<long double>(awards.individuals) * std::llround(direct_target * 1000000.0);
  return scaled > bound;
}

std::optional<double> PeriodReport::womenShare() const {
  if (awards.individuals == 0) return std::nullopt;
  return static_cast<double>(awards.women) / static_cast<double>(awards.individuals);
}

std::string awardFormLabel(const std::string& form, const std::string& lang) {
  const auto parsed = model::parseAwardForm(form);
  return parsed ? model::label(*parsed).in(lang) : form;
}

std::string levelLabel(const std::string& level, const std::string& lang) {
  const auto parsed = model::parseLevel(level);
  return parsed ? model::label(*parsed).in(lang) : level;
}

core::Result<void> Reports::syncOne(const store::StaleDossier& s) const {
  store::ReportDossier row;
  row.dossier_id = s.id;
  row.version = s.version;
  row.xml_sha256 = s.xml_sha256;
  row.unit_code = s.unit_code;
  row.unit_level = s.unit_level;
  row.outcome = outcomeOf(s);
  row.returned = s.returned;
  row.due_on = s.due_on;
  row.running = row.outcome == "pending" && s.due_on && !s.stopped_on;
  // What the dossier itself says: its period, its procedure's award form, its nominees.
  auto dossier = workflow_.storedDossier(s.id);
  if (!dossier) return core::Unexpected{dossier.error()};
  row.period_year = dossier->dossier.period.year;
  row.period = dossier->dossier.period.wave.empty() ? "campaign" : dossier->dossier.period.wave;
  row.campaign = dossier->dossier.period.campaign_name;
  row.award_form = std::string(model::name(dossier->award_form));
  if (!s.decided_at.empty() && s.received_on) {
    if (const auto at = core::parseUtcTimestamp(s.decided_at)) {
      row.decided_on = core::vietnamDate(*at);
      // Outside the calendar's years the time is unknown rather than guessed.
      if (auto days = workflow_.calendar().workingDaysBetween(*s.received_on, *row.decided_on))
        row.processing_days = *days;
      if (s.due_on) row.late = *row.decided_on > *s.due_on;
    }
  }
  std::optional<std::vector<store::ReportNominee>> nominees;
  if (s.known_xml_sha256 != s.xml_sha256) {
    nominees.emplace();
    for (const model::Nominee& n : dossier->dossier.nominees) {
      store::ReportNominee r;
      if (const auto* i = std::get_if<model::Individual>(&n)) {
        r.kind = "individual";
        r.female = i->female;
        r.direct_labourer = i->direct_labourer;
      } else if (const auto* f = std::get_if<model::Family>(&n)) {
        r.kind = "family";
        r.direct_labourer = f->direct_labourer;
      } else {
        r.kind = "collective";
      }
      nominees->push_back(r);
    }
  }
  return store_.put(row, nominees);
}

core::Result<std::size_t> Reports::sync() const {
  // Every change of a dossier appends an event in its transaction: when the chain's head is the
  // one the tables were brought up to, nothing is stale, and the look (every dossier) is spared.
  auto head = data_.audit().head();
  if (!head) return core::Unexpected{head.error()};
  auto synced = store_.syncedSeq();
  if (!synced) return core::Unexpected{synced.error()};
  if (head->first != 0 && *synced == head->first) return std::size_t{0};
  std::size_t done = 0;
  for (;;) {
    auto stale = store_.stale(kSyncBatch);
    if (!stale) return core::Unexpected{stale.error()};
    for (const store::StaleDossier& s : *stale) {
      auto one = syncOne(s);
      if (!one) return core::Unexpected{one.error()};
    }
    done += stale->size();
    if (stale->size() < kSyncBatch) break;
  }
  // The head read before the look: a change made meanwhile moves the head past it.
  auto set = store_.setSyncedSeq(head->first);
  if (!set) return core::Unexpected{set.error()};
  return done;
}

core::Result<PeriodReport> Reports::period(const model::User& actor, ReportQuery query) const {
  switch (actor.role) {
    case model::Role::StandingOffice:
    case model::Role::Chairperson:
    case model::Role::CouncilMember:
    case model::Role::Admin:
      break;
    case model::Role::SubmittingUnit:
      if (!actor.unit_code) {
        return refuse(core::Errc::PermissionDenied, "a clerk without a unit reads no report",
                      "cán bộ chưa gắn với đơn vị nên không xem được báo cáo");
      }
      query.unit_code = *actor.unit_code;  // the unit's own, whatever was asked
      break;
    default:
      return refuse(core::Errc::PermissionDenied,
                    "reports are for the standing office, the council and the chairperson",
                    "báo cáo dành cho cơ quan thường trực, Hội đồng và Chủ tịch");
  }
  if (query.year < 2000 || query.year > 2100) {
    return refuse(core::Errc::InvalidArgument, "give the year of the report (2000–2100)",
                  "hãy chọn năm báo cáo (2000–2100)");
  }
  if (!query.period.empty() && query.period != "1" && query.period != "2" &&
      query.period != "year" && query.period != "campaign") {
    return refuse(core::Errc::InvalidArgument,
                  "the period is a wave (1, 2), the year's annual awards, or a campaign",
                  "kỳ báo cáo là đợt 1, đợt 2, cả năm hoặc chuyên đề");
  }
  if (query.period != "campaign") query.campaign.clear();
  auto synced = sync();
  if (!synced) return core::Unexpected{synced.error()};

  PeriodReport report;
  report.query = query;
  report.on = query.on.value_or(workflow_.today());
  report.direct_target = query.direct_target.value_or(workflow_.config().direct_labourer_target);
  store::ReportFilter filter{query.year,       query.period, query.campaign, query.unit_code,
                             query.award_form, query.level,  std::nullopt};
  // Staff of an authority count its dossiers (and those of the authorities it succeeds) only.
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  filter.authority_codes = std::move(scope).value();
  std::map<std::string, std::string> unit_names;
  if (auto units = store::Accounts(data_.database).units()) {
    for (const model::Unit& u : *units) unit_names[u.code] = u.name;
  }
  const auto breakdown = [&](store::ReportGroup group,
                             std::vector<ReportLine>& lines) -> core::Result<void> {
    auto counts = store_.outcomes(filter, group, report.on);
    if (!counts) return core::Unexpected{counts.error()};
    auto given = store_.awards(filter, group);
    if (!given) return core::Unexpected{given.error()};
    std::map<std::string, ReportLine> by_key;
    for (const auto& [key, c] : *counts) by_key[key].counts = c;
    for (const auto& [key, a] : *given) by_key[key].awards = a;
    for (auto& [key, line] : by_key) {
      line.key = key;
      if (group == store::ReportGroup::Unit) {
        line.label_vi = line.label_en = unit_names.count(key) ? unit_names[key] : key;
      } else if (group == store::ReportGroup::AwardForm) {
        line.label_vi = awardFormLabel(key, "vi");
        line.label_en = awardFormLabel(key, "en");
      } else {
        line.label_vi = levelLabel(key, "vi");
        line.label_en = levelLabel(key, "en");
      }
      lines.push_back(std::move(line));
    }
    std::stable_sort(lines.begin(), lines.end(), [](const ReportLine& a, const ReportLine& b) {
      return a.counts.received > b.counts.received;
    });
    return {};
  };
  if (auto done = breakdown(store::ReportGroup::Unit, report.by_unit); !done)
    return core::Unexpected{done.error()};
  if (auto done = breakdown(store::ReportGroup::AwardForm, report.by_form); !done)
    return core::Unexpected{done.error()};
  if (auto done = breakdown(store::ReportGroup::Level, report.by_level); !done)
    return core::Unexpected{done.error()};

  // The totals are the sum of the units' lines: every dossier belongs to exactly one unit.
  for (const ReportLine& line : report.by_unit) {
    store::OutcomeCounts& c = report.counts;
    c.received += line.counts.received;
    c.returned += line.counts.returned;
    c.approved += line.counts.approved;
    c.refused += line.counts.refused;
    c.forwarded += line.counts.forwarded;
    c.withdrawn += line.counts.withdrawn;
    c.revoked += line.counts.revoked;
    c.pending += line.counts.pending;
    c.overdue += line.counts.overdue;
    store::AwardTotals& a = report.awards;
    a.total += line.awards.total;
    a.individuals += line.awards.individuals;
    a.collectives += line.awards.collectives;
    a.families += line.awards.families;
    a.women += line.awards.women;
    a.direct_labourers += line.awards.direct_labourers;
  }

  auto times = store_.processing(filter);
  if (!times) return core::Unexpected{times.error()};
  std::vector<int> days;
  days.reserve(times->size());
  for (const auto& [d, late] : *times) {
    days.push_back(d);
    if (late) ++report.processing.late;
  }
  report.processing.decided = static_cast<std::int64_t>(days.size());
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    report.processing.median = quantile(days, 0.5);
    report.processing.p90 = quantile(days, 0.9);
  }
  return report;
}

core::Result<StatisticsTable> Reports::statistics(const model::User& actor, int year) const {
  ReportQuery query;
  query.year = year;
  auto whole = period(actor, query);
  if (!whole) return core::Unexpected{whole.error()};
  StatisticsTable table;
  table.year = year;
  table.total = whole->awards;
  for (const ReportLine& line : whole->by_form) {
    if (line.awards.total > 0) table.rows.push_back(line);
  }
  std::sort(table.rows.begin(), table.rows.end(),
            [](const ReportLine& a, const ReportLine& b) { return a.key < b.key; });
  return table;
}

std::string reportCsv(const PeriodReport& r, const std::string& lang) {
  const bool en = lang == "en";
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csvField(fields[i]);
    out += "\r\n";
  };
  line({en ? "group" : "nhóm", en ? "key" : "mã", en ? "name" : "tên",
        en ? "received" : "tiếp nhận", en ? "returned" : "trả lại bổ sung",
        en ? "approved" : "được khen thưởng", en ? "refused" : "không khen thưởng",
        en ? "forwarded" : "trình cấp trên", en ? "withdrawn" : "rút hồ sơ",
        en ? "revoked" : "bị thu hồi", en ? "pending" : "đang giải quyết",
        en ? "overdue" : "quá hạn", en ? "awards" : "số được khen", en ? "individuals" : "cá nhân",
        en ? "collectives" : "tập thể", en ? "families" : "hộ gia đình", en ? "women" : "nữ",
        en ? "direct labourers" : "người lao động trực tiếp",
        en ? "direct labourer share %" : "tỷ lệ lao động trực tiếp %"});
  const auto row = [&](const std::string& group, const std::string& key, const std::string& name,
                       const store::OutcomeCounts& c, const store::AwardTotals& a) {
    std::optional<double> share;
    if (a.individuals > 0)
      share = static_cast<double>(a.direct_labourers) / static_cast<double>(a.individuals);
    line({group, key, name, std::to_string(c.received), std::to_string(c.returned),
          std::to_string(c.approved), std::to_string(c.refused), std::to_string(c.forwarded),
          std::to_string(c.withdrawn), std::to_string(c.revoked), std::to_string(c.pending),
          std::to_string(c.overdue), std::to_string(a.total), std::to_string(a.individuals),
          std::to_string(a.collectives), std::to_string(a.families), std::to_string(a.women),
          std::to_string(a.direct_labourers), percent(share)});
  };
  row(en ? "total" : "tổng", "", en ? "all" : "tất cả", r.counts, r.awards);
  for (const ReportLine& l : r.by_unit)
    row(en ? "unit" : "đơn vị", l.key, en ? l.label_en : l.label_vi, l.counts, l.awards);
  for (const ReportLine& l : r.by_form)
    row(en ? "award form" : "hình thức", l.key, en ? l.label_en : l.label_vi, l.counts, l.awards);
  for (const ReportLine& l : r.by_level)
    row(en ? "level" : "cấp", l.key, en ? l.label_en : l.label_vi, l.counts, l.awards);
  return out;
}

std::string statisticsCsv(const StatisticsTable& t, const std::string& lang) {
  const bool en = lang == "en";
  std::string out = "\xEF\xBB\xBF";
  const auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csvField(fields[i]);
    out += "\r\n";
  };
  line({en ? "award form" : "hình thức khen thưởng", en ? "total" : "tổng số",
        en ? "collectives" : "tập thể", en ? "families" : "hộ gia đình",
        en ? "individuals" : "cá nhân", en ? "of which women" : "trong đó: nữ",
        en ? "of which direct labourers" : "trong đó: người lao động trực tiếp"});
  const auto row = [&](const std::string& name, const store::AwardTotals& a) {
    line({name, std::to_string(a.total), std::to_string(a.collectives), std::to_string(a.families),
          std::to_string(a.individuals), std::to_string(a.women),
          std::to_string(a.direct_labourers)});
  };
  for (const ReportLine& l : t.rows) row(en ? l.label_en : l.label_vi, l.awards);
  row(en ? "Total" : "Tổng cộng", t.total);
  return out;
}

}  // namespace awardflow::service
