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
  if (contains(sha)) return sha;
  const std::filesystem::path path = pathOf(sha);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    return core::fail(core::Errc::Unavailable,
                      "cannot create " + path.parent_path().string() + ": " + ec.message());
  // Another writer may have stored the same content meanwhile: same bytes, same name, so a
  // refusal to overwrite is success.
  auto written = core::writeFileAtomic(path, bytes, 0444, false);
  if (!written && written.error().code != core::Errc::Conflict)
    return core::Unexpected{written.error()};
  return sha;
}

core::Result<std::string> BlobStore::get(const std::string& sha256) const {
  if (!isSha256(sha256))
    return core::fail(core::Errc::Invalid, "not a SHA-256 blob name: " + sha256);
  auto bytes = core::readFile(pathOf(sha256), std::size_t{1} << 30);
  if (!bytes) {
    if (bytes.error().code == core::Errc::NotFound) return core::Unexpected{bytes.error()};
    return core::fail(core::Errc::Unavailable, bytes.error().message);
  }
  if (crypto::sha256Hex(*bytes) != sha256) {
    return core::fail(core::Errc::Invalid,
                      "blob " + sha256 + " is damaged: its content no longer matches its digest");
  }
  return bytes;
}

}  // namespace awardflow::store
