#include "engine/service/agency.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/service/authorities.hpp"
#include "engine/service/keys.hpp"
#include "engine/store/accounts.hpp"

namespace awardflow::service {
namespace {

// Escapes a value for a distinguished name written as "CN=…,O=…".
std::string dnValue(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
        c == '=')
      out += '\\';
    out += c;
  }
  return out;
}

core::Result<std::string> passphrase(const AgencyPaths& paths) {
  auto text = readPassphrase(paths.passphrase);
  if (!text) {
    if (text.error().code == core::Errc::NotFound) {
      return core::fail(
          core::Errc::NotFound,
          "the agency key's passphrase file " + paths.passphrase.string() +
              " is missing (run awardflow init)",
          {"không tìm thấy tệp mật khẩu khóa của cơ quan " + paths.passphrase.string()});
    }
    return core::Unexpected{text.error()};
  }
  return text;
}

// Issues a seal certificate for `name` under the installation CA, its key encrypted under
// `secret` (the agency passphrase): PREFIX-key.pem, PREFIX-cert.pem, PREFIX-chain.pem.
core::Result<std::vector<std::filesystem::path>> issueSeal(const AgencyPaths& paths,
                                                           const std::string& secret,
                                                           const std::string& name,
                                                           const std::filesystem::path& prefix) {
  IssueRequest seal;
  seal.ca_cert = paths.ca_cert;
  seal.ca_key = paths.ca_key;
  seal.ca_passphrase = secret;
  seal.subject = "CN=" + dnValue(name) + ",C=VN";
  seal.profile = crypto::CertificateProfile::Seal;
  seal.days = 5 * 365;
  seal.passphrase = secret;
  seal.out_prefix = prefix;
  return issue(seal);
}

// Puts the seal files made in `staged` at `dir` in one rename, so a reader (or a process killed
// half-way) sees the old seal or the new one, never a key without its certificate. Staging
// folders start with '.', which no authority code does, and are never listed.
core::Result<void> placeSeal(const std::filesystem::path& staged,
                             const std::filesystem::path& dir) {
  std::error_code ec;
  const std::filesystem::path old = dir.parent_path() / (".old-" + crypto::randomHex(6));
  const bool replacing = std::filesystem::exists(dir, ec);
  if (replacing) std::filesystem::rename(dir, old, ec);
  if (!ec) std::filesystem::rename(staged, dir, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove_all(staged, ignored);
    if (replacing) std::filesystem::rename(old, dir, ignored);
    return core::fail(core::Errc::Unavailable,
                      "cannot place the seal in " + dir.string() + ": " + ec.message());
  }
  if (replacing) std::filesystem::remove_all(old, ec);
  return {};
}

std::filesystem::path stagingFor(const std::filesystem::path& dir) {
  return dir.parent_path() / (".new-" + crypto::randomHex(6));
}

}  // namespace

AgencyPaths agencyPaths(const std::filesystem::path& data_root) {
  AgencyPaths p;
  p.dir = data_root / "agency";
  p.passphrase = p.dir / "passphrase";
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read-only use of the environment
  if (const char* env = std::getenv("AWARDFLOW_AGENCY_PASSPHRASE_FILE"); env && *env)
    p.passphrase = env;
  p.ca_cert = p.dir / "ca-cert.pem";
  p.ca_key = p.dir / "ca-key.pem";
  p.key = p.dir / "agency-key.pem";
  p.cert = p.dir / "agency-cert.pem";
  p.trust_dir = data_root / "trust";
  return p;
}

