#include "engine/crypto/xmldsig.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "engine/core/text.hpp"
#include "engine/crypto/base64.hpp"
#include "engine/xml/c14n.hpp"
#include "engine/xml/c14n_stream.hpp"

namespace awardflow::crypto {
namespace {

using xml::Element;

constexpr std::string_view kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
constexpr std::string_view kXPath = "http://www.w3.org/TR/1999/REC-xpath-19991116";
constexpr std::string_view kExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
constexpr std::string_view kExcC14nComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
constexpr std::string_view kC14n10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
constexpr std::string_view kC14n10Comments =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
constexpr std::string_view kC14n11 = "http://www.w3.org/2006/12/xml-c14n11";
constexpr std::string_view kC14n11Comments = "http://www.w3.org/2006/12/xml-c14n11#WithComments";
constexpr std::string_view kXPathFilter = "not(ancestor-or-self::dsig:Signature)";

std::optional<xml::C14nOptions> c14nFromUri(std::string_view uri) {
  if (uri == kExcC14n) return xml::C14nOptions{xml::C14nMethod::Exclusive10, false, {}};
  if (uri == kExcC14nComments) return xml::C14nOptions{xml::C14nMethod::Exclusive10, true, {}};
  if (uri == kC14n10) return xml::C14nOptions{xml::C14nMethod::Inclusive10, false, {}};
  if (uri == kC14n10Comments) return xml::C14nOptions{xml::C14nMethod::Inclusive10, true, {}};
  if (uri == kC14n11) return xml::C14nOptions{xml::C14nMethod::Inclusive11, false, {}};
  if (uri == kC14n11Comments) return xml::C14nOptions{xml::C14nMethod::Inclusive11, true, {}};
  return std::nullopt;
}

bool isDsig(const Element& e, std::string_view local) {
  return e.namespaceUri() == kDsigNamespace && e.localName() == local;
}

std::string q(const std::string& text) { return "«" + text + "»"; }

// A refusal: the code and reason of an invalid signature.
struct Refusal {
  std::string code;
  core::Message reason;
};

Refusal refuse(std::string code, std::string vi, std::string en) {
  return Refusal{std::move(code), {std::move(vi), std::move(en)}};
}

std::string isoTime(std::time_t t) {
  std::tm parts{};
  gmtime_r(&t, &parts);
  std::array<char, 32> buffer{};
  std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer.data();
}

std::string randomId() {
  std::array<unsigned char, 8> bytes{};
  RAND_bytes(bytes.data(), static_cast<int>(bytes.size()));
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "sig-";
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// The digest of the document without `excluded` subtrees, canonicalized straight into the hash.
core::Result<std::string> referenceDigest(const xml::Document& document,
                                          const std::vector<Element>& excluded,
                                          const xml::C14nOptions& c14n, DigestAlgorithm algorithm) {
  DigestStream stream(algorithm);
  auto done = xml::canonicalizeTo(document, xml::NodeSet{std::nullopt, excluded}, c14n,
                                  [&](std::string_view chunk) { return stream.update(chunk); });
  if (!done) return core::Unexpected{done.error()};
  std::string value = stream.finish();
  if (value.empty()) return core::fail(core::Errc::Internal, "digest failed");
  return value;
}

// The parsed shape of one ds:Signature within the profile.
struct ParsedSignature {
  Element signature;
  Element signed_info;
  xml::C14nOptions signed_info_c14n;
  SignatureAlgorithm algorithm = SignatureAlgorithm::RsaSha256;
  DigestAlgorithm digest = DigestAlgorithm::Sha256;
  bool xpath_filter = false;
  xml::C14nOptions reference_c14n{xml::C14nMethod::Inclusive10, false, {}};  // the default
  std::string digest_value;                                                  // decoded
  std::string signature_value;                                               // decoded
  std::vector<Certificate> certificates;
  std::string key_name;
  bool key_value = false;
  std::string claimed_signing_time;
};

std::vector<std::string> prefixList(const Element& method) {
  std::vector<std::string> out;
  for (const Element& c : method.children()) {
    if (c.namespaceUri() != kExcC14n || c.localName() != "InclusiveNamespaces") continue;
    const std::string list = c.attribute("PrefixList").value_or("");
    std::size_t at = 0;
    while (at < list.size()) {
      const std::size_t start = list.find_first_not_of(" \t\r\n", at);
      if (start == std::string::npos) break;
      const std::size_t end = std::min(list.find_first_of(" \t\r\n", start), list.size());
      out.push_back(list.substr(start, end - start));
      at = end;
    }
  }
  return out;
}

// Reads a c14n method element into options, or nullopt when unknown.
std::optional<xml::C14nOptions> c14nOf(const Element& method) {
  auto options = c14nFromUri(method.attribute("Algorithm").value_or(""));
  if (options && options->method == xml::C14nMethod::Exclusive10)
    options->inclusive_prefixes = prefixList(method);
  return options;
}

// Certificates decoded from KeyInfo, by their DER bytes. OpenSSL 3.0 spends ~0.1 ms decoding
// one, and an office verifies many documents from the same few signers. Bounded; thread-safe.
core::Result<Certificate> decodeCertificate(const std::string& der) {
  static std::mutex mutex;
  static std::unordered_map<std::string, Certificate> cache;
  constexpr std::size_t kMaxEntries = 1024;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = cache.find(der); it != cache.end()) return it->second;
  }
  auto cert = Certificate::loadDer(der);
  if (!cert) return cert;
  const std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= kMaxEntries) cache.clear();
  cache.emplace(der, *cert);
  return cert;
}

