#include "engine/crypto/detail/openssl.hpp"

#include <array>
#include <climits>

namespace awardflow::crypto::detail {

Bio readBio(std::string_view bytes) {
  const int length =
      bytes.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(bytes.size());
  return Bio(BIO_new_mem_buf(bytes.data(), length));
}

std::string bioContents(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  if (length <= 0 || data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(length));
}

std::string opensslErrors() {
  std::string out;
  std::array<char, 256> buffer{};
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    ERR_error_string_n(e, buffer.data(), buffer.size());
    if (!out.empty()) out += "; ";
    out += buffer.data();
  }
  return out;
}

core::Unexpected failWithOpenssl(core::Errc code, const std::string& what) {
  const std::string reasons = opensslErrors();
  return core::fail(code, reasons.empty() ? what : what + " (" + reasons + ")");
}

}  // namespace awardflow::crypto::detail
