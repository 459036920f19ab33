#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/core/calendar.hpp"
#include "engine/core/clock.hpp"
#include "engine/core/error.hpp"
#include "engine/model/account.hpp"
#include "engine/model/instance.hpp"
#include "engine/model/record.hpp"
#include "engine/service/data_directory.hpp"
#include "engine/service/signatures.hpp"
#include "engine/service/validation.hpp"
#include "engine/store/audit_log.hpp"
#include "engine/store/workflow_store.hpp"
#include "engine/workflow/engine.hpp"

namespace awardflow::service {

struct WorkflowConfig {
  ValidationConfig validation;  // schemas and rulebooks; trust_dir defaults to DATA/trust
  std::filesystem::path calendar_file;
  // The agency's electronic identifier (OrganId of NĐ 30/2020 FileCodes): DATA/agency/organ-id
  // when that file exists, else "AWARDFLOW".
  std::string organ_id = "AWARDFLOW";
  // Archival packages as .zip files rather than directories (DATA/archive/FILECODE[.zip]).
  bool archive_zip = false;
  // A signed checkpoint of the audit chain once this many events follow the last one.
  int checkpoint_every = 64;
  // The share of individual awards that should go to direct labourers (Directive 03: > 35 %):
  // DATA/agency/direct-labourer-target (a number from 0 to 1) when that file exists.
  double direct_labourer_target = 0.35;
};

// The defaults under dataHome() and the data directory.
WorkflowConfig defaultWorkflowConfig(const DataDirectory& data);

struct SubmitRequest {
  std::string xml;                        // the dossier's bytes
  std::string source;                     // file name, for messages
  std::filesystem::path attachments_dir;  // where the attached files are
};

struct SubmitOutcome {
  model::DossierInstance instance;
  core::Report report;  // the validation report (warnings and notices)
};

struct ActRequest {
  std::string dossier_id;
  std::string action;
  std::string comment;
  std::optional<std::int64_t> expected_version;  // the version the actor saw
  std::vector<std::string> deficiencies;         // for `return`
  std::optional<std::string> session_id;         // for `send-to-council`
  std::optional<SigningMaterial> signer;         // the chairperson's key, for issue/forward
  std::optional<SubmitRequest> resubmission;     // the completed dossier, for `resubmit`
};

struct ActOutcome {
  model::DossierInstance instance;  // after the action
  std::string from;
  std::string action;
  std::vector<model::OfficeDocument> documents;  // issued by this action
  std::optional<model::Tally> tally;
  std::optional<bool> vote_passed;
};

struct VoteRequest {
  std::string dossier_id;
  std::optional<model::BallotChoice> choice;  // none when recusing
  bool recuse = false;
  std::optional<std::string>
      on_behalf_of;     // an absent member's written vote, entered by the office
  std::string comment;  // reason for a recusal
};

struct VoteOutcome {
  std::string ballot_id;
  int recorded = 0;  // members recorded so far
  int members = 0;
};

struct OverdueItem {
  model::DossierInstance instance;
  int working_days_late = 0;
  bool escalated_now = false;  // the escalation event was recorded by this call
  model::Role escalate_to = model::Role::Chairperson;
};

// A dossier filled in as a form, completed for its unit and checked (Workflow::checkForm).
struct FormCheck {
  model::Dossier dossier;  // with the unit, an id, and each attachment's size, digest and type
  std::string xml;         // the unsigned XML written from it
  core::Report report;     // every problem; Location::path is the form field ("" for none)
};

// A nominee as the public sees it on a posted list: no birth year, ratings or contact.
struct PublicNominee {
  std::string name;
  std::string position;
  std::string works_at;
  std::string achievement;
};

// A nominee list posted for public comment (the dossier's publication window is open today).
struct PublicNotice {
  std::string dossier_id;
  std::string title;
  std::string unit_name;
  std::string procedure_title_vi;
  std::string procedure_title_en;
  core::Date from;
  core::Date until;  // the last day comments are taken
  std::vector<PublicNominee> nominees;
};

// One part the procedure asks of a dossier (the standing office's completeness checklist) and
// what the dossier's latest revision brings of it.
struct ChecklistItem {
  model::PartKind part = model::PartKind::Other;
  core::Message label;
  int needed = 1;  // one per nominee for a per-nominee part
  int found = 0;   // documents of that part (per-nominee: nominees covered)
  bool complete() const { return found >= needed; }
};

// A procedure a dossier may follow, as a form offers it.
struct ProcedureChoice {
  std::string rulebook;
  std::string procedure;
  std::string title_vi;
  std::string title_en;
};

// Everything a person needs to see about one dossier.
struct DossierStatus {
  model::DossierInstance instance;
  std::string procedure_title;  // vi
  std::string state_label_vi;
  std::string state_label_en;
  bool terminal = false;
  std::vector<workflow::Choice> choices;  // for the asking actor's role
  std::vector<model::StoredFile> files;
  // Of `files`, those whose blob is missing or not of the recorded size now, as "r1/name" (a
  // cheap look on every status; `awardflow audit files` reads every blob through).
  std::set<std::string> unusable_files;
  std::vector<model::OfficeDocument> documents;
  std::vector<std::vector<std::string>> deficiency_lists;
  // An upward proposal: the incoming dossier it became above, or the dossier it came from.
  std::optional<std::string> forwarded_as;
  std::optional<std::string> arrived_from;
  std::vector<model::Opinion> opinions;
  std::vector<model::Ballot> ballots;
  std::optional<int> open_ballot_recorded;  // members recorded in the open ballot
  std::optional<model::Decision> decision;
  std::optional<int> working_days_left;  // negative when late
};

// The dossier lifecycle use cases (DESIGN.md §3): submit, act, vote, council sessions,
// opinions, status, history, overdue. Each change is one store transaction with its audit
// event; a refused request changes nothing. Decisions follow the rulebook pinned on the
// instance (workflow::decide). Thread-safe: share one Workflow between threads.
class Workflow {
 public:
  // Loads schemas, rulebooks, the calendar, the trust directory and the agency key. Fails with
  // Errc::Config or Errc::NotFound (no agency key: run awardflow init).
  static core::Result<std::unique_ptr<Workflow>> open(const DataDirectory& data,
                                                      const WorkflowConfig& config,
                                                      const core::Clock& clock);

