#include "engine/core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace awardflow::core {
namespace {

const icu::Normalizer2* nfc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

bool isValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string toNfc(std::string_view text) {
  // ASCII is always NFC; this is the common case for codes and numbers.
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const icu::Normalizer2* normalizer = nfc();
  if (ascii || normalizer == nullptr) return std::string(text);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  // Checked on the UTF-8 bytes: most input is already NFC and needs no UTF-16 round trip.
  if (normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(piece);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = normalizer->normalize(source, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string collapseSpace(std::string_view text) {
  // Most values are already tidy: one pass to find out, and a plain copy if so.
  bool tidy = text.empty() || (!isAsciiSpace(text.front()) && !isAsciiSpace(text.back()));
  for (std::size_t i = 0; tidy && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\t' || c == '\n' || c == '\r' ||
        (c == ' ' && i + 1 < text.size() && text[i + 1] == ' '))
      tidy = false;
  }
  if (tidy) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (isAsciiSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string nameKey(std::string_view text) {
  const std::string collapsed = collapseSpace(toNfc(text));
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(
      icu::StringPiece(collapsed.data(), static_cast<int32_t>(collapsed.size())));
  folded.foldCase();
  std::string out;
  folded.toUTF8String(out);
  // Folding can decompose (e.g. some Greek); bring the key back to NFC.
  return toNfc(out);
}

}  // namespace awardflow::core
