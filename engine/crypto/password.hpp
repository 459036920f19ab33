#pragma once

#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::crypto {

// Password storage with scrypt (OpenSSL): "scrypt$N$r$p$<salt b64>$<key b64>", a fresh 16-byte
// salt each time, N = 2^15, r = 8, p = 1, 32-byte key. The password itself is never kept.
core::Result<std::string> hashPassword(std::string_view password);

// True when `password` matches `stored` (constant-time comparison). False for anything that is
// not a stored hash of this form, or whose parameters are weaker than the ones above.
bool verifyPassword(std::string_view password, const std::string& stored);

}  // namespace awardflow::crypto
