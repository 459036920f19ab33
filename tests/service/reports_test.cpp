#include "engine/service/reports.hpp"

#include <doctest/doctest.h>

#include "engine/dossier/reader.hpp"
#include "engine/xml/document.hpp"
#include "tests/support/office_fixture.hpp"
#include "tests/support/report_data.hpp"

using namespace awardflow;
using testing::Office;

namespace {

void checkCounts(const store::OutcomeCounts& got, const store::OutcomeCounts& want) {
  CHECK(got.received == want.received);
  CHECK(got.returned == want.returned);
  CHECK(got.approved == want.approved);
  CHECK(got.refused == want.refused);
  CHECK(got.forwarded == want.forwarded);
  CHECK(got.withdrawn == want.withdrawn);
  CHECK(got.pending == want.pending);
  CHECK(got.overdue == want.overdue);
}

void checkAwards(const store::AwardTotals& got, const store::AwardTotals& want) {
  CHECK(got.total == want.total);
  CHECK(got.individuals == want.individuals);
  CHECK(got.collectives == want.collectives);
  CHECK(got.families == want.families);
  CHECK(got.women == want.women);
  CHECK(got.direct_labourers == want.direct_labourers);
}

service::ReportQuery year2024(const core::Date& on) {
  service::ReportQuery q;
  q.year = 2024;
  q.on = on;
  return q;
}

// A report over `individuals` individual awards of which `direct` went to direct labourers.
service::PeriodReport shares(std::int64_t individuals, std::int64_t direct, double target) {
  service::PeriodReport r;
  r.direct_target = target;
  r.awards.individuals = individuals;
  r.awards.total = individuals;
  r.awards.direct_labourers = direct;
  return r;
}

}  // namespace