  // What a printed decision or certificate needs of a dossier the actor may see: its latest
  // revision read into the model, the procedure's title and who decides it.
  struct PrintFacts {
    model::Dossier dossier;
    std::string procedure_title;
    std::string decided_by;  // "Chủ tịch UBND huyện Hương Sơn"
    std::string agency;      // the issuing authority's name (Workflow::issuerNameOf)
    model::AwardForm award_form = model::AwardForm::CertificateOfMerit;
  };
  core::Result<PrintFacts> printFacts(const model::User& actor, const std::string& id) const;
  // The same for derived records (reports): no access check. Errc::NotFound for no dossier.
  core::Result<PrintFacts> storedDossier(const std::string& id) const;

  // The completeness checklist of a dossier `actor` may see: each part its procedure's variant
  // asks for, and how much of it the latest revision brings.
  core::Result<std::vector<ChecklistItem>> checklist(const model::User& actor,
                                                     const std::string& id) const;

  // Every rulebook loaded (read-only; for the administration pages).
  const std::vector<model::Rulebook>& rulebooks() const {
    return validator_.rulebooks().rulebooks();
  }

  // Every procedure of every rulebook, the newest rulebook first (a dossier follows the rulebook
  // in force on its own date).
  std::vector<ProcedureChoice> procedures() const;

  // The active user with this login. Errc::NotFound (unknown), Errc::PermissionDenied (inactive).
  core::Result<model::User> user(const std::string& login) const;

  // Validates a dossier as submit() would (schema, rules, attachments when `attachments_dir` is
  // given, signatures against the trust store) and stores nothing. Thread-safe.
  ValidationResult validate(std::string_view xml, const std::string& source,
                            const std::filesystem::path& attachments_dir) const {
    return attachments_dir.empty() ? validator_.validateBytes(xml, source)
                                   : validator_.validateBytes(xml, source, attachments_dir);
  }

  // Completes a dossier filled in as a form by `actor` (a submitting unit's clerk): the unit's
  // code, name and level; an id when none is given (UNIT.YEAR.NUMBER of the proposal); each
  // attachment's size, SHA-256 and media type, and page count when not given, from the file of
  // that name in `attachments_dir`. Then validates it as submit() would, before signing, and
  // reports each problem at its form field (service::formField). Stores nothing. Errc::
  // PermissionDenied for a user without a unit.
  core::Result<FormCheck> checkForm(const model::User& actor, model::Dossier dossier,
                                    const std::filesystem::path& attachments_dir) const;
  // checkForm, then, when nothing is wrong, signs the XML with the actor's personal key (opened
  // with `signing_pin`, see loadUserSigningKey) and submits it. Errc::Invalid (details: "field:
  // problem") when the form has errors; otherwise as submit().
  core::Result<SubmitOutcome> submitForm(const model::User& actor, model::Dossier dossier,
                                         const std::filesystem::path& attachments_dir,
                                         const std::string& signing_pin);

