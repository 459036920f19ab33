#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"
#include "engine/crypto/keys.hpp"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace awardflow::crypto {

enum class DigestAlgorithm { Sha1, Sha256, Sha384, Sha512 };

enum class SignatureAlgorithm {
  RsaSha1,
  RsaSha256,
  RsaSha384,
  RsaSha512,
  EcdsaSha1,
  EcdsaSha256,
  EcdsaSha384,
  EcdsaSha512,
};

// XMLDSig algorithm identifiers (RFC 6931) and back; nullopt for anything unknown.
std::string_view uri(DigestAlgorithm algorithm);
std::string_view uri(SignatureAlgorithm algorithm);
std::optional<DigestAlgorithm> digestAlgorithmFromUri(std::string_view uri);
std::optional<SignatureAlgorithm> signatureAlgorithmFromUri(std::string_view uri);
// Short names for reports: "sha256", "rsa-sha256", "ecdsa-sha256".
std::string_view name(DigestAlgorithm algorithm);
std::string_view name(SignatureAlgorithm algorithm);
bool isSha1(DigestAlgorithm algorithm);
bool isSha1(SignatureAlgorithm algorithm);
KeyType keyTypeOf(SignatureAlgorithm algorithm);

// An incremental digest: update() any number of times, then finish() once.
class DigestStream {
 public:
  explicit DigestStream(DigestAlgorithm algorithm);
  ~DigestStream();
  DigestStream(const DigestStream&) = delete;
  DigestStream& operator=(const DigestStream&) = delete;

  // Returns false when OpenSSL fails (never for the supported algorithms, short of memory).
  bool update(std::string_view data);
  // The raw digest; "" on failure. REQUIRES: called once.
  std::string finish();

 private:
  evp_md_ctx_st* context_;
};

// The raw digest of `data`.
std::string digest(DigestAlgorithm algorithm, std::string_view data);

// Signs `data`. ECDSA values come out as the fixed-width concatenation r‖s that XMLDSig uses,
// not DER. Fails with Errc::InvalidArgument when the key does not fit the algorithm.
core::Result<std::string> signRaw(const PrivateKey& key, SignatureAlgorithm algorithm,
                                  std::string_view data);

enum class VerifyOutcome {
  Valid,
  BadValue,         // the value does not verify with this key
  DerEncodedEcdsa,  // an ECDSA value in DER, not r‖s: refused by the profile
  WrongKeyType,     // e.g. an RSA algorithm with an EC key
};

// Verifies a value made by signRaw (or any conforming XMLDSig signer). Constant-time compare
// is OpenSSL's.
VerifyOutcome verifyRaw(const PublicKey& key, SignatureAlgorithm algorithm, std::string_view data,
                        std::string_view value);

}  // namespace awardflow::crypto