std::optional<Refusal> parseKeyInfo(const Element& key_info, ParsedSignature& out) {
  for (const Element& k : key_info.children()) {
    if (isDsig(k, "X509Data")) {
      for (const Element& x : k.children()) {
        if (isDsig(x, "X509Certificate")) {
          auto der = base64Decode(x.text());
          auto cert = der ? decodeCertificate(*der)
                          : core::Result<Certificate>(core::fail(core::Errc::Invalid, ""));
          if (!cert) {
            return refuse("signature.malformed", "Chứng thư số trong KeyInfo bị hỏng.",
                          "A certificate in KeyInfo cannot be read.");
          }
          out.certificates.push_back(*cert);
        } else if (!(isDsig(x, "X509IssuerSerial") || isDsig(x, "X509SubjectName") ||
                     isDsig(x, "X509SKI"))) {
          return refuse("signature.unexpected-content",
                        "KeyInfo có nội dung không thuộc hồ sơ chữ ký.",
                        "KeyInfo holds content outside the signature profile.");
        }
      }
    } else if (isDsig(k, "KeyName")) {
      out.key_name = core::collapseSpace(k.text());
    } else if (isDsig(k, "KeyValue")) {
      out.key_value = true;
    } else {
      return refuse("signature.unexpected-content",
                    "KeyInfo có phần tử không được hỗ trợ: " + q(std::string(k.localName())) + ".",
                    "KeyInfo holds an unsupported element: " + q(std::string(k.localName())) + ".");
    }
  }
  return std::nullopt;
}

// The signing time our signer records: Object/SignatureProperties/SignatureProperty/SigningTime.
std::optional<Refusal> parseObject(const Element& object, ParsedSignature& out) {
  for (const Element& props : object.children()) {
    if (!isDsig(props, "SignatureProperties")) {
      return refuse(
          "signature.unexpected-content",
          "ds:Object chứa nội dung ngoài phạm vi chữ ký (có thể là tấn công bọc chữ ký).",
          "ds:Object holds content the signature does not cover (possible signature wrapping).");
    }
    for (const Element& prop : props.children()) {
      const auto kids = prop.children();
      const bool ours = isDsig(prop, "SignatureProperty") && kids.size() == 1 &&
                        kids[0].namespaceUri() == kSignaturePropertiesNamespace &&
                        kids[0].localName() == "SigningTime" && kids[0].children().empty();
      if (!ours) {
        return refuse(
            "signature.unexpected-content",
            "ds:Object chứa nội dung ngoài phạm vi chữ ký (có thể là tấn công bọc chữ ký).",
            "ds:Object holds content the signature does not cover (possible signature wrapping).");
      }
      out.claimed_signing_time = core::collapseSpace(kids[0].text());
    }
  }
  return std::nullopt;
}

