#include "engine/store/audit_log.hpp"

#include <array>
#include <ctime>
#include <mutex>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "engine/crypto/digest.hpp"
#include "engine/store/detail/database_impl.hpp"
#include "engine/store/detail/sqlite_step.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::range;
using Poco::Data::Keywords::use;

const std::string kGenesis(64, '0');

void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&t, &parts);
  std::array<char, 32> buffer{};
  std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer.data();
}

}  // namespace

std::string canonicalEvent(const Event& e) {
  std::string out = "awardflow-event/1\n";
  field(out, std::to_string(e.seq));
  field(out, e.at);
  field(out, e.actor);
  field(out, e.kind);
  field(out, e.subject);
  field(out, e.payload);
  return out;
}

std::string chainHash(const std::string& prev_hash, const Event& event) {
  return crypto::sha256Hex(prev_hash + "\n" + canonicalEvent(event));
}

core::Result<Event> AuditLog::appendIn(DatabaseImpl& tx, Event event) {
  std::int64_t last_seq = 0;
  std::string last_hash = kGenesis;
  {
    Step last(tx.statements, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
    if (last.row()) {
      last_seq = last.integer(0);
      last_hash = last.text(1);
    }
  }
  event.seq = last_seq + 1;
  if (event.at.empty()) event.at = utcNow();
  event.prev_hash = last_hash;
  event.hash = chainHash(event.prev_hash, event);
  Step(tx.statements,
       "INSERT INTO events (seq, at, actor, kind, subject, payload, prev_hash, hash) VALUES (?, "
       "?, ?, ?, ?, ?, ?, ?)")
      .bind(1, event.seq)
      .bind(2, event.at)
      .bind(3, event.actor)
      .bind(4, event.kind)
      .bind(5, event.subject)
      .bind(6, event.payload)
      .bind(7, event.prev_hash)
      .bind(8, event.hash)
      .run();
  return event;
}

core::Result<Event> AuditLog::append(Event event) const {
  Event written;
  auto done = database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    auto appended = appendIn(tx, std::move(event));
    if (!appended) return core::Unexpected{appended.error()};
    written = std::move(appended).value();
    return {};
  });
  if (!done) return core::Unexpected{done.error()};
  return written;
}

core::Result<std::vector<Event>> AuditLog::read(std::int64_t from_seq, std::int64_t limit) const {
  ReadLease lease = readLease(database_.impl());
  try {
    // Column vectors filled in one step: far cheaper than a row at a time through Poco.
    std::vector<Poco::Int64> seq;
    std::vector<std::string> at, actor, kind, subject, payload, prev_hash, hash;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT seq, at, actor, kind, subject, payload, prev_hash, hash FROM events WHERE "
              "seq >= ? ORDER BY seq LIMIT ?",
        use(from_seq), use(limit), into(seq), into(at), into(actor), into(kind), into(subject),
        into(payload), into(prev_hash), into(hash), now;
    std::vector<Event> out(seq.size());
    for (std::size_t i = 0; i < seq.size(); ++i) {
      Event& e = out[i];
      e.seq = seq[i];
      e.at = std::move(at[i]);
      e.actor = std::move(actor[i]);
      e.kind = std::move(kind[i]);
      e.subject = std::move(subject[i]);
      e.payload = std::move(payload[i]);
      e.prev_hash = std::move(prev_hash[i]);
      e.hash = std::move(hash[i]);
    }
    return out;
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the audit chain: " + e.displayText());
  }
}

core::Result<std::vector<Event>> AuditLog::about(const std::string& subject) const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::vector<Event> out;
    Event row;
    std::string key = subject;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT seq, at, actor, kind, subject, payload, prev_hash, hash FROM events WHERE "
              "subject = ? ORDER BY seq",
        use(key), into(row.seq), into(row.at), into(row.actor), into(row.kind), into(row.subject),
        into(row.payload), into(row.prev_hash), into(row.hash), range(0, 1);
    while (!select.done()) {
      if (select.execute() > 0) out.push_back(row);
    }
    return out;
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the audit chain: " + e.displayText());
  }
}

