#include "engine/crypto/base64.hpp"

#include <vector>

#include <openssl/evp.h>

namespace awardflow::crypto {

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string base64EncodeWrapped(std::string_view bytes) {
  const std::string flat = base64Encode(bytes);
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += 76) {
    if (i != 0) out += '\n';
    out += flat.substr(i, 76);
  }
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/' || c == '=';
    if (!ok) return std::nullopt;
    compact.push_back(c);
  }
  if (compact.size() % 4 != 0) return std::nullopt;
  const std::size_t first_pad = compact.find('=');
  if (first_pad != std::string::npos &&
      (first_pad < compact.size() - 2 ||
       compact.find_first_not_of('=', first_pad) != std::string::npos)) {
    return std::nullopt;
  }
  std::string out(compact.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(compact.data()),
                                      static_cast<int>(compact.size()));
  if (written < 0) return std::nullopt;
  // EVP_DecodeBlock counts padding as zero bytes.
  const std::size_t padding = first_pad == std::string::npos ? 0 : compact.size() - first_pad;
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

}  // namespace awardflow::crypto
