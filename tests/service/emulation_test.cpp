#include "engine/service/emulation.hpp"

#include <cmath>

#include <doctest/doctest.h>

#include "engine/service/demo.hpp"
#include "tests/support/office_fixture.hpp"

using namespace awardflow;
using testing::Office;

namespace {

struct Scoring {
  Office office;
  service::Emulation emulation{*office.data, office.clock};

  Scoring() {
    REQUIRE(emulation.addGroup(office.as("thuong-truc"),
                               {"CUM-1",
                                "Cụm thi đua số 1",
                                "cluster",
                                {"UBND-PHOCHAU", "UBND-SONTIEN", "THCS-SONTIEN"},
                                "",
                                "",
                                std::nullopt}));
    model::CriteriaSet set;
    set.id = "CUM-1-2024";
    set.group_id = "CUM-1";
    set.period = "2024";
    set.title = "Chấm điểm thi đua năm 2024";
    set.criteria = {{"1", "Phát triển kinh tế", 40, 1}, {"2", "Văn hóa - xã hội", 30, 2}};
    REQUIRE(emulation.addSet(office.as("thuong-truc"), set));
  }

  void score(const std::string& who, const std::string& unit, const std::string& c, double p) {
    auto done = emulation.score(office.as(who), "CUM-1-2024", unit, c, p, "");
    REQUIRE_MESSAGE(done, (done ? "" : done.error().message));
  }

  const service::StandingRow& row(const service::Standings& s, const std::string& unit) {
    for (const service::StandingRow& r : s.rows) {
      if (r.unit_code == unit) return r;
    }
    FAIL("no row for " << unit);
    return s.rows.front();
  }
};

}  // namespace

TEST_CASE("scores average over scorers per criterion and sum with their weights") {
  Scoring s;
  s.score("hoi-dong-1", "UBND-PHOCHAU", "1", 30);
  s.score("hoi-dong-2", "UBND-PHOCHAU", "1", 36);  // average 33
  s.score("hoi-dong-1", "UBND-PHOCHAU", "2", 20);  // 20 × 2
  s.score("hoi-dong-1", "UBND-SONTIEN", "1", 40);
  s.score("hoi-dong-1", "UBND-SONTIEN", "2", 10);
  s.score("thuong-truc", "THCS-SONTIEN", "1", 25.5);
  auto standings = s.emulation.standings(s.office.as("hoi-dong-1"), "CUM-1-2024");
  REQUIRE(standings);
  CHECK(standings->max_total == doctest::Approx(40 + 30 * 2));
  CHECK(s.row(*standings, "UBND-PHOCHAU").total == doctest::Approx(33 + 40));
  CHECK(s.row(*standings, "UBND-PHOCHAU").scorers == 2);
  CHECK(s.row(*standings, "UBND-SONTIEN").total == doctest::Approx(40 + 20));
  CHECK(s.row(*standings, "THCS-SONTIEN").total == doctest::Approx(25.5));
  CHECK_FALSE(s.row(*standings, "THCS-SONTIEN").averages[1].has_value());
  CHECK_FALSE(standings->complete);  // THCS-SONTIEN has no score on criterion 2
  REQUIRE(standings->rows.size() == 3);
  CHECK(standings->rows[0].unit_code == "UBND-PHOCHAU");
  CHECK(standings->rows[0].rank == 1);
  CHECK(standings->rows[1].rank == 2);
  CHECK(standings->rows[2].rank == 3);
  CHECK(standings->leaders == std::vector<std::string>{"UBND-PHOCHAU"});
  CHECK_FALSE(standings->tie);

  // A scorer changes their mind: their score is replaced, not added.
  s.score("hoi-dong-2", "UBND-PHOCHAU", "1", 30);
  auto again = s.emulation.standings(s.office.as("hoi-dong-1"), "CUM-1-2024");
  REQUIRE(again);
  CHECK(s.row(*again, "UBND-PHOCHAU").total == doctest::Approx(30 + 40));
  // Every score and change is in the audit chain with its author and the previous points.
  auto events = s.office.data->audit().about("CUM-1-2024");
  REQUIRE(events);
  std::size_t scored = 0;
  bool replaced = false;
  for (const store::Event& e : *events) {
    if (e.kind != "emulation.score") continue;
    ++scored;
    if (e.actor == "hoi-dong-2" && e.payload.find("\"previous\":36") != std::string::npos)
      replaced = true;
  }
  CHECK(scored == 7);
  CHECK(replaced);
}

