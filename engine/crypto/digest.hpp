#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::crypto {

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256Hex(std::string_view bytes);

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

}  // namespace awardflow::crypto
