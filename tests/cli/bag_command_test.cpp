// awardflow bag validate, through the real binary on the Library of Congress conformance cases.
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "tests/cli/run_cli.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

namespace {

const std::string kBinary = AWARDFLOW_BINARY;
const std::filesystem::path kSuite = testing::sourceDir() / "../shared/testdata/bagit";

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

testing::CommandResult bag(const std::string& args) {
  return testing::runCommand(kBinary + " bag " + args);
}

}  // namespace

TEST_CASE("bag validate: exit 0 for a valid bag, 65 naming the problem for an invalid one") {
  const std::string valid = (kSuite / "v1.0/valid/basicBag").string();
  const auto ok = bag("validate --lang en " + quote(valid));
  CHECK_MESSAGE(ok.status == 0, ok.output);
  CHECK(ok.output.find("VALID") != std::string::npos);

  const std::string corrupt = (kSuite / "v0.97/invalid/corrupt-data-file").string();
  const auto bad = bag("validate --lang en " + quote(corrupt));
  CHECK_MESSAGE(bad.status == 65, bad.output);
  CHECK(bad.output.find("INVALID") != std::string::npos);
  CHECK(bad.output.find("bagit.manifest.digest") != std::string::npos);
  CHECK(bad.output.find("data/bare-filename") != std::string::npos);

  const auto vi = bag("validate " + quote(corrupt));
  CHECK(vi.status == 65);
  CHECK(vi.output.find("KHÔNG HỢP LỆ") != std::string::npos);
  CHECK(vi.output.find("không khớp") != std::string::npos);

  const auto both = bag("validate --lang en " + quote(valid) + " " + quote(corrupt));
  CHECK(both.status == 65);
  CHECK(both.output.find("Total: 2 files, 1 valid, 1 invalid, 0 unreadable") != std::string::npos);
}

TEST_CASE("bag validate --format json lists every problem in both languages") {
  const std::string path = (kSuite / "v1.0/invalid/notAllManifestsListAllFiles").string();
  const auto run = bag("validate --format json " + quote(path));
  CHECK(run.status == 65);
  Poco::JSON::Parser parser;
  const auto root = parser.parse(run.output).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(root->getValue<bool>("valid"));
  const auto file = root->getArray("files")->getObject(0);
  const auto problem = file->getArray("problems")->getObject(0);
  CHECK(problem->getValue<std::string>("code") == "bagit.payload.unlisted");
  CHECK(problem->getValue<std::string>("path") == "data/missingFromManifest.txt");
  CHECK_FALSE(problem->getObject("message")->getValue<std::string>("vi").empty());
}

TEST_CASE("bag validate: usage errors and missing bags") {
  CHECK(testing::runCli({"bag"}).status == 64);
  CHECK(testing::runCli({"bag", "frobnicate"}).status == 64);
  CHECK(testing::runCli({"bag", "validate"}).status == 64);
  CHECK(testing::runCli({"bag", "validate", "--format", "xml", "x"}).status == 64);
  const auto help = testing::runCli({"help", "bag"});
  CHECK(help.status == 0);
  CHECK(help.out.find("validate") != std::string::npos);
  CHECK(testing::runCli({"bag", "validate", "--help"}).out.find("--format") != std::string::npos);

  testing::TempDir dir;
  const auto missing = testing::runCli({"bag", "validate", (dir.path() / "none").string()});
  CHECK(missing.status == 66);
  const auto junk = testing::runCli({"bag", "validate", dir.write("junk.zip", "PK?").string()});
  CHECK(junk.status == 65);
  CHECK(junk.out.find("bagit.zip.malformed") != std::string::npos);
}
