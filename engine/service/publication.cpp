// Workflow publication: nominee lists posted for public comment, the comments and their answers.

#include <algorithm>

#include "engine/dossier/reader.hpp"
#include "engine/service/detail/workflow_support.hpp"
#include "engine/service/workflow.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::service {
using namespace detail;  // NOLINT(google-build-using-namespace): the use cases' helpers
namespace {

constexpr std::size_t kMaxAuthor = 200;
constexpr std::size_t kMaxContact = 200;
constexpr std::size_t kMaxComment = 4000;
constexpr std::int64_t kMaxCommentsPerDossier = 1000;
constexpr std::size_t kCommentsPerWindow = 5;
constexpr std::time_t kCommentWindowSeconds = 600;

// Characters, not bytes: names and comments are Vietnamese.
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool postedOn(const model::DossierInstance& d, const core::Date& today) {
  return d.publication_from && d.publication_until && *d.publication_from <= today &&
         today <= *d.publication_until;
}

}  // namespace

core::Result<std::vector<PublicNotice>> Workflow::publicNotices() const {
  store::DossierFilter filter;
  filter.limit = 100000;
  auto all = store_.dossiers(filter);
  if (!all) return core::Unexpected{all.error()};
  const core::Date on = today();
  std::vector<PublicNotice> out;
  for (const model::DossierInstance& d : *all) {
    if (!postedOn(d, on)) continue;
    auto notice = publicNotice(d.id);
    if (notice) out.push_back(std::move(notice).value());
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PublicNotice& a, const PublicNotice& b) { return a.until < b.until; });
  return out;
}

core::Result<PublicNotice> Workflow::publicNotice(const std::string& dossier_id) const {
  auto d = store_.dossier(dossier_id);
  if (!d) return core::Unexpected{d.error()};
  if (!*d || !postedOn(**d, today())) {
    return refuse(core::Errc::NotFound, "no nominee list " + dossier_id + " is posted for comment",
                  "không có danh sách " + dossier_id + " đang công khai lấy ý kiến");
  }
  const model::DossierInstance& instance = **d;
  auto xml = data_.blobs.get(instance.xml_sha256);
  if (!xml) return core::Unexpected{xml.error()};
  auto parsed = xml::parse(*xml);
  if (!parsed.document) {
    return core::fail(core::Errc::Internal,
                      "the stored dossier of " + dossier_id + " does not parse");
  }
  const model::Dossier dossier = dossier::readDossier(*parsed.document);
  PublicNotice notice;
  notice.dossier_id = instance.id;
  notice.title = instance.title;
  notice.unit_name = dossier.unit_name;
  notice.from = *instance.publication_from;
  notice.until = *instance.publication_until;
  if (auto rulebook = pinned(instance.rulebook_sha256)) {
    if (const model::Procedure* p = (*rulebook)->procedure(instance.procedure_id)) {
      notice.procedure_title_vi = p->title.vi;
      notice.procedure_title_en = p->title.en.empty() ? p->title.vi : p->title.en;
    }
  }
  for (const model::Nominee& n : dossier.nominees) {
    PublicNominee row;
    row.name = model::nomineeName(n);
    if (const auto* i = std::get_if<model::Individual>(&n)) {
      row.position = i->position;
      row.works_at = i->unit;
      row.achievement = i->achievement;
    } else if (const auto* c = std::get_if<model::Collective>(&n)) {
      row.works_at = dossier.unit_name;
      row.achievement = c->achievement;
    } else if (const auto* f = std::get_if<model::Family>(&n)) {
      row.works_at = f->address;
      row.achievement = f->achievement;
    }
    notice.nominees.push_back(std::move(row));
  }
  return notice;
}

