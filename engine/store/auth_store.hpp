#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/store/database.hpp"

namespace awardflow::store {

// A sign-in: a browser session (cookie + CSRF token) or a program's bearer token. Only the
// SHA-256 of the secret token is stored.
struct AuthToken {
  std::string token_sha256;
  std::string login;
  std::string kind;   // "session" or "api"
  std::string csrf;   // sessions only
  std::string label;  // api tokens: what the user called it
  std::string created_at;
  std::string expires_at;  // UTC timestamp; compared as text (same format)
  bool revoked = false;
};

// The auth_tokens table (migration 4). Thread-safe through the Database.
class AuthStore {
 public:
  explicit AuthStore(const Database& database) : database_(database) {}

  core::Result<void> add(const AuthToken& token) const;
  core::Result<std::optional<AuthToken>> find(const std::string& token_sha256) const;
  // Revokes one token; false when there was none (or it was revoked already).
  core::Result<bool> revoke(const std::string& token_sha256) const;
  // The user's API tokens (without secrets), newest first.
  core::Result<std::vector<AuthToken>> apiTokens(const std::string& login) const;

 private:
  const Database& database_;
};

}  // namespace awardflow::store