TEST_CASE("reports over a generated data set give the answers counted by hand") {
  Office office;
  const core::Date on = *core::Date::parse("2024-09-30");
  const testing::GeneratedReports g = testing::generateReports(office.data->database, 2000, on);
  const service::Reports reports(*office.data, *office.workflow);
  const model::User reader = office.as("thuong-truc");

  SUBCASE("the whole year, and each unit and award form") {
    auto r = reports.period(reader, year2024(on));
    REQUIRE(r);
    checkCounts(r->counts, g.all.counts);
    checkAwards(r->awards, g.all.awards);
    CHECK(r->processing.decided == static_cast<std::int64_t>(g.all.days.size()));
    CHECK(r->processing.late == g.all.late);
    REQUIRE(r->processing.median);
    CHECK(*r->processing.median == doctest::Approx(testing::expectedQuantile(g.all.days, 0.5)));
    CHECK(*r->processing.p90 == doctest::Approx(testing::expectedQuantile(g.all.days, 0.9)));
    REQUIRE(r->by_unit.size() == g.by_unit.size());
    for (const service::ReportLine& line : r->by_unit) {
      CAPTURE(line.key);
      REQUIRE(g.by_unit.count(line.key) == 1);
      checkCounts(line.counts, g.by_unit.at(line.key).counts);
      checkAwards(line.awards, g.by_unit.at(line.key).awards);
    }
    const auto phochau =
        std::find_if(r->by_unit.begin(), r->by_unit.end(),
                     [](const service::ReportLine& l) { return l.key == "UBND-PHOCHAU"; });
    REQUIRE(phochau != r->by_unit.end());
    CHECK(phochau->label_vi == "UBND thị trấn Phố Châu");
    REQUIRE(r->by_form.size() == g.by_form.size());
    for (const service::ReportLine& line : r->by_form) {
      CAPTURE(line.key);
      checkAwards(line.awards, g.by_form.at(line.key).awards);
    }
    // Shares follow from the counts.
    REQUIRE(r->directShare());
    CHECK(*r->directShare() == doctest::Approx(static_cast<double>(g.all.awards.direct_labourers) /
                                               static_cast<double>(g.all.awards.individuals)));
    CHECK(*r->womenShare() == doctest::Approx(static_cast<double>(g.all.awards.women) /
                                              static_cast<double>(g.all.awards.individuals)));
  }

  SUBCASE("a wave of the year") {
    service::ReportQuery q = year2024(on);
    q.period = "1";
    auto r = reports.period(reader, q);
    REQUIRE(r);
    checkCounts(r->counts, g.wave1.counts);
    checkAwards(r->awards, g.wave1.awards);
  }

  SUBCASE("one unit, one award form") {
    service::ReportQuery q = year2024(on);
    q.unit_code = "UBND-SONTIEN";
    auto r = reports.period(reader, q);
    REQUIRE(r);
    checkCounts(r->counts, g.by_unit.at("UBND-SONTIEN").counts);
    q.unit_code.clear();
    q.award_form = "certificate-of-merit";
    r = reports.period(reader, q);
    REQUIRE(r);
    checkAwards(r->awards, g.by_form.at("certificate-of-merit").awards);
  }

  SUBCASE("a unit's clerk gets the unit's own, whatever is asked; an archivist none") {
    service::ReportQuery q = year2024(on);
    q.unit_code = "UBND-SONTIEN";
    auto r = reports.period(office.as("pho-chau"), q);
    REQUIRE(r);
    checkCounts(r->counts, g.by_unit.at("UBND-PHOCHAU").counts);
    REQUIRE(r->by_unit.size() == 1);
    CHECK(r->by_unit.front().key == "UBND-PHOCHAU");
    auto refused = reports.period(office.as("luu-tru"), q);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == core::Errc::PermissionDenied);
  }

  SUBCASE("bad queries are refused") {
    service::ReportQuery q = year2024(on);
    q.year = 1999;
    CHECK(reports.period(reader, q).error().code == core::Errc::InvalidArgument);
    q = year2024(on);
    q.period = "3";
    CHECK(reports.period(reader, q).error().code == core::Errc::InvalidArgument);
  }

  SUBCASE("the statistical table sums to the year's awards") {
    auto t = reports.statistics(reader, 2024);
    REQUIRE(t);
    checkAwards(t->total, g.all.awards);
    std::int64_t sum = 0;
    for (const service::ReportLine& line : t->rows) sum += line.awards.total;
    CHECK(sum == g.all.awards.total);
    const std::string csv = service::statisticsCsv(*t, "vi");
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv.find("Tổng cộng," + std::to_string(g.all.awards.total)) != std::string::npos);
  }
}

TEST_CASE("the direct-labourer target is met only above it, exactly as the directive says") {
  CHECK_FALSE(shares(100, 35, 0.35).directTargetMet());  // exactly 35 %: not more than 35 %
  CHECK(shares(100, 36, 0.35).directTargetMet());
  CHECK_FALSE(shares(20, 7, 0.35).directTargetMet());      // 7/20 = 35 %
  CHECK(shares(2000001, 700001, 0.35).directTargetMet());  // a hair above
  CHECK_FALSE(shares(2000000, 700000, 0.35).directTargetMet());
  CHECK_FALSE(shares(0, 0, 0.35).directTargetMet());  // no individual award: nothing to meet
  CHECK_FALSE(shares(0, 0, 0.35).directShare());
  CHECK(shares(10, 4, 0.30).directTargetMet());  // a configured target
  CHECK_FALSE(shares(10, 3, 0.30).directTargetMet());
}

