#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <doctest/doctest.h>

#include "engine/core/file.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/archive_store.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/authorities.hpp"
#include "engine/store/blob_store.hpp"
#include "engine/store/database.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/reply_store.hpp"
#include "engine/store/workflow_store.hpp"
#include "tests/support/fixtures.hpp"

using namespace awardflow;
using Poco::Data::Keywords::now;

namespace {

store::Event event(const std::string& kind, const std::string& subject = "") {
  store::Event e;
  e.actor = "tester";
  e.kind = kind;
  e.subject = subject;
  e.payload = "{\"note\":\"Nguyễn Văn An\"}";
  return e;
}

// Raw SQL on the store, as someone with file access could run it.
void tamper(const std::filesystem::path& file, const std::string& sql) {
  auto db = store::Database::open(file);
  REQUIRE(db);
  REQUIRE(db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    tx.session << sql, now;
    return {};
  }));
}

}  // namespace

TEST_CASE("a new store migrates, and reopening changes nothing") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  {
    auto db = store::Database::open(file);
    REQUIRE(db);
    CHECK(db->schemaVersion() == 17);
  }
  auto again = store::Database::open(file);
  REQUIRE(again);
  CHECK(again->schemaVersion() == 17);
  tamper(file, "INSERT INTO schema_migrations VALUES (99, 'later')");
  auto newer = store::Database::open(file);
  REQUIRE_FALSE(newer);
  CHECK(newer.error().code == core::Errc::Config);
  CHECK(store::Database::open(dir.path() / "missing-dir" / "x.db").error().code ==
        core::Errc::Unavailable);
}

TEST_CASE("the audit chain links every event and finds the first broken link") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  {
    auto db = store::Database::open(file);
    REQUIRE(db);
    const store::AuditLog log(*db);
    for (int i = 0; i < 5; ++i) {
      auto e = log.append(event("dossier.submitted", "HS-" + std::to_string(i)));
      REQUIRE(e);
      CHECK(e->seq == i + 1);
    }
    const auto ok = log.verify();
    REQUIRE(ok);
    CHECK(ok->intact());
    CHECK(ok->events == 5);
    CHECK(ok->head.size() == 64);
  }
  SUBCASE("an altered payload") {
    tamper(file, "UPDATE events SET payload = '{}' WHERE seq = 3");
    auto db = store::Database::open(file);
    const auto v = store::AuditLog(*db).verify();
    CHECK(v->broken == 3);
    CHECK(v->reason.find("altered") != std::string::npos);
  }
  SUBCASE("a deleted event") {
    tamper(file, "DELETE FROM events WHERE seq = 2");
    auto db = store::Database::open(file);
    const auto v = store::AuditLog(*db).verify();
    CHECK(v->broken == 2);
    CHECK(v->reason.find("missing") != std::string::npos);
  }
  SUBCASE("an event rewritten with a fresh hash no longer links") {
    auto db = store::Database::open(file);
    auto events = store::AuditLog(*db).read(2, 1);
    store::Event forged = events->at(0);
    forged.subject = "HS-forged";
    const std::string hash = store::chainHash(forged.prev_hash, forged);
    tamper(file, "UPDATE events SET subject = 'HS-forged', hash = '" + hash + "' WHERE seq = 2");
    auto reopened = store::Database::open(file);
    const auto v = store::AuditLog(*reopened).verify();
    CHECK(v->broken == 3);
    CHECK(v->reason.find("does not link") != std::string::npos);
  }
}

TEST_CASE("an event commits or rolls back with the change it records") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  const auto failed = db->transaction([](store::DatabaseImpl& tx) -> core::Result<void> {
    auto e = store::AuditLog::appendIn(tx, event("dossier.act"));
    if (!e) return core::Unexpected{e.error()};
    return core::fail(core::Errc::Conflict, "stale version");
  });
  CHECK(failed.error().code == core::Errc::Conflict);
  CHECK(store::AuditLog(*db).verify()->events == 0);
}

