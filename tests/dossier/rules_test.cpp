#include "engine/dossier/rules.hpp"

#include <doctest/doctest.h>

#include "engine/dossier/reader.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using testing::replaceOnce;

namespace {

// The 2024 district Advanced Worker procedure, built in code so these tests pin the rule logic
// independently of the shipped rulebook files.
model::Rulebook districtRulebook() {
  model::Rulebook book;
  book.id = "huong-son-district-2024";
  book.authority.level = model::Level::District;
  book.valid_from = core::Date{2024, 1, 1};
  book.valid_to = core::Date{2025, 6, 30};
  model::Procedure aw;
  aw.id = "advanced-worker";
  aw.title = {"Lao động tiên tiến", "Advanced Worker"};
  aw.subjects = {model::SubjectKind::Individual};
  aw.decided_by = model::Level::District;
  aw.nominators = {model::Level::Commune, model::Level::Agency};
  aw.criteria.min_rating = model::Rating::Good;
  aw.criteria.max_discipline = model::Discipline::None;
  aw.criteria.no_administrative_sanction = true;
  model::Variant standard;
  standard.parts = {{model::PartKind::Proposal, false, 1, {}},
                    {model::PartKind::RatingMinutes, false, 1, {}}};
  aw.variants = {standard};
  book.procedures.push_back(aw);

  model::Procedure gef = aw;
  gef.id = "grassroots-emulation-fighter";
  gef.criteria.min_rating = model::Rating::Excellent;
  gef.criteria.initiative_required = true;
  gef.criteria.quota_share = 0.15;
  book.procedures.push_back(gef);

  model::Procedure collective;
  collective.id = "advanced-collective";
  collective.subjects = {model::SubjectKind::Collective};
  collective.decided_by = model::Level::District;
  collective.criteria.min_advanced_worker_share = model::ShareBound{0.5, true};
  collective.criteria.max_members_disciplined_warning_or_above = 0;
  collective.variants = {standard};
  book.procedures.push_back(collective);

  model::Procedure upward = aw;
  upward.id = "provincial-certificate";
  upward.decided_by = model::Level::Province;
  upward.criteria = {};
  book.procedures.push_back(upward);
  return book;
}

core::Report check(const std::string& text, const model::Rulebook* book) {
  auto parsed = xml::parse(text);
  REQUIRE(parsed.document);
  core::Report report;
  dossier::checkRules(dossier::readDossier(*parsed.document), book, report);
  return report;
}

core::Report check(const std::string& text) {
  static const model::Rulebook book = districtRulebook();
  return check(text, &book);
}

std::vector<std::string> codes(const core::Report& report) {
  std::vector<std::string> out;
  for (const auto& p : report.problems()) out.push_back(p.code);
  return out;
}

const std::string kBase = testing::kAdvancedWorkerDossier;

const char* kCollective = R"(<collective id="c1">
      <name>Tổ Văn phòng</name><memberCount>10</memberCount><advancedWorkerCount>6</advancedWorkerCount>
      <membersDisciplined reprimand="0" warningOrAbove="0"/></collective>)";

std::string withCollective(const std::string& collective) {
  std::string text = replaceOnce(kBase, "id=\"advanced-worker\"", "id=\"advanced-collective\"");
  const std::size_t from = text.find("<nominees>") + std::string("<nominees>").size();
  const std::size_t to = text.find("</nominees>");
  return text.replace(from, to - from, collective);
}

}  // namespace

TEST_CASE("a dossier that meets its procedure has no problems") {
  const core::Report report = check(kBase);
  CHECK(report.empty());
}

TEST_CASE("unknown rulebook, procedure and variant stop the procedure checks") {
  CHECK(codes(check(kBase, nullptr)) == std::vector<std::string>{"rulebook.unknown"});
  CHECK(codes(check(replaceOnce(kBase, "id=\"advanced-worker\"", "id=\"golden-medal\""))) ==
        std::vector<std::string>{"procedure.unknown"});
  CHECK(codes(check(replaceOnce(kBase, "id=\"advanced-worker\"",
                                "id=\"advanced-worker\" variant=\"simplified\""))) ==
        std::vector<std::string>{"procedure.variant-unavailable"});
}

