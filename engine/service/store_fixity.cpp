#include "engine/service/store_fixity.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "engine/store/live_files.hpp"

namespace awardflow::service {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::size_t kListedInEvent = 100;
constexpr const char* kEventKind = "store.fixity-checked";
constexpr const char* kSubject = "store";

const char* problemName(store::BlobState state) {
  switch (state) {
    case store::BlobState::Missing:
      return "missing";
    case store::BlobState::Damaged:
      return "damaged";
    case store::BlobState::Unreadable:
      return "unreadable";
    case store::BlobState::Intact:
      break;
  }
  return "";
}

Object::Ptr toJson(const StoreAudit& audit, std::size_t limit) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("at", audit.at);
  o->set("healthy", audit.healthy());
  o->set("blobs", audit.blobs);
  o->set("damagedBlobCount", audit.damaged_blob_count);
  Array::Ptr damaged = new Array;
  for (std::size_t i = 0; i < audit.damaged_blobs.size() && i < limit; ++i)
    damaged->add(audit.damaged_blobs[i]);
  o->set("damagedBlobs", damaged);
  o->set("references", audit.references);
  o->set("problemCount", audit.problem_count);
  Array::Ptr problems = new Array;
  for (std::size_t i = 0; i < audit.problems.size() && i < limit; ++i) {
    const LiveFileProblem& p = audit.problems[i];
    Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("dossierId", p.dossier_id);
    item->set("name", p.name);
    item->set("sha256", p.sha256);
    item->set("problem", p.problem);
    problems->add(item);
  }
  o->set("problems", problems);
  o->set("database", audit.database);
  return o;
}

}  // namespace

Object::Ptr storeAuditJson(const StoreAudit& audit) {
  Object::Ptr o = toJson(audit, audit.problems.size() + audit.damaged_blobs.size());
  o->set("seq", audit.seq);
  return o;
}

core::Result<StoreAudit> auditStore(const DataDirectory& data, const std::string& actor) {
  StoreAudit audit;
  // Every blob file, read through: damage is found even in blobs nothing refers to any more.
  auto names = data.blobs.list();
  if (!names) return core::Unexpected{names.error()};
  std::set<std::string> bad;
  for (const std::string& sha : *names) {
    ++audit.blobs;
    if (data.blobs.check(sha) != store::BlobState::Intact) {
      audit.damaged_blobs.push_back(sha);
      bad.insert(sha);
    }
  }
  // SQLite's own check first: references read from a damaged database would mislead.
  auto checked = store::LiveFiles(data.database).integrityCheck();
  audit.database = checked ? *checked : "cannot be checked: " + checked.error().message;
  auto references = store::LiveFiles(data.database).references();
  if (references) {
    const std::set<std::string> present(names->begin(), names->end());
    for (const store::BlobReference& r : *references) {
      ++audit.references;
      std::string problem;
      if (present.count(r.sha256) == 0) {
        problem = "missing";
      } else if (bad.count(r.sha256) != 0) {
        problem = problemName(data.blobs.check(r.sha256));
      }
      if (!problem.empty()) audit.problems.push_back({r.dossier_id, r.name, r.sha256, problem});
    }
  } else if (audit.database == "ok") {
    return core::Unexpected{references.error()};
  }
  store::Event event;
  event.actor = actor.empty() ? "system" : actor;
  event.kind = kEventKind;
  event.subject = kSubject;
  std::ostringstream payload;
  audit.damaged_blob_count = static_cast<std::int64_t>(audit.damaged_blobs.size());
  audit.problem_count = static_cast<std::int64_t>(audit.problems.size());
  toJson(audit, kListedInEvent)->stringify(payload);
  event.payload = payload.str();
  auto appended = data.audit().append(event);
  if (!appended) return core::Unexpected{appended.error()};
  audit.at = appended->at;
  audit.seq = appended->seq;
  return audit;
}

core::Result<std::optional<StoreAudit>> lastStoreAudit(const DataDirectory& data) {
  auto events = data.audit().about(kSubject);
  if (!events) return core::Unexpected{events.error()};
  for (auto it = events->rbegin(); it != events->rend(); ++it) {
    if (it->kind != kEventKind) continue;
    StoreAudit audit;
    audit.at = it->at;
    audit.seq = it->seq;
    try {
      Poco::JSON::Parser parser;
      const Object::Ptr o = parser.parse(it->payload).extract<Object::Ptr>();
      audit.blobs = o->getValue<std::int64_t>("blobs");
      audit.references = o->getValue<std::int64_t>("references");
      audit.database = o->getValue<std::string>("database");
      const Array::Ptr damaged = o->getArray("damagedBlobs");
      for (unsigned i = 0; damaged && i < damaged->size(); ++i)
        audit.damaged_blobs.push_back(damaged->getElement<std::string>(i));
      const Array::Ptr problems = o->getArray("problems");
      for (unsigned i = 0; problems && i < problems->size(); ++i) {
        const Object::Ptr p = problems->getObject(i);
        audit.problems.push_back(
            {p->getValue<std::string>("dossierId"), p->getValue<std::string>("name"),
             p->getValue<std::string>("sha256"), p->getValue<std::string>("problem")});
      }
      audit.damaged_blob_count = o->getValue<std::int64_t>("damagedBlobCount");
      audit.problem_count = o->getValue<std::int64_t>("problemCount");
    } catch (const Poco::Exception& e) {
      return core::fail(core::Errc::Unavailable, "the store audit event " +
                                                     std::to_string(it->seq) +
                                                     " cannot be read: " + e.displayText());
    }
    return std::optional<StoreAudit>(std::move(audit));
  }
  return std::optional<StoreAudit>();
}

core::Result<std::vector<LiveFileProblem>> missingFiles(const DataDirectory& data,
                                                        const std::string& dossier_id) {
  auto references = store::LiveFiles(data.database).referencesOf(dossier_id);
  if (!references) return core::Unexpected{references.error()};
  std::vector<LiveFileProblem> out;
  for (const store::BlobReference& r : *references) {
    if (!data.blobs.present(r.sha256, r.size))
      out.push_back(
          {r.dossier_id, r.name, r.sha256, data.blobs.contains(r.sha256) ? "damaged" : "missing"});
  }
  return out;
}

}  // namespace awardflow::service
