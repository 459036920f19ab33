// Emulation clusters and blocks as pages (issue #8): the groups and criteria sets, which the
// standing office defines here; a set's standings with a chart; the scoring sheet of a council
// member or the office; closing with the proposal.

#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <Poco/Net/HTMLForm.h>
#include <Poco/URI.h>

#include "engine/http/detail/page_kit.hpp"
#include "engine/http/detail/svg_chart.hpp"
#include "engine/service/accounts.hpp"
#include "engine/service/emulation.hpp"

namespace awardflow::http::detail {
namespace {

std::string points(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.2f", value);
  std::string out = buffer.data();
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// "code | title | most points | weight" per line.
core::Result<std::vector<model::Criterion>> readCriteria(const std::string& text) {
  std::vector<model::Criterion> out;
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (trim(line).empty()) continue;
    std::vector<std::string> parts;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '|');) parts.push_back(trim(cell));
    model::Criterion c;
    try {
      if (parts.size() < 3 || parts.size() > 4) throw std::invalid_argument("parts");
      c.code = parts[0];
      c.title = parts[1];
      c.max_points = std::stod(parts[2]);
      c.weight = parts.size() == 4 ? std::stod(parts[3]) : 1.0;
    } catch (const std::exception&) {
      return core::fail(
          core::Errc::InvalidArgument,
          "criteria line " + std::to_string(number) + ": write code | title | most points | weight",
          {"tiêu chí dòng " + std::to_string(number) + ": ghi mã | tên | điểm tối đa | hệ số"});
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void addScorePages(Router& router, const PageContext& c) {
  const auto kit = c.kit;
  const service::DataDirectory* data = c.data;
  service::Sessions* sessions = c.sessions;
  const auto emulation = [=]() { return service::Emulation(*data, sessions->clock()); };

  const auto show_index = [=](Exchange& x, const service::Caller& who, const std::string& lang,
                              const std::optional<core::Error>& problem,
                              const std::map<std::string, std::string>& values) {
    auto groups = emulation().groups(who.user);
    if (!groups) return kit->failure(x, groups.error(), who, lang);
    auto sets = emulation().sets(who.user);
    if (!sets) return kit->failure(x, sets.error(), who, lang);
    auto units = service::listUnitsAs(*data, who.user);
    if (!units) return kit->failure(x, units.error(), who, lang);
    std::map<std::string, std::string> names;
    for (const model::Unit& u : *units) names[u.code] = u.name;
    Data d{Data::type::object};
    d.set("csrf", who.csrf);
    if (problem) d.set("error", inLang(*problem, lang));
    for (const auto& [key, value] : values) d.set(key, value);
    Data group_rows{Data::type::list};
    Data group_options{Data::type::list};
    for (const model::EmulationGroup& g : *groups) {
      Data row{Data::type::object};
      row.set("id", g.id);
      row.set("name", g.name);
      row.set("kind", text(g.kind == "block" ? "block" : "cluster", lang));
      std::string members;
      for (const std::string& u : g.units)
        members += (members.empty() ? "" : ", ") + (names.count(u) ? names[u] : u);
      row.set("units", members);
      group_rows.push_back(row);
      Data option{Data::type::object};
      option.set("value", g.id);
      option.set("label", g.name);
      group_options.push_back(option);
    }
    d.set("groups", group_rows);
    d.set("hasGroups", !groups->empty());
    d.set("groupOptions", group_options);
    Data set_rows{Data::type::list};
    for (const model::CriteriaSet& s : *sets) {
      Data row{Data::type::object};
      row.set("id", s.id);
      row.set("title", s.title);
      row.set("period", s.period);
      row.set("group", s.group_id);
      row.set("criteria", std::to_string(s.criteria.size()));
      row.set("state", s.closed_at ? text("scoringClosed", lang) : text("scoringOpen", lang));
      set_rows.push_back(row);
    }
    d.set("sets", set_rows);
    d.set("hasSets", !sets->empty());
    if (who.user.role == model::Role::StandingOffice) {
      d.set("defines", true);
      Data unit_options{Data::type::list};
      for (const model::Unit& u : *units) {
        Data option{Data::type::object};
        option.set("code", u.code);
        option.set("name", u.name);
        unit_options.push_back(option);
      }
      d.set("unitOptions", unit_options);
    }
    kit->render(x, problem ? httpStatus(problem->code) : 200, "scores", d, text("emulation", lang),
                who, lang);
  };
  pageRoute(router, "GET", "/scores", "emulation clusters and blocks, criteria sets",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              show_index(x, *who, lang, std::nullopt, {});
            });
  pageRoute(router, "POST", "/scores/groups", "define an emulation cluster or block",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              model::EmulationGroup g;
              g.id = form.get("id", "");
              g.name = form.get("name", "");
              g.kind = form.get("kind", "cluster");
              for (const auto& [name, value] : form) {
                if (name == "unit") g.units.push_back(value);
              }
              auto added = emulation().addGroup(who->user, g);
              if (!added) {
                return show_index(x, *who, lang, added.error(),
                                  {{"groupId", g.id}, {"groupName", g.name}});
              }
              redirect(x, "/scores");
            });
  pageRoute(router, "POST", "/scores/sets", "define a criteria set", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    Poco::Net::HTMLForm form;
    if (!kit->postedForm(x, *who, lang, form)) return;
    const std::map<std::string, std::string> values{{"setId", form.get("id", "")},
                                                    {"setTitle", form.get("title", "")},
                                                    {"setPeriod", form.get("period", "")},
                                                    {"setCriteria", form.get("criteria", "")}};
    auto criteria = readCriteria(form.get("criteria", ""));
    if (!criteria) return show_index(x, *who, lang, criteria.error(), values);
    model::CriteriaSet s;
    s.id = form.get("id", "");
    s.group_id = form.get("group", "");
    s.period = form.get("period", "");
    s.title = form.get("title", "");
    s.criteria = std::move(criteria).value();
    auto added = emulation().addSet(who->user, s);
    if (!added) return show_index(x, *who, lang, added.error(), values);
    redirect(x, "/scores/" + Poco::URI(added->id).toString());
  });

