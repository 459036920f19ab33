#include "engine/crypto/digest.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "engine/core/c_handle.hpp"

namespace awardflow::crypto {
namespace {

using DigestContext = core::CHandle<EVP_MD_CTX, &EVP_MD_CTX_free>;

std::string toHex(const unsigned char* data, unsigned int length) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 0x0f]);
  }
  return out;
}

// Runs SHA-256 over what `feed` supplies; "" when OpenSSL fails (it does not for SHA-256 short
// of memory exhaustion).
template <typename Feed>
std::string digestWith(Feed&& feed) {
  DigestContext context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) return {};
  if (!feed(context.get())) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context.get(), md.data(), &length) != 1) return {};
  return toHex(md.data(), length);
}

const EVP_MD* evpDigest(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::Md5:
      return EVP_md5();
    case HashAlgorithm::Sha1:
      return EVP_sha1();
    case HashAlgorithm::Sha224:
      return EVP_sha224();
    case HashAlgorithm::Sha256:
      return EVP_sha256();
    case HashAlgorithm::Sha384:
      return EVP_sha384();
    case HashAlgorithm::Sha512:
      return EVP_sha512();
  }
  return EVP_sha256();
}

}  // namespace

std::string hmacSha256Hex(std::string_view key, std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md.data(),
           &length) == nullptr) {
    return {};
  }
  return toHex(md.data(), length);
}

std::string sha256Hex(std::string_view bytes) {
  return digestWith([&](EVP_MD_CTX* context) {
    return EVP_DigestUpdate(context, bytes.data(), bytes.size()) == 1;
  });
}

core::Result<FileDigest> sha256File(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::fail(core::Errc::NotFound, "no such file: " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::Errc::Unreadable, "cannot open " + path.string());
  FileDigest out;
  bool read_ok = true;
  out.sha256 = digestWith([&](EVP_MD_CTX* context) {
    std::array<char, std::size_t{64} * 1024> buffer{};
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      out.size += got;
      if (EVP_DigestUpdate(context, buffer.data(), got) != 1) return false;
    }
    read_ok = in.eof();
    return read_ok;
  });
  if (!read_ok || out.sha256.empty()) {
    return core::fail(core::Errc::Unreadable, "cannot read " + path.string() + " to its end");
  }
  return out;
}

std::optional<HashAlgorithm> hashAlgorithmNamed(std::string_view name) {
  for (const auto algorithm :
       {HashAlgorithm::Md5, HashAlgorithm::Sha1, HashAlgorithm::Sha224, HashAlgorithm::Sha256,
        HashAlgorithm::Sha384, HashAlgorithm::Sha512}) {
    if (hashAlgorithmName(algorithm) == name) return algorithm;
  }
  return std::nullopt;
}

std::string_view hashAlgorithmName(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::Md5:
      return "md5";
    case HashAlgorithm::Sha1:
      return "sha1";
    case HashAlgorithm::Sha224:
      return "sha224";
    case HashAlgorithm::Sha256:
      return "sha256";
    case HashAlgorithm::Sha384:
      return "sha384";
    case HashAlgorithm::Sha512:
      return "sha512";
  }
  return "sha256";
}

std::size_t hashHexLength(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::Md5:
      return 32;
    case HashAlgorithm::Sha1:
      return 40;
    case HashAlgorithm::Sha224:
      return 56;
    case HashAlgorithm::Sha256:
      return 64;
    case HashAlgorithm::Sha384:
      return 96;
    case HashAlgorithm::Sha512:
      return 128;
  }
  return 64;
}

struct Hasher::State {
  DigestContext context{EVP_MD_CTX_new()};
  bool ok = false;
};

Hasher::Hasher(HashAlgorithm algorithm) : algorithm_(algorithm), state_(std::make_unique<State>()) {
  state_->ok = state_->context &&
               EVP_DigestInit_ex(state_->context.get(), evpDigest(algorithm), nullptr) == 1;
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(std::string_view bytes) {
  if (!state_->ok || bytes.empty()) return;
  state_->ok = EVP_DigestUpdate(state_->context.get(), bytes.data(), bytes.size()) == 1;
}

core::Result<std::string> Hasher::finishHex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (!state_->ok || EVP_DigestFinal_ex(state_->context.get(), md.data(), &length) != 1) {
    state_->ok = false;
    return core::fail(
        core::Errc::Internal,
        "OpenSSL could not compute a " + std::string(hashAlgorithmName(algorithm_)) + " digest");
  }
  state_->ok = false;  // finished: a second finishHex() fails instead of reusing the context
  return toHex(md.data(), length);
}

std::string digestHex(std::string_view bytes, HashAlgorithm algorithm) {
  Hasher hasher(algorithm);
  hasher.update(bytes);
  auto hex = hasher.finishHex();
  return hex ? std::move(hex).value() : std::string();
}

core::Result<std::string> fileDigestHex(const std::filesystem::path& path,
                                        HashAlgorithm algorithm) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::fail(core::Errc::NotFound, "no such file: " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::Errc::Unreadable, "cannot open " + path.string());
  Hasher hasher(algorithm);
  std::vector<char> buffer(std::size_t{64} * 1024);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    hasher.update(std::string_view(buffer.data(), got));
  }
  if (!in.eof()) {
    return core::fail(core::Errc::Unreadable, "cannot read " + path.string() + " to its end");
  }
  return hasher.finishHex();
}

std::string randomHex(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) std::abort();
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(count * 2);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

}  // namespace awardflow::crypto
