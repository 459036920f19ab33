#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::store {

// Attachments and documents by content: each stored once under blobs/ab/cd/<sha256>, written to
// a temporary file, fsynced and renamed, so a blob either exists whole or not at all.
// Thread- and process-safe (the same content written twice yields the same file).
class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores `bytes` and returns their SHA-256 (hex). Fails with Errc::Unavailable on I/O errors.
  core::Result<std::string> put(std::string_view bytes) const;

  // The bytes of blob `sha256`, checked against their name: Errc::NotFound when absent,
  // Errc::Invalid when the name is not a SHA-256 or the content no longer matches it (damaged
  // storage), Errc::Unavailable when it cannot be read.
  core::Result<std::string> get(const std::string& sha256) const;

  bool contains(const std::string& sha256) const;
  std::filesystem::path pathOf(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace awardflow::store
