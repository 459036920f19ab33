#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/instance.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

inline constexpr std::size_t kMaxListedStates = 32;

struct DossierFilter {
  std::optional<std::string> unit_code;
  std::optional<std::string> state;
  // In any of these states (at most kMaxListedStates); empty = any state.
  std::vector<std::string> states;
  // Dossiers of these authorities only (an empty list matches none); absent = any.
  std::optional<std::vector<std::string>> authority_codes;
  std::optional<std::string> procedure_id;
  std::optional<int> year;           // the year of the tracking code (HS-YYYY-…)
  std::optional<std::string> after;  // a page after this tracking code (rows are by id)
  std::int64_t limit = 1000;
};

// One member's part in a ballot, as the store keeps it: never the choice of a secret ballot.
struct ParticipationRecord {
  std::string login;
  model::Participation manner = model::Participation::InPerson;
  std::string recorded_by;
  std::string at;
  std::optional<model::BallotChoice> open_choice;  // open ballots only
};

// The dossier lifecycle tables (migration 3): instances, files, office documents, deficiency
// lists, opinions, council sessions, ballots and decisions. Writes (`…In`) run inside the caller's
// Database::transaction together with their audit event; reads lock the connection themselves
// and are safe from any thread. Every failure of SQLite is Errc::Unavailable.
// A dossier forwarded upward (origin) and the incoming dossier it became at the authority above.
struct DossierLink {
  std::string origin_id;
  std::string incoming_id;
  std::string linked_at;
};

class WorkflowStore {
 public:
  explicit WorkflowStore(const Database& database) : database_(database) {}

  // ---- rulebooks

  // Pins rulebook `id` at `version` to the hash of its bytes (stored as a blob by the caller).
  // Succeeds when the same pin exists; fails with Errc::Config when the version is pinned to other
  // bytes (the file was changed without a new version).
  static core::Result<void> pinRulebookIn(DatabaseImpl& tx, const std::string& id, int version,
                                          const std::string& sha256, const std::string& at);

  // ---- numbering

  // The next number of `series` in `year` (1, 2, …), kept in the transaction: gaps only where a
  // transaction rolled back, duplicates never. A series that has no number yet in `year`
  // continues after the last of `continue_from` in that year, if any (an authority's numbering
  // taking over from the installation's single one).
  static core::Result<int> nextNumberIn(DatabaseImpl& tx, const std::string& series, int year,
                                        const std::string& continue_from = "");

  // ---- dossiers

  // Inserts a new instance and its files. Fails with Errc::Conflict when the id exists.
  static core::Result<void> insertDossierIn(DatabaseImpl& tx, const model::DossierInstance& d,
                                            const std::vector<model::StoredFile>& files);

  // Writes `d` over the stored instance when its stored version is still `expected_version`,
  // setting version to expected_version + 1. Fails with Errc::Conflict (naming both versions) when
  // someone changed it first, Errc::NotFound when there is no such dossier.
  static core::Result<void> updateDossierIn(DatabaseImpl& tx, const model::DossierInstance& d,
                                            std::int64_t expected_version);

  // Marks the dossier escalated at `at` unless it was; returns whether this call marked it.
  // Leaves the version alone: escalation is the system's note, not a change of the dossier.
  static core::Result<bool> markEscalatedIn(DatabaseImpl& tx, const std::string& id,
                                            const std::string& at);

  static core::Result<void> addFilesIn(DatabaseImpl& tx, const std::string& dossier_id,
                                       const std::vector<model::StoredFile>& files);

  static core::Result<std::optional<model::DossierInstance>> dossierIn(DatabaseImpl& tx,
                                                                       const std::string& id);
  core::Result<std::optional<model::DossierInstance>> dossier(const std::string& id) const;
  core::Result<std::vector<model::DossierInstance>> dossiers(const DossierFilter& filter) const;
  // How many dossiers `filter`'s unit and authorities hold (its other fields are ignored), by
  // pinned rulebook, procedure and state: what a home page counts and a queue looks for.
  struct StateGroup {
    std::string rulebook_sha256;
    std::string procedure_id;
    std::string state;
    std::int64_t count = 0;
  };
  core::Result<std::vector<StateGroup>> stateGroups(const DossierFilter& filter) const;
  // Dossiers with a due date on or before `date` whose deadline has not stopped.
  // Dossiers whose deadline runs and falls on or before `date`, soonest first; of these
  // authorities only when given (an empty list matches none).
  core::Result<std::vector<model::DossierInstance>> dueBy(
      const core::Date& date,
      const std::optional<std::vector<std::string>>& authority_codes = std::nullopt) const;
  core::Result<std::vector<model::StoredFile>> files(const std::string& dossier_id) const;
  // How many dossiers are in each state.
  core::Result<std::vector<std::pair<std::string, std::int64_t>>> countByState() const;
  // Issued decisions that stand (not revoked), newest first: the public list.
  core::Result<std::vector<std::pair<model::DossierInstance, model::OfficeDocument>>>
  publishedDecisions(std::int64_t limit) const;
  // Dossiers with a ballot in a council session that `login` is a member of.
  core::Result<bool> onSessionOf(const std::string& dossier_id, const std::string& login) const;

  // ---- office documents

  static core::Result<void> insertDocumentIn(DatabaseImpl& tx, const model::OfficeDocument& doc);
  core::Result<std::vector<model::OfficeDocument>> documents(const std::string& dossier_id) const;
  core::Result<std::optional<model::OfficeDocument>> document(const std::string& id) const;

