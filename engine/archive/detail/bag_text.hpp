#pragma once

// Text rules of BagIt tag files, private to engine/archive: character encodings, line
// splitting, the percent-encoding of manifest paths and the safety rules for relative paths.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awardflow::archive::detail {

// The Tag-File-Character-Encoding values read here.
enum class TagEncoding { Utf8, Latin1, Utf16, Utf16Be, Utf16Le };

// The encoding named `name` (case-insensitive: "UTF-8", "UTF8", "US-ASCII", "ISO-8859-1",
// "ISO_8859-1", "ISO8859-1", "LATIN1", "Latin-1", "UTF-16", "UTF-16BE", "UTF-16LE"), or nullopt.
// US-ASCII is read as UTF-8, of which it is a subset.
std::optional<TagEncoding> tagEncodingNamed(std::string_view name);

// A tag file decoded to UTF-8.
struct DecodedText {
  std::string text;
  bool had_bom = false;  // a byte-order mark was removed from the start
  int bad_line = 0;      // 1-based line of the first byte that is not valid in the encoding
};

// Decodes `bytes` to UTF-8. ISO-8859-1 maps each byte to its code point; UTF-16 without a
// suffix takes its byte order from a BOM (big-endian without one). Invalid sequences become
// U+FFFD and the first one's line is recorded.
DecodedText decodeTagText(std::string_view bytes, TagEncoding encoding);

// One line of a tag file without its terminator.
struct Line {
  int number = 0;  // 1-based
  std::string_view text;
};

// Splits on LF, CRLF or CR. A last line without terminator is kept; the empty remainder after a
// final terminator is not a line.
std::vector<Line> splitLines(std::string_view text);

// Manifest and fetch.txt paths: "%0A", "%0D" and "%25" (either case) stand for LF, CR and "%";
// any other "%" is itself.
std::string decodePercent(std::string_view path);
// The inverse, as written: "%" → "%25", CR → "%0D", LF → "%0A".
std::string encodePercent(std::string_view path);

// What is wrong with a relative path of a bag entry, worst first.
enum class PathFault {
  None,
  Empty,
  Control,    // a NUL byte
  Absolute,   // starts with "/"
  Windows,    // a backslash or a drive letter ("C:")
  Traversal,  // a ".." segment
  NonNormal,  // a "." or empty segment ("a//b", "a/./b", trailing "/")
};

PathFault pathFault(std::string_view path);

// Stable code suffix ("absolute", "traversal" …) for bagit.path.<suffix>.
std::string_view pathFaultCode(PathFault fault);

// True for US-ASCII white space inside a line: space or tab.
inline bool isBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace awardflow::archive::detail