std::optional<Refusal> parseReference(const Element& reference, ParsedSignature& out) {
  const auto uri = reference.attribute("URI");
  if (!uri || !uri->empty()) {
    return refuse("signature.reference-uri",
                  "Chữ ký phải tham chiếu toàn bộ văn bản (URI=\"\"), không phải " +
                      q(uri.value_or("(không có)")) + ".",
                  "The signature must reference the whole document (URI=\"\"), not " +
                      q(uri.value_or("(none)")) + ".");
  }
  bool enveloped = false;
  bool c14n_seen = false;
  std::optional<Element> digest_method;
  std::optional<Element> digest_value;
  for (const Element& part : reference.children()) {
    if (isDsig(part, "Transforms")) {
      for (const Element& t : part.children()) {
        if (!isDsig(t, "Transform")) {
          return refuse("signature.malformed", "Transforms chứa phần tử lạ.",
                        "Transforms holds an unexpected element.");
        }
        const std::string algorithm = t.attribute("Algorithm").value_or("");
        if (c14n_seen) {
          return refuse("signature.unknown-transform",
                        "Không chấp nhận phép biến đổi sau bước chuẩn hóa.",
                        "No transform may follow canonicalization.");
        }
        if (algorithm == kEnveloped && !enveloped) {
          enveloped = true;
        } else if (algorithm == kXPath && !out.xpath_filter) {
          const auto kids = t.children();
          if (kids.size() != 1 || !isDsig(kids[0], "XPath")) {
            return refuse("signature.unknown-transform", "Phép biến đổi XPath không hợp lệ.",
                          "Malformed XPath transform.");
          }
          // Only the interop filter, with its prefix bound to the XMLDSig namespace.
          std::string expression = core::collapseSpace(kids[0].text());
          expression.erase(std::remove(expression.begin(), expression.end(), ' '),
                           expression.end());
          const std::size_t colon = expression.find("::");
          const std::size_t end = expression.find(':', colon + 2);
          const std::string prefix = colon == std::string::npos || end == std::string::npos
                                         ? std::string()
                                         : expression.substr(colon + 2, end - colon - 2);
          const std::string expected = "not(ancestor-or-self::" + prefix + ":Signature)";
          if (prefix.empty() || expression != expected ||
              kids[0].lookupNamespace(prefix) != std::string(kDsigNamespace)) {
            return refuse("signature.unknown-transform",
                          "Chỉ chấp nhận bộ lọc XPath " + std::string(kXPathFilter) + ".",
                          "Only the XPath filter " + std::string(kXPathFilter) + " is accepted.");
          }
          out.xpath_filter = true;
        } else if (auto c14n = c14nOf(t)) {
          out.reference_c14n = *c14n;
          c14n_seen = true;
        } else {
          return refuse("signature.unknown-transform",
                        "Phép biến đổi không được hỗ trợ: " + q(algorithm) + ".",
                        "Unsupported transform: " + q(algorithm) + ".");
        }
      }
    } else if (isDsig(part, "DigestMethod")) {
      digest_method = part;
    } else if (isDsig(part, "DigestValue")) {
      digest_value = part;
    } else {
      return refuse("signature.malformed", "Reference chứa phần tử lạ.",
                    "Reference holds an unexpected element.");
    }
  }
  if (!enveloped) {
    return refuse("signature.unknown-transform", "Chữ ký thiếu phép biến đổi enveloped-signature.",
                  "The reference lacks the enveloped-signature transform.");
  }
  if (!digest_method || !digest_value) {
    return refuse("signature.malformed", "Reference thiếu DigestMethod hoặc DigestValue.",
                  "The reference lacks DigestMethod or DigestValue.");
  }
  const std::string algorithm = digest_method->attribute("Algorithm").value_or("");
  const auto digest = digestAlgorithmFromUri(algorithm);
  if (!digest) {
    return refuse("signature.unknown-algorithm",
                  "Thuật toán băm không được hỗ trợ: " + q(algorithm) + ".",
                  "Unsupported digest algorithm: " + q(algorithm) + ".");
  }
  out.digest = *digest;
  auto value = base64Decode(digest_value->text());
  if (!value)
    return refuse("signature.malformed", "DigestValue không phải base64.",
                  "DigestValue is not base64.");
  out.digest_value = *value;
  return std::nullopt;
}