core::Result<bool> createAgencyIdentity(const std::filesystem::path& data_root,
                                        const std::string& agency_name) {
  const AgencyPaths paths = agencyPaths(data_root);
  std::error_code ec;
  if (std::filesystem::exists(paths.key, ec)) return false;
  if (agency_name.empty() || agency_name.size() > 200)
    return core::fail(core::Errc::InvalidArgument, "the agency needs a name (1–200 characters)");
  std::filesystem::create_directories(paths.dir, ec);
  std::filesystem::create_directories(paths.trust_dir / "anchors", ec);
  if (ec) return core::fail(core::Errc::Unavailable, "cannot create " + paths.dir.string());
  std::filesystem::permissions(paths.dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  if (!std::filesystem::exists(paths.passphrase, ec)) {
    auto written =
        core::writeFileAtomic(paths.passphrase, crypto::randomHex(32) + "\n", 0600, false);
    if (!written) return core::Unexpected{written.error()};
  }
  auto secret = passphrase(paths);
  if (!secret) return core::Unexpected{secret.error()};
  if (!std::filesystem::exists(paths.ca_cert, ec)) {
    InitCaRequest ca;
    ca.subject = "CN=" + dnValue("awardflow CA – " + agency_name) + ",C=VN";
    ca.passphrase = *secret;
    ca.out_dir = paths.dir;
    ca.days = 20 * 365;
    auto made = initCa(ca);
    if (!made) return core::Unexpected{made.error()};
  }
  auto issued = issueSeal(paths, *secret, agency_name, paths.dir / "agency");
  if (!issued) return core::Unexpected{issued.error()};
  auto anchor = core::readFile(paths.ca_cert, std::size_t{1} << 20);
  if (!anchor) return core::Unexpected{anchor.error()};
  auto copied = core::writeFileAtomic(paths.trust_dir / "anchors" / "installation-ca.pem", *anchor,
                                      0644, true);
  if (!copied) return core::Unexpected{copied.error()};
  return true;
}

core::Result<SigningMaterial> loadAgencySigner(const std::filesystem::path& data_root) {
  const AgencyPaths paths = agencyPaths(data_root);
  std::error_code ec;
  if (!std::filesystem::exists(paths.key, ec)) {
    return core::fail(core::Errc::NotFound,
                      "no agency key in " + paths.dir.string() + " (run awardflow init)",
                      {"chưa có khóa của cơ quan trong " + paths.dir.string()});
  }
  auto secret = passphrase(paths);
  if (!secret) return core::Unexpected{secret.error()};
  return loadSigningMaterial(paths.key, paths.cert, paths.dir / "agency-chain.pem", *secret);
}

core::Result<std::filesystem::path> authoritySealDir(const std::filesystem::path& data_root,
                                                     const std::string& code) {
  if (!validAuthorityCode(code)) {
    return core::fail(core::Errc::InvalidArgument, "not an authority code: " + code,
                      {"mã cơ quan không hợp lệ: " + code});
  }
  return agencyPaths(data_root).dir / "authorities" / code;
}

core::Result<bool> createAuthoritySeal(const std::filesystem::path& data_root,
                                       const std::string& code, const std::string& name) {
  auto dir = authoritySealDir(data_root, code);
  if (!dir) return core::Unexpected{dir.error()};
  std::error_code ec;
  if (std::filesystem::exists(*dir / "seal-key.pem", ec)) return false;
  if (name.empty() || name.size() > 300)
    return core::fail(core::Errc::InvalidArgument, "the authority needs a name (1–300 bytes)");
  const AgencyPaths paths = agencyPaths(data_root);
  if (!std::filesystem::exists(paths.ca_key, ec)) {
    return core::fail(core::Errc::NotFound,
                      "no installation CA in " + paths.dir.string() + " (run awardflow init)",
                      {"chưa có CA của hệ thống trong " + paths.dir.string()});
  }
  auto secret = passphrase(paths);
  if (!secret) return core::Unexpected{secret.error()};
  const std::filesystem::path staged = stagingFor(*dir);
  std::filesystem::create_directories(staged, ec);
  if (ec) return core::fail(core::Errc::Unavailable, "cannot create " + staged.string());
  auto issued = issueSeal(paths, *secret, name, staged / "seal");
  if (!issued) {
    std::filesystem::remove_all(staged, ec);
    return core::Unexpected{issued.error()};
  }
  // Another process may have issued one meanwhile: the first stays.
  if (std::filesystem::exists(*dir / "seal-key.pem", ec)) {
    std::filesystem::remove_all(staged, ec);
    return false;
  }
  auto placed = placeSeal(staged, *dir);
  if (!placed) return core::Unexpected{placed.error()};
  return true;
}

core::Result<void> installAuthoritySeal(const std::filesystem::path& data_root,
                                        const std::string& code,
                                        const std::filesystem::path& key_file,
                                        const std::filesystem::path& cert_file,
                                        const std::optional<std::filesystem::path>& chain_file,
                                        const std::string& key_passphrase, std::time_t now) {
  auto dir = authoritySealDir(data_root, code);
  if (!dir) return core::Unexpected{dir.error()};
  auto material = loadSigningMaterial(key_file, cert_file, chain_file, key_passphrase);
  if (!material) return core::Unexpected{material.error()};
  const crypto::Certificate& cert = material->certificate;
  const auto refused = [&](const std::string& en, const std::string& vi) {
    return core::fail(core::Errc::Invalid, cert_file.string() + ": " + en,
                      {cert_file.string() + ": " + vi});
  };
  if (!(material->key.publicKey() == cert.publicKey()))
    return refused("the key does not belong to this certificate",
                   "khóa không thuộc chứng thư số này");
  if (cert.isCa() || !cert.allowsDocumentSigning())
    return refused("the certificate does not allow signing documents",
                   "chứng thư số không dùng để ký văn bản");
  if (now < cert.notBefore() || now > cert.notAfter())
    return refused("the certificate is not in force", "chứng thư số không còn hiệu lực");
  // The proof that counts: what it signs verifies against this installation's trust.
  auto verifier = SignatureVerifier::open(agencyPaths(data_root).trust_dir);
  if (!verifier) return core::Unexpected{verifier.error()};
  auto probe = signBytes("<probe authority=\"" + code + "\">seal check</probe>", *material, now);
  if (!probe) return core::Unexpected{probe.error()};
  const FileSignatures checked = verifier->verifyBytes(*probe, "probe");
  if (!checked.valid()) {
    const std::string why = checked.report.signatures.empty()
                                ? std::string("no signature")
                                : checked.report.signatures.front().code;
    return refused("what it signs does not verify against the trust directory (" + why + ")",
                   "chữ ký bằng chứng thư này không được hệ thống tin cậy (" + why + ")");
  }
  const AgencyPaths paths = agencyPaths(data_root);
  auto secret = passphrase(paths);
  if (!secret) return core::Unexpected{secret.error()};
  auto pem = material->key.toEncryptedPem(*secret);
  if (!pem) return core::Unexpected{pem.error()};
  std::string chain;
  for (const crypto::Certificate& c : material->chain) chain += c.toPem();
  const std::filesystem::path staged = stagingFor(*dir);
  std::error_code ec;
  std::filesystem::create_directories(staged, ec);
  if (ec) return core::fail(core::Errc::Unavailable, "cannot create " + staged.string());
  const std::string cert_pem = cert.toPem();
  const std::tuple<const char*, const std::string*, unsigned> files[] = {
      {"seal-chain.pem", &chain, 0644},
      {"seal-key.pem", &*pem, 0600},
      {"seal-cert.pem", &cert_pem, 0644}};
  for (const auto& [name, bytes, mode] : files) {
    if (auto w = core::writeFileAtomic(staged / name, *bytes, mode, true); !w) {
      std::filesystem::remove_all(staged, ec);
      return w;
    }
  }
  return placeSeal(staged, *dir);
}

core::Result<SigningMaterial> loadAuthoritySeal(const std::filesystem::path& data_root,
                                                const std::string& code) {
  auto dir = authoritySealDir(data_root, code);
  if (!dir) return core::Unexpected{dir.error()};
  std::error_code ec;
  if (!std::filesystem::exists(*dir / "seal-key.pem", ec)) {
    return core::fail(core::Errc::NotFound, "authority " + code + " has no seal yet",
                      {"cơ quan " + code + " chưa có con dấu số"});
  }
  auto secret = passphrase(agencyPaths(data_root));
  if (!secret) return core::Unexpected{secret.error()};
  auto material = loadSigningMaterial(*dir / "seal-key.pem", *dir / "seal-cert.pem",
                                      *dir / "seal-chain.pem", *secret);
  if (material && !(material->key.publicKey() == material->certificate.publicKey())) {
    return core::fail(core::Errc::Invalid,
                      "the seal key of " + code + " does not belong to its certificate",
                      {"khóa con dấu số của " + code + " không khớp chứng thư số"});
  }
  return material;
}

core::Result<std::vector<std::filesystem::path>> issueDemoKeys(
    const std::filesystem::path& data_root, const std::vector<DemoAccount>& accounts) {
  const AgencyPaths paths = agencyPaths(data_root);
  auto secret = passphrase(paths);
  if (!secret) return core::Unexpected{secret.error()};
  const std::filesystem::path dir = data_root / "demo-keys";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  std::vector<std::filesystem::path> written;
  for (const DemoAccount& a : accounts) {
    if (std::filesystem::exists(dir / (a.user.login + ".p12"), ec)) continue;
    IssueRequest request;
    request.ca_cert = paths.ca_cert;
    request.ca_key = paths.ca_key;
    request.ca_passphrase = *secret;
    request.subject = "CN=" + dnValue(a.user.full_name) +
                      (a.user.unit_code ? ",OU=" + dnValue(*a.user.unit_code) : "") + ",C=VN";
    request.profile = crypto::CertificateProfile::Person;
    request.format = KeyFormat::Pkcs12;
    request.passphrase = a.password;
    request.out_prefix = dir / a.user.login;
    auto files = issue(request);
    if (!files) return core::Unexpected{files.error()};
    written.insert(written.end(), files->begin(), files->end());
  }
  return written;
}

core::Result<SigningMaterial> loadUserSigningKey(const std::filesystem::path& data_root,
                                                 const std::string& login, const std::string& pin) {
  const std::filesystem::path file = data_root / "demo-keys" / (login + ".p12");
  std::error_code ec;
  if (login.empty() || login.find('/') != std::string::npos || !std::filesystem::exists(file, ec)) {
    return core::fail(core::Errc::NotFound, "no signing key is kept for " + login,
                      {"chưa có khóa ký số cho " + login});
  }
  auto material = loadSigningMaterial(file, std::nullopt, std::nullopt, pin);
  if (!material && material.error().code == core::Errc::Invalid) {
    return core::fail(core::Errc::PermissionDenied, "the signing PIN is not right",
                      {"mã PIN ký số không đúng"});
  }
  return material;
}

core::Result<std::vector<CertificateInfo>> listCertificates(const DataDirectory& data,
                                                            const model::User& actor) {
  if (actor.role != model::Role::Admin) {
    return core::fail(core::Errc::PermissionDenied, "only administrators list the certificates",
                      {"chỉ quản trị viên được xem danh sách chứng thư số"});
  }
  const std::filesystem::path& data_root = data.root;
  auto managed = authoritiesManagedBy(data, actor);
  if (!managed) return core::Unexpected{managed.error()};
  // Whose certificates: a user of an authority it manages, or of a unit under one.
  std::map<std::string, std::optional<std::string>> authority_of;
  {
    const store::Accounts accounts(data.database);
    auto users = accounts.users();
    if (!users) return core::Unexpected{users.error()};
    auto units = accounts.units();
    if (!units) return core::Unexpected{units.error()};
    std::map<std::string, std::optional<std::string>> unit_authority;
    for (const model::Unit& u : *units) unit_authority[u.code] = u.authority_code;
    for (const model::User& u : *users) {
      std::optional<std::string> authority = u.authority_code;
      if (!authority && u.unit_code && unit_authority.count(*u.unit_code))
        authority = unit_authority[*u.unit_code];
      authority_of[u.login] = authority;
    }
  }
  std::vector<CertificateInfo> out;
  const auto add = [&](const std::string& kind, const std::string& owner,
                       const std::filesystem::path& file) {
    auto pem = core::readFile(file, std::size_t{1} << 20);
    auto bundle =
        pem ? crypto::Certificate::loadPemBundle(*pem)
            : core::Result<std::vector<crypto::Certificate>>(core::Unexpected{pem.error()});
    if (!bundle) {
      out.push_back({kind, owner, "", "", "", 0, 0, false});
      return;
    }
    for (const crypto::Certificate& c : *bundle) {
      out.push_back({kind, owner, c.subject(), c.issuer(), c.serialHex(), c.notBefore(),
                     c.notAfter(), c.isCa()});
    }
  };
  const auto pems = [](const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".pem") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  };
  const AgencyPaths paths = agencyPaths(data_root);
  for (const auto& f : pems(paths.trust_dir / "anchors")) add("anchor", f.filename().string(), f);
  for (const auto& f : pems(paths.trust_dir / "intermediates"))
    add("intermediate", f.filename().string(), f);
  std::error_code ec;
  if (!*managed && std::filesystem::exists(paths.cert, ec))
    add("agency", paths.cert.filename().string(), paths.cert);
  std::vector<std::filesystem::path> sealed;
  for (const auto& entry : std::filesystem::directory_iterator(paths.dir / "authorities", ec)) {
    if (entry.is_directory(ec) && entry.path().filename().string().front() != '.')
      sealed.push_back(entry.path());
  }
  std::sort(sealed.begin(), sealed.end());
  for (const auto& dir : sealed) {
    if (inScope(*managed, dir.filename().string()))
      add("seal", dir.filename().string(), dir / "seal-cert.pem");
  }
  const std::string suffix = "-cert.pem";
  for (const auto& f : pems(data_root / "demo-keys")) {
    const std::string name = f.filename().string();
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string login = name.substr(0, name.size() - suffix.size());
    const auto known = authority_of.find(login);
    // A key file of no account left (or of one removed since) is the whole installation's.
    const std::optional<std::string> authority =
        known == authority_of.end() ? std::nullopt : known->second;
    if (inScope(*managed, authority)) add("user", login, f);
  }
  return out;
}

}  // namespace awardflow::service