core::Result<model::PublicComment> Workflow::comment(const std::string& dossier_id,
                                                     const std::string& author,
                                                     const std::string& contact,
                                                     const std::string& text,
                                                     const std::string& client) {
  // One address may not fill a list's comments (and so shut others out): 5 in 10 minutes.
  const std::time_t now = clock_.now();
  if (!client.empty()) {
    const std::lock_guard<std::mutex> lock(comment_mutex_);
    if (comment_times_.size() > 10000) comment_times_.clear();  // bounded memory
    auto& times = comment_times_[client];
    times.erase(std::remove_if(times.begin(), times.end(),
                               [&](std::time_t t) { return now - t >= kCommentWindowSeconds; }),
                times.end());
    if (times.size() >= kCommentsPerWindow) {
      return refuse(core::Errc::TooManyRequests,
                    "too many comments from this address: try again in a few minutes",
                    "quá nhiều góp ý từ địa chỉ này: hãy thử lại sau ít phút");
    }
  }
  const std::string who = trimmed(author), body = trimmed(text), reach = trimmed(contact);
  if (who.empty() || characters(who) > kMaxAuthor) {
    return refuse(core::Errc::InvalidArgument, "give your name (at most 200 characters)",
                  "hãy ghi họ tên (tối đa 200 ký tự)");
  }
  if (body.empty() || characters(body) > kMaxComment) {
    return refuse(core::Errc::InvalidArgument, "write the comment (at most 4000 characters)",
                  "hãy ghi nội dung góp ý (tối đa 4000 ký tự)");
  }
  if (characters(reach) > kMaxContact) {
    return refuse(core::Errc::InvalidArgument, "the contact is too long (at most 200 characters)",
                  "thông tin liên hệ quá dài (tối đa 200 ký tự)");
  }
  model::PublicComment c;
  c.dossier_id = dossier_id;
  c.at = core::utcTimestamp(now);
  c.author = who;
  c.contact = reach;
  c.text = body;
  const core::Date on = today();
  auto stored = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    // Checked inside the transaction: the window may close, or the office act, meanwhile.
    auto d = store::WorkflowStore::dossierIn(tx, dossier_id);
    if (!d) return core::Unexpected{d.error()};
    if (!*d || !postedOn(**d, on)) {
      return refuse(core::Errc::NotFound,
                    "no nominee list " + dossier_id + " is posted for comment",
                    "không có danh sách " + dossier_id + " đang công khai lấy ý kiến");
    }
    auto count = store::WorkflowStore::commentCountIn(tx, dossier_id);
    if (!count) return core::Unexpected{count.error()};
    if (*count >= kMaxCommentsPerDossier) {
      return refuse(
          core::Errc::Unavailable,
          "this list has taken its most comments; write to the standing office",
          "danh sách này đã nhận đủ số góp ý tối đa; hãy gửi văn bản đến cơ quan thường trực");
    }
    auto id = store::WorkflowStore::addCommentIn(tx, c);
    if (!id) return core::Unexpected{id.error()};
    c.id = *id;
    store::Event e;
    e.at = c.at;
    e.actor = "public";
    e.kind = "comment.received";
    e.subject = dossier_id;
    e.payload = "{\"comment\":" + std::to_string(c.id) + ",\"author\":" + js(c.author) +
                ",\"text\":" + js(c.text) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (!stored) return core::Unexpected{stored.error()};
  if (!client.empty()) {
    const std::lock_guard<std::mutex> lock(comment_mutex_);
    comment_times_[client].push_back(now);
  }
  checkpointQuietly();
  return c;
}

core::Result<std::vector<model::PublicComment>> Workflow::comments(
    const model::User& actor, const std::string& dossier_id) const {
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  auto all = store_.comments(dossier_id);
  if (!all) return core::Unexpected{all.error()};
  const bool sees_contact = actor.role == model::Role::StandingOffice ||
                            actor.role == model::Role::Chairperson ||
                            actor.role == model::Role::Admin;
  if (!sees_contact) {
    for (model::PublicComment& c : *all) c.contact.clear();
  }
  return all;
}

core::Result<void> Workflow::resolveComment(const model::User& actor, const std::string& dossier_id,
                                            std::int64_t comment_id,
                                            const std::string& resolution) {
  auto allowed =
      requireRole(actor, model::Role::StandingOffice, "answer public comments", "trả lời góp ý");
  if (!allowed) return allowed;
  auto d = visible(actor, dossier_id);
  if (!d) return core::Unexpected{d.error()};
  const std::string answer = trimmed(resolution);
  if (answer.empty() || characters(answer) > kMaxComment) {
    return refuse(core::Errc::InvalidArgument, "write how the comment was resolved",
                  "hãy ghi kết quả giải quyết góp ý");
  }
  const std::string at = core::utcTimestamp(clock_.now());
  auto done = data_.database.transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
    auto resolved =
        store::WorkflowStore::resolveCommentIn(tx, dossier_id, comment_id, answer, actor.login, at);
    if (!resolved) return resolved;
    store::Event e;
    e.at = at;
    e.actor = actor.login;
    e.kind = "comment.resolved";
    e.subject = dossier_id;
    e.payload =
        "{\"comment\":" + std::to_string(comment_id) + ",\"resolution\":" + js(answer) + "}";
    auto appended = store::AuditLog::appendIn(tx, e);
    if (!appended) return core::Unexpected{appended.error()};
    return {};
  });
  if (!done) return done;
  checkpointQuietly();
  return {};
}

}  // namespace awardflow::service