  // The `resubmit` action of a returned dossier filled in again as a form: checkForm, then signs
  // with the actor's key and resubmits it as the dossier's next revision. `dossier` keeps the
  // returned dossier's id. Errc::Invalid (details: "field: problem") when the form has errors;
  // otherwise as act().
  core::Result<ActOutcome> resubmitForm(const model::User& actor, const std::string& dossier_id,
                                        std::optional<std::int64_t> expected_version,
                                        model::Dossier dossier,
                                        const std::filesystem::path& attachments_dir,
                                        const std::string& signing_pin);

  // Validates and stores a dossier (draft → submitted). Fails with Errc::Invalid (details: the
  // located problems), Errc::PermissionDenied (not the actor's unit), Errc::IllegalTransition
  // (unsigned or signatures not valid). A retried request is answered once by
  // service::RequestReplies, around this call.
  core::Result<SubmitOutcome> submit(const model::User& actor, const SubmitRequest& request);

  // Takes one action of the dossier's lifecycle. Fails with Errc::NotFound, PermissionDenied,
  // IllegalTransition (naming every unmet guard), Conflict (stale version), InvalidArgument.
  core::Result<ActOutcome> act(const model::User& actor, const ActRequest& request);

  // Records a council member's ballot (or an absent member's written ballot, entered by the
  // standing office, or a recusal). In a secret ballot the choice is kept apart from who voted.
  core::Result<VoteOutcome> vote(const model::User& actor, const VoteRequest& request);

  // Opens a council session; `members` empty = every active council member.
  core::Result<model::CouncilSession> openSession(const model::User& actor,
                                                  const std::string& title,
                                                  const core::Date& meets_on,
                                                  std::vector<std::string> members);
  // Closes a session; Errc::IllegalTransition while a ballot of it is open.
  core::Result<void> closeSession(const model::User& actor, const std::string& session_id);

  // Opinions of other agencies during appraisal (standing office).
  core::Result<void> requestOpinion(const model::User& actor, const std::string& dossier_id,
                                    const std::string& agency);
  core::Result<void> receiveOpinion(const model::User& actor, const std::string& dossier_id,
                                    const std::string& agency, const std::string& text);

  // What `actor` may see: a unit's users their unit's dossiers only.
  core::Result<DossierStatus> status(const model::User& actor, const std::string& dossier_id) const;
  core::Result<std::vector<store::Event>> history(const model::User& actor,
                                                  const std::string& dossier_id) const;
  core::Result<std::vector<model::DossierInstance>> list(const model::User& actor,
                                                         std::optional<std::string> state) const;
  // One page of what `actor` may see, by tracking code, with the filters given; `next` is the
  // cursor of the page after it (none on the last page). Errc::InvalidArgument for a limit
  // outside 1–1000.
  struct ListQuery {
    std::optional<std::string> state;
    std::vector<std::string> states;  // any of these (at most store::kMaxListedStates)
    std::optional<std::string> unit;
    std::optional<std::string> procedure;
    std::optional<int> year;
    std::optional<std::string> after;
    std::int64_t limit = 100;
  };
  struct ListPage {
    std::vector<model::DossierInstance> items;
    std::optional<std::string> next;
  };
  core::Result<ListPage> list(const model::User& actor, const ListQuery& query) const;

  // The dossiers `actor` can act on now (an action of their role leaves the dossier's state and
  // its guards hold), by tracking code after `after`, at most `limit` (1–200); `next` is the
  // cursor of the page after. Only dossiers in a state where the role has an action in some
  // pinned lifecycle are read, each confirmed by the same choices status() gives (from the
  // guards' facts only: opinions and ballots, not files or documents): a province's ten years
  // of closed dossiers cost nothing. Errc::InvalidArgument for a limit outside 1–200.
  struct QueueItem {
    model::DossierInstance instance;
    std::string state_label_vi;
    std::string state_label_en;
    std::vector<workflow::Choice> choices;  // as DossierStatus::choices
    std::optional<int> working_days_left;   // negative when late
    bool decided = false;                   // a decision is recorded
  };
  struct QueuePage {
    std::vector<QueueItem> items;
    std::optional<std::string> next;
  };
  core::Result<QueuePage> queue(const model::User& actor, std::optional<std::string> after,
                                std::int64_t limit) const;
  // How many of the dossiers `actor` may see are in each state, with the state's label in the
  // pinned lifecycle, most first. Counted by the store, not by listing.
  struct StateCount {
    std::string state;
    std::string label_vi;
    std::string label_en;
    std::int64_t count = 0;
  };
  core::Result<std::vector<StateCount>> stateCounts(const model::User& actor) const;
  // The label of `d`'s state in its pinned lifecycle ("vi" or "en"); the state's id when the
  // rulebook or state is unknown.
  std::string stateLabel(const model::DossierInstance& d, const std::string& lang) const;

