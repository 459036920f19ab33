#include "engine/core/text.hpp"

#include <cctype>
#include <cstdint>
#include <memory>

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
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

const icu::Normalizer2* nfd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
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

std::string searchFold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const auto put = [&](UChar32 c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    const auto u = static_cast<std::uint32_t>(c);
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (u >> 6)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (u >> 12)));
      out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (u >> 18)));
      out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    }
  };
  // ASCII needs no normalization: the common case of codes, numbers and unaccented queries.
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        put(std::tolower(static_cast<unsigned char>(c)));
      } else {
        pending_space = true;
      }
    }
    return out;
  }
  icu::UnicodeString decomposed = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (const icu::Normalizer2* normalizer = nfd(); normalizer != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = normalizer->normalize(decomposed, status);
    if (U_SUCCESS(status)) decomposed = normalized;
  }
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';  // đ Đ: a letter of its own, not d with a mark
    if (u_isalnum(c) != 0) {
      put(u_foldCase(c, U_FOLD_CASE_DEFAULT));
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string collationKey(std::string_view text) {
  if (text.empty()) return {};
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (!collator) {
    std::string fallback;
    source.toUTF8String(fallback);
    return fallback;
  }
  std::string key(64, '\0');
  int32_t length = collator->getSortKey(source, reinterpret_cast<uint8_t*>(key.data()),
                                        static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(length));
    length = collator->getSortKey(source, reinterpret_cast<uint8_t*>(key.data()), length);
  }
  // The key ends with a 0 byte: dropped, so that keys compare as strings.
  key.resize(length > 0 ? static_cast<std::size_t>(length - 1) : 0);
  return key;
}

}  // namespace awardflow::core
