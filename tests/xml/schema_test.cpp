#include "engine/xml/schema.hpp"

#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using testing::replaceOnce;

namespace {

const xml::Schema& dossierSchema() { return testing::schema("dossier.xsd"); }

core::Report validate(const std::string& text) {
  auto parsed = xml::parse(text);
  REQUIRE(parsed.document);
  core::Report report;
  dossierSchema().validate(*parsed.document, report);
  return report;
}

}  // namespace

TEST_CASE("the shipped schemas compile") {
  for (const char* name : {"common.xsd", "dossier.xsd", "rulebook.xsd", "calendar.xsd"}) {
    INFO(name);
    CHECK(xml::Schema::load(testing::sourceDir() / "schemas" / name));
  }
}

TEST_CASE("a schema that does not compile is a configuration error with its location") {
  testing::TempDir dir;
  const auto file = dir.write("bad.xsd",
                              "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>\n"
                              "<xs:element name='a' type='xs:nosuchtype'/></xs:schema>");
  auto loaded = xml::Schema::load(file);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().code == core::Errc::Config);
  REQUIRE_FALSE(loaded.error().details.empty());
  CHECK(loaded.error().details[0].find("bad.xsd:2") != std::string::npos);
  CHECK(xml::Schema::load(dir.path() / "none.xsd").error().code == core::Errc::Config);
}

TEST_CASE("a valid dossier passes the schema") {
  CHECK(validate(testing::kAdvancedWorkerDossier).empty());
}

TEST_CASE("schema violations are classified and located by element path") {
  SUBCASE("bad enumeration") {
    const auto report = validate(replaceOnce(testing::kAdvancedWorkerDossier, "<annualRating>good",
                                             "<annualRating>very-good"));
    REQUIRE(report.problems().size() == 1);
    const core::Problem& p = report.problems()[0];
    CHECK(p.code == "schema.invalid-value");
    CHECK(p.location.path == "/dossier/nominees/individual[1]/annualRating");
    CHECK(p.location.line == 18);
    CHECK(p.message.vi.find("very-good") != std::string::npos);
  }
  SUBCASE("missing element") {
    // A missing last child is "missing"; a missing middle child shows as its successor being
    // unexpected, with the expected element named.
    const auto report =
        validate(replaceOnce(testing::kAdvancedWorkerDossier,
                             "<fullName>Trần Văn Bình</fullName></signer>", "</signer>"));
    REQUIRE_FALSE(report.valid());
    CHECK(report.problems()[0].code == "schema.missing-element");
    CHECK(report.problems()[0].message.vi.find("fullName") != std::string::npos);
    const auto middle =
        validate(replaceOnce(testing::kAdvancedWorkerDossier, "<date>2024-12-20</date>", ""));
    REQUIRE_FALSE(middle.valid());
    CHECK(middle.problems()[0].code == "schema.unexpected-element");
    CHECK(middle.problems()[0].message.vi.find("date") != std::string::npos);
  }
  SUBCASE("unexpected element") {
    const auto report =
        validate(replaceOnce(testing::kAdvancedWorkerDossier, "<gender>male</gender>",
                             "<gender>male</gender><nickname>An</nickname>"));
    REQUIRE_FALSE(report.valid());
    CHECK(report.problems()[0].code == "schema.unexpected-element");
    CHECK(report.problems()[0].location.path == "/dossier/nominees/individual[1]/nickname");
  }
  SUBCASE("missing attribute") {
    const auto report =
        validate(replaceOnce(testing::kAdvancedWorkerDossier, " directLabourer=\"true\"", ""));
    REQUIRE_FALSE(report.valid());
    CHECK(report.problems()[0].code == "schema.attribute");
  }
  SUBCASE("duplicate ids") {
    const auto report =
        validate(replaceOnce(testing::kAdvancedWorkerDossier, "id=\"n2\"", "id=\"n1\""));
    REQUIRE_FALSE(report.valid());
    CHECK(report.hasCode("schema.identity"));
  }
  SUBCASE("every violation is reported, not only the first") {
    std::string text =
        replaceOnce(testing::kAdvancedWorkerDossier, "<birthYear>1980", "<birthYear>18");
    text = replaceOnce(text, "<birthYear>1988", "<birthYear>3000");
    CHECK(validate(text).count(core::Severity::Error) == 2);
  }
}

TEST_CASE("one compiled schema validates from many threads at once with the same verdicts") {
  const std::string valid = testing::kAdvancedWorkerDossier;
  const std::string invalid = replaceOnce(valid, "<annualRating>good", "<annualRating>bad");
  constexpr int kThreads = 8;
  constexpr int kRounds = 150;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const bool want_valid = (i + t) % 2 == 0;
        auto parsed = xml::parse(want_valid ? valid : invalid);
        core::Report report;
        const bool ok = parsed.document && dossierSchema().validate(*parsed.document, report);
        const bool right = want_valid ? ok && report.empty()
                                      : !ok && report.problems().size() == 1 &&
                                            report.problems()[0].location.path ==
                                                "/dossier/nominees/individual[1]/annualRating";
        if (!right) ++wrong[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) CHECK(wrong[static_cast<std::size_t>(t)] == 0);
}
