#include "engine/service/emulation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "engine/service/authorities.hpp"
#include "engine/service/detail/workflow_support.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/authorities.hpp"

namespace awardflow::service {
using namespace detail;  // NOLINT(google-build-using-namespace): the use cases' helpers
namespace {

bool plainId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
  });
}

std::string number(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.4g", value);
  return buffer.data();
}

core::Result<void> appendEvent(store::DatabaseImpl& tx, const std::string& at,
                               const std::string& actor, const std::string& kind,
                               const std::string& subject, const std::string& payload) {
  store::Event e;
  e.at = at;
  e.actor = actor;
  e.kind = kind;
  e.subject = subject;
  e.payload = payload;
  auto appended = store::AuditLog::appendIn(tx, e);
  if (!appended) return core::Unexpected{appended.error()};
  return {};
}

std::string standingsJson(const Standings& s) {
  std::string out = "[";
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const StandingRow& r = s.rows[i];
    out += std::string(i ? "," : "") + "{\"unit\":" + js(r.unit_code) +
           ",\"total\":" + number(r.total) + ",\"rank\":" + std::to_string(r.rank) + "}";
  }
  return out + "]";
}

}  // namespace

void rankStandings(std::vector<StandingRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const StandingRow& a, const StandingRow& b) {
    if (std::fabs(a.total - b.total) > 1e-9) return a.total > b.total;
    return a.unit_code < b.unit_code;
  });
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].rank = (i > 0 && std::fabs(rows[i].total - rows[i - 1].total) <= 1e-9)
                       ? rows[i - 1].rank
                       : static_cast<int>(i) + 1;
  }
}

core::Result<model::EmulationGroup> Emulation::addGroup(const model::User& actor,
                                                        model::EmulationGroup group) const {
  auto allowed = requireRole(actor, model::Role::StandingOffice, "define emulation groups",
                             "lập cụm, khối thi đua");
  if (!allowed) return core::Unexpected{allowed.error()};
  group.id = trimmed(group.id);
  group.name = trimmed(group.name);
  if (!plainId(group.id)) {
    return refuse(core::Errc::InvalidArgument,
                  "the group's id is letters, digits, '.', '-', '_' (up to 64)",
                  "mã cụm, khối gồm chữ, số, '.', '-', '_' (tối đa 64)");
  }
  if (group.name.empty()) {
    return refuse(core::Errc::InvalidArgument, "give the group's name", "hãy ghi tên cụm, khối");
  }
  if (group.kind != "cluster" && group.kind != "block") {
    return refuse(core::Errc::InvalidArgument, "a group is a cluster or a block",
                  "chỉ có cụm (cluster) hoặc khối (block) thi đua");
  }
  std::set<std::string> distinct(group.units.begin(), group.units.end());
  if (distinct.size() != group.units.size() || distinct.size() < 2) {
    return refuse(core::Errc::InvalidArgument, "a group has at least two distinct units",
                  "cụm, khối có ít nhất hai đơn vị khác nhau");
  }
  // A group's units are those of the office's authority and of the authorities below it (a
  // province's cluster of communes), never another commune's.
  std::optional<std::vector<std::string>> below;
  if (actor.authority_code) {
    auto under = store::Authorities(data_.database).subtree(*actor.authority_code);
    if (!under) return core::Unexpected{under.error()};
    below = std::move(under).value();
  }
  const store::Accounts accounts(data_.database);
  for (const std::string& unit : group.units) {
    auto found = accounts.unit(unit);
    if (!found) return core::Unexpected{found.error()};
    if (!*found) {
      return refuse(core::Errc::Invalid, "no unit " + unit, "không có đơn vị " + unit);
    }
    if (!inScope(below, (*found)->authority_code)) {
      return refuse(core::Errc::Invalid,
                    "unit " + unit + " is not under " + *actor.authority_code +
                        ": a group holds the units of its own authority",
                    "đơn vị " + unit + " không thuộc " + *actor.authority_code +
                        ": cụm, khối chỉ gồm các đơn vị thuộc cơ quan mình");
    }
  }
  group.authority_code = actor.authority_code;
  group.created_by = actor.login;
  group.created_at = core::utcTimestamp(clock_.now());
  std::string units = "[";
  for (std::size_t i = 0; i < group.units.size(); ++i) units += (i ? "," : "") + js(group.units[i]);
  units += "]";
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto added = store::EmulationStore::addGroupIn(tx, group);
    if (!added) return added;
    return appendEvent(tx, group.created_at, actor.login, "emulation.group", group.id,
                       "{\"name\":" + js(group.name) + ",\"kind\":" + js(group.kind) +
                           ",\"units\":" + units + "}");
  });
  if (!done) return core::Unexpected{done.error()};
  return group;
}