TEST_CASE("a dossier dated outside the rulebook's validity is judged by the wrong law") {
  std::string text = replaceOnce(kBase, "<date>2024-12-20</date>", "<date>2025-07-02</date>");
  const core::Report report = check(text);
  CHECK(codes(report) == std::vector<std::string>{"rulebook.not-in-force"});
  CHECK(report.problems()[0].location.path == "/dossier/date");
}

TEST_CASE("an upward procedure is a notice, not an error") {
  const core::Report report =
      check(replaceOnce(kBase, "id=\"advanced-worker\"", "id=\"provincial-certificate\""));
  CHECK(report.valid());
  CHECK(codes(report) == std::vector<std::string>{"procedure.upward-proposal"});
}

TEST_CASE("all missing parts are listed at once") {
  std::string text = replaceOnce(kBase, "part=\"proposal\"", "part=\"other\"");
  text = replaceOnce(text, "part=\"rating-minutes\"", "part=\"other\"");
  CHECK(codes(check(text)) == std::vector<std::string>{"parts.missing", "parts.missing"});
}

TEST_CASE("individual criteria: rating, discipline, administrative sanction") {
  CHECK(codes(check(replaceOnce(kBase, "<annualRating>good", "<annualRating>completed"))) ==
        std::vector<std::string>{"criteria.rating"});
  CHECK(codes(check(replaceOnce(kBase, "<discipline>none", "<discipline>reprimand"))) ==
        std::vector<std::string>{"criteria.discipline"});
  CHECK(codes(check(
            replaceOnce(kBase, "<administrativeSanction>false", "<administrativeSanction>true"))) ==
        std::vector<std::string>{"criteria.administrative-sanction"});
  // Missing data is a warning: the dossier stays valid but the office is told.
  const core::Report report = check(replaceOnce(kBase, "<annualRating>good</annualRating>", ""));
  CHECK(report.valid());
  CHECK(codes(report) == std::vector<std::string>{"criteria.not-checked"});
}

TEST_CASE("the same person twice is caught across normalization forms and case") {
  // "Lê Thị Hoa" again, in capitals and written decomposed (E + combining circumflex).
  std::string text = replaceOnce(kBase, "<fullName>Nguyễn Văn An</fullName>",
                                 "<fullName>LE\xcc\x82 THỊ HOA</fullName>");
  text = replaceOnce(text, "<birthYear>1980", "<birthYear>1988");
  const core::Report report = check(text);
  REQUIRE(codes(report) == std::vector<std::string>{"nominee.duplicate"});
  CHECK(report.problems()[0].location.path == "/dossier/nominees/individual[2]");
}

TEST_CASE("dates: documents inside the period and before the dossier, numbers unique per year") {
  CHECK(codes(check(replaceOnce(kBase, "<issuedDate>2024-12-10", "<issuedDate>2023-12-10"))) ==
        std::vector<std::string>{"document.before-period"});
  CHECK(codes(check(replaceOnce(kBase, "<issuedDate>2024-12-10", "<issuedDate>2024-12-21"))) ==
        std::vector<std::string>{"document.after-dossier-date"});
  CHECK(codes(check(replaceOnce(kBase, "<notation>BB-HĐTĐKT</notation>",
                                "<notation>TTr-UBND</notation>")))
            .empty());
  std::string same = replaceOnce(kBase, "<number>3</number>", "<number>15</number>");
  same = replaceOnce(same, "<notation>BB-HĐTĐKT</notation>", "<notation>ttr-ubnd</notation>");
  CHECK(codes(check(same)) == std::vector<std::string>{"document.duplicate-number"});
  CHECK(codes(check(replaceOnce(kBase, "<period year=\"2024\"><wave>year</wave>",
                                "<period year=\"2025\"><wave>1</wave>"))) ==
        std::vector<std::string>{"period.after-dossier-date"});
}

TEST_CASE("documents must name nominees of this dossier") {
  const core::Report report = check(
      replaceOnce(kBase, "part=\"rating-minutes\"", "part=\"rating-minutes\" nominees=\"n1 n9\""));
  REQUIRE(codes(report) == std::vector<std::string>{"document.unknown-nominee"});
  CHECK(report.problems()[0].message.en.find("n9") != std::string::npos);
}