  // Council sessions `actor` may see: every one for the office, the chairperson, archivists and
  // administrators; a council member's own; none for units (PermissionDenied).
  core::Result<std::vector<model::CouncilSession>> councilSessions(const model::User& actor) const;
  // One session with its ballots. NotFound when absent or not visible to `actor`.
  core::Result<std::pair<model::CouncilSession, std::vector<model::Ballot>>> councilSession(
      const model::User& actor, const std::string& session_id) const;

  // How many dossiers are in each state (metrics).
  core::Result<std::vector<std::pair<std::string, std::int64_t>>> countByState() const {
    return store_.countByState();
  }

  // Issued decisions that stand, newest first: what the public sees.
  core::Result<std::vector<std::pair<model::DossierInstance, model::OfficeDocument>>>
  publishedDecisions(std::int64_t limit) const;

  // Publication (publication.cpp). The nominee lists posted for comment today, for anyone
  // without signing in, the soonest to close first.
  core::Result<std::vector<PublicNotice>> publicNotices() const;
  // One posted list; Errc::NotFound when the dossier is not posted today.
  core::Result<PublicNotice> publicNotice(const std::string& dossier_id) const;
  // A comment of the public on a posted list: `author` (1–200 characters) and `text` (1–4000)
  // required, `contact` (≤ 200) optional and shown to the office only. Errc::NotFound when the
  // list is not posted today, InvalidArgument for bad fields, Unavailable after 1000 comments on
  // one dossier, TooManyRequests after 5 comments in 10 minutes from one `client` (the address
  // it came from; kept in memory only, never stored). Recorded with a comment.received event
  // (without the contact).
  core::Result<model::PublicComment> comment(const std::string& dossier_id,
                                             const std::string& author, const std::string& contact,
                                             const std::string& text,
                                             const std::string& client = "");
  // The comments on a dossier `actor` may see; the contact is kept for the standing office, the
  // chairperson and administrators only.
  core::Result<std::vector<model::PublicComment>> comments(const model::User& actor,
                                                           const std::string& dossier_id) const;
  // The standing office's answer to a comment (comment.resolved event). NotFound, Conflict
  // (answered already), InvalidArgument (empty answer), PermissionDenied.
  core::Result<void> resolveComment(const model::User& actor, const std::string& dossier_id,
                                    std::int64_t comment_id, const std::string& resolution);

  // A signed office document of a dossier `actor` may see, and its bytes.
  core::Result<std::pair<model::OfficeDocument, std::string>> document(
      const model::User& actor, const std::string& dossier_id,
      const std::string& document_id) const;
  // A file of a dossier (the XML of a revision or an attachment), latest revision first.
  core::Result<std::pair<model::StoredFile, std::string>> file(const model::User& actor,
                                                               const std::string& dossier_id,
                                                               const std::string& name) const;

  // A forwarded proposal that leaves this installation (to the central level, until the edXML
  // exchange carries it) as one zip named "<id>-to-trinh.zip": the signed proposal, the council's
  // tally, the dossier's current revision and its scans, and manifest.xml listing each file with
  // its size and SHA-256, sealed by the dossier's authority. For the staff of the dossier's
  // authority (office, chairperson, archivist, administrator); PermissionDenied for units and
  // council members, IllegalTransition while the dossier has no signed proposal.
  struct OutgoingPackage {
    std::string file_name;
    std::string bytes;
  };
  core::Result<OutgoingPackage> outgoingPackage(const model::User& actor,
                                                const std::string& dossier_id) const;