core::Result<model::CriteriaSet> Emulation::addSet(const model::User& actor,
                                                   model::CriteriaSet set) const {
  auto allowed = requireRole(actor, model::Role::StandingOffice, "define criteria sets",
                             "lập bộ tiêu chí chấm điểm");
  if (!allowed) return core::Unexpected{allowed.error()};
  set.id = trimmed(set.id);
  set.period = trimmed(set.period);
  set.title = trimmed(set.title);
  if (!plainId(set.id) || set.period.empty() || set.title.empty()) {
    return refuse(core::Errc::InvalidArgument,
                  "a criteria set has an id (letters, digits, '.', '-', '_'), a period and a title",
                  "bộ tiêu chí cần mã (chữ, số, '.', '-', '_'), kỳ và tên");
  }
  if (set.criteria.empty()) {
    return refuse(core::Errc::InvalidArgument, "a criteria set has at least one criterion",
                  "bộ tiêu chí cần ít nhất một tiêu chí");
  }
  std::set<std::string> codes;
  for (model::Criterion& c : set.criteria) {
    c.code = trimmed(c.code);
    c.title = trimmed(c.title);
    if (c.code.empty() || c.title.empty() || !codes.insert(c.code).second) {
      return refuse(core::Errc::InvalidArgument,
                    "each criterion has its own code and a title ('" + c.code + "')",
                    "mỗi tiêu chí cần mã riêng và tên ('" + c.code + "')");
    }
    if (!(c.max_points > 0 && c.max_points <= 1000) || !(c.weight > 0 && c.weight <= 100)) {
      return refuse(core::Errc::InvalidArgument,
                    "criterion " + c.code + ": most points in (0, 1000], weight in (0, 100]",
                    "tiêu chí " + c.code + ": điểm tối đa trong (0, 1000], hệ số trong (0, 100]");
    }
  }
  auto group = readable(actor, set.group_id);
  if (!group) return core::Unexpected{group.error()};
  auto own = requireOwn(actor, *group);
  if (!own) return core::Unexpected{own.error()};
  set.created_by = actor.login;
  set.created_at = core::utcTimestamp(clock_.now());
  set.closed_at.reset();
  std::string criteria = "[";
  for (std::size_t i = 0; i < set.criteria.size(); ++i) {
    const model::Criterion& c = set.criteria[i];
    criteria += std::string(i ? "," : "") + "{\"code\":" + js(c.code) +
                ",\"title\":" + js(c.title) + ",\"max\":" + number(c.max_points) +
                ",\"weight\":" + number(c.weight) + "}";
  }
  criteria += "]";
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto added = store::EmulationStore::addSetIn(tx, set);
    if (!added) return added;
    return appendEvent(tx, set.created_at, actor.login, "emulation.criteria", set.id,
                       "{\"group\":" + js(set.group_id) + ",\"period\":" + js(set.period) +
                           ",\"title\":" + js(set.title) + ",\"criteria\":" + criteria + "}");
  });
  if (!done) return core::Unexpected{done.error()};
  return set;
}

