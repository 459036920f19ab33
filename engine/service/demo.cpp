#include "engine/service/demo.hpp"

#include "engine/core/file.hpp"
#include "engine/service/agency.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/paths.hpp"
#include "engine/store/accounts.hpp"
#include "engine/store/authorities.hpp"

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

  // The province platform, when its accounts are there (init --demo adds them).
  auto commune_office = workflow.user("sonkim1-van-phong");
  auto province_office = workflow.user("tinh-van-phong");
  if (!commune_office || !province_office) return ids;

  // 5. Sơn Kim 1's health station: decided by the commune's chairperson and sealed there.
  auto commune_session =
      workflow.openSession(*commune_office, "Phiên họp Hội đồng Thi đua – Khen thưởng xã Sơn Kim 1",
                           workflow.today(), {});
  if (!commune_session) return core::Unexpected{commune_session.error()};
  auto commune = demo.submit("tyt-sonkim1", "26-tyt-son-kim-1-2026-advanced-worker.xml");
  if (!commune) return core::Unexpected{commune.error()};
  ids.push_back(*commune);
  AWARDFLOW_TRY(demo.act("sonkim1-van-phong", *commune, "receive"));
  AWARDFLOW_TRY(demo.act("sonkim1-van-phong", *commune, "start-appraisal"));
  send.dossier_id = *commune;
  send.session_id = commune_session->id;
  AWARDFLOW_TRY(demo.act("sonkim1-van-phong", send));
  for (const char* member : {"sonkim1-hoi-dong-1", "sonkim1-hoi-dong-2", "sonkim1-hoi-dong-3"})
    AWARDFLOW_TRY(demo.vote(member, *commune));
  AWARDFLOW_TRY(demo.act("sonkim1-van-phong", *commune, "close-vote"));
  AWARDFLOW_TRY(demo.act("sonkim1-chu-tich", *commune, "approve"));
  auto commune_chair = demo.key("sonkim1-chu-tich");
  if (!commune_chair) return core::Unexpected{commune_chair.error()};
  issue.dossier_id = *commune;
  issue.signer = *commune_chair;
  AWARDFLOW_TRY(demo.act("sonkim1-chu-tich", issue));
  AWARDFLOW_TRY(demo.act("sonkim1-luu-tru", *commune, "seal"));

  // 6. Sơn Kim 1 proposes the provincial Bằng khen: before the province's council, one vote in.
  auto province_session = workflow.openSession(
      *province_office, "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh", workflow.today(), {});
  if (!province_session) return core::Unexpected{province_session.error()};
  auto proposal = demo.submit("xa-sonkim1", "27-xa-son-kim-1-2026-provincial-certificate.xml");
  if (!proposal) return core::Unexpected{proposal.error()};
  ids.push_back(*proposal);
  AWARDFLOW_TRY(demo.act("tinh-van-phong", *proposal, "receive"));
  AWARDFLOW_TRY(demo.act("tinh-van-phong", *proposal, "start-appraisal"));
  send.dossier_id = *proposal;
  send.session_id = province_session->id;
  AWARDFLOW_TRY(demo.act("tinh-van-phong", send));
  AWARDFLOW_TRY(demo.vote("tinh-hoi-dong-1", *proposal));

  // 7. Thôn Trung Lưu's Cultural Families: returned by the commune of Sơn Tây.
  auto village = demo.submit("thon-trungluu", "17-thon-trung-luu-2025-cultural-family.xml");
  if (!village) return core::Unexpected{village.error()};
  ids.push_back(*village);
  back.dossier_id = *village;
  back.deficiencies = {"Biên bản bình xét của thôn chưa ghi số hộ tham dự biểu quyết",
                       "Thiếu danh sách hộ đề nghị có chữ ký của Trưởng thôn"};
  AWARDFLOW_TRY(demo.act("sontay-van-phong", back));

  // 8. Thôn Trung Lưu proposes the provincial Bằng khen for a household: Sơn Tây's council votes,
  // its chairperson forwards, and the proposal waits in the province's intake.
  auto upward = demo.submit("thon-trungluu", "28-thon-trung-luu-2026-provincial-certificate.xml");
  if (!upward) return core::Unexpected{upward.error()};
  ids.push_back(*upward);
  auto sontay_office = workflow.user("sontay-van-phong");
  if (!sontay_office) return core::Unexpected{sontay_office.error()};
  auto sontay_session = workflow.openSession(
      *sontay_office, "Phiên họp Hội đồng Thi đua – Khen thưởng xã Sơn Tây", workflow.today(), {});
  if (!sontay_session) return core::Unexpected{sontay_session.error()};
  AWARDFLOW_TRY(demo.act("sontay-van-phong", *upward, "receive"));
  AWARDFLOW_TRY(demo.act("sontay-van-phong", *upward, "start-appraisal"));
  send.dossier_id = *upward;
  send.session_id = sontay_session->id;
  AWARDFLOW_TRY(demo.act("sontay-van-phong", send));
  for (const char* member : {"sontay-hoi-dong-1", "sontay-hoi-dong-2", "sontay-hoi-dong-3"})
    AWARDFLOW_TRY(demo.vote(member, *upward));
  AWARDFLOW_TRY(demo.act("sontay-van-phong", *upward, "close-vote"));
  auto sontay_chair = demo.key("sontay-chu-tich");
  if (!sontay_chair) return core::Unexpected{sontay_chair.error()};
  ActRequest forward;
  forward.dossier_id = *upward;
  forward.action = "forward";
  forward.signer = *sontay_chair;
  AWARDFLOW_TRY(demo.act("sontay-chu-tich", forward));
  return ids;
}