  // Dossiers past their due date on `on` (default today) whose deadline runs. With `escalate`,
  // records one deadline.escalated event per dossier the first time it is seen late.
  core::Result<std::vector<OverdueItem>> overdue(std::optional<core::Date> on, bool escalate);
  // The overdue list as `actor` may see it: the office, the chairperson, archivists and
  // administrators; PermissionDenied for units and council members. Records no escalation.
  core::Result<std::vector<OverdueItem>> overdueFor(const model::User& actor,
                                                    std::optional<core::Date> on);

  // Signs a checkpoint of the audit chain now (force) or when checkpoint_every events follow
  // the last one. Returns the checkpoint written, if any.
  core::Result<std::optional<store::Checkpoint>> checkpoint(bool force);

  const core::WorkingCalendar& calendar() const { return calendar_; }
  const WorkflowConfig& config() const { return config_; }
  core::Date today() const { return core::vietnamDate(clock_.now()); }

 private:
  struct Pinned;
  Workflow(const DataDirectory& data, WorkflowConfig config, const core::Clock& clock,
           Validator validator, SignatureVerifier verifier, xml::Schema rulebook_schema,
           core::WorkingCalendar calendar, SigningMaterial agency);

  core::Result<std::shared_ptr<const model::Rulebook>> pinned(const std::string& sha256) const;
  // Working days from today to the due date of `d` (negative when late); none without a due
  // date, while stopped, or beyond the calendar.
  std::optional<int> workingDaysLeft(const model::DossierInstance& d) const;
  // What `actor` could do now on `d` under its pinned `rulebook` and `procedure`, given its
  // opinions and ballots: status()'s choices, read by queue() without the rest of the status.
  core::Result<std::vector<workflow::Choice>> choicesOf(
      const model::User& actor, const model::DossierInstance& d, const model::Rulebook& rulebook,
      const model::Procedure& procedure, const std::vector<model::Opinion>& opinions,
      const std::vector<model::Ballot>& ballots) const;
  // A queue's row for `d`, its guards' facts read already (WorkflowStore::guardFacts).
  core::Result<QueueItem> queueItem(const model::User& actor, model::DossierInstance d,
                                    const store::WorkflowStore::GuardFacts& facts) const;
  // What `actor` may see as a store filter: their unit's dossiers for a unit's clerk, else
  // their authorities' (every one for a user of the whole installation).
  core::Result<store::DossierFilter> seenBy(const model::User& actor) const;
  // The authority a dossier of `unit_code` under `rulebook` goes to: the rulebook's, or the
  // unit's for a rulebook that serves every authority of its level; nullopt in an installation
  // that keeps no authorities. PermissionDenied when the unit is under another authority or the
  // authority has ended, Config when it is not kept.
  core::Result<std::optional<std::string>> submittedTo(const std::string& unit_code,
                                                       const model::Rulebook& rulebook) const;
  // Who decides `procedure` for dossier `d`, as written in its documents: the rulebook's words,
  // or, for a procedure decided at the level of a rulebook that serves every authority of that
  // level, "Chủ tịch " and the name of the dossier's authority.
  std::string decidedByName(const model::DossierInstance& d, const model::Rulebook& rulebook,
                            const model::Procedure& procedure) const;
  core::Result<PrintFacts> storedDossier(const model::DossierInstance& d) const;
  core::Result<model::DossierInstance> visible(const model::User& actor,
                                               const std::string& dossier_id) const;
  // Who issues for a dossier of `authority_code`: the authority, or for one that has ended the
  // successor holding its records (a district's, the province), by its name, sealed with its
  // own seal (agency.hpp), issued under the installation CA the first time it is needed; the
  // installation's name and seal for a dossier of no authority. The seal is read again when
  // its certificate file changes (a seal installed while the server runs). Thread-safe.
  struct Issuer {
    std::optional<std::string> code;
    std::string name;
    std::shared_ptr<const SigningMaterial> seal;  // null from issuerNameOf
  };
  core::Result<Issuer> issuerOf(const std::optional<std::string>& authority_code) const;
  // The same without its seal (nothing is read or issued but the authorities).
  core::Result<Issuer> issuerNameOf(const std::optional<std::string>& authority_code) const;
  core::Result<model::OfficeDocument> makeDocument(
      store::DatabaseImpl& tx, model::OfficeDocument doc, const Issuer& issuer,
      const std::string& subject, const std::vector<std::pair<std::string, std::string>>& fields,
      const std::vector<std::string>& items, const SigningMaterial* first_signer) const;
  // Builds and writes the archival package of dossier `d` being sealed by `sealer` (see
  // archive/package.hpp): every revision's files, the signed office documents, the history, the
  // record metadata, and METS sealed by the holding authority (issuerOf). The catalogue row is
  // returned, not stored.
  core::Result<model::ArchiveRecord> writePackage(const model::DossierInstance& d,
                                                  const model::Procedure& procedure,
                                                  const std::string& sealer, std::time_t now) const;
  // overdue() of these authorities only (all when none are given).
  core::Result<std::vector<OverdueItem>> overdueIn(
      std::optional<core::Date> on, bool escalate,
      const std::optional<std::vector<std::string>>& authorities);
  // Writes a checkpoint when due; `head_seq` is the chain's head when the caller knows it.
  void checkpointQuietly(std::optional<std::int64_t> head_seq = std::nullopt);

