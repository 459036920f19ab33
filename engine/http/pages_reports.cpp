// The standing office's reports as pages (issue #8): a period report with its charts (SVG drawn
// by the server), its print view, and the annual statistical table; CSV through the API.

#include <array>
#include <cstdio>

#include <Poco/URI.h>

#include "engine/http/detail/page_kit.hpp"
#include "engine/http/detail/svg_chart.hpp"
#include "engine/service/reports.hpp"

namespace awardflow::http::detail {
namespace {

std::string percent(std::optional<double> share) {
  if (!share) return "–";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f %%", *share * 100);
  return buffer.data();
}

std::string oneDecimal(std::optional<double> value) {
  if (!value) return "–";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", *value);
  return buffer.data();
}

std::optional<double> shareOf(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

Data lineRows(const std::vector<service::ReportLine>& lines, const std::string& lang) {
  Data rows{Data::type::list};
  for (const service::ReportLine& l : lines) {
    Data row{Data::type::object};
    row.set("key", l.key);
    row.set("label", lang == "en" ? l.label_en : l.label_vi);
    row.set("received", std::to_string(l.counts.received));
    row.set("returned", std::to_string(l.counts.returned));
    row.set("approved", std::to_string(l.counts.approved));
    row.set("refused", std::to_string(l.counts.refused));
    row.set("pending", std::to_string(l.counts.pending));
    row.set("overdue", std::to_string(l.counts.overdue));
    row.set("awards", std::to_string(l.awards.total));
    row.set("individuals", std::to_string(l.awards.individuals));
    row.set("direct", std::to_string(l.awards.direct_labourers));
    row.set("directShare", percent(shareOf(l.awards.direct_labourers, l.awards.individuals)));
    row.set("women", std::to_string(l.awards.women));
    rows.push_back(row);
  }
  return rows;
}

// The report's data for both the page and its print view.
Data reportData(const service::PeriodReport& r, const std::string& lang) {
  Data d{Data::type::object};
  const auto& c = r.counts;
  const auto& a = r.awards;
  d.set("year", std::to_string(r.query.year));
  d.set("on", r.on.toString());
  d.set("received", std::to_string(c.received));
  d.set("returned", std::to_string(c.returned));
  d.set("approved", std::to_string(c.approved));
  d.set("refused", std::to_string(c.refused));
  d.set("forwarded", std::to_string(c.forwarded));
  d.set("withdrawn", std::to_string(c.withdrawn));
  d.set("pending", std::to_string(c.pending));
  d.set("overdue", std::to_string(c.overdue));
  d.set("awards", std::to_string(a.total));
  d.set("individuals", std::to_string(a.individuals));
  d.set("collectives", std::to_string(a.collectives));
  d.set("families", std::to_string(a.families));
  d.set("direct", std::to_string(a.direct_labourers));
  d.set("directShare", percent(r.directShare()));
  d.set("target", percent(r.direct_target));
  d.set("targetMet", r.directTargetMet());
  d.set("women", std::to_string(a.women));
  d.set("womenShare", percent(r.womenShare()));
  d.set("decided", std::to_string(r.processing.decided));
  d.set("median", oneDecimal(r.processing.median));
  d.set("p90", oneDecimal(r.processing.p90));
  d.set("late", std::to_string(r.processing.late));
  d.set("byUnit", lineRows(r.by_unit, lang));
  d.set("byForm", lineRows(r.by_form, lang));
  d.set("byLevel", lineRows(r.by_level, lang));
  d.set("hasData", c.received > 0);

  BarChart dossiers;
  dossiers.title = text("chartDossiers", lang);
  dossiers.series = {{text("approvedShort", lang), "#2e7d32"},
                     {text("refusedShort", lang), "#c62828"},
                     {text("pendingShort", lang), "#f9a825"},
                     {text("otherShort", lang), "#78909c"}};
  for (const service::ReportLine& l : r.by_unit) {
    const auto other = l.counts.received - l.counts.approved - l.counts.refused - l.counts.pending;
    dossiers.bars.push_back(
        {lang == "en" ? l.label_en : l.label_vi,
         {static_cast<double>(l.counts.approved), static_cast<double>(l.counts.refused),
          static_cast<double>(l.counts.pending),
          static_cast<double>(std::max<std::int64_t>(0, other))}});
  }
  BarChart awards;
  awards.title = text("chartAwards", lang);
  awards.series = {{text("awards", lang), "#1565c0"}};
  for (const service::ReportLine& l : r.by_form) {
    if (l.awards.total > 0)
      awards.bars.push_back(
          {lang == "en" ? l.label_en : l.label_vi, {static_cast<double>(l.awards.total)}});
  }
  BarChart direct;
  direct.title = text("chartDirect", lang);
  direct.series = {{text("directShare", lang), "#6a1b9a"}};
  direct.percent = true;
  direct.target = r.direct_target;
  direct.target_label = text("targetShort", lang) + " " + percent(r.direct_target);
  for (const service::ReportLine& l : r.by_unit) {
    if (auto s = shareOf(l.awards.direct_labourers, l.awards.individuals))
      direct.bars.push_back({lang == "en" ? l.label_en : l.label_vi, {*s}});
  }
  Data charts{Data::type::list};
  for (const BarChart* chart : {&dossiers, &awards, &direct}) {
    if (!chart->bars.empty()) charts.push_back(Data(renderBarChart(*chart)));
  }
  d.set("charts", charts);
  return d;
}

service::ReportQuery queryOf(Exchange& x, const service::Workflow& workflow) {
  service::ReportQuery q;
  const std::string year = x.query("year");
  q.year = year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos
               ? std::stoi(year)
               : workflow.today().year;
  q.period = x.query("period");
  q.campaign = x.query("campaign");
  q.unit_code = x.query("unit");
  q.award_form = x.query("form");
  q.level = x.query("level");
  return q;
}

std::string queryString(const service::ReportQuery& q) {
  std::string out = "year=" + std::to_string(q.year);
  const auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    std::string encoded;
    Poco::URI::encode(value, "&=+?#/", encoded);
    out += std::string("&") + name + "=" + encoded;
  };
  add("period", q.period);
  add("campaign", q.campaign);
  add("unit", q.unit_code);
  add("form", q.award_form);
  add("level", q.level);
  return out;
}

}  // namespace

void addReportPages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  const service::DataDirectory* data = c.data;
  service::Workflow* workflow = c.workflow;