TEST_CASE("appends from many threads and from two connections keep one intact chain") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  auto first = store::Database::open(file);
  auto second = store::Database::open(file);  // as a second process would
  REQUIRE(first);
  REQUIRE(second);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const store::AuditLog log(t % 2 == 0 ? *first : *second);
      for (int i = 0; i < 50; ++i) {
        if (!log.append(event("vote.received", std::to_string(t)))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  const auto v = store::AuditLog(*first).verify();
  REQUIRE(v);
  CHECK(v->intact());
  CHECK(v->events == 200);
}

TEST_CASE("blobs are stored once by content and checked when read") {
  testing::TempDir dir;
  const store::BlobStore blobs(dir.path() / "blobs");
  const std::string pdf = "%PDF-1.4 scanned proposal";
  auto sha = blobs.put(pdf);
  REQUIRE(sha);
  CHECK(*blobs.put(pdf) == *sha);
  CHECK(*blobs.get(*sha) == pdf);
  CHECK(blobs.contains(*sha));
  CHECK(blobs.get(std::string(64, 'a')).error().code == core::Errc::NotFound);
  CHECK(blobs.get("../../etc/passwd").error().code == core::Errc::Invalid);
  // Damage on disk is detected, not served.
  const auto path = blobs.pathOf(*sha);
  std::filesystem::permissions(path, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  REQUIRE(core::writeFileAtomic(path, "%PDF-1.4 scanned proposaL"));
  CHECK(blobs.get(*sha).error().code == core::Errc::Invalid);
  CHECK(blobs.check(*sha) == store::BlobState::Damaged);
  // Errors name the blob by digest, never by its path on the server.
  CHECK(blobs.get(*sha).error().message.find(dir.path().string()) == std::string::npos);
  CHECK(blobs.get(std::string(64, 'a')).error().message.find('/') == std::string::npos);
}

TEST_CASE("the same bytes stored again repair a damaged or missing blob, and say so") {
  testing::TempDir dir;
  store::BlobStore blobs(dir.path() / "blobs");
  std::vector<std::string> repaired;
  blobs.onRepair([&](const std::string& sha) { repaired.push_back(sha); });
  const std::string pdf = "%PDF-1.4 scanned proposal";
  auto sha = blobs.put(pdf);
  REQUIRE(sha);
  CHECK(blobs.put(pdf));
  CHECK(repaired.empty());  // an intact blob is compared, found good and left alone
  const auto path = blobs.pathOf(*sha);
  std::filesystem::permissions(path, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  SUBCASE("a flipped byte") { REQUIRE(core::writeFileAtomic(path, "%PDF-1.4 scanned proposaL")); }
  SUBCASE("a truncated copy") { REQUIRE(core::writeFileAtomic(path, "%PDF-1.4")); }
  SUBCASE("a longer file") { REQUIRE(core::writeFileAtomic(path, pdf + pdf)); }
  REQUIRE(blobs.check(*sha) == store::BlobState::Damaged);
  CHECK(*blobs.put(pdf) == *sha);
  CHECK(blobs.check(*sha) == store::BlobState::Intact);
  CHECK(*blobs.get(*sha) == pdf);
  CHECK(repaired == std::vector<std::string>{*sha});
  // A missing blob is simply stored again.
  std::filesystem::remove(path);
  CHECK(blobs.check(*sha) == store::BlobState::Missing);
  CHECK_FALSE(blobs.present(*sha));
  CHECK(blobs.put(pdf));
  CHECK(blobs.present(*sha, static_cast<std::int64_t>(pdf.size())));
  CHECK_FALSE(blobs.present(*sha, 3));
  CHECK(*blobs.list() == std::vector<std::string>{*sha});
}

TEST_CASE("accounts: units and users with their audit events, never the password") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  const store::Accounts accounts(*db);
  REQUIRE(accounts.addUnit({"UBND-SONTIEN", "UBND xã Sơn Tiến", model::Level::Commune}, "admin"));
  CHECK(accounts.addUnit({"UBND-SONTIEN", "again", model::Level::Commune}, "admin").error().code ==
        core::Errc::Conflict);
  REQUIRE(
      accounts.addUser({"son-tien", "Cán bộ xã", model::Role::SubmittingUnit, "UBND-SONTIEN", true},
                       "scrypt$hash", "admin"));
  CHECK(accounts.addUser({"x", "X", model::Role::SubmittingUnit, "NOPE", true}, "h", "admin")
            .error()
            .code == core::Errc::Invalid);
  const auto found = accounts.user("son-tien");
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->first.role == model::Role::SubmittingUnit);
  CHECK((*found)->first.unit_code == std::optional<std::string>("UBND-SONTIEN"));
  CHECK((*found)->second == "scrypt$hash");
  CHECK_FALSE(accounts.user("nobody")->has_value());
  const auto events = store::AuditLog(*db).read(1, 10);
  REQUIRE(events->size() == 2);
  CHECK(events->at(1).kind == "user.added");
  CHECK(events->at(1).payload.find("scrypt") == std::string::npos);
}

TEST_CASE("concurrent transactions are group-committed, a failing one undoes only itself") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::atomic<int> committed{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const bool fails = (t * kEach + i) % 7 == 0;
        auto done = db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
          auto appended =
              store::AuditLog::appendIn(tx, event("dossier.receive", "HS-" + std::to_string(t)));
          if (!appended) return core::Unexpected{appended.error()};
          // A work that fails after writing: its event must not survive, nor others' vanish.
          if (fails) return core::fail(core::Errc::Conflict, "stale version");
          return {};
        });
        if (done) {
          ++committed;
        } else {
          CHECK(done.error().code == core::Errc::Conflict);
          ++refused;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(committed + refused == kThreads * kEach);
  CHECK(refused == (kThreads * kEach + 6) / 7);
  const store::AuditLog log(*db);
  auto verified = log.verify();
  REQUIRE(verified);
  CHECK(verified->intact());
  CHECK(verified->events == committed);
  // A transaction inside a transaction joins it.
  auto nested = db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto inner = db->transaction([&](store::DatabaseImpl& inner_tx) -> core::Result<void> {
      CHECK(&inner_tx == &tx);
      return core::fail(core::Errc::Invalid, "inner refused");
    });
    CHECK_FALSE(inner);
    auto appended = store::AuditLog::appendIn(tx, event("dossier.seal"));
    return appended ? core::Result<void>() : core::Unexpected{appended.error()};
  });
  CHECK(nested);
  CHECK(log.verify()->events == committed + 1);
}

