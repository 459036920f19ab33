// Signing and verification throughput on a ~10 KB dossier, RSA-2048 and ECDSA P-256:
// awardflow's XMLDSig profile next to libxmlsec1 doing the same work (parse the bytes, add an
// enveloped signature with the same transforms, canonicalize, sign, serialize; or parse,
// canonicalize, verify the value and the certificate chain), and next to raw OpenSSL signing
// and verifying 32 bytes. Targets (issue 3): ≥ 2× libxmlsec1 for ECDSA sign and verify; RSA sign
// ≥ 70 % of raw OpenSSL RSA-2048 sign.
//
// usage: awardflow_sign_bench [SAMPLE.xml] [SECONDS-PER-ROUND]
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include <libxml/parser.h>
#include <openssl/evp.h>

#include "engine/core/file.hpp"
#include "engine/crypto/keys.hpp"
#include "engine/crypto/pki.hpp"
#include "engine/crypto/xmldsig.hpp"
#include "engine/service/paths.hpp"
#include "engine/xml/document.hpp"

namespace {

namespace fs = std::filesystem;
using namespace awardflow;
using Clock = std::chrono::steady_clock;

double perSecond(double seconds, const std::function<bool()>& work) {
  long n = 0;
  long failed = 0;
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    if (!work()) ++failed;
    ++n;
  }
  if (failed != 0) std::fprintf(stderr, "warning: %ld of %ld runs failed\n", failed, n);
  return static_cast<double>(n) / std::chrono::duration<double>(Clock::now() - start).count();
}

// Best of three interleaved rounds for each of `works`.
std::vector<double> best(double seconds, const std::vector<std::function<bool()>>& works) {
  std::vector<double> out(works.size(), 0.0);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < works.size(); ++i)
      out[i] = std::max(out[i], perSecond(seconds, works[i]));
  }
  return out;
}

struct XmlsecKeys {
  xmlSecKeyPtr key = nullptr;
  xmlSecKeysMngrPtr manager = nullptr;
};

XmlsecKeys loadXmlsec(const fs::path& dir, const crypto::PrivateKey& key,
                      const crypto::Certificate& cert, const crypto::Certificate& ca,
                      const std::string& name) {
  const fs::path key_file = dir / (name + "-key.pem");
  const fs::path cert_file = dir / (name + "-cert.pem");
  const fs::path ca_file = dir / (name + "-ca.pem");
  (void)core::writeFileAtomic(key_file, *key.toEncryptedPem("bench"), 0600);
  (void)core::writeFileAtomic(cert_file, cert.toPem());
  (void)core::writeFileAtomic(ca_file, ca.toPem());
  XmlsecKeys out;
  out.key =
      xmlSecCryptoAppKeyLoad(key_file.c_str(), xmlSecKeyDataFormatPem, "bench", nullptr, nullptr);
  xmlSecCryptoAppKeyCertLoad(out.key, cert_file.c_str(), xmlSecKeyDataFormatPem);
  out.manager = xmlSecKeysMngrCreate();
  xmlSecCryptoAppDefaultKeysMngrInit(out.manager);
  xmlSecCryptoAppKeysMngrCertLoad(out.manager, ca_file.c_str(), xmlSecKeyDataFormatPem,
                                  xmlSecKeyDataTypeTrusted);
  return out;
}

const xmlChar* u(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// libxmlsec1 signing the profile: parse, template with the same transforms, sign, serialize.
bool xmlsecSign(const std::string& text, xmlSecKeyPtr key, xmlSecTransformId method,
                std::string* out) {
  xmlDocPtr doc =
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "d.xml", nullptr, XML_PARSE_NONET);
  if (doc == nullptr) return false;
  xmlNodePtr sign = xmlSecTmplSignatureCreate(doc, xmlSecTransformExclC14NId, method, nullptr);
  xmlAddChild(xmlDocGetRootElement(doc), sign);
  xmlNodePtr ref =
      xmlSecTmplSignatureAddReference(sign, xmlSecTransformSha256Id, nullptr, u(""), nullptr);
  xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId);
  xmlNodePtr xpath = xmlSecTmplReferenceAddTransform(ref, xmlSecTransformXPathId);
  const xmlChar* ns[] = {u("dsig"), xmlSecDSigNs, nullptr, nullptr};
  xmlSecTmplTransformAddXPath(xpath, u("not(ancestor-or-self::dsig:Signature)"), ns);
  xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId);
  xmlSecTmplKeyInfoAddX509Data(xmlSecTmplSignatureEnsureKeyInfo(sign, nullptr));
  xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(nullptr);
  ctx->signKey = xmlSecKeyDuplicate(key);
  const bool ok = xmlSecDSigCtxSign(ctx, sign) == 0;
  xmlSecDSigCtxDestroy(ctx);
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemory(doc, &mem, &size);
  if (out != nullptr && mem != nullptr)
    out->assign(reinterpret_cast<const char*>(mem), static_cast<std::size_t>(size));
  xmlFree(mem);
  xmlFreeDoc(doc);
  return ok;
}

