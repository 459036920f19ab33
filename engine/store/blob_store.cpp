#include "engine/store/blob_store.hpp"

#include <algorithm>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"

namespace awardflow::store {
namespace {

bool isSha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::filesystem::path BlobStore::pathOf(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

bool BlobStore::contains(const std::string& sha256) const {
  std::error_code ec;
  return isSha256(sha256) && std::filesystem::exists(pathOf(sha256), ec);
}

core::Result<std::string> BlobStore::put(std::string_view bytes) const {
  const std::string sha = crypto::sha256Hex(bytes);
  const std::filesystem::path path = pathOf(sha);
  std::error_code ec;
  bool damaged = false;
  if (std::filesystem::exists(path, ec)) {
    // Content addressing says these bytes are there; the disk may disagree (a flipped bit, a
    // truncated copy). Good bytes in hand replace a damaged file, never the other way round.
    auto existing = core::readFile(path, bytes.size() + 1);
    if (existing && *existing == bytes) return sha;
    damaged = true;
  }
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return core::fail(core::Errc::Unavailable,
                      "cannot create the folder of blob " + sha + ": " + ec.message());
  }
  // Another writer may have stored the same content meanwhile: same bytes, same name, so a
  // refusal to overwrite is success. A damaged file is overwritten (rename over it).
  auto written = core::writeFileAtomic(path, bytes, 0444, damaged);
  if (!written && written.error().code != core::Errc::Conflict) {
    return core::fail(core::Errc::Unavailable, "cannot store blob " + sha);
  }
  if (damaged && on_repair_) on_repair_(sha);
  return sha;
}

core::Result<std::string> BlobStore::get(const std::string& sha256) const {
  if (!isSha256(sha256)) return core::fail(core::Errc::Invalid, "not a SHA-256 blob name");
  auto bytes = core::readFile(pathOf(sha256), std::size_t{1} << 30);
  if (!bytes) {
    if (bytes.error().code == core::Errc::NotFound) {
      return core::fail(core::Errc::NotFound, "stored file " + sha256 + " is missing",
                        {"tệp đã lưu " + sha256 + " bị mất"});
    }
    return core::fail(core::Errc::Unavailable, "stored file " + sha256 + " cannot be read",
                      {"không đọc được tệp đã lưu " + sha256});
  }
  if (crypto::sha256Hex(*bytes) != sha256) {
    return core::fail(
        core::Errc::Invalid,
        "stored file " + sha256 + " is damaged: its content no longer matches its digest",
        {"tệp đã lưu " + sha256 + " bị hỏng: nội dung không còn khớp mã băm"});
  }
  return bytes;
}

BlobState BlobStore::check(const std::string& sha256) const {
  if (!isSha256(sha256)) return BlobState::Missing;
  auto digest = crypto::sha256File(pathOf(sha256));
  if (!digest) {
    return digest.error().code == core::Errc::NotFound ? BlobState::Missing : BlobState::Unreadable;
  }
  return digest->sha256 == sha256 ? BlobState::Intact : BlobState::Damaged;
}

bool BlobStore::present(const std::string& sha256, std::int64_t size) const {
  if (!isSha256(sha256)) return false;
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(pathOf(sha256), ec);
  return !ec && (size < 0 || bytes == static_cast<std::uintmax_t>(size));
}

core::Result<std::vector<std::string>> BlobStore::list() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::exists(root_, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(root_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && isSha256(name)) out.push_back(name);
  }
  if (ec) return core::fail(core::Errc::Unavailable, "cannot list the blob store: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace awardflow::store