TEST_CASE(
    "request replies: kept per caller and key, never twice, forgotten after a day unless for "
    "ever") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  const store::ReplyStore replies(*db);
  const std::string t0 = "2026-11-26T08:00:00Z", t1 = "2026-11-26T08:01:00Z";
  CHECK_FALSE(*replies.find("an", "k"));
  const store::Reply first{201, "ETag: \"2\"\n", std::string("{\"a\":1}\0x", 9)};
  auto kept = replies.record("an", "k", "fp", store::Channel::Http, false, t0, first);
  REQUIRE(kept);
  CHECK_FALSE(*kept);  // nothing was there: this one is kept
  auto found = replies.find("an", "k");
  REQUIRE(found);
  REQUIRE(*found);
  CHECK((*found)->fingerprint == "fp");
  CHECK((*found)->channel == store::Channel::Http);
  CHECK((*found)->reply.status == 201);
  CHECK((*found)->reply.headers == "ETag: \"2\"\n");
  CHECK((*found)->reply.body == std::string("{\"a\":1}\0x", 9));
  // A second answer for the key is not kept: the first comes back instead.
  auto second = replies.record("an", "k", "fp", store::Channel::Http, false, t1, {200, "", "x"});
  REQUIRE(second);
  REQUIRE(*second);
  CHECK((*second)->reply.status == 201);
  CHECK(replies.find("an", "k")->value().reply.body == first.body);
  // Keys are per caller; the CLI's answers say so.
  REQUIRE(replies.record("binh", "k", "fp2", store::Channel::Cli, true, t1, {0, "", "HS-1\n"}));
  CHECK(replies.find("binh", "k")->value().channel == store::Channel::Cli);
  CHECK(replies.find("binh", "k")->value().reply.status == 0);
  // Expiry forgets day-long answers created before the limit, never those kept for ever.
  auto removed = replies.expire("2026-11-27T09:00:00Z");
  REQUIRE(removed);
  CHECK(*removed == 1);
  CHECK_FALSE(*replies.find("an", "k"));
  CHECK(*replies.find("binh", "k"));
}