TEST_CASE("nominating level, nominee kind and birth year") {
  CHECK(codes(check(replaceOnce(kBase, "level=\"commune\"", "level=\"village\""))) ==
        std::vector<std::string>{"unit.level-not-eligible"});
  CHECK(codes(check(replaceOnce(kBase, "<birthYear>1988", "<birthYear>2025"))) ==
        std::vector<std::string>{"nominee.birth-year"});
  const core::Report kinds = check(replaceOnce(
      withCollective(kCollective), "id=\"advanced-collective\"", "id=\"advanced-worker\""));
  CHECK(kinds.hasCode("nominee.kind-not-allowed"));
}

TEST_CASE("collective share bounds are exact at the boundary") {
  // "More than 50 %": 6/10 passes, 5/10 fails.
  CHECK(check(withCollective(kCollective)).empty());
  const core::Report half = check(
      withCollective(replaceOnce(kCollective, "<advancedWorkerCount>6", "<advancedWorkerCount>5")));
  CHECK(codes(half) == std::vector<std::string>{"criteria.advanced-worker-share"});
  CHECK(half.problems()[0].message.en.find("5/10") != std::string::npos);
  CHECK(codes(check(withCollective(
            replaceOnce(kCollective, "warningOrAbove=\"0\"", "warningOrAbove=\"1\"")))) ==
        std::vector<std::string>{"criteria.members-disciplined"});
  CHECK(codes(check(withCollective(
            replaceOnce(kCollective, "<advancedWorkerCount>6", "<advancedWorkerCount>11")))) ==
        std::vector<std::string>{"collective.counts-inconsistent"});
}

TEST_CASE("grassroots emulation fighters: initiative recognised and quota of 15 %") {
  std::string gef =
      replaceOnce(kBase, "id=\"advanced-worker\"", "id=\"grassroots-emulation-fighter\"");
  gef = replaceOnce(gef, "<annualRating>good", "<annualRating>excellent");
  const std::string initiative =
      "<administrativeSanction>false</administrativeSanction><initiatives><initiative "
      "recognition=\"d3\">"
      "<title>Cải tiến quy trình một cửa</title></initiative></initiatives>";
  gef = replaceOnce(gef, "<administrativeSanction>false</administrativeSanction>", initiative);
  gef = replaceOnce(
      gef,
      "<administrativeSanction>false</administrativeSanction>\n    </individual>\n  </nominees>",
      replaceOnce(initiative, "Cải tiến", "Số hóa") + "\n    </individual>\n  </nominees>");
  gef = replaceOnce(gef, "<name>UBND xã Sơn Tiến</name>",
                    "<name>UBND xã Sơn Tiến</name><advancedWorkerCount>14</advancedWorkerCount>");
  const std::string recognition =
      "<document id=\"d3\" part=\"initiative-recognition\"><issuedDate>2024-11-01</issuedDate>"
      "<signer><position>Chủ tịch</position><fullName>Trần Văn Bình</fullName></signer>"
      "<subject>Công nhận sáng kiến</subject><pageCount>1</pageCount>"
      "<attachment fileName=\"sk.pdf\" mediaType=\"application/pdf\" size=\"1\" sha256=\"" +
      std::string(64, '0') + "\"/></document>\n  </documents>";
  gef = replaceOnce(gef, "</documents>", recognition);

  // 2 nominees ≤ floor(15 % × 14) = 2.
  CHECK(check(gef).empty());
  CHECK(codes(check(replaceOnce(gef, "<advancedWorkerCount>14", "<advancedWorkerCount>13"))) ==
        std::vector<std::string>{"criteria.quota"});
  CHECK(codes(check(replaceOnce(gef, "part=\"initiative-recognition\"", "part=\"other\""))) ==
        std::vector<std::string>{"criteria.initiative-unrecognised",
                                 "criteria.initiative-unrecognised"});
  const std::size_t from = gef.find("<initiatives>");
  const std::size_t to = gef.find("</initiatives>") + std::string("</initiatives>").size();
  CHECK(codes(check(gef.erase(from, to - from))) ==
        std::vector<std::string>{"criteria.initiative-missing"});
}