core::Result<void> Emulation::score(const model::User& actor, const std::string& set_id,
                                    const std::string& unit_code, const std::string& criterion,
                                    double points, const std::string& note) const {
  if (actor.role != model::Role::CouncilMember && actor.role != model::Role::StandingOffice) {
    return refuse(core::Errc::PermissionDenied,
                  "only council members and the standing office score units",
                  "chỉ thành viên Hội đồng và cơ quan thường trực được chấm điểm");
  }
  if (!std::isfinite(points)) {
    return refuse(core::Errc::InvalidArgument, "points are a number", "điểm phải là một số");
  }
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  const std::string at = core::utcTimestamp(clock_.now());
  return data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto set = store::EmulationStore::setIn(tx, set_id);
    if (!set) return core::Unexpected{set.error()};
    auto group = *set ? store::EmulationStore::groupIn(tx, (*set)->group_id)
                      : core::Result<std::optional<model::EmulationGroup>>(std::nullopt);
    if (!group) return core::Unexpected{group.error()};
    if (!*set || !*group || !inScope(*scope, (*group)->authority_code)) {
      return refuse(core::Errc::NotFound, "no criteria set " + set_id,
                    "không có bộ tiêu chí " + set_id);
    }
    auto own = requireOwn(actor, **group);
    if (!own) return own;
    if ((*set)->closed_at) {
      return refuse(core::Errc::IllegalTransition, "criteria set " + set_id + " is closed",
                    "bộ tiêu chí " + set_id + " đã khóa sổ");
    }
    if (std::find((*group)->units.begin(), (*group)->units.end(), unit_code) ==
        (*group)->units.end()) {
      return refuse(core::Errc::NotFound, "unit " + unit_code + " is not in the group",
                    "đơn vị " + unit_code + " không thuộc cụm, khối này");
    }
    const auto c = std::find_if((*set)->criteria.begin(), (*set)->criteria.end(),
                                [&](const model::Criterion& k) { return k.code == criterion; });
    if (c == (*set)->criteria.end()) {
      return refuse(core::Errc::NotFound, "no criterion " + criterion + " in " + set_id,
                    "không có tiêu chí " + criterion + " trong " + set_id);
    }
    if (points < 0 || points > c->max_points) {
      return refuse(core::Errc::InvalidArgument,
                    "criterion " + criterion + " takes 0 to " + number(c->max_points) + " points",
                    "tiêu chí " + criterion + " chấm từ 0 đến " + number(c->max_points) + " điểm");
    }
    auto previous = store::EmulationStore::putScoreIn(
        tx, {set_id, unit_code, criterion, actor.login, points, trimmed(note), at});
    if (!previous) return core::Unexpected{previous.error()};
    return appendEvent(tx, at, actor.login, "emulation.score", set_id,
                       "{\"unit\":" + js(unit_code) + ",\"criterion\":" + js(criterion) +
                           ",\"points\":" + number(points) + ",\"previous\":" +
                           (*previous ? number(**previous) : std::string("null")) +
                           ",\"note\":" + js(trimmed(note)) + "}");
  });
}

core::Result<model::EmulationGroup> Emulation::readable(const model::User& actor,
                                                        const std::string& group_id) const {
  auto group = store_.group(group_id);
  if (!group) return core::Unexpected{group.error()};
  if (*group) {
    auto scope = authoritiesSeenBy(data_, actor);
    if (!scope) return core::Unexpected{scope.error()};
    if (inScope(*scope, (*group)->authority_code)) return std::move(**group);
  }
  return refuse(core::Errc::NotFound, "no emulation group " + group_id,
                "không có cụm, khối thi đua " + group_id);
}

core::Result<std::pair<model::CriteriaSet, model::EmulationGroup>> Emulation::readableSet(
    const model::User& actor, const std::string& set_id) const {
  auto set = store_.set(set_id);
  if (!set) return core::Unexpected{set.error()};
  if (*set) {
    auto group = readable(actor, (*set)->group_id);
    if (group) return std::make_pair(std::move(**set), std::move(group).value());
    if (group.error().code != core::Errc::NotFound) return core::Unexpected{group.error()};
  }
  return refuse(core::Errc::NotFound, "no criteria set " + set_id,
                "không có bộ tiêu chí " + set_id);
}

core::Result<void> Emulation::requireOwn(const model::User& actor, const model::EmulationGroup& g) {
  if (!actor.authority_code || g.authority_code == actor.authority_code) return {};
  const std::string owner = g.authority_code.value_or("-");
  return refuse(
      core::Errc::PermissionDenied,
      "emulation group " + g.id + " is " + owner + "'s: only its own office and council change it",
      "cụm, khối thi đua " + g.id + " thuộc " + owner +
          ": chỉ cơ quan thường trực và Hội đồng của cơ quan đó được thay đổi");
}

core::Result<std::vector<model::EmulationGroup>> Emulation::groups(const model::User& actor) const {
  auto all = store_.groups();
  if (!all) return all;
  auto scope = authoritiesSeenBy(data_, actor);
  if (!scope) return core::Unexpected{scope.error()};
  std::vector<model::EmulationGroup> out;
  for (model::EmulationGroup& g : *all)
    if (inScope(*scope, g.authority_code)) out.push_back(std::move(g));
  return out;
}

core::Result<std::vector<model::CriteriaSet>> Emulation::sets(const model::User& actor) const {
  auto seen = groups(actor);
  if (!seen) return core::Unexpected{seen.error()};
  std::set<std::string> ids;
  for (const model::EmulationGroup& g : *seen) ids.insert(g.id);
  auto all = store_.sets();
  if (!all) return all;
  std::vector<model::CriteriaSet> out;
  for (model::CriteriaSet& s : *all)
    if (ids.count(s.group_id)) out.push_back(std::move(s));
  return out;
}