TEST_CASE("atomically: every transaction of the unit commits together or not at all") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  const store::AuditLog log(*db);
  const store::ReplyStore replies(*db);
  const auto events = [&] { return log.verify()->events; };
  const auto append = [&](const std::string& kind) -> core::Result<void> {
    auto appended = log.append(event(kind));
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  };

  SUBCASE("an error after two transactions undoes both, and the undo actions run") {
    bool undone = false;
    auto unit = db->atomically([&]() -> core::Result<void> {
      REQUIRE(append("one"));
      db->onRollback([&] { undone = true; });
      REQUIRE(append("two"));
      CHECK(events() == 2);  // the unit reads its own writes
      return core::fail(core::Errc::Invalid, "refused after the effect");
    });
    CHECK_FALSE(unit);
    CHECK(unit.error().code == core::Errc::Invalid);
    CHECK(events() == 0);
    CHECK(undone);
  }
  SUBCASE("a failing transaction inside undoes only itself; the rest commits with the answer") {
    bool undone = false;
    auto unit = db->atomically([&]() -> core::Result<void> {
      db->onRollback([&] { undone = true; });
      REQUIRE(append("effect"));
      CHECK_FALSE(db->transaction([&](store::DatabaseImpl&) -> core::Result<void> {
        return core::fail(core::Errc::Conflict, "stale");
      }));
      auto kept = replies.record("an", "k", "fp", store::Channel::Http, false,
                                 "2026-11-26T08:00:00Z", {200, "", "{}"});
      REQUIRE(kept);
      return {};
    });
    CHECK(unit);
    CHECK(events() == 1);
    CHECK(*replies.find("an", "k"));
    CHECK_FALSE(undone);
  }
  SUBCASE("work before the first write holds no lock: other threads commit meanwhile") {
    std::atomic<bool> other_done{false};
    auto unit = db->atomically([&]() -> core::Result<void> {
      std::thread other([&] {
        CHECK(append("other"));
        other_done = true;
      });
      other.join();  // would never return if the unit held the writer already
      REQUIRE(append("mine"));
      return {};
    });
    CHECK(unit);
    CHECK(other_done);
    CHECK(events() == 2);
  }
  SUBCASE("an exception rolls the unit back and is rethrown") {
    CHECK_THROWS_AS(db->atomically([&]() -> core::Result<void> {
      REQUIRE(append("lost"));
      throw std::runtime_error("bug");
    }),
                    std::runtime_error);
    CHECK(events() == 0);
    CHECK(append("after"));  // the writer was given back
    CHECK(events() == 1);
  }
  SUBCASE("other threads' transactions wait for the unit and then commit") {
    std::atomic<int> committed{0};
    std::vector<std::thread> others;
    auto unit = db->atomically([&]() -> core::Result<void> {
      REQUIRE(append("first"));
      for (int i = 0; i < 4; ++i) {
        others.emplace_back([&] {
          if (append("waiting")) ++committed;
        });
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      CHECK(committed == 0);  // they wait for the unit
      return {};
    });
    for (auto& t : others) t.join();
    CHECK(unit);
    CHECK(committed == 4);
    CHECK(events() == 5);
  }
}