  pageRoute(router, "GET", "/reports", "the period report with its charts", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    const service::ReportQuery query = queryOf(x, *workflow);
    const service::Reports reports(*data, *workflow);
    auto report = reports.period(who->user, query);
    if (!report) return kit->failure(x, report.error(), who, lang);
    Data d = reportData(*report, lang);
    d.set("period", query.period);
    for (const char* p : {"", "1", "2", "year", "campaign"})
      d.set(std::string("period_") + (*p ? p : "all"), query.period == p);
    d.set("campaign", query.campaign);
    d.set("unit", query.unit_code);
    d.set("form", query.award_form);
    d.set("level", query.level);
    d.set("query", queryString(report->query));
    kit->render(x, 200, "reports", d, text("reports", lang), who, lang);
  });
  pageRoute(router, "GET", "/reports/print", "the period report, to print", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    const service::Reports reports(*data, *workflow);
    auto report = reports.period(who->user, queryOf(x, *workflow));
    if (!report) return kit->failure(x, report.error(), who, lang);
    Data d = reportData(*report, lang);
    Data t{Data::type::object};
    for (const auto& [key, value] : texts()) t.set(key, lang == "en" ? value.second : value.first);
    d.set("t", t);
    d.set("lang", lang);
    d.set("period", report->query.period.empty() ? text("wholeYear", lang) : report->query.period);
    kit->bare(x, "reports_print", d);
  });
  pageRoute(router, "GET", "/reports/statistics",
            "the annual table of commendation counts (Biểu 0602.N)", [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              const int year = queryOf(x, *workflow).year;
              const service::Reports reports(*data, *workflow);
              auto table = reports.statistics(who->user, year);
              if (!table) return kit->failure(x, table.error(), who, lang);
              Data d{Data::type::object};
              d.set("year", std::to_string(year));
              Data rows{Data::type::list};
              const auto row = [&](const std::string& label, const store::AwardTotals& a) {
                Data r{Data::type::object};
                r.set("label", label);
                r.set("total", std::to_string(a.total));
                r.set("collectives", std::to_string(a.collectives));
                r.set("families", std::to_string(a.families));
                r.set("individuals", std::to_string(a.individuals));
                r.set("women", std::to_string(a.women));
                r.set("direct", std::to_string(a.direct_labourers));
                return r;
              };
              for (const service::ReportLine& l : table->rows)
                rows.push_back(row(lang == "en" ? l.label_en : l.label_vi, l.awards));
              d.set("rows", rows);
              d.set("total", row(text("grandTotal", lang), table->total));
              kit->render(x, 200, "statistics", d, text("statistics", lang), who, lang);
            });
}

}  // namespace awardflow::http::detail
