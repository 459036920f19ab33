#include "engine/service/validation.hpp"

#include <thread>

#include <doctest/doctest.h>

#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

service::ValidationConfig config() {
  service::ValidationConfig c;
  c.schemas_dir = testing::sourceDir() / "schemas";
  c.rulebooks_dir = testing::sourceDir() / "workflows";
  return c;
}

}  // namespace

TEST_CASE(
    "the validator runs parse, schema and rules in order and stops at the first failing layer") {
  auto validator = service::Validator::open(config());
  REQUIRE(validator);
  const service::ValidationResult ok =
      validator->validateBytes(testing::kAdvancedWorkerDossier, "fixture");
  CHECK(ok.valid());
  REQUIRE(ok.dossier);
  CHECK(ok.dossier->procedure_title.find("Lao động tiên tiến") != std::string::npos);
  CHECK(ok.dossier->nominees == 2);

  const auto malformed = validator->validateBytes("<dossier", "broken");
  CHECK(malformed.report.hasCode("xml.malformed"));
  CHECK_FALSE(malformed.dossier);

  // A schema error hides the rule checks: a rule on data that failed its type would mislead.
  std::string both = testing::replaceOnce(testing::kAdvancedWorkerDossier, "<annualRating>good",
                                          "<annualRating>so-so");
  both = testing::replaceOnce(both, "huong-son-district-2024", "no-such-rulebook");
  const auto schema = validator->validateBytes(both, "both");
  CHECK(schema.report.hasCode("schema.invalid-value"));
  CHECK_FALSE(schema.report.hasCode("rulebook.unknown"));
}

TEST_CASE("files: missing, too large, and attachments folder") {
  service::ValidationConfig c = config();
  c.limits.max_bytes = 1024;
  auto validator = service::Validator::open(c);
  REQUIRE(validator);
  testing::TempDir dir;
  CHECK(validator->validateFile(dir.path() / "none.xml").error().code == core::Errc::NotFound);
  const auto big = validator->validateFile(dir.write("big.xml", testing::kAdvancedWorkerDossier));
  REQUIRE(big);
  CHECK(big->report.hasCode("xml.too-large"));

  c.attachments_dir = dir.path() / "nowhere";
  CHECK(service::Validator::open(c).error().code == core::Errc::NotFound);
  c.attachments_dir = dir.path();
  c.limits.max_bytes = 1 << 20;
  auto with_files = service::Validator::open(c);
  REQUIRE(with_files);
  const auto result = with_files->validateBytes(testing::kAdvancedWorkerDossier, "fixture");
  CHECK(result.report.count(core::Severity::Error) == 2);
  CHECK(result.report.hasCode("attachment.missing"));
}

TEST_CASE("a broken rulebook folder stops the validator from opening") {
  testing::TempDir dir;
  dir.write("bad.xml", "<rulebook/>");
  service::ValidationConfig c = config();
  c.rulebooks_dir = dir.path();
  auto validator = service::Validator::open(c);
  REQUIRE_FALSE(validator);
  CHECK(validator.error().code == core::Errc::Config);
}

TEST_CASE("one validator serves many threads with identical reports") {
  auto validator = service::Validator::open(config());
  REQUIRE(validator);
  const std::string bad = testing::replaceOnce(testing::kAdvancedWorkerDossier, "<discipline>none",
                                               "<discipline>warning");
  const std::size_t expected = validator->validateBytes(bad, "x").report.problems().size();
  REQUIRE(expected == 1);
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const auto result = validator->validateBytes(
            i % 2 == 0 ? bad : std::string(testing::kAdvancedWorkerDossier), "x");
        const bool right = i % 2 == 0
                               ? result.report.problems().size() == expected &&
                                     result.report.problems()[0].code == "criteria.discipline"
                               : result.valid() && result.report.empty();
        if (!right) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int w : wrong) CHECK(w == 0);
}
