#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::crypto {

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

// HMAC-SHA256 of `bytes` under `key`, as 64 lower-case hex digits ("" when OpenSSL fails).
std::string hmacSha256Hex(std::string_view key, std::string_view bytes);

// `count` bytes from OpenSSL's CSPRNG as 2·count lower-case hex digits (tokens, secrets).
// Aborts the program when the generator fails: nothing may go on without randomness.
std::string randomHex(std::size_t count);

// Size and SHA-256 of a file, read in chunks (memory stays flat for large scans).
struct FileDigest {
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex
};

// Fails with Errc::NotFound when the file does not exist and Errc::Unreadable when it cannot be
// read to its end.
core::Result<FileDigest> sha256File(const std::filesystem::path& path);

// Fixity algorithms: those of BagIt manifests (RFC 8493 §2.4), by their manifest names. MD5 and
// SHA-1 are here to verify old packages; signatures use DigestAlgorithm (signature.hpp), which
// has no MD5.
enum class HashAlgorithm { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };

// The algorithm named `name` ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"; exactly
// these lower-case spellings, as manifest file names carry them), or nullopt.
std::optional<HashAlgorithm> hashAlgorithmNamed(std::string_view name);
// The lower-case name above.
std::string_view hashAlgorithmName(HashAlgorithm algorithm);
// Number of hex digits of a digest (32 for MD5 … 128 for SHA-512).
std::size_t hashHexLength(HashAlgorithm algorithm);

// An incremental digest: update() with the bytes in order, then finishHex() once. Streams of any
// length take constant memory. Not thread-safe; movable, not copyable.
class Hasher {
 public:
  explicit Hasher(HashAlgorithm algorithm);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  HashAlgorithm algorithm() const { return algorithm_; }
  void update(std::string_view bytes);
  // The digest as lower-case hex. Fails with Errc::Internal when OpenSSL failed at any step.
  // REQUIRES: called once; update() is not called after it.
  core::Result<std::string> finishHex();

 private:
  struct State;
  HashAlgorithm algorithm_;
  std::unique_ptr<State> state_;
};

// `algorithm` over `bytes`, lower-case hex; "" when OpenSSL fails (as sha256Hex).
std::string digestHex(std::string_view bytes, HashAlgorithm algorithm);

// `algorithm` over a file, read in chunks. Fails with Errc::NotFound when there is no regular
// file at `path` and Errc::Unreadable when it cannot be read to its end.
core::Result<std::string> fileDigestHex(const std::filesystem::path& path, HashAlgorithm algorithm);

}  // namespace awardflow::crypto