  // Upward proposals that arrive (upward.cpp). Where a proposal forwarded by dossier `d` goes
  // and what it carries, gathered before the forward's transaction: the authority above of the
  // procedure's level, its rulebook in force and procedure of the same award form, the
  // forwarding authority's own unit that proposes, the forwarded revision and its files, the
  // council's tally, and the incoming dossier already linked (a proposal forwarded again after
  // the level above returned it). Errc::Config, with what an administrator must add, when
  // nothing above in this installation can take it.
  struct Arrival;
  core::Result<std::shared_ptr<const Arrival>> prepareArrival(const model::DossierInstance& d,
                                                              const model::Procedure& procedure,
                                                              const core::Date& today) const;
  // Inside the forward's transaction: the incoming dossier above (or its next revision), built
  // from the forwarded one with the chairperson's signed proposal, the tally, the forwarded
  // dossier's XML and scans, signed by `signer` and validated there as any submission would be.
  // Returns its id. Errc::Invalid (details: the problems) when it does not pass above.
  core::Result<std::string> arriveIn(store::DatabaseImpl& tx, const Arrival& arrival,
                                     const model::DossierInstance& origin,
                                     const model::OfficeDocument& proposal,
                                     const SigningMaterial& signer, const model::User& actor,
                                     std::time_t now) const;
  enum class Answer { Returned, Decided, NotApproved, Revoked };
  // Inside the transaction of an action on an incoming dossier: its answer moves the linked
  // dossier below (per its lifecycle's answers) with `document` copied to it and the list of what
  // is missing recorded there, and an event on it. Nothing for a dossier that did not arrive.
  // Revoked (the decision above was revoked, perhaps years after both were sealed) moves no
  // state: the dossier below records the revocation and its reason on its decision, as the
  // level above does, and takes the revocation document.
  core::Result<void> answerBelowIn(store::DatabaseImpl& tx, const model::DossierInstance& incoming,
                                   Answer answer, const std::vector<std::string>& deficiencies,
                                   const model::OfficeDocument* document, const std::string& reason,
                                   const model::User& actor, const std::string& at) const;

  const DataDirectory& data_;
  WorkflowConfig config_;
  const core::Clock& clock_;
  Validator validator_;
  SignatureVerifier verifier_;
  xml::Schema rulebook_schema_;
  core::WorkingCalendar calendar_;
  std::shared_ptr<const SigningMaterial> agency_;
  std::string agency_name_;
  store::WorkflowStore store_;
  std::atomic<std::int64_t> last_checkpoint_{-1};  // seq of the last checkpoint seen; -1 unknown
  std::mutex comment_mutex_;
  std::map<std::string, std::vector<std::time_t>> comment_times_;  // client → recent comments
  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, std::shared_ptr<const model::Rulebook>> rulebooks_;
  struct KeptSeal {
    std::filesystem::file_time_type written;
    std::shared_ptr<const SigningMaterial> seal;
  };
  mutable std::map<std::string, KeptSeal> seals_;  // by authority code
};

// The audit chain and its signed checkpoints, checked together.
struct AuditVerification {
  store::ChainVerification chain;
  std::int64_t checkpoints = 0;        // checkpoints whose signature and head hold
  std::optional<std::int64_t> broken;  // first event or checkpoint seq that does not hold
  std::string reason;
  std::int64_t uncovered = 0;  // events after the last checkpoint
  bool intact() const { return chain.intact() && !broken; }
};

// Recomputes the chain and checks every checkpoint against it: its signature (by a certificate
// the data directory's trust store accepts), its head hash, and that no event it covers is gone.
core::Result<AuditVerification> verifyAudit(const DataDirectory& data);

}  // namespace awardflow::service