std::vector<model::AuthorityRecord> provinceDemoAuthorities() {
  const auto authority = [](const char* code, const char* name, model::Level level,
                            std::optional<std::string> parent) {
    model::AuthorityRecord a;
    a.code = code;
    a.name = name;
    a.level = level;
    a.parent_code = std::move(parent);
    return a;
  };
  const std::string tinh = "UBND-HATINH";
  return {
      authority("UBND-HATINH", "Ủy ban nhân dân tỉnh Hà Tĩnh", model::Level::Province, {}),
      authority("UBND-SONKIM1", "Ủy ban nhân dân xã Sơn Kim 1", model::Level::Commune, tinh),
      authority("UBND-SONTAY", "Ủy ban nhân dân xã Sơn Tây", model::Level::Commune, tinh),
      authority("UBND-XAHUONGSON", "Ủy ban nhân dân xã Hương Sơn", model::Level::Commune, tinh),
      // A department whose Director awards (Law Điều 80 khoản 1) and proposes to the province.
      authority("SGDDT-HATINH", "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh", model::Level::Agency, tinh),
      // The former district: its records stay, held by the province (see README).
      authority("UBND-HUONGSON", "Ủy ban nhân dân huyện Hương Sơn", model::Level::District, tinh)};
}

std::vector<model::Unit> provinceDemoUnits() {
  using model::Level;
  return {
      // The department's own unit (its offices), at the top of its tree, and a school under it.
      {"SO-GDDT-HATINH", "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh", Level::Agency, "SGDDT-HATINH"},
      {"THPT-HUONGSON", "Trường THPT Hương Sơn", Level::Agency, "SGDDT-HATINH", "SO-GDDT-HATINH"},
      {"XA-SONKIM1", "Ủy ban nhân dân xã Sơn Kim 1", Level::Commune, "UBND-SONKIM1"},
      {"TYT-SONKIM1", "Trạm Y tế xã Sơn Kim 1", Level::Agency, "UBND-SONKIM1", "XA-SONKIM1"},
      {"THON-ANSU", "Thôn An Sử, xã Sơn Kim 1", Level::Village, "UBND-SONKIM1", "XA-SONKIM1"},
      {"XA-SONTAY", "Ủy ban nhân dân xã Sơn Tây", Level::Commune, "UBND-SONTAY"},
      {"THON-TRUNGLUU", "Thôn Trung Lưu, xã Sơn Tây", Level::Village, "UBND-SONTAY", "XA-SONTAY"},
      {"TYT-SONTAY", "Trạm Y tế xã Sơn Tây", Level::Agency, "UBND-SONTAY", "XA-SONTAY"},
      {"XA-HUONGSON", "Ủy ban nhân dân xã Hương Sơn", Level::Commune, "UBND-XAHUONGSON"},
      {"TDP-2-HUONGSON", "Tổ dân phố 2, xã Hương Sơn", Level::Village, "UBND-XAHUONGSON",
       "XA-HUONGSON"},
  };
}

