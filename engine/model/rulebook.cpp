#include "engine/model/rulebook.hpp"

#include <array>
#include <utility>

namespace awardflow::model {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <typename E, std::size_t N>
std::string_view nameIn(const Names<E, N>& names, E value) {
  for (const auto& [v, n] : names) {
    if (v == value) return n;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> parseIn(const Names<E, N>& names, std::string_view text) {
  for (const auto& [v, n] : names) {
    if (n == text) return v;
  }
  return std::nullopt;
}

constexpr Names<Level, 6> kLevels{{{Level::Village, "village"},
                                   {Level::Commune, "commune"},
                                   {Level::District, "district"},
                                   {Level::Province, "province"},
                                   {Level::Central, "central"},
                                   {Level::Agency, "agency"}}};
constexpr Names<AwardForm, 12> kAwardForms{{
    {AwardForm::CertificateOfMerit, "certificate-of-merit"},
    {AwardForm::AdvancedWorker, "advanced-worker"},
    {AwardForm::GrassrootsEmulationFighter, "grassroots-emulation-fighter"},
    {AwardForm::AdvancedCollective, "advanced-collective"},
    {AwardForm::CulturalVillage, "cultural-village"},
    {AwardForm::CulturalFamily, "cultural-family"},
    {AwardForm::ExcellentCollective, "excellent-collective"},
    {AwardForm::ProvincialCertificate, "provincial-certificate"},
    {AwardForm::ProvincialEmulationFighter, "provincial-emulation-fighter"},
    {AwardForm::PmCertificate, "pm-certificate"},
    {AwardForm::ProvincialEmulationFlag, "provincial-emulation-flag"},
    {AwardForm::ModelCommune, "model-commune"},
}};
constexpr Names<SubjectKind, 4> kSubjects{{{SubjectKind::Individual, "individual"},
                                           {SubjectKind::Collective, "collective"},
                                           {SubjectKind::Family, "family"},
                                           {SubjectKind::Village, "village"}}};
constexpr Names<PartKind, 9> kParts{{
    {PartKind::Proposal, "proposal"},
    {PartKind::AchievementReport, "achievement-report"},
    {PartKind::AchievementSummary, "achievement-summary"},
    {PartKind::ReviewMinutes, "review-minutes"},
    {PartKind::RatingMinutes, "rating-minutes"},
    {PartKind::InitiativeRecognition, "initiative-recognition"},
    {PartKind::CouncilMinutes, "council-minutes"},
    {PartKind::PostingMinutes, "posting-minutes"},
    {PartKind::Other, "other"},
}};
constexpr Names<Rating, 4> kRatings{{{Rating::Excellent, "excellent"},
                                     {Rating::Good, "good"},
                                     {Rating::Completed, "completed"},
                                     {Rating::NotCompleted, "not-completed"}}};
constexpr Names<Discipline, 7> kDisciplines{{{Discipline::None, "none"},
                                             {Discipline::Reprimand, "reprimand"},
                                             {Discipline::Warning, "warning"},
                                             {Discipline::SalaryDemotion, "salary-demotion"},
                                             {Discipline::Demotion, "demotion"},
                                             {Discipline::Removal, "removal"},
                                             {Discipline::Dismissal, "dismissal"}}};
constexpr Names<Retention, 4> kRetentions{{{Retention::Permanent, "permanent"},
                                           {Retention::Years20, "20-years"},
                                           {Retention::Years10, "10-years"},
                                           {Retention::Years5, "5-years"}}};
constexpr Names<VariantKind, 2> kVariants{
    {{VariantKind::Standard, "standard"}, {VariantKind::Simplified, "simplified"}}};
constexpr Names<VoteMode, 3> kVoteModes{
    {{VoteMode::None, "none"}, {VoteMode::Open, "open"}, {VoteMode::Secret, "secret"}}};

constexpr Names<Role, 7> kRoles{{{Role::SubmittingUnit, "submitting-unit"},
                                 {Role::StandingOffice, "standing-office"},
                                 {Role::CouncilMember, "council-member"},
                                 {Role::Chairperson, "chairperson"},
                                 {Role::Archivist, "archivist"},
                                 {Role::Admin, "admin"},
                                 {Role::System, "system"}}};
constexpr Names<Guard, 14> kGuards{{{Guard::PartsComplete, "parts-complete"},
                                    {Guard::SignaturesValid, "signatures-valid"},
                                    {Guard::CommentGiven, "comment-given"},
                                    {Guard::DeficienciesListed, "deficiencies-listed"},
                                    {Guard::OpinionsReceived, "opinions-received"},
                                    {Guard::VoteRequired, "vote-required"},
                                    {Guard::NoVote, "no-vote"},
                                    {Guard::VotePassed, "vote-passed"},
                                    {Guard::VoteFailed, "vote-failed"},
                                    {Guard::PublicationRequired, "publication-required"},
                                    {Guard::NoPublication, "no-publication"},
                                    {Guard::PublicationElapsed, "publication-elapsed"},
                                    {Guard::Upward, "upward"},
                                    {Guard::Local, "local"}}};
constexpr Names<Effect, 10> kEffects{{{Effect::IssueReceipt, "issue-receipt"},
                                      {Effect::RecordDeficiencies, "record-deficiencies"},
                                      {Effect::OpenBallot, "open-ballot"},
                                      {Effect::CloseBallot, "close-ballot"},
                                      {Effect::OpenPublication, "open-publication"},
                                      {Effect::RecordDecision, "record-decision"},
                                      {Effect::IssueDecision, "issue-decision"},
                                      {Effect::Seal, "seal"},
                                      {Effect::ForwardUpward, "forward-upward"},
                                      {Effect::Revoke, "revoke"}}};

}  // namespace

std::string_view name(Role value) { return nameIn(kRoles, value); }
std::string_view name(Guard value) { return nameIn(kGuards, value); }
std::string_view name(Effect value) { return nameIn(kEffects, value); }
std::optional<Role> parseRole(std::string_view t) { return parseIn(kRoles, t); }
std::optional<Guard> parseGuard(std::string_view t) { return parseIn(kGuards, t); }
std::optional<Effect> parseEffect(std::string_view t) { return parseIn(kEffects, t); }

core::Message label(Role value) {
  switch (value) {
    case Role::SubmittingUnit:
      return {"đơn vị trình", "submitting unit"};
    case Role::StandingOffice:
      return {"bộ phận thường trực Hội đồng", "standing office"};
    case Role::CouncilMember:
      return {"thành viên Hội đồng", "council member"};
    case Role::Chairperson:
      return {"Chủ tịch", "chairperson"};
    case Role::Archivist:
      return {"văn thư lưu trữ", "archivist"};
    case Role::Admin:
      return {"quản trị", "administrator"};
    case Role::System:
      return {"hệ thống", "system"};
  }
  return {};
}

core::Message label(Guard value) {
  switch (value) {
    case Guard::PartsComplete:
      return {"hồ sơ đủ thành phần, hợp lệ", "the dossier is complete and valid"};
    case Guard::SignaturesValid:
      return {"chữ ký số hợp lệ", "its signatures are valid"};
    case Guard::CommentGiven:
      return {"có nêu lý do bằng văn bản", "a reason is given in writing"};
    case Guard::DeficienciesListed:
      return {"có danh mục đầy đủ các nội dung cần bổ sung",
              "the complete list of what is missing is given"};
    case Guard::OpinionsReceived:
      return {"đã nhận đủ ý kiến của các cơ quan được hỏi",
              "every opinion asked of other agencies is in"};
    case Guard::VoteRequired:
      return {"thủ tục có bỏ phiếu", "the procedure has a council vote"};
    case Guard::NoVote:
      return {"thủ tục không bỏ phiếu", "the procedure has no council vote"};
    case Guard::VotePassed:
      return {"kết quả bỏ phiếu đạt tỷ lệ quy định",
              "the ballot reached the required share of all members"};
    case Guard::VoteFailed:
      return {"kết quả bỏ phiếu không đạt tỷ lệ quy định",
              "the ballot did not reach the required share"};
    case Guard::PublicationRequired:
      return {"thủ tục có công khai", "the procedure has public posting"};
    case Guard::NoPublication:
      return {"thủ tục không công khai", "the procedure has no public posting"};
    case Guard::PublicationElapsed:
      return {"đã hết thời gian công khai", "the posting period is over"};
    case Guard::Upward:
      return {"hình thức do cấp trên quyết định", "the award is decided above this level"};
    case Guard::Local:
      return {"hình thức do cấp này quyết định", "the award is decided at this level"};
  }
  return {};
}

bool LifecycleAction::leaves(std::string_view state) const {
  for (const std::string& f : from) {
    if (f == state) return true;
  }
  return false;
}

const LifecycleState* Lifecycle::state(std::string_view state_id) const {
  for (const LifecycleState& s : states) {
    if (s.id == state_id) return &s;
  }
  return nullptr;
}

const LifecycleState* Lifecycle::initial() const {
  for (const LifecycleState& s : states) {
    if (s.kind == LifecycleState::Kind::Initial) return &s;
  }
  return nullptr;
}

const LifecycleAction* Lifecycle::action(std::string_view action_id) const {
  for (const LifecycleAction& a : actions) {
    if (a.id == action_id) return &a;
  }
  return nullptr;
}

const Lifecycle* Rulebook::lifecycle(std::string_view lifecycle_id) const {
  for (const Lifecycle& l : lifecycles) {
    if (l.id == lifecycle_id) return &l;
  }
  return nullptr;
}

std::string_view name(Level value) { return nameIn(kLevels, value); }
std::string_view name(AwardForm value) { return nameIn(kAwardForms, value); }
std::string_view name(SubjectKind value) { return nameIn(kSubjects, value); }
std::string_view name(PartKind value) { return nameIn(kParts, value); }
std::string_view name(Rating value) { return nameIn(kRatings, value); }
std::string_view name(Discipline value) { return nameIn(kDisciplines, value); }
std::string_view name(Retention value) { return nameIn(kRetentions, value); }
std::string_view name(VariantKind value) { return nameIn(kVariants, value); }
std::string_view name(VoteMode value) { return nameIn(kVoteModes, value); }
std::optional<Level> parseLevel(std::string_view t) { return parseIn(kLevels, t); }
std::optional<AwardForm> parseAwardForm(std::string_view t) { return parseIn(kAwardForms, t); }
std::optional<SubjectKind> parseSubjectKind(std::string_view t) { return parseIn(kSubjects, t); }
std::optional<PartKind> parsePartKind(std::string_view t) { return parseIn(kParts, t); }
std::optional<Rating> parseRating(std::string_view t) { return parseIn(kRatings, t); }
std::optional<Discipline> parseDiscipline(std::string_view t) { return parseIn(kDisciplines, t); }
std::optional<Retention> parseRetention(std::string_view t) { return parseIn(kRetentions, t); }
std::optional<VariantKind> parseVariantKind(std::string_view t) { return parseIn(kVariants, t); }
std::optional<VoteMode> parseVoteMode(std::string_view t) { return parseIn(kVoteModes, t); }

core::Message label(PartKind value) {
  switch (value) {
    case PartKind::Proposal:
      return {"tờ trình đề nghị", "proposal letter"};
    case PartKind::AchievementReport:
      return {"báo cáo thành tích", "achievement report"};
    case PartKind::AchievementSummary:
      return {"tóm tắt thành tích", "summary of the achievement"};
    case PartKind::ReviewMinutes:
      return {"biên bản họp xét", "minutes of the review meeting"};
    case PartKind::RatingMinutes:
      return {"biên bản bình xét", "minutes of the peer rating"};
    case PartKind::InitiativeRecognition:
      return {"giấy công nhận sáng kiến", "recognition of the initiative"};
    case PartKind::CouncilMinutes:
      return {"biên bản họp Hội đồng Thi đua – Khen thưởng",
              "minutes of the Emulation–Commendation Council"};
    case PartKind::PostingMinutes:
      return {"biên bản niêm yết công khai", "minutes of public posting"};
    case PartKind::Other:
      return {"tài liệu khác", "other document"};
  }
  return {};
}

core::Message label(Rating value) {
  switch (value) {
    case Rating::Excellent:
      return {"hoàn thành xuất sắc nhiệm vụ", "completed duties excellently"};
    case Rating::Good:
      return {"hoàn thành tốt nhiệm vụ", "completed duties well"};
    case Rating::Completed:
      return {"hoàn thành nhiệm vụ", "completed duties"};
    case Rating::NotCompleted:
      return {"không hoàn thành nhiệm vụ", "did not complete duties"};
  }
  return {};
}

core::Message label(Discipline value) {
  switch (value) {
    case Discipline::None:
      return {"không bị kỷ luật", "no discipline"};
    case Discipline::Reprimand:
      return {"khiển trách", "reprimand"};
    case Discipline::Warning:
      return {"cảnh cáo", "warning"};
    case Discipline::SalaryDemotion:
      return {"hạ bậc lương", "salary demotion"};
    case Discipline::Demotion:
      return {"giáng chức", "demotion"};
    case Discipline::Removal:
      return {"cách chức", "removal from office"};
    case Discipline::Dismissal:
      return {"buộc thôi việc", "dismissal"};
  }
  return {};
}

core::Message label(SubjectKind value) {
  switch (value) {
    case SubjectKind::Individual:
      return {"cá nhân", "individual"};
    case SubjectKind::Collective:
      return {"tập thể", "collective"};
    case SubjectKind::Family:
      return {"hộ gia đình", "family"};
    case SubjectKind::Village:
      return {"thôn, tổ dân phố", "village or residential group"};
  }
  return {};
}

core::Message label(Level value) {
  switch (value) {
    case Level::Village:
      return {"thôn, tổ dân phố", "village"};
    case Level::Commune:
      return {"cấp xã", "commune"};
    case Level::District:
      return {"cấp huyện", "district"};
    case Level::Province:
      return {"cấp tỉnh", "province"};
    case Level::Central:
      return {"trung ương", "central"};
    case Level::Agency:
      return {"cơ quan, đơn vị", "agency"};
  }
  return {};
}

core::Message label(AwardForm value) {
  switch (value) {
    case AwardForm::CertificateOfMerit:
      return {"Giấy khen", "Certificate of Merit"};
    case AwardForm::AdvancedWorker:
      return {"Lao động tiên tiến", "Advanced Worker"};
    case AwardForm::GrassrootsEmulationFighter:
      return {"Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter"};
    case AwardForm::AdvancedCollective:
      return {"Tập thể lao động tiên tiến", "Advanced Collective"};
    case AwardForm::CulturalVillage:
      return {"Thôn, tổ dân phố văn hóa", "Cultural village"};
    case AwardForm::CulturalFamily:
      return {"Gia đình văn hóa", "Cultural family"};
    case AwardForm::ExcellentCollective:
      return {"Tập thể lao động xuất sắc", "Excellent Collective"};
    case AwardForm::ProvincialCertificate:
      return {"Bằng khen", "Provincial Certificate of Merit"};
    case AwardForm::ProvincialEmulationFighter:
      return {"Chiến sĩ thi đua cấp tỉnh", "Provincial Emulation Fighter"};
    case AwardForm::PmCertificate:
      return {"Bằng khen của Thủ tướng Chính phủ", "Prime Minister's Certificate of Merit"};
    case AwardForm::ProvincialEmulationFlag:
      return {"Cờ thi đua của Ủy ban nhân dân tỉnh", "Provincial Emulation Flag"};
    case AwardForm::ModelCommune:
      return {"Xã, phường tiêu biểu", "Model commune or ward"};
  }
  return {};
}

std::optional<int> territorialRank(Level level) {
  switch (level) {
    case Level::Village:
      return 0;
    case Level::Commune:
      return 1;
    case Level::District:
      return 2;
    case Level::Province:
      return 3;
    case Level::Central:
      return 4;
    case Level::Agency:
      return std::nullopt;
  }
  return std::nullopt;
}

const Variant* Procedure::variant(VariantKind kind) const {
  for (const Variant& v : variants) {
    if (v.kind == kind) return &v;
  }
  return nullptr;
}

const Procedure* Rulebook::procedure(std::string_view procedure_id) const {
  for (const Procedure& p : procedures) {
    if (p.id == procedure_id) return &p;
  }
  return nullptr;
}

bool Rulebook::inForce(const core::Date& date) const {
  return valid_from <= date && (!valid_to || date <= *valid_to);
}

bool Rulebook::isUpward(const Procedure& p) const {
  if (p.decided_by == authority.level) return false;
  const auto decider = territorialRank(p.decided_by);
  const auto own = territorialRank(authority.level);
  // An agency head's rulebook forwards anything decided by a territorial authority.
  if (!own) return decider.has_value();
  return decider && *decider > *own;
}

}  // namespace awardflow::model
