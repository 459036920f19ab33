#include <Poco/Data/Session.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include "engine/store/database.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "tests/cli/run_cli.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;

TEST_CASE("init creates the data directory once, audit verify checks its chain") {
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

TEST_CASE("init --demo adds one account per role once, users add checks what it stores") {
  testing::TempDir dir;
  const std::string data = (dir.path() / "var").string();
  const auto demo = testing::runCli({"init", "--demo", "--data", data});
  REQUIRE(demo.status == 0);
  for (const char* role : {"standing-office", "chairperson", "council-member", "archivist", "admin",
                           "submitting-unit"}) {
    CHECK_MESSAGE(demo.out.find(role) != std::string::npos, role);
  }
  CHECK(demo.out.find("password: demo-chu-tich-2026") != std::string::npos);
  CHECK(testing::runCli({"init", "--demo", "--data", data}).out.find("present already") !=
        std::string::npos);

  dir.write("pw", "mật khẩu đủ dài 2026\n");
  dir.write("short", "short\n");
  const std::string pw = (dir.path() / "pw").string();
  const auto add = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"users", "add", "--data", data, "--password-file", pw};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::runCli(args);
  };
  CHECK(add({"--login", "van-thu-2", "--name", "Nguyễn Thị Thu", "--role", "archivist"}).status ==
        0);
  CHECK(add({"--login", "van-thu-2", "--name", "Again", "--role", "archivist"}).status ==
        65);  // taken
  CHECK(add({"--login", "Bad Login", "--name", "X", "--role", "archivist"}).status ==
        64);  // pattern
  CHECK(add({"--login", "clerk", "--name", "X", "--role", "submitting-unit"}).status ==
        64);  // no unit
  CHECK(add({"--login", "clerk", "--name", "X", "--role", "submitting-unit", "--unit", "NOPE"})
            .status == 65);
  CHECK(add({"--login", "clerk", "--name", "X", "--role", "wizard"}).status == 64);
  CHECK(testing::runCli({"users", "add", "--data", data, "--password-file",
                         (dir.path() / "short").string(), "--login", "shorty", "--name", "S",
                         "--role", "admin"})
            .status == 64);

  const auto list = testing::runCli({"users", "list", "--data", data, "--format", "json"});
  CHECK(list.status == 0);
  CHECK(list.out.find("\"van-thu-2\"") != std::string::npos);
  CHECK(list.out.find("mật khẩu") == std::string::npos);
  CHECK(list.out.find("scrypt") == std::string::npos);
  // Every account change is in the audit chain, and the chain holds.
  CHECK(testing::runCli({"audit", "verify", "--data", data}).status == 0);
  CHECK(testing::runCli({"users", "list", "--data", (dir.path() / "none").string()}).status == 66);
}