// libxmlsec1 verifying: parse, find the signature, verify value and chain.
bool xmlsecVerify(const std::string& text, xmlSecKeysMngrPtr manager) {
  xmlDocPtr doc =
      xmlReadMemory(text.data(), static_cast<int>(text.size()), "d.xml", nullptr, XML_PARSE_NONET);
  if (doc == nullptr) return false;
  xmlNodePtr node = xmlSecFindNode(xmlDocGetRootElement(doc), xmlSecNodeSignature, xmlSecDSigNs);
  xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(manager);
  const bool ok = node != nullptr && xmlSecDSigCtxVerify(ctx, node) == 0 &&
                  ctx->status == xmlSecDSigStatusSucceeded;
  xmlSecDSigCtxDestroy(ctx);
  xmlFreeDoc(doc);
  return ok;
}

bool rawSign(EVP_PKEY* key, const unsigned char* data, std::string& sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t length = sig.size();
  const bool ok =
      EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &length, data, 32) == 1;
  EVP_MD_CTX_free(ctx);
  sig.resize(length);
  return ok;
}

bool rawVerify(EVP_PKEY* key, const unsigned char* data, const std::string& sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()),
                                   sig.size(), data, 32) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path home = service::dataHome();
  const fs::path sample =
      argc > 1 ? fs::path(argv[1])
               : home /
                     "samples/dossiers/valid/"
                     "25-son-tien-2023-grassroots-emulation-fighter-full-statements.xml";
  const double seconds = argc > 2 ? std::stod(argv[2]) : 1.0;
  const std::string text = *core::readFile(sample);

  xml::initialize();
  if (xmlSecInit() < 0 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0) {
    std::fprintf(stderr, "libxmlsec1 does not initialize\n");
    return 69;
  }
  const fs::path dir = fs::temp_directory_path() / "awardflow-sign-bench";
  fs::create_directories(dir);

  const auto ca_key = *crypto::PrivateKey::generate(crypto::KeyType::Ec);
  const auto ca =
      *crypto::issueCertificate({"CN=Bench CA,C=VN", crypto::CertificateProfile::Ca, 0, 30},
                                ca_key.publicKey(), ca_key, nullptr);
  crypto::TrustStore trust;
  trust.addAnchor(ca);

  std::printf("sample: %s (%zu bytes); %.1f s per round, best of 3 interleaved rounds\n",
              sample.filename().c_str(), text.size(), seconds);
  std::printf("%-8s %-7s %12s %12s %12s %10s %10s\n", "key", "op", "awardflow/s", "xmlsec1/s",
              "openssl/s", "vs xmlsec", "vs openssl");
  for (const bool rsa : {true, false}) {
    const auto key =
        *crypto::PrivateKey::generate(rsa ? crypto::KeyType::Rsa : crypto::KeyType::Ec, 2048);
    const auto cert = *crypto::issueCertificate(
        {rsa ? "CN=Bench RSA,C=VN" : "CN=Bench EC,C=VN", crypto::CertificateProfile::Seal, 0, 30},
        key.publicKey(), ca_key, &ca);
    XmlsecKeys xk = loadXmlsec(dir, key, cert, ca, rsa ? "rsa" : "ec");
    const xmlSecTransformId method =
        rsa ? xmlSecTransformRsaSha256Id : xmlSecTransformEcdsaSha256Id;

    std::string ours_signed = *crypto::signEnveloped(text, key, cert);
    std::string theirs_signed;
    if (!xmlsecSign(text, xk.key, method, &theirs_signed) ||
        !xmlsecVerify(theirs_signed, xk.manager)) {
      std::fprintf(stderr, "libxmlsec1 cannot sign and verify the sample\n");
      return 70;
    }
    const unsigned char data[32] = {1, 2, 3};
    std::string raw_sig(512, '\0');
    rawSign(key.raw(), data, raw_sig);

    const auto sign =
        best(seconds, {[&] { return crypto::signEnveloped(text, key, cert).has_value(); },
                       [&] { return xmlsecSign(text, xk.key, method, nullptr); },
                       [&] {
                         std::string s(512, '\0');
                         return rawSign(key.raw(), data, s);
                       }});
    const auto verify =
        best(seconds, {[&] {
                         auto parsed = xml::parse(ours_signed);
                         return parsed.document &&
                                crypto::verifyEnveloped(*parsed.document, trust).allValid();
                       },
                       [&] { return xmlsecVerify(theirs_signed, xk.manager); },
                       [&] { return rawVerify(key.raw(), data, raw_sig); }});
    const char* name = rsa ? "RSA-2048" : "P-256";
    std::printf("%-8s %-7s %12.0f %12.0f %12.0f %9.2fx %9.1f%%\n", name, "sign", sign[0], sign[1],
                sign[2], sign[0] / sign[1], 100.0 * sign[0] / sign[2]);
    std::printf("%-8s %-7s %12.0f %12.0f %12.0f %9.2fx %9.1f%%\n", name, "verify", verify[0],
                verify[1], verify[2], verify[0] / verify[1], 100.0 * verify[0] / verify[2]);
    xmlSecKeyDestroy(xk.key);
    xmlSecKeysMngrDestroy(xk.manager);
  }
  std::printf(
      "targets: P-256 sign and verify >= 2.00x xmlsec1; RSA-2048 sign >= 70%% of openssl\n");
  xmlSecCryptoShutdown();
  xmlSecCryptoAppShutdown();
  xmlSecShutdown();
  fs::remove_all(dir);
  return 0;
}