TEST_CASE("real dossiers: the reports follow them as they move, and working days skip holidays") {
  Office office;
  // A calendar with the 30 April and 1 May holidays of 2027 and a day in lieu on Monday 3 May.
  std::string calendar =
      "<calendar xmlns=\"urn:awardflow:calendar:1\" id=\"test\" version=\"1\" schemaVersion=\"1\">"
      "<title>Lịch thử</title><weekend><day>saturday</day><day>sunday</day></weekend>";
  for (int y = 2025; y <= 2029; ++y) {
    calendar += "<year value=\"" + std::to_string(y) + "\" source=\"test\"><off from=\"" +
                std::to_string(y) + "-01-01\">Tết Dương lịch</off>";
    if (y == 2027) {
      calendar +=
          "<off from=\"2027-04-30\" to=\"2027-05-01\">Giải phóng miền Nam, Quốc tế Lao "
          "động</off><off from=\"2027-05-03\">Nghỉ bù</off>";
    }
    calendar += "</year>";
  }
  office.config.calendar_file = office.dir.write("holidays.xml", calendar + "</calendar>");
  office.reopen();
  const auto at = [&](const char* utc) { office.clock.set(*core::parseUtcTimestamp(utc)); };
  at("2027-04-28T02:00:00Z");
  const model::DossierInstance quick =
      office.submitSample("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml");
  const model::DossierInstance slow =
      office.submitSample("samples/dossiers/valid/02-thcs-son-tien-2023-advanced-worker.xml");
  const service::Reports reports(*office.data, *office.workflow);
  service::ReportQuery q;
  q.year = 2024;
  auto before = reports.period(office.as("thuong-truc"), q);
  REQUIRE(before);
  CHECK(before->counts.received == 1);
  CHECK(before->counts.pending == 1);
  CHECK(before->awards.total == 0);

  at("2027-04-29T02:00:00Z");  // Thursday: received
  for (const auto* d : {&quick, &slow}) {
    REQUIRE(office.act("thuong-truc", d->id, "receive"));
    REQUIRE(office.act("thuong-truc", d->id, "start-appraisal"));
  }
  const std::string session = testing::openSession(office);
  const auto toDecision = [&](const std::string& id) {
    service::ActRequest send;
    send.dossier_id = id;
    send.action = "send-to-council";
    send.session_id = session;
    REQUIRE(office.workflow->act(office.as("thuong-truc"), send));
    for (const std::string& member : testing::kCouncil) {
      service::VoteRequest v;
      v.dossier_id = id;
      v.choice = model::BallotChoice::Approve;
      REQUIRE(office.workflow->vote(office.as(member), v));
    }
    REQUIRE(office.act("thuong-truc", id, "close-vote"));
    REQUIRE(office.act("chu-tich", id, "approve"));
  };
  // Wednesday 5 May: Friday 30 April, the weekend and Monday 3 May do not count: 2 working days.
  at("2027-05-05T03:00:00Z");
  toDecision(quick.id);
  // Much later, past the 10-working-day limit.
  at("2027-06-30T03:00:00Z");
  toDecision(slow.id);

  auto after = reports.period(office.as("thuong-truc"), q);
  REQUIRE(after);
  CHECK(after->counts.approved == 1);
  CHECK(after->counts.pending == 0);
  CHECK(after->processing.decided == 1);
  CHECK(after->processing.late == 0);
  CHECK(*after->processing.median == doctest::Approx(2.0));
  service::ReportQuery q2023 = q;
  q2023.year = 2023;
  auto late = reports.period(office.as("thuong-truc"), q2023);
  REQUIRE(late);
  CHECK(late->processing.late == 1);
  auto worked = office.workflow->calendar().workingDaysBetween(*core::Date::parse("2027-04-29"),
                                                               *core::Date::parse("2027-06-30"));
  REQUIRE(worked);
  CHECK(*late->processing.median == doctest::Approx(*worked));
  // Awards: every nominee of both approved dossiers, counted from the samples themselves.
  store::AwardTotals want;
  for (const char* sample : {"samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml"}) {
    auto parsed = xml::parse(testing::readSource(sample));
    REQUIRE(parsed.document);
    for (const model::Nominee& n : dossier::readDossier(*parsed.document).nominees) {
      ++want.total;
      if (const auto* i = std::get_if<model::Individual>(&n)) {
        ++want.individuals;
        want.women += i->female ? 1 : 0;
        want.direct_labourers += i->direct_labourer ? 1 : 0;
      }
    }
  }
  checkAwards(after->awards, want);
  // A rerun finds nothing left to bring up to date.
  auto again = reports.sync();
  REQUIRE(again);
  CHECK(*again == 0);
}
