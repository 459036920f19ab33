#include "engine/archive/detail/bag_text.hpp"

#include <algorithm>
#include <cstdint>

namespace awardflow::archive::detail {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return out;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

constexpr char32_t kReplacement = 0xFFFD;

// The line the next decoded character falls on: one more than the line breaks so far.
int currentLine(std::string_view decoded) {
  int line = 1;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    if (decoded[i] == '\n') {
      ++line;
    } else if (decoded[i] == '\r') {
      ++line;
      if (i + 1 < decoded.size() && decoded[i + 1] == '\n') ++i;
    }
  }
  return line;
}

// Length of the well-formed UTF-8 sequence at the start of `s` (no overlongs, no surrogates,
// nothing above U+10FFFF), or 0.
std::size_t utf8Sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (s.size() < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (s.size() < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void decodeUtf8(std::string_view bytes, DecodedText& out) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    out.had_bom = true;
    bytes.remove_prefix(3);
  }
  out.text.reserve(bytes.size());
  while (!bytes.empty()) {
    const std::size_t n = utf8Sequence(bytes);
    if (n == 0) {
      if (out.bad_line == 0) out.bad_line = currentLine(out.text);
      appendUtf8(out.text, kReplacement);
      bytes.remove_prefix(1);
      continue;
    }
    out.text.append(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
}

void decodeLatin1(std::string_view bytes, DecodedText& out) {
  out.text.reserve(bytes.size());
  for (char c : bytes) appendUtf8(out.text, static_cast<unsigned char>(c));
}

void decodeUtf16(std::string_view bytes, bool big_endian, DecodedText& out) {
  const auto unit = [&](std::size_t i) {
    const auto hi = static_cast<unsigned char>(bytes[big_endian ? i : i + 1]);
    const auto lo = static_cast<unsigned char>(bytes[big_endian ? i + 1 : i]);
    return static_cast<char32_t>((hi << 8) | lo);
  };
  const auto bad = [&] {
    if (out.bad_line == 0) out.bad_line = currentLine(out.text);
    appendUtf8(out.text, kReplacement);
  };
  std::size_t i = 0;
  if (bytes.size() >= 2 && unit(0) == 0xFEFF) {
    out.had_bom = true;
    i = 2;
  }
  for (; i + 1 < bytes.size(); i += 2) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 < bytes.size()) {
        const char32_t low = unit(i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          appendUtf8(out.text, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          i += 2;
          continue;
        }
      }
      bad();
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      bad();
    } else {
      appendUtf8(out.text, u);
    }
  }
  if (bytes.size() % 2 != 0) bad();  // a dangling half code unit
}

}  // namespace

std::optional<TagEncoding> tagEncodingNamed(std::string_view name) {
  const std::string n = upper(name);
  if (n == "UTF-8" || n == "UTF8" || n == "US-ASCII" || n == "ASCII") return TagEncoding::Utf8;
  if (n == "ISO-8859-1" || n == "ISO_8859-1" || n == "ISO8859-1" || n == "LATIN1" ||
      n == "LATIN-1") {
    return TagEncoding::Latin1;
  }
  if (n == "UTF-16") return TagEncoding::Utf16;
  if (n == "UTF-16BE") return TagEncoding::Utf16Be;
  if (n == "UTF-16LE") return TagEncoding::Utf16Le;
  return std::nullopt;
}

DecodedText decodeTagText(std::string_view bytes, TagEncoding encoding) {
  DecodedText out;
  switch (encoding) {
    case TagEncoding::Utf8:
      decodeUtf8(bytes, out);
      break;
    case TagEncoding::Latin1:
      decodeLatin1(bytes, out);
      break;
    case TagEncoding::Utf16: {
      // A BOM decides; without one, big-endian (RFC 2781 §4.3).
      const bool little = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
                          static_cast<unsigned char>(bytes[1]) == 0xFE;
      decodeUtf16(bytes, !little, out);
      break;
    }
    case TagEncoding::Utf16Be:
      decodeUtf16(bytes, true, out);
      break;
    case TagEncoding::Utf16Le:
      decodeUtf16(bytes, false, out);
      break;
  }
  return out;
}

std::vector<Line> splitLines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(Line{number++, text.substr(start, i - start)});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(Line{number, text.substr(start)});
  return lines;
}

std::string decodePercent(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      const std::string code = upper(path.substr(i + 1, 2));
      if (code == "0A" || code == "0D" || code == "25") {
        out.push_back(code == "0A" ? '\n' : code == "0D" ? '\r' : '%');
        i += 2;
        continue;
      }
    }
    out.push_back(path[i]);
  }
  return out;
}

std::string encodePercent(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out.push_back(c);
  }
  return out;
}

PathFault pathFault(std::string_view path) {
  if (path.empty()) return PathFault::Empty;
  if (path.find('\0') != std::string_view::npos) return PathFault::Control;
  if (path.front() == '/') return PathFault::Absolute;
  const bool drive = path.size() >= 2 && path[1] == ':' &&
                     ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  if (drive || path.find('\\') != std::string_view::npos) return PathFault::Windows;
  PathFault worst = PathFault::None;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "..") return PathFault::Traversal;
    if (segment.empty() || segment == ".") worst = PathFault::NonNormal;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return worst;
}

std::string_view pathFaultCode(PathFault fault) {
  switch (fault) {
    case PathFault::None:
      return "ok";
    case PathFault::Empty:
      return "empty";
    case PathFault::Control:
      return "control";
    case PathFault::Absolute:
      return "absolute";
    case PathFault::Windows:
      return "windows";
    case PathFault::Traversal:
      return "traversal";
    case PathFault::NonNormal:
      return "non-normal";
  }
  return "ok";
}

}  // namespace awardflow::archive::detail
