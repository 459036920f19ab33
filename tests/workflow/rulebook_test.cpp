#include <doctest/doctest.h>

#include "engine/workflow/rulebook_loader.hpp"
#include "engine/workflow/rulebook_registry.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using testing::replaceOnce;

namespace {

const xml::Schema& rulebookSchema() { return testing::schema("rulebook.xsd"); }

const std::string& districtRulebook() {
  static const std::string text = testing::readSource("workflows/huong-son-district-2024.xml");
  return text;
}

}  // namespace

TEST_CASE("the shipped rulebooks load and cover every local procedure") {
  auto registry = workflow::RulebookRegistry::loadDirectory(testing::sourceDir() / "workflows",
                                                            rulebookSchema());
  REQUIRE_MESSAGE(registry, (registry ? "" : registry.error().message));
  CHECK(registry->rulebooks().size() >= 4);

  const model::Rulebook* d2023 = registry->find("huong-son-district-2023");
  const model::Rulebook* d2024 = registry->find("huong-son-district-2024");
  const model::Rulebook* commune = registry->find("son-tay-commune-2025");
  const model::Rulebook* agency = registry->find("huong-son-health-centre-2024");
  REQUIRE(d2023);
  REQUIRE(d2024);
  REQUIRE(commune);
  REQUIRE(agency);
  for (const char* id : {"certificate-of-merit", "advanced-worker", "grassroots-emulation-fighter",
                         "advanced-collective", "cultural-village", "excellent-collective",
                         "provincial-certificate"}) {
    CHECK_MESSAGE(d2023->procedure(id), id);
    CHECK_MESSAGE(d2024->procedure(id), id);
  }
  for (const char* id : {"certificate-of-merit", "advanced-worker", "cultural-family"}) {
    CHECK_MESSAGE(commune->procedure(id), id);
  }
  CHECK(commune->procedure("grassroots-emulation-fighter") == nullptr);  // not a commune decision

  // Law changes are data: the 15 % quota of NĐ 91/2017 is gone under NĐ 98/2023.
  CHECK(d2023->procedure("grassroots-emulation-fighter")->criteria.quota_share ==
        doctest::Approx(0.15));
  CHECK_FALSE(d2024->procedure("grassroots-emulation-fighter")->criteria.quota_share);

  // District abolished on 2025-07-01: the 2024 district rulebook ends the day before.
  CHECK(d2024->inForce(core::Date{2025, 6, 30}));
  CHECK_FALSE(d2024->inForce(core::Date{2025, 7, 1}));
  CHECK(commune->inForce(core::Date{2025, 7, 1}));

  const model::Procedure* certificate = d2024->procedure("certificate-of-merit");
  REQUIRE(certificate->variant(model::VariantKind::Simplified));
  CHECK(certificate->variant(model::VariantKind::Simplified)->vote.mode == model::VoteMode::None);
  CHECK(certificate->variant(model::VariantKind::Standard)->time_limit_working_days == 10);
  CHECK(d2024->isUpward(*d2024->procedure("excellent-collective")));
  CHECK_FALSE(d2024->isUpward(*certificate));
  CHECK(d2024->content_sha256.size() == 64);
}

TEST_CASE("a rulebook that breaks its schema is refused with file and line") {
  const std::string broken =
      replaceOnce(districtRulebook(), "<awardForm>advanced-worker</awardForm>",
                  "<awardForm>golden-medal</awardForm>");
  auto book = workflow::loadRulebook(broken, "broken.xml", rulebookSchema());
  REQUIRE_FALSE(book);
  CHECK(book.error().code == core::Errc::Config);
  REQUIRE_FALSE(book.error().details.empty());
  CHECK(book.error().details[0].rfind("broken.xml:", 0) == 0);
  CHECK(book.error().details[0].find("awardForm") != std::string::npos);
}

TEST_CASE("a rulebook with a DOCTYPE is refused") {
  auto book =
      workflow::loadRulebook("<!DOCTYPE r [<!ENTITY x 'y'>]>" +
                                 districtRulebook().substr(districtRulebook().find("<rulebook")),
                             "doctype.xml", rulebookSchema());
  REQUIRE_FALSE(book);
  CHECK(book.error().details[0].find("xml.doctype") != std::string::npos);
}

TEST_CASE("inconsistencies XSD cannot see are refused") {
  SUBCASE("validity ending before it starts") {
    const std::string text =
        replaceOnce(districtRulebook(), "to=\"2025-06-30\"", "to=\"2023-06-30\"");
    auto book = workflow::loadRulebook(text, "dates.xml", rulebookSchema());
    REQUIRE_FALSE(book);
    CHECK(book.error().details[0].find("validity ends before it starts") != std::string::npos);
  }
  SUBCASE("a procedure decided below the authority") {
    const std::string text =
        replaceOnce(districtRulebook(), "level=\"province\"", "level=\"commune\"");
    auto book = workflow::loadRulebook(text, "below.xml", rulebookSchema());
    REQUIRE_FALSE(book);
    CHECK(book.error().details[0].find("decided below") != std::string::npos);
  }
  SUBCASE("a council vote without threshold") {
    const std::string text = replaceOnce(districtRulebook(), "threshold=\"0.9\"", "");
    auto book = workflow::loadRulebook(text, "vote.xml", rulebookSchema());
    REQUIRE_FALSE(book);
    CHECK(book.error().details[0].find("needs a threshold") != std::string::npos);
  }
}

TEST_CASE("two files declaring one rulebook id are refused together") {
  testing::TempDir dir;
  dir.write("a.xml", districtRulebook());
  dir.write("b.xml", districtRulebook());
  auto registry = workflow::RulebookRegistry::loadDirectory(dir.path(), rulebookSchema());
  REQUIRE_FALSE(registry);
  CHECK(registry.error().code == core::Errc::Config);
  CHECK(registry.error().details[0].find("also declared by") != std::string::npos);
}

TEST_CASE("an empty or missing rulebook folder is a configuration error") {
  testing::TempDir dir;
  CHECK(workflow::RulebookRegistry::loadDirectory(dir.path(), rulebookSchema()).error().code ==
        core::Errc::Config);
  CHECK(workflow::RulebookRegistry::loadDirectory(dir.path() / "none", rulebookSchema())
            .error()
            .code == core::Errc::Config);
}