TEST_CASE(
    "archive search: a file code is looked up, a number matched whole, many matches newest first") {
  testing::TempDir dir;
  auto db = store::Database::open(dir.path() / "awardflow.db");
  REQUIRE(db);
  const auto record = [](int i) {
    model::ArchiveRecord r;
    r.organ_id = "H40";
    r.file_catalog = 2020 + i % 5;
    r.file_notation = "HS-" + std::to_string(100000 + i);
    r.file_code = r.organ_id + "." + std::to_string(r.file_catalog) + "." + r.file_notation;
    r.title = "Đề nghị khen thưởng số " + std::to_string(i);
    r.unit_code = "DV-" + std::to_string(i % 7);
    r.unit_name = "Đơn vị " + std::to_string(i % 7);
    r.decision_number = std::to_string(1 + i % 50) + "/QĐ-UBND";
    r.names = {i % 3 == 0 ? "Nguyễn Văn Thắng" : "Trần Thị Lan"};
    r.award_form = "certificate-of-merit";
    r.sealed_at = "2026-01-01T00:00:00Z";
    r.package = "archive/" + r.file_code;
    return r;
  };
  REQUIRE(db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    for (int i = 0; i < 2600; ++i) {
      auto added = store::ArchiveStore::addRecordIn(tx, record(i));
      if (!added) return added;
    }
    return {};
  }));
  const store::ArchiveStore archive(*db);
  const auto search = [&](const std::string& text, int limit = 20) {
    store::ArchiveQuery q;
    q.text = text;
    q.limit = limit;
    auto page = archive.search(q);
    REQUIRE(page);
    return *page;
  };
  // The exact file code: that record only.
  const auto exact = search("H40.2021.HS-100001");
  REQUIRE(exact.records.size() == 1);
  CHECK(exact.records[0].file_code == "H40.2021.HS-100001");
  // A decision number matches whole: "15/QĐ-UBND" is not "15" or "QĐ-UBND" anywhere.
  const auto decision = search("15/qđ-ubnd", 200);
  CHECK(decision.records.size() == 52);  // i % 50 == 14, for i < 2600
  CHECK(decision.ranked);
  for (const auto& r : decision.records) CHECK(r.decision_number == "15/QĐ-UBND");
  // 1734 of 2600 match "tran thi lan": ranked; all 2600 match "khen thuong": newest first.
  CHECK(search("tran thi lan").ranked);
  const auto many = search("khen thuong");
  CHECK(many.newest_first);
  CHECK_FALSE(many.ranked);
  REQUIRE(many.records.size() == 20);
  CHECK(many.more);
  CHECK(many.records[0].file_notation == "HS-102599");
  CHECK(many.records[19].file_notation == "HS-102580");
  // Filters narrow any kind of search.
  store::ArchiveQuery unit;
  unit.unit_code = "DV-3";
  unit.year = 2023;
  unit.limit = 200;
  auto filtered = archive.search(unit);
  REQUIRE(filtered);
  CHECK(filtered->records.size() == 75);  // i % 7 == 3 and i % 5 == 3: i % 35 == 3, i < 2600
  for (const auto& r : filtered->records) CHECK(r.unit_code == "DV-3");
}

TEST_CASE("the counts by state a queue starts from follow every change of the dossiers") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  {
    auto db = store::Database::open(file);
    REQUIRE(db);
  }
  // Rows written by SQL as any writer would: inserted, moved on, adopted by an authority,
  // moved between authorities, re-pinned, deleted.
  tamper(file,
         "INSERT INTO units VALUES ('U1', 'Thôn 1', 'village', NULL, NULL);"
         "INSERT INTO rulebook_pins VALUES ('rb', 1, 'sha-1', '2026-01-01T00:00:00Z');"
         "INSERT INTO rulebook_pins VALUES ('rb', 2, 'sha-2', '2026-01-01T00:00:00Z');"
         "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 59) "
         "INSERT INTO dossiers (id, unit_code, source_id, title, rulebook_id, rulebook_version, "
         "rulebook_sha256, procedure_id, variant, state, version, revision, xml_sha256, complete, "
         "signed_valid, submitted_by, submitted_at, updated_at, authority_code) "
         "SELECT printf('HS-2026-%06d', i), 'U1', 's', 't', 'rb', 1, 'sha-1', "
         "CASE i % 2 WHEN 0 THEN 'p-a' ELSE 'p-b' END, 'standard', "
         "CASE i % 3 WHEN 0 THEN 'submitted' WHEN 1 THEN 'received' ELSE 'sealed' END, 1, 1, "
         "'x', 1, 1, 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', "
         "CASE WHEN i < 10 THEN NULL WHEN i < 40 THEN 'XA-A' ELSE 'XA-B' END FROM n;"
         "UPDATE dossiers SET state = 'appraisal' WHERE id < 'HS-2026-000020';"
         "UPDATE dossiers SET authority_code = 'XA-A' WHERE authority_code IS NULL AND "
         "id < 'HS-2026-000005';"
         "UPDATE dossiers SET authority_code = 'XA-B', state = 'returned' WHERE id = "
         "'HS-2026-000030';"
         "UPDATE dossiers SET rulebook_version = 2, rulebook_sha256 = 'sha-2' WHERE id > "
         "'HS-2026-000050';"
         "UPDATE dossiers SET title = 'only the title' WHERE id = 'HS-2026-000031';"
         "DELETE FROM dossiers WHERE id IN ('HS-2026-000041', 'HS-2026-000042');");
  auto db = store::Database::open(file);
  REQUIRE(db);
  const store::WorkflowStore workflows(*db);
  const auto grouped = [&](const std::string& where) {
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> out;
    REQUIRE(db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
      Poco::Data::Statement select(tx.session);
      select << "SELECT rulebook_sha256, procedure_id, state, COUNT(*) FROM dossiers " + where +
                    " GROUP BY 1, 2, 3",
          now;
      Poco::Data::RecordSet rs(select);
      for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        out[{rs[0].convert<std::string>(), rs[1].convert<std::string>(),
             rs[2].convert<std::string>()}] = rs[3].convert<std::int64_t>();
      }
      return {};
    }));
    return out;
  };
  const auto counted = [&](std::optional<std::vector<std::string>> authorities) {
    store::DossierFilter filter;
    filter.authority_codes = std::move(authorities);
    auto groups = workflows.stateGroups(filter);
    REQUIRE(groups);
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> out;
    for (const auto& g : *groups) out[{g.rulebook_sha256, g.procedure_id, g.state}] = g.count;
    return out;
  };
  CHECK(counted(std::nullopt) == grouped(""));
  CHECK(counted(std::vector<std::string>{"XA-A"}) == grouped("WHERE authority_code = 'XA-A'"));
  CHECK(counted(std::vector<std::string>{"XA-A", "XA-B"}) ==
        grouped("WHERE authority_code IN ('XA-A', 'XA-B')"));
  CHECK(counted(std::vector<std::string>{}).empty());
  // Nine authorities are wider than a statement's list: filtered after the query, the same.
  CHECK(counted(std::vector<std::string>{"XA-A", "X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"}) ==
        grouped("WHERE authority_code = 'XA-A'"));
  CHECK(grouped("WHERE authority_code IS NULL").size() > 0);
  store::DossierFilter unit;
  unit.unit_code = "U1";
  auto by_unit = workflows.stateGroups(unit);
  REQUIRE(by_unit);
  std::int64_t total = 0;
  for (const auto& g : *by_unit) total += g.count;
  CHECK(total == 58);
}

