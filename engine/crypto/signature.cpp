#include "engine/crypto/signature.hpp"

#include <array>

#include "engine/crypto/detail/openssl.hpp"

namespace awardflow::crypto {
namespace {

struct SignatureInfo {
  SignatureAlgorithm algorithm;
  std::string_view uri;
  std::string_view name;
  KeyType key;
  DigestAlgorithm digest;
};

constexpr std::array<SignatureInfo, 8> kSignatures{{
    {SignatureAlgorithm::RsaSha1, "http://www.w3.org/2000/09/xmldsig#rsa-sha1", "rsa-sha1",
     KeyType::Rsa, DigestAlgorithm::Sha1},
    {SignatureAlgorithm::RsaSha256, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
     "rsa-sha256", KeyType::Rsa, DigestAlgorithm::Sha256},
    {SignatureAlgorithm::RsaSha384, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
     "rsa-sha384", KeyType::Rsa, DigestAlgorithm::Sha384},
    {SignatureAlgorithm::RsaSha512, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
     "rsa-sha512", KeyType::Rsa, DigestAlgorithm::Sha512},
    {SignatureAlgorithm::EcdsaSha1, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
     "ecdsa-sha1", KeyType::Ec, DigestAlgorithm::Sha1},
    {SignatureAlgorithm::EcdsaSha256, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
     "ecdsa-sha256", KeyType::Ec, DigestAlgorithm::Sha256},
    {SignatureAlgorithm::EcdsaSha384, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
     "ecdsa-sha384", KeyType::Ec, DigestAlgorithm::Sha384},
    {SignatureAlgorithm::EcdsaSha512, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
     "ecdsa-sha512", KeyType::Ec, DigestAlgorithm::Sha512},
}};

struct DigestInfo {
  DigestAlgorithm algorithm;
  std::string_view uri;
  std::string_view name;
};

constexpr std::array<DigestInfo, 4> kDigests{{
    {DigestAlgorithm::Sha1, "http://www.w3.org/2000/09/xmldsig#sha1", "sha1"},
    {DigestAlgorithm::Sha256, "http://www.w3.org/2001/04/xmlenc#sha256", "sha256"},
    {DigestAlgorithm::Sha384, "http://www.w3.org/2001/04/xmldsig-more#sha384", "sha384"},
    {DigestAlgorithm::Sha512, "http://www.w3.org/2001/04/xmlenc#sha512", "sha512"},
}};

const SignatureInfo& info(SignatureAlgorithm a) {
  for (const auto& i : kSignatures) {
    if (i.algorithm == a) return i;
  }
  return kSignatures[1];
}

const DigestInfo& info(DigestAlgorithm a) {
  for (const auto& i : kDigests) {
    if (i.algorithm == a) return i;
  }
  return kDigests[1];
}

const EVP_MD* md(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::Sha1:
      return EVP_sha1();
    case DigestAlgorithm::Sha256:
      return EVP_sha256();
    case DigestAlgorithm::Sha384:
      return EVP_sha384();
    case DigestAlgorithm::Sha512:
      return EVP_sha512();
  }
  return EVP_sha256();
}

// Bytes of one ECDSA integer for the key's curve.
std::size_t ecdsaHalf(const PublicKey& key) {
  return static_cast<std::size_t>((key.bits() + 7) / 8);
}

}  // namespace

std::string_view uri(DigestAlgorithm a) { return info(a).uri; }
std::string_view uri(SignatureAlgorithm a) { return info(a).uri; }
std::string_view name(DigestAlgorithm a) { return info(a).name; }
std::string_view name(SignatureAlgorithm a) { return info(a).name; }
bool isSha1(DigestAlgorithm a) { return a == DigestAlgorithm::Sha1; }
bool isSha1(SignatureAlgorithm a) { return info(a).digest == DigestAlgorithm::Sha1; }
KeyType keyTypeOf(SignatureAlgorithm a) { return info(a).key; }