std::vector<DemoAccount> provinceDemoAccounts() {
  std::vector<DemoAccount> accounts;
  const auto add = [&](std::string login, std::string name, model::Role role,
                       std::optional<std::string> unit, std::optional<std::string> authority) {
    const std::string password = "demo-" + login + "-2026";
    accounts.push_back({model::User(std::move(login), std::move(name), role, std::move(unit), true,
                                    std::move(authority)),
                        password});
  };
  struct Staff {
    const char* prefix;
    const char* authority;
    const char* office;  // who the standing office is
    const char* chair;
    const char* members[3];
    const char* archivist;
  };
  const Staff staff[] = {
      {"tinh",
       "UBND-HATINH",
       "Võ Thị Thanh Hương (Sở Nội vụ)",
       "Trần Minh Đức (Chủ tịch UBND tỉnh)",
       {"Nguyễn Thị Hồng Nhung", "Phạm Quốc Việt", "Hồ Sỹ Thắng"},
       "Lê Thị Thu (Sở Nội vụ)"},
      {"sonkim1",
       "UBND-SONKIM1",
       "Đinh Thị Lệ (Văn phòng HĐND và UBND xã Sơn Kim 1)",
       "Lê Văn Thành (Chủ tịch UBND xã Sơn Kim 1)",
       {"Nguyễn Văn Bình", "Trần Thị Vân", "Võ Hữu Lộc"},
       "Phan Văn Hòa (văn thư xã Sơn Kim 1)"},
      {"sontay",
       "UBND-SONTAY",
       "Hoàng Thị Yến (Văn phòng HĐND và UBND xã Sơn Tây)",
       "Đậu Văn Nam (Chủ tịch UBND xã Sơn Tây)",
       {"Lê Thị Hoa", "Nguyễn Đình Tú", "Trần Văn Kiên"},
       "Nguyễn Thị Mận (văn thư xã Sơn Tây)"},
      {"sgddt",
       "SGDDT-HATINH",
       "Nguyễn Thị Minh Tâm (Văn phòng Sở Giáo dục và Đào tạo)",
       "Đặng Quốc Hùng (Giám đốc Sở Giáo dục và Đào tạo)",
       {"Lê Văn Hiếu", "Trần Thị Bích Ngọc", "Phan Văn Lợi"},
       "Hồ Thị Nhàn (văn thư Sở Giáo dục và Đào tạo)"},
      {"huongson",
       "UBND-XAHUONGSON",
       "Phạm Thị Nga (Văn phòng HĐND và UBND xã Hương Sơn)",
       "Bùi Văn Tâm (Chủ tịch UBND xã Hương Sơn)",
       {"Hà Thị Liên", "Đặng Văn Sơn", "Ngô Thị Thảo"},
       "Trương Văn Phú (văn thư xã Hương Sơn)"},
  };
  for (const Staff& s : staff) {
    const std::string p = s.prefix;
    add(p + "-van-phong", s.office, model::Role::StandingOffice, {}, s.authority);
    add(p + "-chu-tich", s.chair, model::Role::Chairperson, {}, s.authority);
    for (int i = 0; i < 3; ++i) {
      add(p + "-hoi-dong-" + std::to_string(i + 1),
          std::string(s.members[i]) + " (thành viên Hội đồng)", model::Role::CouncilMember, {},
          s.authority);
    }
    add(p + "-luu-tru", s.archivist, model::Role::Archivist, {}, s.authority);
    add(p + "-quan-tri", "Quản trị hệ thống (" + std::string(s.authority) + ")", model::Role::Admin,
        {}, s.authority);
  }
  add("so-gddt", "Chuyên viên Sở Giáo dục và Đào tạo", model::Role::SubmittingUnit,
      "SO-GDDT-HATINH", {});
  add("thpt-huongson", "Văn thư Trường THPT Hương Sơn", model::Role::SubmittingUnit,
      "THPT-HUONGSON", {});
  add("xa-sonkim1", "Công chức Văn hóa – Xã hội xã Sơn Kim 1", model::Role::SubmittingUnit,
      "XA-SONKIM1", {});
  add("tyt-sonkim1", "Văn thư Trạm Y tế xã Sơn Kim 1", model::Role::SubmittingUnit, "TYT-SONKIM1",
      {});
  add("thon-trungluu", "Trưởng thôn Trung Lưu", model::Role::SubmittingUnit, "THON-TRUNGLUU", {});
  add("tyt-sontay", "Văn thư Trạm Y tế xã Sơn Tây", model::Role::SubmittingUnit, "TYT-SONTAY", {});
  add("xa-huongson", "Công chức Văn hóa – Xã hội xã Hương Sơn", model::Role::SubmittingUnit,
      "XA-HUONGSON", {});
  return accounts;
}

core::Result<std::vector<DemoAccount>> seedProvinceDemo(const DataDirectory& data) {
  const store::Authorities authorities(data.database);
  for (const model::AuthorityRecord& a : provinceDemoAuthorities()) {
    auto existing = authorities.find(a.code);
    if (!existing) return core::Unexpected{existing.error()};
    // A commune its own rulebook registered (son-tay-commune-2025) goes under the province.
    if (*existing && !(*existing)->parent_code && a.parent_code)
      AWARDFLOW_TRY(placeAuthority(data, a.code, *a.parent_code, "system"));
    if (!*existing) AWARDFLOW_TRY(addAuthority(data, a, "system"));
    // Every authority that still issues has its seal from the start (the administration page
    // lists them); the abolished district's records keep the seal they were issued under.
    if (a.level != model::Level::District) {
      auto sealed = createAuthoritySeal(data.root, a.code, issuerName(a.name));
      if (!sealed && sealed.error().code != core::Errc::NotFound)
        return core::Unexpected{sealed.error()};
    }
  }
  const store::Accounts accounts(data.database);
  for (const model::Unit& unit : provinceDemoUnits()) {
    auto existing = accounts.unit(unit.code);
    if (!existing) return core::Unexpected{existing.error()};
    if (*existing) continue;
    AWARDFLOW_TRY(addUnit(data, unit, "system"));
  }
  std::vector<DemoAccount> added;
  for (const DemoAccount& demo : provinceDemoAccounts()) {
    auto existing = accounts.user(demo.user.login);
    if (!existing) return core::Unexpected{existing.error()};
    if (*existing) continue;
    AWARDFLOW_TRY(addUser(data, demo.user, demo.password, "system"));
    added.push_back(demo);
  }
  return added;
}

}  // namespace awardflow::service
