// base64: whatever decodes must re-encode to text that decodes to the same bytes.
#include <cstdint>
#include <cstdlib>

#include "engine/crypto/base64.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace awardflow::crypto;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto decoded = base64Decode(text);
  if (decoded && base64Decode(base64Encode(*decoded)) != decoded) std::abort();
  if (base64Decode(base64Encode(text)) != std::string(text)) std::abort();
  return 0;
}