std::optional<Refusal> parseSignature(const Element& signature, ParsedSignature& out) {
  const auto kids = signature.children();
  if (kids.size() < 2 || !isDsig(kids[0], "SignedInfo") || !isDsig(kids[1], "SignatureValue")) {
    return refuse("signature.malformed",
                  "Cấu trúc ds:Signature không đúng (SignedInfo, SignatureValue).",
                  "ds:Signature must start with SignedInfo and SignatureValue.");
  }
  out.signed_info = kids[0];
  bool key_info_seen = false;
  for (std::size_t i = 2; i < kids.size(); ++i) {
    if (isDsig(kids[i], "KeyInfo") && !key_info_seen && i == 2) {
      key_info_seen = true;
      if (auto r = parseKeyInfo(kids[i], out)) return r;
    } else if (isDsig(kids[i], "Object")) {
      if (auto r = parseObject(kids[i], out)) return r;
    } else {
      return refuse(
          "signature.unexpected-content",
          "ds:Signature chứa phần tử lạ: " + q(std::string(kids[i].localName())) + ".",
          "ds:Signature holds an unexpected element: " + q(std::string(kids[i].localName())) + ".");
    }
  }
  auto value = base64Decode(kids[1].text());
  if (!value)
    return refuse("signature.malformed", "SignatureValue không phải base64.",
                  "SignatureValue is not base64.");
  out.signature_value = *value;

  const auto info = out.signed_info.children();
  if (info.size() < 3 || !isDsig(info[0], "CanonicalizationMethod") ||
      !isDsig(info[1], "SignatureMethod")) {
    return refuse("signature.malformed", "SignedInfo không đúng cấu trúc.",
                  "SignedInfo is malformed.");
  }
  const auto c14n = c14nOf(info[0]);
  if (!c14n) {
    const std::string a = info[0].attribute("Algorithm").value_or("");
    return refuse("signature.unknown-algorithm",
                  "Phương pháp chuẩn hóa không được hỗ trợ: " + q(a) + ".",
                  "Unsupported canonicalization method: " + q(a) + ".");
  }
  out.signed_info_c14n = *c14n;
  const std::string method = info[1].attribute("Algorithm").value_or("");
  const auto algorithm = signatureAlgorithmFromUri(method);
  if (!algorithm) {
    return refuse("signature.unknown-algorithm",
                  "Thuật toán ký không được hỗ trợ: " + q(method) + ".",
                  "Unsupported signature algorithm: " + q(method) + ".");
  }
  out.algorithm = *algorithm;
  std::vector<Element> references;
  for (std::size_t i = 2; i < info.size(); ++i) {
    if (!isDsig(info[i], "Reference")) {
      return refuse("signature.malformed", "SignedInfo chứa phần tử lạ.",
                    "SignedInfo holds an unexpected element.");
    }
    references.push_back(info[i]);
  }
  if (references.size() != 1) {
    return refuse("signature.references",
                  "Chữ ký phải có đúng một tham chiếu (Reference), không phải " +
                      std::to_string(references.size()) + ".",
                  "A signature must have exactly one Reference, not " +
                      std::to_string(references.size()) + ".");
  }
  return parseReference(references[0], out);
}