core::Result<ChainVerification> AuditLog::verify() const {
  ChainVerification result;
  std::string expected_prev = kGenesis;
  std::int64_t expected_seq = 1;
  // One pass over the table on a reader's snapshot, through a cached statement.
  ReadLease lease = readLease(database_.impl());
  try {
    Step rows(lease.impl.statements,
              "SELECT seq, at, actor, kind, subject, payload, prev_hash, hash FROM events ORDER "
              "BY seq");
    Event e;
    while (rows.row()) {
      e.seq = rows.integer(0);
      e.at = rows.text(1);
      e.actor = rows.text(2);
      e.kind = rows.text(3);
      e.subject = rows.text(4);
      e.payload = rows.text(5);
      e.prev_hash = rows.text(6);
      e.hash = rows.text(7);
      ++result.events;
      if (e.seq != expected_seq) {
        result.broken = expected_seq;
        result.reason = "event " + std::to_string(expected_seq) + " is missing";
        return result;
      }
      if (e.prev_hash != expected_prev) {
        result.broken = e.seq;
        result.reason = "event " + std::to_string(e.seq) + " does not link to the event before it";
        return result;
      }
      if (chainHash(e.prev_hash, e) != e.hash) {
        result.broken = e.seq;
        result.reason = "event " + std::to_string(e.seq) + " was altered after it was written";
        return result;
      }
      expected_prev = e.hash;
      ++expected_seq;
    }
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the audit chain: " + e.displayText());
  }
  result.head = expected_prev;
  // Events missing at the end leave the chain itself intact: the signed checkpoints catch
  // that (service::verifyAudit compares them with this result).
  return result;
}

std::string canonicalCheckpoint(const Checkpoint& c) {
  std::string out = "awardflow-checkpoint/1\n";
  field(out, std::to_string(c.seq));
  field(out, c.head);
  field(out, c.at);
  return out;
}

core::Result<std::pair<std::int64_t, std::string>> AuditLog::head() const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::int64_t seq = 0;
    std::string hash = kGenesis;
    Poco::Data::Statement last(lease.impl.session);
    last << "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", into(seq), into(hash);
    if (last.execute() == 0) return std::make_pair(std::int64_t{0}, kGenesis);
    return std::make_pair(seq, hash);
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the audit chain: " + e.displayText());
  }
}

core::Result<void> AuditLog::addCheckpoint(const Checkpoint& checkpoint) const {
  return database_.transaction([&](DatabaseImpl& tx) -> core::Result<void> {
    std::int64_t seq = checkpoint.seq;
    int existing = 0;
    tx.session << "SELECT COUNT(*) FROM checkpoints WHERE seq = ?", use(seq), into(existing), now;
    if (existing != 0) return core::fail(core::Errc::Conflict, "a checkpoint exists at this seq");
    std::string head = checkpoint.head, at = checkpoint.at, signature = checkpoint.signature,
                certificate = checkpoint.certificate;
    tx.session << "INSERT INTO checkpoints (seq, head, at, signature, certificate) VALUES (?, ?, "
                  "?, ?, ?)",
        use(seq), use(head), use(at), use(signature), use(certificate), now;
    return {};
  });
}

core::Result<std::optional<Checkpoint>> AuditLog::lastCheckpoint() const {
  ReadLease lease = readLease(database_.impl());
  try {
    Checkpoint row;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT seq, head, at, signature, certificate FROM checkpoints ORDER BY seq DESC "
              "LIMIT 1",
        into(row.seq), into(row.head), into(row.at), into(row.signature), into(row.certificate);
    if (select.execute() == 0) return std::optional<Checkpoint>();
    return std::optional<Checkpoint>(row);
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the checkpoints: " + e.displayText());
  }
}

core::Result<std::vector<Checkpoint>> AuditLog::checkpoints() const {
  ReadLease lease = readLease(database_.impl());
  try {
    std::vector<Checkpoint> out;
    Checkpoint row;
    Poco::Data::Statement select(lease.impl.session);
    select << "SELECT seq, head, at, signature, certificate FROM checkpoints ORDER BY seq",
        into(row.seq), into(row.head), into(row.at), into(row.signature), into(row.certificate),
        range(0, 1);
    while (!select.done()) {
      if (select.execute() > 0) out.push_back(row);
    }
    return out;
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable, "cannot read the checkpoints: " + e.displayText());
  }
}

}  // namespace awardflow::store
