#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/core/report.hpp"
#include "engine/crypto/keys.hpp"
#include "engine/crypto/signature.hpp"
#include "engine/crypto/trust_store.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::crypto {

// awardflow's XMLDSig profile (DESIGN.md §5, docs/signatures.md).
//
// Signing: one enveloped ds:Signature appended as the last child of the document element, with
// Reference URI="" and the transforms enveloped-signature, the XPath filter
// not(ancestor-or-self::dsig:Signature) (so that every signature on a document — signer's and
// agency's — excludes all of them and each verifies alone), and exclusive C14N; SHA-256;
// RSA-SHA256 or ECDSA-SHA256 (raw r‖s); the certificate and chain in KeyInfo; the signing time
// in a ds:Object (claimed by the signer, not covered by the signature).
//
// Verification accepts what other conforming signers make within that shape: C14N 1.0, 1.1 and
// exclusive C14N, with or without comments; the enveloped transform and that one XPath filter;
// RSA-SHA256/384/512 and ECDSA-SHA256/384/512 (SHA-1 only when allowed); keys from X.509
// certificates checked against a TrustStore, or named keys. Everything else is refused with a
// code and a reason.

inline constexpr const char* kDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr const char* kSignaturePropertiesNamespace = "urn:awardflow:signature:1";

struct SignOptions {
  std::time_t signing_time = 0;           // 0 = now
  std::vector<Certificate> chain;         // intermediate certificates to put in KeyInfo
  std::optional<DigestAlgorithm> digest;  // default SHA-256
};

// Signs `document` (UTF-8 XML bytes) with `key`, whose certificate is `certificate`, and returns
// the signed bytes: the input unchanged up to the end tag of the document element, where the
// signature is inserted. Signatures already present stay valid. Fails with Errc::Malformed for
// input that is not well-formed or has a DOCTYPE; Errc::InvalidArgument when the key does not
// match the certificate or is weaker than the profile (RSA < 2048, EC other than P-256/P-384);
// Errc::Internal when the result does not verify (a bug).
core::Result<std::string> signEnveloped(std::string_view document, const PrivateKey& key,
                                        const Certificate& certificate,
                                        const SignOptions& options = {});

struct VerifyOptions {
  std::time_t at = 0;       // time the certificates must be valid at; 0 = now
  bool allow_sha1 = false;  // legacy documents only
};

// The verdict on one ds:Signature.
struct SignatureReport {
  int index = 0;  // 1-based, document order
  core::Location where;
  bool valid = false;
  // "signature.valid", or why not (docs/signatures.md lists every code).
  std::string code;
  core::Message reason;
  std::string signature_algorithm;  // "rsa-sha256"
  std::string digest_algorithm;     // "sha256"
  std::string key_source;           // "x509" or "key-name:NAME"
  std::string signer_subject;
  std::string signer_issuer;
  std::string signer_serial;
  std::string claimed_signing_time;  // as the signer wrote it; not covered by the signature
  std::vector<std::string> chain;    // subjects, signer first
};

struct VerificationReport {
  std::vector<SignatureReport> signatures;
  // True when there is at least one signature and every one is valid.
  bool allValid() const;
};

// Verifies every ds:Signature of `document` against `trust`. A document without signatures
// yields an empty report (allValid() false). Pure apart from reading the clock when at == 0.
VerificationReport verifyEnveloped(const xml::Document& document, const TrustStore& trust,
                                   const VerifyOptions& options = {});

}  // namespace awardflow::crypto
