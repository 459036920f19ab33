#include "engine/dossier/writer.hpp"

#include <doctest/doctest.h>

#include "engine/dossier/reader.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

model::Dossier readText(const std::string& text) {
  auto parsed = xml::parse(text);
  REQUIRE_MESSAGE(parsed.document, text.substr(0, 200));
  return dossier::readDossier(*parsed.document);
}

bool schemaValid(const std::string& text, std::string& problems) {
  auto parsed = xml::parse(text);
  if (!parsed.document) return false;
  core::Report report;
  testing::schema("dossier.xsd").validate(*parsed.document, report);
  for (const auto& p : report.problems()) problems += p.location.path + ": " + p.message.en + "\n";
  return report.valid();
}

}  // namespace

TEST_CASE("every valid sample, read and written again, is valid and reads back the same") {
  int samples = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::sourceDir() / "samples/dossiers/valid")) {
    if (entry.path().extension() != ".xml") continue;
    ++samples;
    CAPTURE(entry.path().filename().string());
    const model::Dossier original = readText(testing::readSource(
        std::filesystem::relative(entry.path(), testing::sourceDir()).string()));
    const std::string written = dossier::writeDossier(original);
    std::string problems;
    CHECK_MESSAGE(schemaValid(written, problems), problems);
    const model::Dossier again = readText(written);
    // Field by field where a mistake would show: ids, kinds, counts, texts, digests.
    CHECK(again.id == original.id);
    CHECK(again.procedure_id == original.procedure_id);
    CHECK(again.variant == original.variant);
    CHECK(again.unit_code == original.unit_code);
    CHECK(again.unit_advanced_worker_count == original.unit_advanced_worker_count);
    CHECK(again.period.from == original.period.from);
    CHECK(again.period.to == original.period.to);
    CHECK(again.period.campaign_name == original.period.campaign_name);
    CHECK(again.achievement_summary == original.achievement_summary);
    REQUIRE(again.nominees.size() == original.nominees.size());
    for (std::size_t i = 0; i < again.nominees.size(); ++i) {
      CHECK(model::subjectKind(again.nominees[i]) == model::subjectKind(original.nominees[i]));
      CHECK(model::nomineeName(again.nominees[i]) == model::nomineeName(original.nominees[i]));
    }
    REQUIRE(again.documents.size() == original.documents.size());
    for (std::size_t i = 0; i < again.documents.size(); ++i) {
      CHECK(again.documents[i].nominees == original.documents[i].nominees);
      CHECK(again.documents[i].attachment.sha256 == original.documents[i].attachment.sha256);
      CHECK(again.documents[i].number == original.documents[i].number);
    }
    // And writing is a fixed point: nothing is lost or invented on the way.
    CHECK(dossier::writeDossier(again) == written);
  }
  CHECK(samples >= 20);
}

TEST_CASE("free text with markup characters and controls is escaped, not injected") {
  model::Dossier d =
      readText(testing::readSource("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml"));
  d.title = "A & B <script>\"x\"</script>\x01";
  auto& first = std::get<model::Individual>(d.nominees[0]);
  first.achievement = "dòng 1\ndòng 2 ]]> &amp;";
  d.documents[0].attachment.file_name = "a\"b.pdf";
  const std::string written = dossier::writeDossier(d);
  CHECK(written.find("<script>") == std::string::npos);
  const model::Dossier again = readText(written);
  CHECK(again.title == "A & B <script>\"x\"</script>");
  CHECK(std::get<model::Individual>(again.nominees[0]).achievement == first.achievement);
  CHECK(again.documents[0].attachment.file_name == "a\"b.pdf");
}

TEST_CASE("required fields left empty are written empty, so the schema names each one") {
  model::Dossier d =
      readText(testing::readSource("samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml"));
  auto& second = std::get<model::Individual>(d.nominees[1]);
  second.full_name.clear();
  second.birth_year = 0;
  std::string problems;
  CHECK_FALSE(schemaValid(dossier::writeDossier(d), problems));
  CHECK(problems.find("/dossier/nominees/individual[2]/fullName") != std::string::npos);
  CHECK(problems.find("/dossier/nominees/individual[2]/birthYear") != std::string::npos);
}
