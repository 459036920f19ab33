#include "engine/crypto/password.hpp"

#include <array>
#include <cstdint>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "engine/crypto/base64.hpp"
#include "engine/crypto/detail/openssl.hpp"

namespace awardflow::crypto {
namespace {

constexpr std::uint64_t kN = std::uint64_t{1} << 15;
constexpr std::uint64_t kR = 8;
constexpr std::uint64_t kP = 1;
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;
constexpr std::uint64_t kMaxMemory = std::uint64_t{64} << 20;

bool derive(std::string_view password, std::string_view salt, std::uint64_t n, std::uint64_t r,
            std::uint64_t p, unsigned char* out, std::size_t out_len) {
  return EVP_PBE_scrypt(password.data(), password.size(),
                        reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n, r, p,
                        kMaxMemory, out, out_len) == 1;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == separator)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

}  // namespace

core::Result<std::string> hashPassword(std::string_view password) {
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return detail::failWithOpenssl(core::Errc::Internal, "no randomness for a password salt");
  }
  std::array<unsigned char, kKeyBytes> key{};
  const std::string_view salt_view(reinterpret_cast<const char*>(salt.data()), salt.size());
  if (!derive(password, salt_view, kN, kR, kP, key.data(), key.size())) {
    return detail::failWithOpenssl(core::Errc::Internal, "scrypt failed");
  }
  const std::string encoded =
      "scrypt$" + std::to_string(kN) + "$" + std::to_string(kR) + "$" + std::to_string(kP) + "$" +
      base64Encode(salt_view) + "$" +
      base64Encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  OPENSSL_cleanse(key.data(), key.size());
  return encoded;
}

bool verifyPassword(std::string_view password, const std::string& stored) {
  const std::vector<std::string> parts = split(stored, '$');
  if (parts.size() != 6 || parts[0] != "scrypt") return false;
  std::uint64_t n = 0;
  std::uint64_t r = 0;
  std::uint64_t p = 0;
  try {
    n = std::stoull(parts[1]);
    r = std::stoull(parts[2]);
    p = std::stoull(parts[3]);
  } catch (const std::exception&) {
    return false;
  }
  if (n < kN || r < kR || p < kP) return false;  // weaker than we write: refuse, do not downgrade
  const auto salt = base64Decode(parts[4]);
  const auto expected = base64Decode(parts[5]);
  if (!salt || !expected || salt->size() < kSaltBytes || expected->size() != kKeyBytes)
    return false;
  std::array<unsigned char, kKeyBytes> key{};
  if (!derive(password, *salt, n, r, p, key.data(), key.size())) {
    detail::opensslErrors();
    return false;
  }
  const bool same = CRYPTO_memcmp(key.data(), expected->data(), key.size()) == 0;
  OPENSSL_cleanse(key.data(), key.size());
  return same;
}

}  // namespace awardflow::crypto