TEST_CASE("equal totals share a rank, and a tie for the lead is left to the council") {
  Scoring s;
  s.score("hoi-dong-1", "UBND-PHOCHAU", "1", 40);
  s.score("hoi-dong-1", "UBND-PHOCHAU", "2", 10);  // 60
  s.score("hoi-dong-1", "UBND-SONTIEN", "1", 20);
  s.score("hoi-dong-1", "UBND-SONTIEN", "2", 20);  // 60
  s.score("hoi-dong-1", "THCS-SONTIEN", "1", 30);
  s.score("hoi-dong-1", "THCS-SONTIEN", "2", 5);  // 40
  auto standings = s.emulation.standings(s.office.as("hoi-dong-1"), "CUM-1-2024");
  REQUIRE(standings);
  CHECK(standings->complete);
  CHECK(standings->rows[0].rank == 1);
  CHECK(standings->rows[1].rank == 1);
  CHECK(standings->rows[2].rank == 3);  // 1, 1, 3
  CHECK(standings->tie);
  CHECK(standings->leaders == std::vector<std::string>{"UBND-PHOCHAU", "UBND-SONTIEN"});

  std::vector<service::StandingRow> rows{{"A", "", {}, 10, 0, 1},
                                         {"B", "", {}, 9, 0, 1},
                                         {"C", "", {}, 9, 0, 1},
                                         {"D", "", {}, 9, 0, 1},
                                         {"E", "", {}, 1, 0, 1}};
  service::rankStandings(rows);
  std::vector<int> ranks;
  for (const auto& r : rows) ranks.push_back(r.rank);
  CHECK(ranks == std::vector<int>{1, 2, 2, 2, 5});
}

TEST_CASE("scoring is refused outside its rules, and a closed set takes no more") {
  Scoring s;
  const auto code = [&](const std::string& who, const std::string& unit, const std::string& c,
                        double p) {
    auto done = s.emulation.score(s.office.as(who), "CUM-1-2024", unit, c, p, "");
    return done ? core::Errc::Internal : done.error().code;  // Internal: it was accepted
  };
  CHECK(code("hoi-dong-1", "UBND-PHOCHAU", "1", 41) == core::Errc::InvalidArgument);
  CHECK(code("hoi-dong-1", "UBND-PHOCHAU", "1", -1) == core::Errc::InvalidArgument);
  CHECK(code("hoi-dong-1", "UBND-PHOCHAU", "1", std::nan("")) == core::Errc::InvalidArgument);
  CHECK(code("hoi-dong-1", "PGDDT-HUONGSON", "1", 10) == core::Errc::NotFound);  // not in group
  CHECK(code("hoi-dong-1", "UBND-PHOCHAU", "9", 10) == core::Errc::NotFound);
  CHECK(code("pho-chau", "UBND-PHOCHAU", "1", 40) == core::Errc::PermissionDenied);
  CHECK(code("chu-tich", "UBND-PHOCHAU", "1", 40) == core::Errc::PermissionDenied);
  CHECK(s.emulation.scoresBy(s.office.as("hoi-dong-1"), "CUM-1-2024")
            ->empty());  // nothing was stored

  // Definitions: the office only, and checked.
  CHECK(s.emulation
            .addGroup(s.office.as("hoi-dong-1"),
                      {"X", "X", "cluster", {"UBND-PHOCHAU", "UBND-SONTIEN"}, "", "", std::nullopt})
            .error()
            .code == core::Errc::PermissionDenied);
  CHECK(s.emulation
            .addGroup(s.office.as("thuong-truc"),
                      {"X", "X", "cluster", {"UBND-PHOCHAU"}, "", "", std::nullopt})
            .error()
            .code == core::Errc::InvalidArgument);
  CHECK(s.emulation
            .addGroup(s.office.as("thuong-truc"),
                      {"X", "X", "cluster", {"UBND-PHOCHAU", "NO-SUCH"}, "", "", std::nullopt})
            .error()
            .code == core::Errc::Invalid);
  CHECK(s.emulation
            .addGroup(
                s.office.as("thuong-truc"),
                {"CUM-1", "X", "cluster", {"UBND-PHOCHAU", "UBND-SONTIEN"}, "", "", std::nullopt})
            .error()
            .code == core::Errc::Conflict);
  model::CriteriaSet bad;
  bad.id = "BAD";
  bad.group_id = "CUM-1";
  bad.period = "2024";
  bad.title = "x";
  bad.criteria = {{"1", "a", 10, 1}, {"1", "b", 10, 1}};
  CHECK(s.emulation.addSet(s.office.as("thuong-truc"), bad).error().code ==
        core::Errc::InvalidArgument);
  bad.criteria = {{"1", "a", 0, 1}};
  CHECK(s.emulation.addSet(s.office.as("thuong-truc"), bad).error().code ==
        core::Errc::InvalidArgument);
  bad.criteria = {{"1", "a", 10, 1}};
  bad.group_id = "NO-SUCH";
  CHECK(s.emulation.addSet(s.office.as("thuong-truc"), bad).error().code == core::Errc::NotFound);

  s.score("hoi-dong-1", "UBND-PHOCHAU", "1", 40);
  CHECK(s.emulation.close(s.office.as("hoi-dong-1"), "CUM-1-2024").error().code ==
        core::Errc::PermissionDenied);
  auto closed = s.emulation.close(s.office.as("thuong-truc"), "CUM-1-2024");
  REQUIRE(closed);
  CHECK(closed->set.closed_at.has_value());
  CHECK(closed->leaders == std::vector<std::string>{"UBND-PHOCHAU"});
  CHECK(code("hoi-dong-1", "UBND-SONTIEN", "1", 10) == core::Errc::IllegalTransition);
  CHECK(s.emulation.close(s.office.as("thuong-truc"), "CUM-1-2024").error().code ==
        core::Errc::Conflict);
  auto events = s.office.data->audit().about("CUM-1-2024");
  REQUIRE(events);
  CHECK(events->back().kind == "emulation.closed");
  CHECK(events->back().payload.find("\"proposed\":[\"UBND-PHOCHAU\"]") != std::string::npos);
}

