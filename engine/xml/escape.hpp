#pragma once

#include <string>
#include <string_view>

namespace awardflow::xml {

// Text for the content of an XML 1.0 element written by awardflow: & < > escaped, CR kept as a
// character reference, and the C0 control characters XML 1.0 forbids (all but tab, LF, CR)
// dropped. (Canonical XML has its own escaping rules: xml/c14n_stream.cpp.)
std::string escapeText(std::string_view text);

// The same for a double-quoted attribute value; " is escaped too, and tab, LF and CR are written
// as character references so that attribute-value normalization does not turn them into spaces.
std::string escapeAttribute(std::string_view text);

}  // namespace awardflow::xml
