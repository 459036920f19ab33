#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "engine/store/database.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/cli/run_cli.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("init creates the data directory once; audit verify checks its chain") {
  testing::TempDir dir;
  const std::string data = (dir.path() / "var").string();
  const auto first = testing::runCli({"init", "--data", data});
  CHECK(first.status == 0);
  CHECK(first.out.find("initialized") != std::string::npos);
  CHECK((std::filesystem::status(data).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  const auto again = testing::runCli({"init", "--data", data});
  CHECK(again.status == 0);
  CHECK(again.out.find("up to date") != std::string::npos);

  const auto ok = testing::runCli({"audit", "verify", "--data", data, "--lang", "en"});
  CHECK(ok.status == 0);
  CHECK(ok.out.find("intact: 1 events") != std::string::npos);

  {
    auto db = store::Database::open(std::filesystem::path(data) / "awardflow.db");
    REQUIRE(db);
    REQUIRE(db->transaction([](store::DatabaseImpl& tx) -> core::Result<void> {
      tx.session << "UPDATE events SET actor = 'someone else' WHERE seq = 1",
          Poco::Data::Keywords::now;
      return {};
    }));
  }
  const auto broken = testing::runCli({"audit", "verify", "--data", data, "--format", "json"});
  CHECK(broken.status == 65);
  Poco::JSON::Parser parser;
  const auto report = parser.parse(broken.out).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(report->getValue<bool>("intact"));
  CHECK(report->getValue<int>("brokenAt") == 1);
  CHECK(report->getValue<std::string>("reason").find("altered") != std::string::npos);

  CHECK(testing::runCli({"audit", "verify", "--data", (dir.path() / "none").string()}).status ==
        66);
  CHECK(testing::runCli({"audit"}).status == 64);
  CHECK(testing::runCli({"init", "extra"}).status == 64);
}

TEST_CASE("the data directory defaults to $AWARDFLOW_DATA") {
  testing::TempDir dir;
  const std::string data = (dir.path() / "from-env").string();
  ::setenv("AWARDFLOW_DATA", data.c_str(), 1);
  const auto result = testing::runCli({"init"});
  ::unsetenv("AWARDFLOW_DATA");
  CHECK(result.status == 0);
  CHECK(std::filesystem::exists(std::filesystem::path(data) / "awardflow.db"));
}
