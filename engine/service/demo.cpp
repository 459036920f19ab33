#include "engine/service/demo.hpp"

#include "engine/core/file.hpp"
#include "engine/service/paths.hpp"

namespace awardflow::service {
namespace {

struct Demo {
  const DataDirectory& data;
  Workflow& workflow;

  core::Result<SigningMaterial> key(const std::string& login) const {
    return loadSigningMaterial(data.root / "demo-keys" / (login + ".p12"), std::nullopt,
                               std::nullopt, "demo-" + login + "-2026");
  }

  core::Result<std::string> submit(const std::string& login, const std::string& sample) const {
    auto material = key(login);
    if (!material) return core::Unexpected{material.error()};
    auto bytes = core::readFile(dataHome() / "samples/dossiers/valid" / sample);
    if (!bytes) return core::Unexpected{bytes.error()};
    auto signed_bytes = signBytes(*bytes, *material);
    if (!signed_bytes) return core::Unexpected{signed_bytes.error()};
    SubmitRequest request;
    request.xml = std::move(signed_bytes).value();
    request.source = sample;
    request.attachments_dir = dataHome() / "samples/attachments";
    auto user = workflow.user(login);
    if (!user) return core::Unexpected{user.error()};
    auto outcome = workflow.submit(*user, request);
    if (!outcome) return core::Unexpected{outcome.error()};
    return outcome->instance.id;
  }

  core::Result<void> act(const std::string& login, const ActRequest& request) const {
    auto user = workflow.user(login);
    if (!user) return core::Unexpected{user.error()};
    auto outcome = workflow.act(*user, request);
    if (!outcome) return core::Unexpected{outcome.error()};
    return {};
  }

  core::Result<void> act(const std::string& login, const std::string& id,
                         const std::string& action) const {
    ActRequest r;
    r.dossier_id = id;
    r.action = action;
    return act(login, r);
  }

  core::Result<void> vote(const std::string& login, const std::string& id) const {
    auto user = workflow.user(login);
    if (!user) return core::Unexpected{user.error()};
    VoteRequest v;
    v.dossier_id = id;
    v.choice = model::BallotChoice::Approve;
    auto outcome = workflow.vote(*user, v);
    if (!outcome) return core::Unexpected{outcome.error()};
    return {};
  }
};

#define AWARDFLOW_TRY(expr)                                 \
  do {                                                      \
    auto result_ = (expr);                                  \
    if (!result_) return core::Unexpected{result_.error()}; \
  } while (false)

}  // namespace

core::Result<std::vector<std::string>> seedDemoDossiers(const DataDirectory& data,
                                                        Workflow& workflow) {
  auto office = workflow.user("thuong-truc");
  if (!office) return core::Unexpected{office.error()};
  auto existing = workflow.list(*office, std::nullopt);
  if (!existing) return core::Unexpected{existing.error()};
  if (!existing->empty()) return std::vector<std::string>();
  const Demo demo{data, workflow};
  std::vector<std::string> ids;

  auto session = workflow.openSession(*office, "Phiên họp Hội đồng Thi đua – Khen thưởng huyện",
                                      workflow.today(), {});
  if (!session) return core::Unexpected{session.error()};

  // 1. Phố Châu's Advanced Workers: the whole way to the archive.
  auto sealed = demo.submit("pho-chau", "09-pho-chau-2024-advanced-worker.xml");
  if (!sealed) return core::Unexpected{sealed.error()};
  ids.push_back(*sealed);
  AWARDFLOW_TRY(demo.act("thuong-truc", *sealed, "receive"));
  AWARDFLOW_TRY(demo.act("thuong-truc", *sealed, "start-appraisal"));
  ActRequest send;
  send.dossier_id = *sealed;
  send.action = "send-to-council";
  send.session_id = session->id;
  AWARDFLOW_TRY(demo.act("thuong-truc", send));
  for (const char* member : {"hoi-dong-1", "hoi-dong-2", "hoi-dong-3"})
    AWARDFLOW_TRY(demo.vote(member, *sealed));
  AWARDFLOW_TRY(demo.act("thuong-truc", *sealed, "close-vote"));
  AWARDFLOW_TRY(demo.act("chu-tich", *sealed, "approve"));
  auto chair = demo.key("chu-tich");
  if (!chair) return core::Unexpected{chair.error()};
  ActRequest issue;
  issue.dossier_id = *sealed;
  issue.action = "issue";
  issue.signer = *chair;
  AWARDFLOW_TRY(demo.act("chu-tich", issue));
  AWARDFLOW_TRY(demo.act("luu-tru", *sealed, "seal"));

  // 2. THCS Sơn Tiến's Advanced Workers: before the council, one member has voted.
  auto voting = demo.submit("thcs-son-tien", "02-thcs-son-tien-2023-advanced-worker.xml");
  if (!voting) return core::Unexpected{voting.error()};
  ids.push_back(*voting);
  AWARDFLOW_TRY(demo.act("thuong-truc", *voting, "receive"));
  AWARDFLOW_TRY(demo.act("thuong-truc", *voting, "start-appraisal"));
  send.dossier_id = *voting;
  AWARDFLOW_TRY(demo.act("thuong-truc", send));
  AWARDFLOW_TRY(demo.vote("hoi-dong-1", *voting));

  // 3. Phòng GD&ĐT's Advanced Collectives: returned with the one complete list of what is missing.
  auto returned = demo.submit("pgddt", "04-pgddt-2023-advanced-collective.xml");
  if (!returned) return core::Unexpected{returned.error()};
  ids.push_back(*returned);
  ActRequest back;
  back.dossier_id = *returned;
  back.action = "return";
  back.deficiencies = {"Biên bản họp xét thiếu chữ ký của thư ký cuộc họp",
                       "Bản scan báo cáo thành tích trang 2 bị mờ, cần scan lại (≥ 200 dpi)"};
  AWARDFLOW_TRY(demo.act("thuong-truc", back));

  // 4. Sơn Tiến's Grassroots Emulation Fighters: just submitted.
  auto submitted = demo.submit("son-tien", "03-son-tien-2023-grassroots-emulation-fighter.xml");
  if (!submitted) return core::Unexpected{submitted.error()};
  ids.push_back(*submitted);
  return ids;
}

}  // namespace awardflow::service