// The signer's certificate among those presented: the one that issued none of the others.
std::optional<Certificate> signerCertificate(const std::vector<Certificate>& certificates) {
  for (const Certificate& candidate : certificates) {
    const bool issues_another =
        std::any_of(certificates.begin(), certificates.end(), [&](const Certificate& other) {
          return !(other == candidate) && other.issuer() == candidate.subject();
        });
    if (!issues_another) return candidate;
  }
  return certificates.empty() ? std::nullopt : std::optional<Certificate>(certificates.front());
}

struct KeyChoice {
  std::optional<PublicKey> key;
  std::optional<Certificate> certificate;
};

// Checks one signature against `trust`.
SignatureReport checkSignature(const xml::Document& document, const Element& signature,
                               const std::vector<Element>& all_signatures, const TrustStore& trust,
                               const VerifyOptions& options) {
  SignatureReport report;
  report.where = signature.location();
  auto fail = [&](Refusal r) {
    report.valid = false;
    report.code = std::move(r.code);
    report.reason = std::move(r.reason);
    return report;
  };

  ParsedSignature parsed{signature, signature, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  if (auto r = parseSignature(signature, parsed)) return fail(*r);
  report.signature_algorithm = std::string(name(parsed.algorithm));
  report.digest_algorithm = std::string(name(parsed.digest));
  report.claimed_signing_time = parsed.claimed_signing_time;
  if (!options.allow_sha1 && (isSha1(parsed.algorithm) || isSha1(parsed.digest))) {
    return fail(refuse(
        "signature.sha1-refused",
        "Chữ ký dùng SHA-1, không còn an toàn; chỉ chấp nhận khi bật chế độ tương thích cũ.",
        "The signature uses SHA-1, which is no longer safe; it is accepted only in legacy mode."));
  }

  // The reference: the whole document without comments, minus this signature (enveloped) or
  // every signature (the XPath filter).
  xml::NodeSet set;
  set.excluded = parsed.xpath_filter ? all_signatures : std::vector<Element>{signature};
  xml::C14nOptions reference_c14n = parsed.reference_c14n;
  reference_c14n.with_comments = false;  // URI="" removes comments before any transform
  auto reference = referenceDigest(document, set.excluded, reference_c14n, parsed.digest);
  if (!reference)
    return fail(refuse("signature.malformed", "Không chuẩn hóa được văn bản.",
                       "The document cannot be canonicalized."));
  const std::string& computed = *reference;
  if (computed.size() != parsed.digest_value.size() ||
      CRYPTO_memcmp(computed.data(), parsed.digest_value.data(), computed.size()) != 0) {
    return fail(refuse("signature.digest-mismatch",
                       "Nội dung văn bản đã bị thay đổi sau khi ký (giá trị băm không khớp).",
                       "The document was changed after it was signed (digest mismatch)."));
  }

  KeyChoice choice;
  if (!parsed.certificates.empty()) {
    choice.certificate = signerCertificate(parsed.certificates);
    choice.key = choice.certificate->publicKey();
    report.key_source = "x509";
    report.signer_subject = choice.certificate->subject();
    report.signer_issuer = choice.certificate->issuer();
    report.signer_serial = choice.certificate->serialHex();
  } else if (!parsed.key_name.empty()) {
    const PublicKey* named = trust.namedKey(parsed.key_name);
    if (named == nullptr) {
      return fail(refuse(
          "signature.untrusted",
          "Không có khóa công khai nào được cấu hình cho tên khóa " + q(parsed.key_name) + ".",
          "No public key is configured for the key name " + q(parsed.key_name) + "."));
    }
    choice.key = *named;
    report.key_source = "key-name:" + parsed.key_name;
  } else if (parsed.key_value) {
    return fail(refuse(
        "signature.keyvalue-only",
        "Khóa chỉ có trong KeyValue: không xác định được người ký, không chấp nhận.",
        "The key comes only from KeyValue: the signer cannot be identified, so it is refused."));
  } else {
    return fail(refuse("signature.no-key", "Chữ ký không cho biết khóa của người ký (KeyInfo).",
                       "The signature does not say which key made it (KeyInfo)."));
  }

  auto signed_info =
      xml::canonicalize(document, xml::NodeSet{parsed.signed_info, {}}, parsed.signed_info_c14n);
  if (!signed_info)
    return fail(refuse("signature.malformed", "Không chuẩn hóa được SignedInfo.",
                       "SignedInfo cannot be canonicalized."));
  switch (verifyRaw(*choice.key, parsed.algorithm, *signed_info, parsed.signature_value)) {
    case VerifyOutcome::Valid:
      break;
    case VerifyOutcome::DerEncodedEcdsa:
      return fail(refuse("signature.ecdsa-der",
                         "Giá trị chữ ký ECDSA mã hóa DER; XMLDSig yêu cầu dạng r‖s.",
                         "The ECDSA value is DER-encoded; XMLDSig requires the r‖s form."));
    case VerifyOutcome::WrongKeyType:
      return fail(refuse("signature.bad-value", "Thuật toán ký không khớp với loại khóa.",
                         "The signature algorithm does not match the key type."));
    case VerifyOutcome::BadValue:
      return fail(refuse("signature.bad-value", "Giá trị chữ ký không khớp với khóa của người ký.",
                         "The signature value does not verify with the signer's key."));
  }

  if (choice.certificate) {
    const std::time_t at = options.at != 0 ? options.at : std::time(nullptr);
    ChainVerdict verdict = trust.verify(*choice.certificate, parsed.certificates, at);
    report.chain = verdict.chain;
    if (!verdict.trusted) return fail(Refusal{verdict.code, verdict.reason});
  } else if (!parsed.key_name.empty()) {
    report.chain = {"key-name:" + parsed.key_name};
  }
  report.valid = true;
  report.code = "signature.valid";
  const std::string who = report.signer_subject.empty() ? report.key_source : report.signer_subject;
  report.reason = {"Chữ ký hợp lệ của " + q(who) + ".", "Valid signature of " + q(who) + "."};
  return report;
}

// Checks the positions that make a signature enveloped and the document safe to read: every
// ds:Signature is a child of the document element, and no two share an Id.
std::optional<Refusal> checkPosition(const Element& root, const Element& signature,
                                     const std::vector<Element>& all) {
  const auto parent = signature.parent();
  if (!parent || !(*parent == root)) {
    return refuse(
        "signature.position",
        "ds:Signature nằm sai vị trí (phải là con trực tiếp của phần tử gốc): có thể là tấn công "
        "bọc chữ ký.",
        "ds:Signature is not a child of the document element: possible signature wrapping.");
  }
  const auto id = signature.attribute("Id");
  if (id) {
    const auto same = std::count_if(all.begin(), all.end(),
                                    [&](const Element& s) { return s.attribute("Id") == id; });
    if (same > 1) {
      return refuse("signature.duplicate-id", "Hai chữ ký trùng Id " + q(*id) + ".",
                    "Two signatures share the Id " + q(*id) + ".");
    }
  }
  return std::nullopt;
}

// Our SignedInfo as it is written in the document (canonical = false) or as exclusive C14N
// renders it in place (canonical = true): the namespace declared on SignedInfo, empty elements
// written as start and end tags, and the unused xmlns:dsig of XPath dropped.
std::string signedInfoText(bool canonical, SignatureAlgorithm algorithm,
                           DigestAlgorithm digest_algorithm, const std::string& digest_value) {
  const auto method = [&](const char* name, std::string_view value) {
    const std::string open = "<" + std::string(name) + " Algorithm=\"" + std::string(value) + "\"";
    return canonical ? open + "></" + name + ">" : open + "/>";
  };
  std::string out =
      canonical ? "<SignedInfo xmlns=\"" + std::string(kDsigNamespace) + "\">\n" : "<SignedInfo>\n";
  out += method("CanonicalizationMethod", kExcC14n) + "\n";
  out += method("SignatureMethod", uri(algorithm)) + "\n";
  out += "<Reference URI=\"\">\n<Transforms>\n";
  out += method("Transform", kEnveloped) + "\n";
  out += "<Transform Algorithm=\"" + std::string(kXPath) + "\">";
  out += canonical ? "<XPath>" : "<XPath xmlns:dsig=\"" + std::string(kDsigNamespace) + "\">";
  out += std::string(kXPathFilter) + "</XPath></Transform>\n";
  out += method("Transform", kExcC14n) + "\n";
  out += "</Transforms>\n";
  out += method("DigestMethod", uri(digest_algorithm)) + "\n";
  out += "<DigestValue>" + digest_value + "</DigestValue>\n";
  out += "</Reference>\n</SignedInfo>";
  return out;
}

// Where the signature goes: the start of the document element's end tag. Only white space,
// comments and processing instructions may follow it (XML 1.0 "Misc").
std::optional<std::size_t> rootEndTag(std::string_view bytes, std::string_view root_name) {
  std::size_t end = bytes.size();
  while (true) {
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\n' || bytes[end - 1] == '\r' ||
                       bytes[end - 1] == '\t'))
      --end;
    const std::string_view head = bytes.substr(0, end);
    if (head.size() >= 3 && head.substr(head.size() - 3) == "-->") {
      const std::size_t open = head.rfind("<!--");
      if (open == std::string_view::npos) return std::nullopt;
      end = open;
    } else if (head.size() >= 2 && head.substr(head.size() - 2) == "?>") {
      const std::size_t open = head.rfind("<?");
      if (open == std::string_view::npos) return std::nullopt;
      end = open;
    } else {
      break;
    }
  }
  if (end == 0 || bytes[end - 1] != '>') return std::nullopt;
  const std::size_t open = bytes.rfind("</", end - 1);
  if (open == std::string_view::npos) return std::nullopt;
  std::string_view name = bytes.substr(open + 2, end - 1 - (open + 2));
  while (!name.empty() && (name.back() == ' ' || name.back() == '\n' || name.back() == '\r' ||
                           name.back() == '\t')) {
    name.remove_suffix(1);
  }
  if (name != root_name) return std::nullopt;
  return open;
}

}  // namespace

