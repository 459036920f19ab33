#include <algorithm>
#include <fstream>
#include <vector>

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

TEST_CASE("audit files finds a damaged blob, a missing one and a flipped index page") {
  testing::TempDir dir;
  const std::filesystem::path data = dir.path() / "var";
  REQUIRE(testing::runCli({"init", "--demo", "--data", data.string()}).status == 0);
  const auto files = [&] {
    return testing::runCli({"audit", "files", "--data", data.string(), "--format", "json"});
  };
  const auto clean = files();
  REQUIRE_MESSAGE(clean.status == 0, clean.out << clean.err);
  Poco::JSON::Parser parser;
  const auto report = [&](const testing::CliRun& run) {
    return parser.parse(run.out).extract<Poco::JSON::Object::Ptr>();
  };
  CHECK(report(clean)->getValue<bool>("healthy"));
  CHECK(report(clean)->getValue<std::int64_t>("blobs") > 5);
  CHECK(report(clean)->getValue<std::string>("database") == "ok");

  SUBCASE("a blob's byte flipped, another deleted") {
    std::vector<std::filesystem::path> blobs;
    for (const auto& f : std::filesystem::recursive_directory_iterator(data / "blobs"))
      if (f.is_regular_file()) blobs.push_back(f.path());
    std::sort(blobs.begin(), blobs.end());
    REQUIRE(blobs.size() >= 2);
    std::filesystem::permissions(blobs[0], std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
    {
      std::fstream f(blobs[0], std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(0);
      const char c = static_cast<char>(f.get());
      f.seekp(0);
      f.put(static_cast<char>(c ^ 0x01));
    }
    std::filesystem::remove(blobs[1]);
    const auto found = files();
    CHECK(found.status == 65);
    const auto r = report(found);
    CHECK_FALSE(r->getValue<bool>("healthy"));
    CHECK(r->getValue<std::int64_t>("damagedBlobCount") == 1);
    CHECK(r->getArray("damagedBlobs")->getElement<std::string>(0) == blobs[0].filename().string());
    CHECK(r->getValue<std::int64_t>("problemCount") >= 1);
    const auto text = testing::runCli({"audit", "files", "--data", data.string(), "--lang", "en"});
    CHECK(text.out.find("damaged blob " + blobs[0].filename().string()) != std::string::npos);
    CHECK(text.out.find("missing") != std::string::npos);
    // The runs are events of the audit chain, which still verifies.
    CHECK(testing::runCli({"audit", "verify", "--data", data.string()}).status == 0);
  }

  SUBCASE("a byte flipped in an index page of awardflow.db") {
    int root = 0;
    int page = 0;
    {
      auto db = store::Database::open(data / "awardflow.db");
      REQUIRE(db);
      store::DatabaseImpl& impl = db->impl();
      impl.session << "PRAGMA wal_checkpoint(TRUNCATE)", Poco::Data::Keywords::now;
      impl.session << "SELECT rootpage FROM sqlite_master WHERE name = 'events_subject'",
          Poco::Data::Keywords::into(root), Poco::Data::Keywords::now;
      impl.session << "PRAGMA page_size", Poco::Data::Keywords::into(page),
          Poco::Data::Keywords::now;
    }
    REQUIRE(root > 1);
    {
      // The last bytes of the page hold its cells: a key of the index changes.
      std::fstream f(data / "awardflow.db", std::ios::in | std::ios::out | std::ios::binary);
      const std::streamoff at = static_cast<std::streamoff>(root) * page - 8;
      f.seekg(at);
      const char c = static_cast<char>(f.get());
      f.seekp(at);
      f.put(static_cast<char>(c ^ 0x20));
    }
    const auto found = files();
    CHECK(found.status == 65);
    CHECK(report(found)->getValue<std::string>("database") != "ok");
  }
}

TEST_CASE("authority add, end and list, units placed under them, staff added to one") {
  testing::TempDir dir;
  const std::string data = (dir.path() / "var").string();
  REQUIRE(testing::runCli({"init", "--data", data}).status == 0);
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 2, {"--data", data});
    return testing::runCli(args);
  };
  CHECK(run({"authority", "add", "--code", "UBND-HATINH", "--name", "UBND tỉnh Hà Tĩnh", "--level",
             "province"})
            .status == 0);
  CHECK(run({"authority", "add", "--code", "UBND-SONTAY", "--name", "UBND xã Sơn Tây", "--level",
             "commune", "--parent", "UBND-HATINH"})
            .status == 0);
  CHECK(run({"authority", "add", "--code", "UBND-HUONGSON-X", "--name", "UBND huyện Hương Sơn",
             "--level", "district", "--parent", "UBND-HATINH"})
            .status == 0);
  // Refused: taken, unknown parent, bad level, a village as an authority, missing name.
  const auto taken =
      run({"authority", "add", "--code", "UBND-SONTAY", "--name", "again", "--level", "commune"});
  CHECK(taken.status == 65);
  CHECK(taken.err.find("UBND-SONTAY") != std::string::npos);
  CHECK(run({"authority", "add", "--code", "X1", "--name", "X", "--level", "commune", "--parent",
             "NOPE"})
            .status == 65);
  CHECK(run({"authority", "add", "--code", "X2", "--name", "X", "--level", "galaxy"}).status == 64);
  CHECK(run({"authority", "add", "--code", "X3", "--name", "X", "--level", "village"}).status ==
        64);
  CHECK(run({"authority", "add", "--code", "X4", "--level", "commune"}).status == 64);

  CHECK(run({"authority", "end", "UBND-HUONGSON-X", "--successor", "UBND-HATINH", "--on",
             "2025-07-01"})
            .status == 0);
  CHECK(run({"authority", "end", "UBND-NONE", "--successor", "UBND-HATINH", "--on", "2025-07-01"})
            .status != 0);

  CHECK(run({"units", "add", "--code", "THON-TRUNGLUU", "--name", "Thôn Trung Lưu", "--level",
             "village", "--authority", "UBND-SONTAY"})
            .status == 0);
  CHECK(run({"units", "add", "--code", "CHIHOI-TRUNGLUU", "--name", "Chi hội Phụ nữ thôn",
             "--level", "village", "--authority", "UBND-SONTAY", "--parent", "THON-TRUNGLUU"})
            .status == 0);
  CHECK(
      run({"units", "add", "--code", "X5", "--name", "X", "--level", "village", "--parent", "NOPE"})
          .status == 65);
  dir.write("pw", "mật khẩu đủ dài 2026\n");
  CHECK(run({"users", "add", "--login", "vp-sontay", "--name", "Văn phòng xã", "--role",
             "standing-office", "--authority", "UBND-SONTAY", "--password-file",
             (dir.path() / "pw").string()})
            .status == 0);
  CHECK(run({"users", "add", "--login", "vp-none", "--name", "X", "--role", "standing-office",
             "--authority", "NOPE", "--password-file", (dir.path() / "pw").string()})
            .status == 65);

  const auto list = run({"authority", "list", "--format", "json"});
  REQUIRE(list.status == 0);
  CHECK(list.out.find("\"code\": \"UBND-SONTAY\"") != std::string::npos);
  CHECK(list.out.find("\"successor\": \"UBND-HATINH\"") != std::string::npos);
  const auto text = run({"authority", "list"});
  CHECK(text.out.find("UBND-HUONGSON-X\tdistrict\tUBND-HATINH\tđã giải thể → UBND-HATINH") !=
        std::string::npos);
  const auto units = run({"units", "list"});
  CHECK(units.out.find("CHIHOI-TRUNGLUU\tvillage\tUBND-SONTAY\tTHON-TRUNGLUU") !=
        std::string::npos);
  const auto users = run({"users", "list", "--format", "json"});
  CHECK(users.out.find("\"authority\": \"UBND-SONTAY\"") != std::string::npos);
  // Each authority added has its seal, under the installation CA; a seal from elsewhere that the
  // installation does not trust is refused and the issued one stays.
  const auto seal = run({"authority", "seal", "UBND-SONTAY"});
  REQUIRE(seal.status == 0);
  CHECK(seal.out.find("subject: CN=UBND xã Sơn Tây") != std::string::npos);
  CHECK(seal.out.find("issued a seal") == std::string::npos);   // made by authority add
  CHECK(run({"authority", "seal", "UBND-NONE"}).status == 66);  // not found
  const std::string ca = (dir.path() / "other-ca").string();
  REQUIRE(testing::runCli({"keys", "init-ca", "--subject", "CN=Other CA,C=VN", "--out", ca,
                           "--passphrase-file", (dir.path() / "pw").string()})
              .status == 0);
  REQUIRE(
      testing::runCli({"keys", "issue", "--ca-cert", ca + "/ca-cert.pem", "--ca-key",
                       ca + "/ca-key.pem", "--ca-passphrase-file", (dir.path() / "pw").string(),
                       "--subject", "CN=UBND xã Sơn Tây,C=VN", "--kind", "seal",
                       "--passphrase-file", (dir.path() / "pw").string(), "--out", ca + "/seal"})
          .status == 0);
  const auto untrusted =
      run({"authority", "seal", "UBND-SONTAY", "--key", ca + "/seal-key.pem", "--cert",
           ca + "/seal-cert.pem", "--key-passphrase-file", (dir.path() / "pw").string()});
  CHECK(untrusted.status == 65);
  CHECK(untrusted.err.find("trust") != std::string::npos);
  const auto again = run({"authority", "seal", "UBND-SONTAY"});
  CHECK(again.out == seal.out);
  // Every change is an event of the chain, and the chain holds.
  CHECK(run({"audit", "verify"}).status == 0);
}
