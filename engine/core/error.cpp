#include "engine/core/error.hpp"

namespace awardflow::core {

std::string_view errcName(Errc code) {
  switch (code) {
    case Errc::InvalidArgument:
      return "invalid-argument";
    case Errc::NotFound:
      return "not-found";
    case Errc::Unreadable:
      return "unreadable";
    case Errc::TooLarge:
      return "too-large";
    case Errc::Malformed:
      return "malformed";
    case Errc::Invalid:
      return "invalid";
    case Errc::Config:
      return "config";
    case Errc::PermissionDenied:
      return "permission-denied";
    case Errc::Conflict:
      return "conflict";
    case Errc::Unauthenticated:
      return "unauthenticated";
    case Errc::TooManyRequests:
      return "too-many-requests";
    case Errc::UnsupportedMedia:
      return "unsupported-media";
    case Errc::IllegalTransition:
      return "illegal-transition";
    case Errc::Unavailable:
      return "unavailable";
    case Errc::Internal:
      return "internal";
  }
  return "internal";
}

}  // namespace awardflow::core
