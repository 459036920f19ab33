#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace awardflow::crypto {

// Standard base64 (RFC 4648 §4) with padding, on one line.
std::string base64Encode(std::string_view bytes);

// The same, wrapped at 76 characters per line (as XMLDSig values usually are).
std::string base64EncodeWrapped(std::string_view bytes);

// Decodes base64, ignoring ASCII white space; nullopt on any other character or bad padding.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace awardflow::crypto
