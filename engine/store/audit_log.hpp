#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// One entry of the audit chain (DESIGN.md §6).
struct Event {
  std::int64_t seq = 0;   // 1, 2, 3 … without gaps
  std::string at;         // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string actor;      // who acted ("system" for the installation itself)
  std::string kind;       // "store.initialized", "dossier.submitted", …
  std::string subject;    // what it is about (a dossier id, a record code, "" for none)
  std::string payload;    // details, JSON text
  std::string prev_hash;  // hex SHA-256 of the previous event, 64 zeros for the first
  std::string hash;       // hex SHA-256(prev_hash ‖ canonical(event))
};

// The unambiguous bytes an event's hash covers: every field length-prefixed, so that no two
// different events encode alike. Exposed so that exported packages can be checked elsewhere.
std::string canonicalEvent(const Event& event);

// The hash chaining `event` to `prev_hash`.
std::string chainHash(const std::string& prev_hash, const Event& event);

struct ChainVerification {
  std::int64_t events = 0;             // events checked
  std::optional<std::int64_t> broken;  // the first seq whose link does not hold
  std::string reason;                  // why, when broken
  std::string head;                    // hash of the last event
  bool intact() const { return !broken; }
};

// A signed statement that the chain had `seq` events ending in `head` at `at`: the agency key
// signs canonicalCheckpoint(); deleting events after it, or rewriting the chain before it, shows.
struct Checkpoint {
  std::int64_t seq = 0;
  std::string head;         // hash of event `seq`
  std::string at;           // UTC timestamp
  std::string signature;    // base64 of the ECDSA/RSA SHA-256 signature (raw r‖s for ECDSA)
  std::string certificate;  // PEM of the agency certificate that signed it
};

// The bytes a checkpoint's signature covers.
std::string canonicalCheckpoint(const Checkpoint& checkpoint);

// The append-only audit chain in the store's `events` table.
class AuditLog {
 public:
  explicit AuditLog(const Database& database) : database_(database) {}

  // Appends an event inside the caller's transaction (`tx` from Database::transaction), so the
  // event commits or rolls back with the change it records. Fills seq, at, prev_hash, hash.
  static core::Result<Event> appendIn(DatabaseImpl& tx, Event event);

  // Appends an event in its own transaction.
  core::Result<Event> append(Event event) const;

  // Recomputes the whole chain from the first event; stops at the first broken link.
  core::Result<ChainVerification> verify() const;

  // The last event's seq and hash (0 and 64 zeros for an empty chain).
  core::Result<std::pair<std::int64_t, std::string>> head() const;

  // Stores a checkpoint; Errc::Conflict when one exists at that seq.
  core::Result<void> addCheckpoint(const Checkpoint& checkpoint) const;
  // The latest checkpoint, if any.
  core::Result<std::optional<Checkpoint>> lastCheckpoint() const;
  // Every checkpoint, in order.
  core::Result<std::vector<Checkpoint>> checkpoints() const;

  // The events about `subject` (a dossier id …), in order.
  core::Result<std::vector<Event>> about(const std::string& subject) const;

  // Events in order, from `from_seq`, at most `limit`.
  core::Result<std::vector<Event>> read(std::int64_t from_seq, std::int64_t limit) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
