#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/report.hpp"

namespace awardflow::model {

// Administrative levels. `Agency` is the head of an agency or enterprise and sits beside, not on,
// the territorial ladder village < commune < district < province < central.
enum class Level { Village, Commune, District, Province, Central, Agency };

enum class AwardForm {
  CertificateOfMerit,          // Giấy khen
  AdvancedWorker,              // Lao động tiên tiến
  GrassrootsEmulationFighter,  // Chiến sĩ thi đua cơ sở
  AdvancedCollective,          // Tập thể lao động tiên tiến
  CulturalVillage,             // Thôn, tổ dân phố văn hóa
  CulturalFamily,              // Gia đình văn hóa
  ExcellentCollective,         // Tập thể lao động xuất sắc
  ProvincialCertificate,       // Bằng khen của Chủ tịch UBND tỉnh
  ProvincialEmulationFighter,  // Chiến sĩ thi đua cấp tỉnh
  PmCertificate,               // Bằng khen của Thủ tướng Chính phủ
  ProvincialEmulationFlag,     // Cờ thi đua của Ủy ban nhân dân tỉnh
  ModelCommune,                // Xã, phường tiêu biểu
};

enum class SubjectKind { Individual, Collective, Family, Village };

enum class PartKind {
  Proposal,
  AchievementReport,
  AchievementSummary,
  ReviewMinutes,
  RatingMinutes,
  InitiativeRecognition,
  CouncilMinutes,
  PostingMinutes,
  Other,
};

// Annual rating, best first so that a smaller value is a better rating.
enum class Rating { Excellent, Good, Completed, NotCompleted };

// Disciplinary measures, lightest first.
enum class Discipline { None, Reprimand, Warning, SalaryDemotion, Demotion, Removal, Dismissal };

enum class Retention { Permanent, Years20, Years10, Years5 };

enum class VariantKind { Standard, Simplified };

enum class VoteMode { None, Open, Secret };

// Names as they stand in the XML schemas ("certificate-of-merit"); parse* return nullopt for
// anything else.
std::string_view name(Level value);
std::string_view name(AwardForm value);
std::string_view name(SubjectKind value);
std::string_view name(PartKind value);
std::string_view name(Rating value);
std::string_view name(Discipline value);
std::string_view name(Retention value);
std::string_view name(VariantKind value);
std::string_view name(VoteMode value);
std::optional<Level> parseLevel(std::string_view text);
std::optional<AwardForm> parseAwardForm(std::string_view text);
std::optional<SubjectKind> parseSubjectKind(std::string_view text);
std::optional<PartKind> parsePartKind(std::string_view text);
std::optional<Rating> parseRating(std::string_view text);
std::optional<Discipline> parseDiscipline(std::string_view text);
std::optional<Retention> parseRetention(std::string_view text);
std::optional<VariantKind> parseVariantKind(std::string_view text);
std::optional<VoteMode> parseVoteMode(std::string_view text);

// Labels a person reads, e.g. label(PartKind::Proposal) = {"tờ trình", "proposal letter"}.
core::Message label(PartKind value);
core::Message label(Rating value);
core::Message label(Discipline value);
core::Message label(SubjectKind value);
core::Message label(Level value);
core::Message label(AwardForm value);  // "Lao động tiên tiến" / "Advanced Worker"

// Rank on the territorial ladder (village 0 … central 4); nullopt for Agency.
std::optional<int> territorialRank(Level level);

struct LocalizedText {
  std::string vi;
  std::string en;  // empty when the source gives no English
};

struct LegalSource {
  std::string id;
  std::string kind;    // law, decree, circular, decision, directive, plan
  std::string number;  // "06/2022/QH15"
  core::Date date;
  std::string title;
};

struct LegalRef {
  std::string source;   // LegalSource::id
  std::string article;  // "Điều 26", may be empty
};

struct PartRule {
  PartKind kind = PartKind::Proposal;
  bool per_nominee = false;
  int copies = 1;
  LocalizedText label;
};

// Council vote rule. Shares are of ALL council members, not of those present.
struct VoteRule {
  VoteMode mode = VoteMode::None;
  std::optional<double> quorum;
  std::optional<double> threshold;
  bool strict = false;  // true: more than the threshold; false: at least
};

struct Publication {
  int days = 0;
  bool working_days = true;
};

struct Variant {
  VariantKind kind = VariantKind::Standard;
  std::vector<PartRule> parts;
  int time_limit_working_days = 0;
  VoteRule vote;
  std::optional<Publication> publication;
};

struct ShareBound {
  double value = 0;
  bool strict = false;  // true: more than `value`; false: at least
};

// Criteria parameters; each engaged optional switches its check on.
struct Criteria {
  std::optional<Rating> min_rating;
  std::optional<Discipline> max_discipline;
  bool no_administrative_sanction = false;
  bool initiative_required = false;
  std::optional<double> quota_share;
  std::optional<ShareBound> min_advanced_worker_share;
  std::optional<ShareBound> min_duties_completed_share;
  std::optional<int> min_emulation_fighters;
  std::optional<int> max_members_disciplined_warning_or_above;
};

// ---- Lifecycles (state machines as data)

enum class Role {
  SubmittingUnit,
  StandingOffice,
  CouncilMember,
  Chairperson,
  Archivist,
  Admin,
  System
};

enum class Guard {
  PartsComplete,
  SignaturesValid,
  CommentGiven,
  DeficienciesListed,
  OpinionsReceived,
  VoteRequired,
  NoVote,
  VotePassed,
  VoteFailed,
  PublicationRequired,
  NoPublication,
  PublicationElapsed,
  Upward,
  Local,
};

enum class Effect {
  IssueReceipt,
  RecordDeficiencies,
  OpenBallot,
  CloseBallot,
  OpenPublication,
  RecordDecision,
  IssueDecision,
  Seal,
  ForwardUpward,
  Revoke,
};

std::string_view name(Role value);
std::string_view name(Guard value);
std::string_view name(Effect value);
std::optional<Role> parseRole(std::string_view text);
std::optional<Guard> parseGuard(std::string_view text);
std::optional<Effect> parseEffect(std::string_view text);
core::Message label(Role value);
core::Message label(Guard value);  // the condition, as a person reads it ("a reason is given")

struct LifecycleState {
  enum class Kind { Initial, Normal, Terminal };
  std::string id;
  LocalizedText label;
  Kind kind = Kind::Normal;
};

struct LifecycleAction {
  std::string id;
  LocalizedText label;
  std::vector<std::string> from;
  std::string to;
  Role role = Role::StandingOffice;
  std::vector<Guard> guards;
  std::vector<Effect> effects;