VerificationReport verifyEnveloped(const xml::Document& document, const TrustStore& trust,
                                   const VerifyOptions& options) {
  VerificationReport out;
  const Element root = document.root();
  if (isDsig(root, "Signature")) {
    SignatureReport r;
    r.index = 1;
    r.where = root.location();
    r.code = "signature.position";
    r.reason = {"Chữ ký bao ngoài văn bản (enveloping) không được hỗ trợ.",
                "Enveloping signatures are not supported."};
    out.signatures.push_back(r);
    return out;
  }
  const std::vector<Element> all = root.descendants(kDsigNamespace, "Signature");
  int index = 0;
  for (const Element& signature : all) {
    SignatureReport report;
    if (auto refusal = checkPosition(root, signature, all)) {
      report.where = signature.location();
      report.code = refusal->code;
      report.reason = refusal->reason;
    } else {
      report = checkSignature(document, signature, all, trust, options);
    }
    report.index = ++index;
    out.signatures.push_back(std::move(report));
  }
  return out;
}

bool VerificationReport::allValid() const {
  return !signatures.empty() && std::all_of(signatures.begin(), signatures.end(),
                                            [](const SignatureReport& s) { return s.valid; });
}

core::Result<std::string> signEnveloped(std::string_view document, const PrivateKey& key,
                                        const Certificate& certificate,
                                        const SignOptions& options) {
  if (!(key.publicKey() == certificate.publicKey())) {
    return core::fail(core::Errc::InvalidArgument,
                      "the private key does not belong to the certificate");
  }
  SignatureAlgorithm algorithm = SignatureAlgorithm::RsaSha256;
  if (key.type() == KeyType::Rsa) {
    if (key.bits() < 2048)
      return core::fail(core::Errc::InvalidArgument, "RSA keys under 2048 bits are refused");
  } else {
    const std::string curve = key.publicKey().curve();
    if (curve != "prime256v1" && curve != "secp384r1") {
      return core::fail(core::Errc::InvalidArgument,
                        "EC keys must be on P-256 or P-384, not " + curve);
    }
    algorithm =
        curve == "secp384r1" ? SignatureAlgorithm::EcdsaSha384 : SignatureAlgorithm::EcdsaSha256;
  }
  const DigestAlgorithm digest_algorithm = options.digest.value_or(DigestAlgorithm::Sha256);

  // One pass: parse (hardened), find the signatures already there, and digest the canonical
  // document without them — no tree is built.
  DigestStream stream(digest_algorithm);
  std::vector<xml::SkippedElement> existing;
  const xml::StreamedCanonical canonical = xml::canonicalizeStream(
      document,
      [](std::string_view ns, std::string_view local, int /*depth*/) {
        return ns == kDsigNamespace && local == "Signature";
      },
      [&](std::string_view chunk) { return stream.update(chunk); });
  if (!canonical.ok) {
    if (canonical.report.empty())
      return core::fail(core::Errc::Internal, "cannot digest the document");
    const core::Problem& p = canonical.report.problems().front();
    return core::fail(core::Errc::Malformed, "cannot sign: " + p.message.en,
                      {p.code + " at line " + std::to_string(p.location.line)});
  }
  for (const xml::SkippedElement& s : canonical.skipped) {
    if (s.depth != 2) {
      return core::fail(core::Errc::Invalid, "cannot sign: a ds:Signature at line " +
                                                 std::to_string(s.line) +
                                                 " is not a child of the document element");
    }
  }
  const auto insert_at = rootEndTag(document, canonical.root_qname);
  if (!insert_at) {
    return core::fail(core::Errc::Malformed,
                      "cannot sign: the document element has no end tag to sign before");
  }
  const std::string reference = stream.finish();
  if (reference.empty()) return core::fail(core::Errc::Internal, "digest failed");
  const std::string digest_value = base64Encode(reference);

  const std::string id = randomId();
  const std::string signed_info = signedInfoText(false, algorithm, digest_algorithm, digest_value);
  // The verifier canonicalizes SignedInfo in place; exclusive C14N of this SignedInfo depends
  // only on what it holds, so its canonical octets are written directly (tests check them
  // against libxml2's canonicalization, and every signature against xmlsec1).
  const std::string info_octets = signedInfoText(true, algorithm, digest_algorithm, digest_value);
  const std::string open =
      "<Signature xmlns=\"" + std::string(kDsigNamespace) + "\" Id=\"" + id + "\">\n";
  auto value = signRaw(key, algorithm, info_octets);
  if (!value) return core::Unexpected{value.error()};

  std::string key_info = "<KeyInfo>\n<X509Data>\n<X509Certificate>" +
                         base64EncodeWrapped(certificate.toDer()) + "</X509Certificate>\n";
  for (const Certificate& c : options.chain) {
    key_info += "<X509Certificate>" + base64EncodeWrapped(c.toDer()) + "</X509Certificate>\n";
  }
  key_info += "</X509Data>\n</KeyInfo>\n";
  const std::time_t when = options.signing_time != 0 ? options.signing_time : std::time(nullptr);
  const std::string object = "<Object><SignatureProperties><SignatureProperty Target=\"#" + id +
                             "\"><SigningTime xmlns=\"" + kSignaturePropertiesNamespace + "\">" +
                             isoTime(when) +
                             "</SigningTime></SignatureProperty></SignatureProperties></Object>\n";
  const std::string signature = open + signed_info + "\n<SignatureValue>" +
                                base64EncodeWrapped(*value) + "</SignatureValue>\n" + key_info +
                                object + "</Signature>";

  // Nothing but the signature is added: text outside it would change what earlier signatures,
  // and this one, cover. The insertion point is the document element's end tag of a document
  // that parsed, so the canonical content is the one digested above; tests check every path
  // against xmlsec1 rather than re-verifying here, which would double the cost of signing.
  std::string out;
  out.reserve(document.size() + signature.size());
  out.append(document.substr(0, *insert_at));
  out.append(signature);
  out.append(document.substr(*insert_at));

  return out;
}

}  // namespace awardflow::crypto