std::optional<DigestAlgorithm> digestAlgorithmFromUri(std::string_view u) {
  for (const auto& i : kDigests) {
    if (i.uri == u) return i.algorithm;
  }
  return std::nullopt;
}

std::optional<SignatureAlgorithm> signatureAlgorithmFromUri(std::string_view u) {
  for (const auto& i : kSignatures) {
    if (i.uri == u) return i.algorithm;
  }
  return std::nullopt;
}

DigestStream::DigestStream(DigestAlgorithm algorithm) : context_(EVP_MD_CTX_new()) {
  if (context_ != nullptr && EVP_DigestInit_ex(context_, md(algorithm), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    context_ = nullptr;
  }
}

DigestStream::~DigestStream() { EVP_MD_CTX_free(context_); }

bool DigestStream::update(std::string_view data) {
  return context_ != nullptr && EVP_DigestUpdate(context_, data.data(), data.size()) == 1;
}

std::string DigestStream::finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (context_ == nullptr || EVP_DigestFinal_ex(context_, out.data(), &length) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

std::string digest(DigestAlgorithm algorithm, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, md(algorithm), nullptr) != 1)
    return {};
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

core::Result<std::string> signRaw(const PrivateKey& key, SignatureAlgorithm algorithm,
                                  std::string_view data) {
  const SignatureInfo& i = info(algorithm);
  if (key.type() != i.key)
    return core::fail(core::Errc::InvalidArgument, "the key does not fit " + std::string(i.name));
  detail::MdContext ctx(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md(i.digest), nullptr, key.raw()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return detail::failWithOpenssl(core::Errc::Internal, "signing failed");
  }
  std::string value(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(value.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return detail::failWithOpenssl(core::Errc::Internal, "signing failed");
  }
  value.resize(length);
  if (i.key == KeyType::Rsa) return value;

  // DER ECDSA-Sig-Value → r‖s, each left-padded to the curve's size.
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  detail::EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(value.size())));
  if (!sig) return detail::failWithOpenssl(core::Errc::Internal, "cannot decode the ECDSA value");
  const std::size_t half = ecdsaHalf(key.publicKey());
  std::string raw(2 * half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, static_cast<int>(half)) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + half, static_cast<int>(half)) < 0) {
    return detail::failWithOpenssl(core::Errc::Internal, "cannot encode the ECDSA value");
  }
  return raw;
}

VerifyOutcome verifyRaw(const PublicKey& key, SignatureAlgorithm algorithm, std::string_view data,
                        std::string_view value) {
  const SignatureInfo& i = info(algorithm);
  if (key.type() != i.key) return VerifyOutcome::WrongKeyType;
  std::string der;
  if (i.key == KeyType::Ec) {
    const std::size_t half = ecdsaHalf(key);
    if (value.size() != 2 * half) {
      // A DER SEQUENCE starts with 0x30 and is longer or shorter than r‖s; say which it is.
      const bool looks_der = !value.empty() && static_cast<unsigned char>(value[0]) == 0x30;
      return looks_der ? VerifyOutcome::DerEncodedEcdsa : VerifyOutcome::BadValue;
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
    detail::Bignum r(BN_bin2bn(bytes, static_cast<int>(half), nullptr));
    detail::Bignum s(BN_bin2bn(bytes + half, static_cast<int>(half), nullptr));
    detail::EcdsaSig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
      return VerifyOutcome::BadValue;
    (void)r.release();  // owned by sig now
    (void)s.release();
    unsigned char* encoded = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &encoded);
    if (length <= 0) return VerifyOutcome::BadValue;
    der.assign(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
    OPENSSL_free(encoded);
    value = der;
  }
  detail::MdContext ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md(i.digest), nullptr, key.raw()) != 1) {
    detail::opensslErrors();
    return VerifyOutcome::BadValue;
  }
  const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(value.data()),
                                  value.size(), reinterpret_cast<const unsigned char*>(data.data()),
                                  data.size());
  detail::opensslErrors();
  return rc == 1 ? VerifyOutcome::Valid : VerifyOutcome::BadValue;
}

}  // namespace awardflow::crypto