  bool leaves(std::string_view state) const;
};

struct Deadline {
  std::string start;
  std::vector<std::string> stop;
  Role escalate_to = Role::Chairperson;
};

// How a proposal forwarded upward hears back when the authority above decides it in the same
// installation: from state `from`, the dossier moves to `returned` when the level above returns
// it for completion, to `decided` when it issues its decision, to `not_approved` when it refuses.
struct UpwardAnswers {
  std::string from;
  std::string returned;
  std::string decided;
  std::string not_approved;
};

struct Lifecycle {
  std::string id;
  LocalizedText title;
  std::vector<LifecycleState> states;
  std::vector<LifecycleAction> actions;
  std::optional<Deadline> deadline;
  // Present when a forwarded proposal arrives above in this installation (rulebooks of today's
  // law); absent, a forwarded proposal is a signed document to carry (district-era rulebooks).
  std::optional<UpwardAnswers> answers;

  const LifecycleState* state(std::string_view state_id) const;
  const LifecycleState* initial() const;
  const LifecycleAction* action(std::string_view action_id) const;
};

struct Procedure {
  std::string id;
  LocalizedText title;
  AwardForm award_form = AwardForm::CertificateOfMerit;
  std::vector<SubjectKind> subjects;
  Level decided_by = Level::District;
  LocalizedText decided_by_name;
  std::vector<Level> nominators;  // empty = any level may nominate
  Criteria criteria;
  std::vector<Variant> variants;
  Retention retention = Retention::Years10;
  std::vector<LegalRef> legal_refs;
  std::string lifecycle;  // Lifecycle::id in the same rulebook

  // The variant of that kind, or nullptr when the procedure has none.
  const Variant* variant(VariantKind kind) const;
};

struct Authority {
  Level level = Level::District;
  std::string code;
  LocalizedText name;
  std::optional<int> council_members;
};

// One rulebook file, immutable once loaded.
struct Rulebook {
  std::string id;
  int version = 1;
  std::string content_sha256;  // of the file's bytes, for pinning
  std::string source_path;
  LocalizedText title;
  Authority authority;
  core::Date valid_from;
  std::optional<core::Date> valid_to;
  std::vector<LegalSource> sources;
  std::vector<Lifecycle> lifecycles;
  std::vector<Procedure> procedures;

  const Procedure* procedure(std::string_view procedure_id) const;
  const Lifecycle* lifecycle(std::string_view lifecycle_id) const;
  bool inForce(const core::Date& date) const;
  // True when the procedure is decided above this rulebook's authority (an upward proposal).
  bool isUpward(const Procedure& procedure) const;
};

}  // namespace awardflow::model
