#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"

namespace awardflow::store {

// What a blob's file holds against its name.
enum class BlobState { Intact, Missing, Damaged, Unreadable };

// Attachments and documents by content: each stored once under blobs/ab/cd/<sha256>, written to
// a temporary file, fsynced and renamed, so a blob either exists whole or not at all.
// Thread- and process-safe (the same content written twice yields the same file). Error
// messages name blobs by digest, never by their path on the server (they reach clients).
class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Called with a blob's digest after put() replaced a damaged file of that name with good
  // bytes (the caller records the repair, service::openDataDirectory in the audit chain).
  using RepairObserver = std::function<void(const std::string& sha256)>;
  void onRepair(RepairObserver observer) { on_repair_ = std::move(observer); }

  // Stores `bytes` and returns their SHA-256 (hex). A file already under that name is compared
  // with `bytes` first, never trusted: a damaged one is replaced (and reported to the repair
  // observer). Fails with Errc::Unavailable on I/O errors.
  core::Result<std::string> put(std::string_view bytes) const;

  // The bytes of blob `sha256`, checked against their name: Errc::NotFound when absent,
  // Errc::Invalid when the name is not a SHA-256 or the content no longer matches it (damaged
  // storage), Errc::Unavailable when it cannot be read.
  core::Result<std::string> get(const std::string& sha256) const;

  // Reads blob `sha256` through and compares its digest with its name (a fixity check).
  BlobState check(const std::string& sha256) const;

  // Whether blob `sha256` exists with `size` bytes (-1: any size): a cheap look, not a fixity
  // check, for pages that show which files are missing.
  bool present(const std::string& sha256, std::int64_t size = -1) const;

  // The names of every blob file in the store, sorted; files whose names are not SHA-256 digests
  // (left-over temporary files) are not blobs and are skipped. Errc::Unavailable when the folder
  // cannot be listed.
  core::Result<std::vector<std::string>> list() const;

  bool contains(const std::string& sha256) const;
  std::filesystem::path pathOf(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
  RepairObserver on_repair_;
};

}  // namespace awardflow::store
