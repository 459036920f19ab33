#pragma once

#include <string>
#include <string_view>

namespace awardflow::core {

// Vietnamese text helpers on UTF-8 strings, backed by ICU.

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view text);

// The NFC (composed) form of `text`. Text that is already NFC comes back unchanged without
// copying work beyond the return. Ill-formed UTF-8 is returned as it is.
std::string toNfc(std::string_view text);

// A key for comparing names as people do: NFC, case folded, inner white space collapsed and
// trimmed. Diacritics are kept ("Nguyễn" and "Nguyên" stay different people).
std::string nameKey(std::string_view text);

// Text as search compares it: decomposed (NFD), every combining mark removed, đ/Đ → d, lower
// case, and every run of characters that are neither letters nor digits turned into one space
// ("Nguyễn Đức Thắng" and "nguyen  duc-thang" both give "nguyen duc thang"). NFC and NFD input
// give the same result.
std::string searchFold(std::string_view text);

// A byte string whose byte-wise order is the Vietnamese alphabetical order of `text` (ICU's "vi"
// collation: a < ă < â < b …, đ after d, tones compared last), for sorting in SQL. Empty for
// empty text.
std::string collationKey(std::string_view text);

// Collapses runs of white space (including line breaks) to one space and trims both ends.
std::string collapseSpace(std::string_view text);

}  // namespace awardflow::core