core::Result<Standings> Emulation::standings(const model::User& actor,
                                             const std::string& set_id) const {
  auto found = readableSet(actor, set_id);
  if (!found) return core::Unexpected{found.error()};
  return standingsOf(std::move(found->first), std::move(found->second));
}

core::Result<Standings> Emulation::standingsOf(model::CriteriaSet set,
                                               model::EmulationGroup group) const {
  auto scores = store_.scores(set.id);
  if (!scores) return core::Unexpected{scores.error()};
  Standings s;
  s.set = std::move(set);
  s.group = std::move(group);
  std::map<std::string, std::string> names;
  if (auto units = store::Accounts(data_.database).units()) {
    for (const model::Unit& u : *units) names[u.code] = u.name;
  }
  // unit → criterion → (sum, count); unit → scorers
  std::map<std::string, std::map<std::string, std::pair<double, int>>> sums;
  std::map<std::string, std::set<std::string>> scorers;
  for (const model::Score& sc : *scores) {
    auto& cell = sums[sc.unit_code][sc.criterion];
    cell.first += sc.points;
    ++cell.second;
    scorers[sc.unit_code].insert(sc.scorer);
  }
  for (const model::Criterion& c : s.set.criteria) s.max_total += c.weight * c.max_points;
  s.complete = !s.group.units.empty();
  for (const std::string& unit : s.group.units) {
    StandingRow row;
    row.unit_code = unit;
    row.unit_name = names.count(unit) ? names[unit] : unit;
    row.scorers = static_cast<int>(scorers[unit].size());
    for (const model::Criterion& c : s.set.criteria) {
      const auto& cell = sums[unit][c.code];
      if (cell.second == 0) {
        row.averages.emplace_back();
        s.complete = false;
        continue;
      }
      const double average = cell.first / cell.second;
      row.averages.emplace_back(average);
      row.total += c.weight * average;
    }
    s.rows.push_back(std::move(row));
  }
  rankStandings(s.rows);
  for (const StandingRow& r : s.rows) {
    if (r.rank == 1 && r.scorers > 0) s.leaders.push_back(r.unit_code);
  }
  s.tie = s.leaders.size() > 1;
  return s;
}

core::Result<std::vector<model::Score>> Emulation::scoresBy(const model::User& actor,
                                                            const std::string& set_id) const {
  auto found = readableSet(actor, set_id);
  if (!found) return core::Unexpected{found.error()};
  const std::string& scorer = actor.login;
  auto all = store_.scores(set_id);
  if (!all) return core::Unexpected{all.error()};
  std::vector<model::Score> out;
  for (model::Score& s : *all) {
    if (s.scorer == scorer) out.push_back(std::move(s));
  }
  return out;
}

core::Result<Standings> Emulation::close(const model::User& actor,
                                         const std::string& set_id) const {
  auto allowed =
      requireRole(actor, model::Role::StandingOffice, "close criteria sets", "khóa sổ chấm điểm");
  if (!allowed) return core::Unexpected{allowed.error()};
  auto found = readableSet(actor, set_id);
  if (!found) return core::Unexpected{found.error()};
  auto own = requireOwn(actor, found->second);
  if (!own) return core::Unexpected{own.error()};
  auto final = standingsOf(std::move(found->first), std::move(found->second));
  if (!final) return core::Unexpected{final.error()};
  const std::string at = core::utcTimestamp(clock_.now());
  std::string leaders = "[";
  for (std::size_t i = 0; i < final->leaders.size(); ++i)
    leaders += (i ? "," : "") + js(final->leaders[i]);
  leaders += "]";
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto closed = store::EmulationStore::closeSetIn(tx, set_id, actor.login, at);
    if (!closed) return closed;
    return appendEvent(tx, at, actor.login, "emulation.closed", set_id,
                       "{\"standings\":" + standingsJson(*final) + ",\"proposed\":" + leaders +
                           ",\"tie\":" + (final->tie ? "true" : "false") +
                           ",\"complete\":" + (final->complete ? "true" : "false") + "}");
  });
  if (!done) return core::Unexpected{done.error()};
  final->set.closed_at = at;
  final->set.closed_by = actor.login;
  return final;
}

}  // namespace awardflow::service
