#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/emulation.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// Emulation groups, criteria sets and scores (migration 10). Writes take a transaction (…In) so
// that each goes with its audit event. Thread-safe through the Database.
class EmulationStore {
 public:
  explicit EmulationStore(const Database& database) : database_(database) {}

  // Conflict when the id is taken.
  static core::Result<void> addGroupIn(DatabaseImpl& tx, const model::EmulationGroup& group);
  static core::Result<void> addSetIn(DatabaseImpl& tx, const model::CriteriaSet& set);
  // Replaces the scorer's score of that unit and criterion; returns the previous points.
  static core::Result<std::optional<double>> putScoreIn(DatabaseImpl& tx, const model::Score& s);
  static core::Result<void> closeSetIn(DatabaseImpl& tx, const std::string& id,
                                       const std::string& by, const std::string& at);
  static core::Result<std::optional<model::CriteriaSet>> setIn(DatabaseImpl& tx,
                                                               const std::string& id);
  static core::Result<std::optional<model::EmulationGroup>> groupIn(DatabaseImpl& tx,
                                                                    const std::string& id);

  core::Result<std::vector<model::EmulationGroup>> groups() const;
  core::Result<std::optional<model::EmulationGroup>> group(const std::string& id) const;
  core::Result<std::vector<model::CriteriaSet>> sets() const;
  core::Result<std::optional<model::CriteriaSet>> set(const std::string& id) const;
  core::Result<std::vector<model::Score>> scores(const std::string& set_id) const;

 private:
  // Every group, or the one of that id, with its members in order.
  static core::Result<std::vector<model::EmulationGroup>> groupsIn(DatabaseImpl& db,
                                                                   const std::string* id);
  const Database& database_;
};

}  // namespace awardflow::store