TEST_CASE("emulation groups are their authority's: a commune scores its own units only") {
  Office office;
  REQUIRE(service::seedProvinceDemo(*office.data));
  const service::Emulation emulation{*office.data, office.clock};
  const auto group = [](const std::string& id, std::vector<std::string> units) {
    return model::EmulationGroup{id, "Cụm " + id, "cluster",   std::move(units),
                                 "", "",          std::nullopt};
  };
  const auto ids = [&](const std::string& login) {
    std::vector<std::string> out;
    auto seen = emulation.groups(office.as(login));
    REQUIRE(seen);
    for (const model::EmulationGroup& g : *seen) out.push_back(g.id);
    return out;
  };
  const auto code = [](const auto& result) {
    return result ? core::Errc::Internal : result.error().code;  // Internal: it was accepted
  };

  // A commune's office groups its own units; another commune's unit is refused by name.
  auto sonkim = emulation.addGroup(office.as("sonkim1-van-phong"),
                                   group("CUM-SONKIM1", {"XA-SONKIM1", "TYT-SONKIM1"}));
  REQUIRE_MESSAGE(sonkim, (sonkim ? "" : sonkim.error().message));
  CHECK(sonkim->authority_code == std::optional<std::string>("UBND-SONKIM1"));
  auto foreign = emulation.addGroup(office.as("sonkim1-van-phong"),
                                    group("CUM-X", {"XA-SONKIM1", "THON-TRUNGLUU"}));
  REQUIRE(!foreign);
  CHECK(foreign.error().code == core::Errc::Invalid);
  CHECK(foreign.error().message.find("THON-TRUNGLUU") != std::string::npos);
  // The province's office groups units of its communes (the tree below it).
  REQUIRE(emulation.addGroup(office.as("tinh-van-phong"),
                             group("CUM-TINH", {"XA-SONKIM1", "THON-TRUNGLUU"})));

  model::CriteriaSet set;
  set.id = "CUM-SONKIM1-2026";
  set.group_id = "CUM-SONKIM1";
  set.period = "2026";
  set.title = "Chấm điểm thi đua năm 2026";
  set.criteria = {{"1", "Phong trào", 50, 1}};
  // Another commune cannot hang a set on it: it does not exist for them.
  CHECK(code(emulation.addSet(office.as("sontay-van-phong"), set)) == core::Errc::NotFound);
  REQUIRE(emulation.addSet(office.as("sonkim1-van-phong"), set));

  // Each office reads its own authority's groups and sets.
  CHECK(ids("sonkim1-van-phong") == std::vector<std::string>{"CUM-SONKIM1"});
  CHECK(ids("sonkim1-hoi-dong-1") == std::vector<std::string>{"CUM-SONKIM1"});
  CHECK(ids("sontay-van-phong").empty());
  CHECK(ids("tinh-van-phong") == std::vector<std::string>{"CUM-TINH"});
  CHECK(emulation.sets(office.as("sontay-van-phong"))->empty());
  CHECK(emulation.sets(office.as("sonkim1-van-phong"))->size() == 1);

  // Another commune's council and office learn nothing of the set and change nothing: the same
  // answer as for a set that does not exist.
  const std::int64_t before = office.events();
  for (const std::string login : {"sontay-hoi-dong-1", "sontay-van-phong", "tinh-van-phong"}) {
    CAPTURE(login);
    CHECK(code(emulation.score(office.as(login), set.id, "XA-SONKIM1", "1", 40, "")) ==
          core::Errc::NotFound);
    CHECK(code(emulation.standings(office.as(login), set.id)) == core::Errc::NotFound);
    CHECK(code(emulation.scoresBy(office.as(login), set.id)) == core::Errc::NotFound);
    // Closing is the office's: a council member is refused for the role before any lookup.
    CHECK(code(emulation.close(office.as(login), set.id)) ==
          (office.as(login).role == model::Role::StandingOffice ? core::Errc::NotFound
                                                                : core::Errc::PermissionDenied));
    CHECK(code(emulation.standings(office.as(login), "NO-SUCH-SET")) == core::Errc::NotFound);
  }
  CHECK(office.events() == before);

  // Its own council scores and its office closes.
  REQUIRE(emulation.score(office.as("sonkim1-hoi-dong-1"), set.id, "XA-SONKIM1", "1", 45, ""));
  REQUIRE(emulation.score(office.as("sonkim1-hoi-dong-1"), set.id, "TYT-SONKIM1", "1", 30, ""));
  auto closed = emulation.close(office.as("sonkim1-van-phong"), set.id);
  REQUIRE(closed);
  CHECK(closed->leaders == std::vector<std::string>{"XA-SONKIM1"});
}
