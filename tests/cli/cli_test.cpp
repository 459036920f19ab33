#include "engine/cli/cli.hpp"

#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "tests/cli/run_cli.hpp"
#include "tests/support/dossier_fixture.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

using Run = testing::CliRun;

Run run(const std::vector<std::string>& args) { return testing::runCli(args); }

}  // namespace

TEST_CASE("help and version") {
  const Run help = run({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("validate") != std::string::npos);
  CHECK(run({}).status == cli::kExitUsage);
  const Run command_help = run({"validate", "--help"});
  CHECK(command_help.status == 0);
  CHECK(command_help.out.find("--attachments") != std::string::npos);
  CHECK(run({"help", "validate"}).out == command_help.out);
  CHECK(run({"--version"}).out.rfind("awardflow ", 0) == 0);
}

TEST_CASE("usage errors exit 64 and say so in both languages") {
  const Run unknown = run({"frobnicate"});
  CHECK(unknown.status == 64);
  const Run option = run({"validate", "--no-such-option", "x.xml"});
  CHECK(option.status == 64);
  CHECK(option.err.find("Xem") != std::string::npos);
  CHECK(run({"validate"}).status == 64);
  CHECK(run({"validate", "--format", "yaml", "x.xml"}).status == 64);
  CHECK(run({"validate", "--lang", "fr", "x.xml"}).status == 64);
  CHECK(run({"validate", "x.xml", "--format"}).status == 64);
}

TEST_CASE("exit status follows the verdict: 0 valid, 65 invalid, 66 unreadable") {
  testing::TempDir dir;
  const auto valid = dir.write("valid.xml", testing::kAdvancedWorkerDossier);
  const auto invalid = dir.write(
      "invalid.xml", testing::replaceOnce(testing::kAdvancedWorkerDossier, "<annualRating>good",
                                          "<annualRating>completed"));
  CHECK(run({"validate", valid.string()}).status == 0);
  const Run bad = run({"validate", "--lang", "en", valid.string(), invalid.string()});
  CHECK(bad.status == 65);
  CHECK(bad.out.find("criteria.rating") != std::string::npos);
  CHECK(bad.out.find("Total: 2 files, 1 valid, 1 invalid, 0 unreadable") != std::string::npos);
  const Run vi = run({"validate", invalid.string()});
  CHECK(vi.out.find("KHÔNG HỢP LỆ") != std::string::npos);
  CHECK(vi.out.find("chưa đạt mức tối thiểu") != std::string::npos);
  CHECK(run({"validate", invalid.string(), (dir.path() / "missing.xml").string()}).status == 66);
  CHECK(run({"validate", "--attachments", (dir.path() / "nowhere").string(), valid.string()})
            .status == 66);
}

TEST_CASE("a rulebook folder that cannot be loaded is a configuration error (78)") {
  testing::TempDir dir;
  const auto valid = dir.write("valid.xml", testing::kAdvancedWorkerDossier);
  std::filesystem::create_directories(dir.path() / "empty");
  const Run empty =
      run({"validate", "--rulebooks", (dir.path() / "empty").string(), valid.string()});
  CHECK(empty.status == 78);
  CHECK(empty.err.find("no rulebooks") != std::string::npos);
  // The dossier itself is no rulebook: the folder holding it is refused, naming the file.
  const Run wrong = run({"validate", "--rulebooks", dir.path().string(), valid.string()});
  CHECK(wrong.status == 78);
  CHECK(wrong.err.find("valid.xml") != std::string::npos);
}

TEST_CASE("the JSON report carries verdict, location and both languages") {
  testing::TempDir dir;
  const auto invalid =
      dir.write("invalid.xml", testing::replaceOnce(testing::kAdvancedWorkerDossier,
                                                    "<discipline>none", "<discipline>warning"));
  const Run result = run({"validate", "--format=json", invalid.string()});
  CHECK(result.status == 65);
  Poco::JSON::Parser parser;
  const auto root = parser.parse(result.out).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(root->getValue<bool>("valid"));
  const auto file = root->getArray("files")->getObject(0);
  CHECK(file->getValue<std::string>("file") == invalid.string());
  const auto problem = file->getArray("problems")->getObject(0);
  CHECK(problem->getValue<std::string>("code") == "criteria.discipline");
  CHECK(problem->getValue<int>("line") == 19);
  CHECK(problem->getValue<std::string>("path") == "/dossier/nominees/individual[1]/discipline");
  CHECK(problem->getObject("message")->getValue<std::string>("vi").find("cảnh cáo") !=
        std::string::npos);
  CHECK(problem->getObject("message")->getValue<std::string>("en").find("warning") !=
        std::string::npos);
}

TEST_CASE("due-date counts working days across Tết and refuses unknown years") {
  const Run tet = run({"due-date", "2025-01-24", "10"});
  CHECK(tet.status == 0);
  CHECK(tet.out == "2025-02-14\n");
  CHECK(run({"due-date", "2024-04-26", "1"}).out == "2024-05-02\n");
  CHECK(run({"due-date", "2027-12-20", "10"}).status == 66);
  CHECK(run({"due-date", "2025-02-30", "1"}).status == 64);
  CHECK(run({"due-date", "2025-01-24", "-1"}).status == 64);
  CHECK(run({"due-date", "2025-01-24"}).status == 64);
}
