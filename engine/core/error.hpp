#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace awardflow::core {

// The one error code enum of the program. Each edge maps it once: http to a status, cli to an
// exit code. Add a code only when a caller must act differently on it.
enum class Errc {
  InvalidArgument,    // the caller's request is malformed (usage errors, bad options)
  NotFound,           // an id, file or rulebook that does not exist
  Unreadable,         // input exists but cannot be read (permissions, I/O)
  TooLarge,           // input over a configured limit
  Malformed,          // input that does not parse
  Invalid,            // input that parses but breaks a schema or rule
  Config,             // configuration, schemas or rulebooks that cannot be loaded
  PermissionDenied,   // the actor may not do this
  Conflict,           // stale version, duplicate key
  IllegalTransition,  // the workflow does not allow this action now
  Unauthenticated,    // no valid sign-in (HTTP 401)
  TooManyRequests,    // throttled: try again later (HTTP 429)
  UnsupportedMedia,   // a body or upload of a type not accepted here (HTTP 415)
  Unavailable,        // a dependency (store, disk) is not available
  Internal,           // a bug: an invariant did not hold
};

// Stable lower-case name of a code ("not-found"), for logs and JSON.
std::string_view errcName(Errc code);

// An expected failure as a value: what went wrong, and located details where there are any.
struct Error {
  Errc code = Errc::Internal;
  std::string message;
  std::vector<std::string> details;
};

// Wraps an Error so that Result<T> can be built from it without ambiguity (like std::unexpected).
struct Unexpected {
  Error error;
};

inline Unexpected fail(Errc code, std::string message, std::vector<std::string> details = {}) {
  return Unexpected{Error{code, std::move(message), std::move(details)}};
}

// A value or an Error, shaped like C++23 std::expected (g++ 12 has no <expected> in C++20).
// REQUIRES: value() only when has_value(); error() only when !has_value().
template <typename T>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose, as std::expected: `return value;` and `return fail(...);` both work.
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}
  // NOLINTNEXTLINE(google-explicit-constructor,performance-unnecessary-value-param)
  Result(Unexpected unexpected) : data_(std::in_place_index<1>, std::move(unexpected.error)) {}

  // NOLINTNEXTLINE(readability-identifier-naming): std::expected's name
  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  // NOLINTNEXTLINE(google-explicit-constructor,performance-unnecessary-value-param)
  Result(Unexpected unexpected) : error_(std::move(unexpected.error)), failed_(true) {}

  // NOLINTNEXTLINE(readability-identifier-naming): std::expected's name
  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace awardflow::core
