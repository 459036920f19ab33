#pragma once

// Private to engine/store: the JSON string literal of a text for the payloads of audit events.

#include <string>

namespace awardflow::store {

// `text` as a JSON string: quotes and backslashes escaped, control characters as spaces.
inline std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace awardflow::store
