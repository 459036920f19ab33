// The PostgreSQL store's connection and migrations (engine/store/postgres/connection.cpp) on a
// real PostgreSQL 15 started by the test.
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "engine/store/postgres/connection.hpp"
#include "engine/store/postgres/schema.hpp"
#include "tests/support/postgres.hpp"

using namespace awardflow;
using store::postgres::Connection;

TEST_CASE("a PostgreSQL store migrates once, and refuses a newer schema or another's tables") {
  testing::TempPostgres pg;
  const int latest = store::postgres::migrations().back().version;
  // Two servers starting together on an empty database: the advisory lock lets one migrate,
  // the other finds the schema made.
  std::vector<int> versions(2, 0);
  std::vector<std::thread> starting;
  for (int& version : versions) {
    starting.emplace_back([&pg, &version] {
      auto c = Connection::open(pg.url());
      if (!c) return;
      auto migrated = store::postgres::migrate(*c);
      version = migrated ? *migrated : -1;
    });
  }
  for (std::thread& t : starting) t.join();
  CHECK(versions == std::vector<int>{latest, latest});
  auto connection = Connection::open(pg.url());
  REQUIRE(connection);
  CHECK(*store::postgres::migrate(*connection) == latest);  // and again: nothing to do
  auto applied = connection->query("SELECT version FROM schema_migrations");
  REQUIRE(applied);
  REQUIRE(applied->size() == 1);
  CHECK(*applied->at(0).at(0) == std::to_string(latest));
  // Parameters and NULLs come back as they went in.
  auto echoed = connection->query("SELECT $1::text, NULL::text, $2::text", {"Sơn Kim 1", "a'b"});
  REQUIRE(echoed);
  CHECK(*echoed->at(0).at(0) == "Sơn Kim 1");
  CHECK_FALSE(echoed->at(0).at(1).has_value());
  CHECK(*echoed->at(0).at(2) == "a'b");
  auto broken = connection->query("SELECT * FROM no_such_table");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == core::Errc::Unavailable);
  CHECK(broken.error().message.find("no_such_table") != std::string::npos);

  // A schema of a later program: refused, nothing changed.
  REQUIRE(connection->exec("INSERT INTO schema_migrations VALUES (99, 'later')"));
  auto newer = store::postgres::migrate(*connection);
  REQUIRE_FALSE(newer);
  CHECK(newer.error().code == core::Errc::Config);
  CHECK(newer.error().message.find("newer than this program's") != std::string::npos);
  REQUIRE_FALSE(newer.error().details.empty());

  // A database that holds something else: refused, nothing created.
  pg.sql("CREATE TABLE customers (id int);");
  REQUIRE(connection->exec("DROP TABLE schema_migrations CASCADE"));
  auto foreign = store::postgres::migrate(*connection);
  REQUIRE_FALSE(foreign);
  CHECK(foreign.error().code == core::Errc::Config);
  CHECK(pg.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = "
               "'schema_migrations'") == "0\n");
}

TEST_CASE("a PostgreSQL store that cannot be reached or refuses the settings says which") {
  testing::TempPostgres pg;
  pg.addPasswordUser("awardflow", "s3cret-pw");
  const std::string at = "@127.0.0.1:" + std::to_string(pg.port()) + "/awardflow";

  auto right = Connection::open("postgresql://awardflow:s3cret-pw" + at);
  REQUIRE(right);
  CHECK(right->where() == "127.0.0.1:" + std::to_string(pg.port()) + "/awardflow (user awardflow)");
  CHECK(*store::postgres::migrate(*right) == store::postgres::migrations().back().version);

  auto wrong = Connection::open("postgresql://awardflow:wrong-pw" + at);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == core::Errc::Config);
  CHECK(wrong.error().message.find("password") != std::string::npos);
  CHECK(wrong.error().message.find("wrong-pw") == std::string::npos);  // never the secret
  REQUIRE_FALSE(wrong.error().details.empty());
  CHECK(wrong.error().details.front().find("wrong-pw") == std::string::npos);

  auto no_database =
      Connection::open("postgresql://postgres@127.0.0.1:" + std::to_string(pg.port()) + "/nowhere");
  REQUIRE_FALSE(no_database);
  CHECK(no_database.error().code == core::Errc::Config);

  // Nothing listens on a port just closed: the server is away, not the settings wrong.
  auto away = Connection::open(
      "postgresql://awardflow:s3cret-pw@127.0.0.1:1/awardflow"
      "?connect_timeout=5");
  REQUIRE_FALSE(away);
  CHECK(away.error().code == core::Errc::Unavailable);
  CHECK(away.error().message.find("s3cret") == std::string::npos);

  auto malformed = Connection::open("postgresql://[not-a-host");
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == core::Errc::Config);
}