  // ---- upward links: a forwarded dossier and the incoming dossier it became above

  // Links `origin_id` to `incoming_id`. Errc::Conflict when either is linked already.
  static core::Result<void> linkIn(DatabaseImpl& tx, const std::string& origin_id,
                                   const std::string& incoming_id, const std::string& at);
  // The link of a dossier on either side, none when it has none.
  static core::Result<std::optional<DossierLink>> linkOfIn(DatabaseImpl& tx,
                                                           const std::string& dossier_id);
  core::Result<std::optional<DossierLink>> linkOf(const std::string& dossier_id) const;

  // ---- deficiency lists (each a JSON array of strings)

  static core::Result<void> addDeficiencyListIn(DatabaseImpl& tx, const std::string& dossier_id,
                                                int round, const std::vector<std::string>& items,
                                                const std::string& by, const std::string& at);
  static core::Result<std::vector<std::vector<std::string>>> deficiencyListsIn(
      DatabaseImpl& tx, const std::string& dossier_id);
  core::Result<std::vector<std::vector<std::string>>> deficiencyLists(
      const std::string& dossier_id) const;

  // ---- opinions asked of other agencies during appraisal

  // Records a request; Errc::Conflict when this agency was asked already.
  // Public comments during a publication window (store/comment_store.cpp). addCommentIn returns
  // the new comment's id; resolveCommentIn fails with NotFound (no such comment on the dossier)
  // or Conflict (resolved already).
  static core::Result<std::int64_t> addCommentIn(DatabaseImpl& tx, const model::PublicComment& c);
  static core::Result<void> resolveCommentIn(DatabaseImpl& tx, const std::string& dossier_id,
                                             std::int64_t id, const std::string& resolution,
                                             const std::string& by, const std::string& at);
  static core::Result<std::int64_t> commentCountIn(DatabaseImpl& tx, const std::string& dossier_id);
  core::Result<std::vector<model::PublicComment>> comments(const std::string& dossier_id) const;

  static core::Result<void> requestOpinionIn(DatabaseImpl& tx, const std::string& dossier_id,
                                             const model::Opinion& opinion);
  // Records the answer; Errc::NotFound when it was not asked, Errc::Conflict when answered.
  static core::Result<void> receiveOpinionIn(DatabaseImpl& tx, const std::string& dossier_id,
                                             const std::string& agency, const std::string& text,
                                             const std::string& at);
  core::Result<std::vector<model::Opinion>> opinions(const std::string& dossier_id) const;
  // What the guards of several dossiers depend on, read at once for a page of them (three
  // queries, not three per dossier): each one's opinions and ballots, as opinions() and
  // ballots() give them, and whether a decision is recorded. Every id asked is in the answer.
  struct GuardFacts {
    std::vector<model::Opinion> opinions;
    std::vector<model::Ballot> ballots;
    bool decided = false;
  };
  core::Result<std::map<std::string, GuardFacts>> guardFacts(
      const std::vector<std::string>& dossier_ids) const;

  // ---- council sessions and ballots

  static core::Result<void> insertSessionIn(DatabaseImpl& tx, const model::CouncilSession& session);
  static core::Result<void> closeSessionIn(DatabaseImpl& tx, const std::string& id);
  static core::Result<std::optional<model::CouncilSession>> sessionIn(DatabaseImpl& tx,
                                                                      const std::string& id);
  core::Result<std::optional<model::CouncilSession>> session(const std::string& id) const;
  core::Result<std::vector<model::CouncilSession>> sessions() const;

  // Opens a ballot; Errc::Conflict when the dossier has an open one.
  static core::Result<void> insertBallotIn(DatabaseImpl& tx, const model::Ballot& ballot);
  static core::Result<std::optional<model::Ballot>> openBallotIn(DatabaseImpl& tx,
                                                                 const std::string& dossier_id);
  core::Result<std::optional<model::Ballot>> openBallot(const std::string& dossier_id) const;
  core::Result<std::vector<model::Ballot>> ballots(const std::string& dossier_id) const;
  core::Result<std::vector<model::Ballot>> sessionBallots(const std::string& session_id) const;

  // Records one member's part. In a secret ballot the choice goes into the ballot box under a
  // random token, apart from the participation row; in an open ballot it is kept with it.
  // Errc::Conflict when the member has a record in this ballot already.
  static core::Result<void> castIn(DatabaseImpl& tx, const std::string& ballot_id,
                                   model::VoteMode mode, const ParticipationRecord& record,
                                   std::optional<model::BallotChoice> choice);
  static core::Result<std::vector<ParticipationRecord>> participationIn(
      DatabaseImpl& tx, const std::string& ballot_id);
  core::Result<std::vector<ParticipationRecord>> participation(const std::string& ballot_id) const;

  // Counts the ballot. `members` is the session's membership. Errc::Internal when the ballot box
  // and the participation records disagree (a damaged store).
  static core::Result<model::Tally> countIn(DatabaseImpl& tx, const model::Ballot& ballot,
                                            int members);

  core::Result<model::Tally> count(const model::Ballot& ballot, int members) const;

  static core::Result<void> closeBallotIn(DatabaseImpl& tx, const model::Ballot& closed);

  // ---- decisions

  static core::Result<void> putDecisionIn(DatabaseImpl& tx, const model::Decision& decision);
  static core::Result<std::optional<model::Decision>> decisionIn(DatabaseImpl& tx,
                                                                 const std::string& dossier_id);
  core::Result<std::optional<model::Decision>> decision(const std::string& dossier_id) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
