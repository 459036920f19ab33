#include "engine/crypto/digest.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
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

}  // namespace

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