  // A set's standings and, for council members and the office while it is open, their sheet.
  const auto show_set = [=](Exchange& x, const service::Caller& who, const std::string& lang,
                            const std::optional<core::Error>& problem, const std::string& flash) {
    const auto e = emulation();
    auto standings = e.standings(who.user, x.param("id"));
    if (!standings) return kit->failure(x, standings.error(), who, lang);
    const model::CriteriaSet& set = standings->set;
    Data d{Data::type::object};
    d.set("csrf", who.csrf);
    if (problem) d.set("error", inLang(*problem, lang));
    if (!flash.empty()) d.set("flash", flash);
    d.set("id", set.id);
    d.set("title", set.title);
    d.set("period", set.period);
    d.set("group", standings->group.name);
    d.set("open", !set.closed_at);
    if (set.closed_at) d.set("closedAt", *set.closed_at + " (" + set.closed_by + ")");
    d.set("maxTotal", points(standings->max_total));
    Data criteria{Data::type::list};
    for (const model::Criterion& k : set.criteria) {
      Data row{Data::type::object};
      row.set("code", k.code);
      row.set("title", k.title);
      row.set("max", points(k.max_points));
      row.set("weight", points(k.weight));
      criteria.push_back(row);
    }
    d.set("criteria", criteria);
    Data rows{Data::type::list};
    BarChart chart;
    chart.title = text("scoreTotals", lang);
    chart.series = {{text("total", lang), "#00695c"}};
    for (const service::StandingRow& r : standings->rows) {
      Data row{Data::type::object};
      row.set("rank", std::to_string(r.rank));
      row.set("unit", r.unit_name);
      row.set("unitCode", r.unit_code);
      Data cells{Data::type::list};
      for (const auto& a : r.averages) cells.push_back(a ? points(*a) : std::string("–"));
      row.set("averages", cells);
      row.set("total", points(r.total));
      row.set("scorers", std::to_string(r.scorers));
      row.set("leads", r.rank == 1 && r.scorers > 0);
      rows.push_back(row);
      chart.bars.push_back({r.unit_name, {r.total}});
    }
    d.set("rows", rows);
    d.set("chart", renderBarChart(chart));
    std::string leaders;
    for (const service::StandingRow& r : standings->rows) {
      if (std::find(standings->leaders.begin(), standings->leaders.end(), r.unit_code) !=
          standings->leaders.end())
        leaders += (leaders.empty() ? "" : ", ") + r.unit_name;
    }
    if (!leaders.empty()) d.set("leaders", leaders);
    d.set("tie", standings->tie);
    d.set("complete", standings->complete);
    const bool scores = (who.user.role == model::Role::CouncilMember ||
                         who.user.role == model::Role::StandingOffice) &&
                        !set.closed_at;
    if (scores) {
      auto mine = e.scoresBy(who.user, set.id);
      if (!mine) return kit->failure(x, mine.error(), who, lang);
      std::map<std::string, double> given;
      for (const model::Score& s : *mine) given[s.unit_code + "|" + s.criterion] = s.points;
      Data sheet{Data::type::list};
      for (const std::string& unit : standings->group.units) {
        Data row{Data::type::object};
        const auto named =
            std::find_if(standings->rows.begin(), standings->rows.end(),
                         [&](const service::StandingRow& r) { return r.unit_code == unit; });
        row.set("unit", named == standings->rows.end() ? unit : named->unit_name);
        Data cells{Data::type::list};
        for (const model::Criterion& k : set.criteria) {
          Data cell{Data::type::object};
          cell.set("name", "p:" + unit + ":" + k.code);
          cell.set("label", k.code + " — " + unit);
          cell.set("max", points(k.max_points));
          const auto it = given.find(unit + "|" + k.code);
          cell.set("value", it == given.end() ? std::string() : points(it->second));
          cells.push_back(cell);
        }
        row.set("cells", cells);
        sheet.push_back(row);
      }
      d.set("sheet", sheet);
      d.set("scores", true);
    }
    d.set("closes", who.user.role == model::Role::StandingOffice && !set.closed_at);
    kit->render(x, problem ? httpStatus(problem->code) : 200, "score_sheet", d, set.title, who,
                lang);
  };
  pageRoute(router, "GET", "/scores/{id}", "a criteria set: standings and the scoring sheet",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              show_set(x, *who, lang, std::nullopt,
                       x.query("saved") == "1" ? text("scoresSaved", lang) : "");
            });
  pageRoute(router, "POST", "/scores/{id}", "save the caller's scoring sheet", [=](Exchange& x) {
    const std::string lang = pageLang(x);
    auto who = kit->caller(x);
    if (!who) return kit->signInFirst(x);
    Poco::Net::HTMLForm form;
    if (!kit->postedForm(x, *who, lang, form)) return;
    const auto e = emulation();
    for (const auto& [name, value] : form) {
      if (name.rfind("p:", 0) != 0 || trim(value).empty()) continue;
      const auto colon = name.find(':', 2);
      if (colon == std::string::npos) continue;
      const std::string unit = name.substr(2, colon - 2);
      const std::string criterion = name.substr(colon + 1);
      double given = std::nan("");
      try {
        std::size_t used = 0;
        given = std::stod(trim(value), &used);
        if (used != trim(value).size()) given = std::nan("");
      } catch (const std::exception&) {
        given = std::nan("");
      }
      auto done = e.score(who->user, x.param("id"), unit, criterion, given, "");
      if (!done) {
        core::Error located = done.error();
        const std::string where = unit + " / " + criterion + ": ";
        located.message.insert(0, where);
        if (!located.details.empty()) located.details.front().insert(0, where);
        return show_set(x, *who, lang, located, "");
      }
    }
    redirect(x, "/scores/" + Poco::URI(x.param("id")).toString() + "?saved=1");
  });
  pageRoute(router, "POST", "/scores/{id}/close", "close the scoring and record the proposal",
            [=](Exchange& x) {
              const std::string lang = pageLang(x);
              auto who = kit->caller(x);
              if (!who) return kit->signInFirst(x);
              Poco::Net::HTMLForm form;
              if (!kit->postedForm(x, *who, lang, form)) return;
              auto closed = emulation().close(who->user, x.param("id"));
              if (!closed) return show_set(x, *who, lang, closed.error(), "");
              redirect(x, "/scores/" + Poco::URI(x.param("id")).toString());
            });
}

}  // namespace awardflow::http::detail
