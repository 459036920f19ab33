#include "engine/dossier/reader.hpp"

#include <doctest/doctest.h>

#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("the reader maps every field and normalizes free text to NFC") {
  // The first nominee's name written decomposed: the model holds it composed.
  const std::string text =
      testing::replaceOnce(testing::kAdvancedWorkerDossier, "<fullName>Nguyễn Văn An</fullName>",
                           "<fullName>Nguye\xcc\x82\xcc\x83n  Văn\n An</fullName>");
  auto parsed = xml::parse(text);
  REQUIRE(parsed.document);
  const model::Dossier d = dossier::readDossier(*parsed.document);
  CHECK(d.id == "HS-2024-SONTIEN-LDTT");
  CHECK(d.rulebook_id == "huong-son-district-2024");
  CHECK(d.procedure_id == "advanced-worker");
  CHECK(d.variant == model::VariantKind::Standard);
  CHECK(d.unit_level == model::Level::Commune);
  CHECK(d.period.from == core::Date{2024, 1, 1});
  CHECK(d.period.to == core::Date{2024, 12, 31});
  CHECK(d.date == core::Date{2024, 12, 20});
  REQUIRE(d.nominees.size() == 2);
  const auto& an = std::get<model::Individual>(d.nominees[0]);
  CHECK(an.full_name == "Nguyễn Văn An");
  CHECK(an.direct_labourer);
  CHECK_FALSE(an.female);
  CHECK(an.annual_rating == model::Rating::Good);
  CHECK(an.administrative_sanction == false);
  CHECK(an.fields.of("annualRating", an.where).path ==
        "/dossier/nominees/individual[1]/annualRating");
  const auto& hoa = std::get<model::Individual>(d.nominees[1]);
  CHECK(hoa.female);
  CHECK_FALSE(hoa.direct_labourer);
  REQUIRE(d.documents.size() == 2);
  CHECK(d.documents[1].part == model::PartKind::RatingMinutes);
  CHECK(d.documents[1].number == 3);
  CHECK(d.documents[1].notation == "BB-HĐTĐKT");
  CHECK(d.documents[0].attachment.file_name == "totrinh.pdf");
  CHECK(d.documents[0].attachment.size == 9);
  CHECK(d.signature_count == 0);
}

TEST_CASE("waves and campaigns give the period's first and last day") {
  auto read = [](const std::string& period) {
    auto parsed = xml::parse(
        testing::replaceOnce(testing::kAdvancedWorkerDossier,
                             "<period year=\"2024\"><wave>year</wave></period>", period));
    REQUIRE(parsed.document);
    return dossier::readDossier(*parsed.document).period;
  };
  const model::Period first = read("<period year=\"2024\"><wave>1</wave></period>");
  CHECK(first.from == core::Date{2024, 1, 1});
  CHECK(first.to == core::Date{2024, 6, 30});
  CHECK(read("<period year=\"2024\"><wave>2</wave></period>").from == core::Date{2024, 7, 1});
  const model::Period campaign = read(
      "<period year=\"2024\"><campaign><name>Chung tay xây dựng nông thôn "
      "mới</name><from>2024-03-01</from>"
      "<to>2024-09-30</to></campaign></period>");
  CHECK(campaign.campaign_name == "Chung tay xây dựng nông thôn mới");
  CHECK(campaign.to == core::Date{2024, 9, 30});
}