TEST_CASE("an authority's scope follows changes made through another connection or process") {
  testing::TempDir dir;
  const auto file = dir.path() / "awardflow.db";
  auto one = store::Database::open(file);
  auto other = store::Database::open(file);  // another process on the same data directory
  REQUIRE(one);
  REQUIRE(other);
  const auto make = [](const std::string& code, model::Level level,
                       std::optional<std::string> parent) {
    model::AuthorityRecord a;
    a.code = code;
    a.name = code;
    a.level = level;
    a.parent_code = std::move(parent);
    return a;
  };
  const store::Authorities here(*one);
  const store::Authorities there(*other);
  REQUIRE(here.add(make("TINH", model::Level::Province, std::nullopt), "test"));
  REQUIRE(here.add(make("XA-A", model::Level::Commune, "TINH"), "test"));
  using Codes = std::vector<std::string>;
  // Asked twice: the second answer is the kept one.
  for (int i = 0; i < 2; ++i) {
    CHECK(*here.subtree("TINH") == Codes{"TINH", "XA-A"});
    CHECK(*here.heldBy("TINH") == Codes{"TINH"});
  }
  REQUIRE(there.add(make("XA-B", model::Level::Commune, "TINH"), "test"));
  CHECK(*here.subtree("TINH") == Codes{"TINH", "XA-A", "XA-B"});
  REQUIRE(there.end("XA-A", "XA-B", "2025-07-01", "test"));
  CHECK(*here.heldBy("XA-B") == Codes{"XA-A", "XA-B"});
  CHECK(*here.heldBy("TINH") == Codes{"TINH"});

  // Written and rolled back inside a transaction: never kept as the table's state.
  REQUIRE_FALSE(one->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    REQUIRE(
        store::Authorities::addIn(tx, make("XA-C", model::Level::Commune, "TINH"), "test", false));
    CHECK(*here.subtree("TINH") == Codes{"TINH", "XA-A", "XA-B", "XA-C"});
    return core::fail(core::Errc::Conflict, "rolled back");
  }));
  CHECK(*there.subtree("TINH") == Codes{"TINH", "XA-A", "XA-B"});
  // The next change committed takes the number the rolled-back one had.
  REQUIRE(there.add(make("XA-D", model::Level::Commune, "TINH"), "test"));
  CHECK(*here.subtree("TINH") == Codes{"TINH", "XA-A", "XA-B", "XA-D"});
}
