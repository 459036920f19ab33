#include "engine/crypto/trust_store.hpp"

#include <algorithm>

#include "engine/core/file.hpp"
#include "engine/crypto/detail/openssl.hpp"

namespace awardflow::crypto {
namespace {

std::vector<std::filesystem::path> pemFiles(const std::filesystem::path& dir, std::error_code& ec) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::exists(dir, ec)) return out;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".pem" && it->is_regular_file(ec)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

ChainVerdict refused(std::string code, core::Message reason, std::vector<std::string> chain = {}) {
  return ChainVerdict{false, std::move(code), std::move(reason), std::move(chain)};
}

}  // namespace

core::Result<TrustStore> TrustStore::loadDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::fail(core::Errc::Config, "trust store not found: " + dir.string());
  }
  TrustStore store;
  std::vector<std::string> problems;
  auto each = [&](const char* sub, auto&& take) {
    for (const auto& file : pemFiles(dir / sub, ec)) {
      auto bytes = core::readFile(file, std::size_t{4} << 20);
      if (!bytes) {
        problems.push_back(bytes.error().message);
        continue;
      }
      if (auto error = take(file, *bytes); !error.empty())
        problems.push_back(file.string() + ": " + error);
    }
  };
  each("anchors", [&](const auto&, const std::string& pem) -> std::string {
    auto certs = Certificate::loadPemBundle(pem);
    if (!certs) return certs.error().message;
    for (auto& c : *certs) store.addAnchor(std::move(c));
    return {};
  });
  each("intermediates", [&](const auto&, const std::string& pem) -> std::string {
    auto certs = Certificate::loadPemBundle(pem);
    if (!certs) return certs.error().message;
    for (auto& c : *certs) store.addIntermediate(std::move(c));
    return {};
  });
  each("crls", [&](const auto&, const std::string& pem) -> std::string {
    auto crls = Crl::loadPemBundle(pem);
    if (!crls) return crls.error().message;
    for (auto& c : *crls) store.addCrl(std::move(c));
    return {};
  });
  each("names", [&](const std::filesystem::path& file, const std::string& pem) -> std::string {
    auto key = PublicKey::loadPem(pem);
    if (!key) {
      auto cert = Certificate::loadPem(pem);  // a certificate names its key too
      if (!cert) return key.error().message;
      key = cert->publicKey();
    }
    store.addNamedKey(file.stem().string(), *key);
    return {};
  });
  if (ec) problems.push_back(dir.string() + ": " + ec.message());
  if (!problems.empty()) {
    return core::fail(core::Errc::Config, "trust store " + dir.string() + " cannot be loaded",
                      problems);
  }
  if (store.anchors_.empty() && store.named_keys_.empty()) {
    return core::fail(core::Errc::Config,
                      "trust store " + dir.string() + " has no anchors/*.pem and no names/*.pem");
  }
  return store;
}

const PublicKey* TrustStore::namedKey(const std::string& name) const {
  const auto it = named_keys_.find(name);
  return it == named_keys_.end() ? nullptr : &it->second;
}

ChainVerdict TrustStore::verify(const Certificate& signer,
                                const std::vector<Certificate>& presented, std::time_t at) const {
  detail::X509Store store(X509_STORE_new());
  for (const Certificate& c : anchors_) X509_STORE_add_cert(store.get(), c.raw());
  bool issuer_crl = false;
  for (const Crl& crl : crls_) {
    X509_STORE_add_crl(store.get(), crl.raw());
    issuer_crl = issuer_crl || X509_NAME_cmp(X509_CRL_get_issuer(crl.raw()),
                                             X509_get_issuer_name(signer.raw())) == 0;
  }
  detail::X509StackView untrusted(sk_X509_new_null());
  for (const auto* list : {&presented, &intermediates_}) {
    for (const Certificate& c : *list) sk_X509_push(untrusted.get(), c.raw());  // borrowed
  }
  detail::X509StoreContext ctx(X509_STORE_CTX_new());
  if (X509_STORE_CTX_init(ctx.get(), store.get(), signer.raw(), untrusted.get()) != 1) {
    return refused("signature.untrusted", {"Không kiểm tra được chuỗi chứng thư số.",
                                           "The certificate chain cannot be checked."});
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, at);
  if (issuer_crl) X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_CRL_CHECK);
  const int rc = X509_verify_cert(ctx.get());

  std::vector<std::string> chain;
  if (STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get())) {
    for (int i = 0; i < sk_X509_num(built); ++i) {
      X509* c = sk_X509_value(built, i);
      X509_up_ref(c);
      chain.push_back(Certificate(std::shared_ptr<x509_st>(c, &X509_free)).subject());
    }
  }
  if (rc != 1) {
    const int error = X509_STORE_CTX_get_error(ctx.get());
    const std::string detail = X509_verify_cert_error_string(error);
    detail::opensslErrors();
    switch (error) {
      case X509_V_ERR_CERT_HAS_EXPIRED:
        return refused(
            "signature.certificate-expired",
            {"Chứng thư số đã hết hạn tại thời điểm kiểm tra (" + detail + ").",
             "A certificate in the chain had expired at the time checked (" + detail + ")."},
            chain);
      case X509_V_ERR_CERT_NOT_YET_VALID:
        return refused(
            "signature.certificate-not-yet-valid",
            {"Chứng thư số chưa có hiệu lực tại thời điểm kiểm tra (" + detail + ").",
             "A certificate in the chain was not yet valid at the time checked (" + detail + ")."},
            chain);
      case X509_V_ERR_CERT_REVOKED:
        return refused("signature.certificate-revoked",
                       {"Chứng thư số của người ký đã bị thu hồi (" + detail + ").",
                        "The signer's certificate has been revoked (" + detail + ")."},
                       chain);
      case X509_V_ERR_UNABLE_TO_GET_CRL:
        return refused("signature.crl-missing",
                       {"Thiếu danh sách thu hồi (CRL) để kiểm tra chứng thư số.",
                        "No CRL is available to check the certificate."},
                       chain);
      default:
        return refused(
            "signature.untrusted",
            {"Chứng thư số không dẫn tới tổ chức cung cấp dịch vụ chứng thực được tin cậy (" +
                 detail + ").",
             "The certificate does not chain to a trusted authority (" + detail + ")."},
            chain);
    }
  }
  if (!signer.allowsDocumentSigning()) {
    return refused("signature.key-usage",
                   {"Chứng thư số không cho phép ký văn bản (keyUsage).",
                    "The certificate's key usage does not allow signing documents."},
                   chain);
  }
  return ChainVerdict{true, "", {}, chain};
}

}  // namespace awardflow::crypto
