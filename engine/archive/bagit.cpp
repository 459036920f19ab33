#include "engine/archive/bagit.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "engine/archive/detail/bag_text.hpp"
#include "engine/archive/detail/files.hpp"
#include "engine/archive/detail/zip.hpp"
#include "engine/core/text.hpp"
#include "engine/crypto/digest.hpp"

namespace awardflow::archive {
namespace {

namespace fs = std::filesystem;
using detail::Line;
using detail::PathFault;

constexpr std::string_view kDeclaration = "bagit.txt";
constexpr std::string_view kBagInfo = "bag-info.txt";
constexpr std::string_view kFetch = "fetch.txt";

// The versions validated, each by its own rules (docs/archive.md, "Older BagIt versions"):
// 1.0 as RFC 8493 states it; the drafts 0.93–0.97 relax what they did not yet require.
bool supportedVersion(std::string_view version) {
  return version == "1.0" || version == "0.97" || version == "0.96" || version == "0.95" ||
         version == "0.94" || version == "0.93";
}

// Whether `version` is a draft before RFC 8493 (0.9x).
bool draftVersion(std::string_view version) { return version.substr(0, 2) == "0."; }

// Names that operating systems leave in folders on their own (Finder, Explorer).
bool systemFileName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name == ".DS_Store" || name == "Thumbs.db" || name == "desktop.ini" ||
         name.substr(0, 2) == "._";
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool isHex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What the bag holds on disk, by bag-relative "/"-separated path.
struct Inventory {
  std::map<std::string, std::uint64_t> payload;  // regular files under data/
  std::map<std::string, std::uint64_t> tags;     // regular files elsewhere
  std::set<std::string> unusable;                // links and special files (reported)
  bool data_dir = false;
  std::map<std::string, std::string> payload_by_nfc;  // NFC form → path on disk

  bool hasFile(const std::string& path) const { return payload.count(path) + tags.count(path); }
};

struct ManifestEntry {
  std::string path;    // decoded
  std::string digest;  // lower case
  int line = 0;
  bool usable = false;  // path safe and in the right part of the bag
  std::string on_disk;  // the file it names, "" when absent
};

struct Manifest {
  std::string file;  // "manifest-md5.txt"
  bool tag = false;
  std::string algorithm_name;
  std::optional<crypto::HashAlgorithm> algorithm;
  std::vector<ManifestEntry> entries;
  std::set<std::string> usable_paths;  // of the usable entries
};

struct FetchEntry {
  std::string path;
  int line = 0;
};

class Validation {
 public:
  Validation(const fs::path& root, int root_fd, const BagValidationOptions& options,
             BagValidation& out)
      : root_(root), root_fd_(root_fd), options_(options), out_(out) {}

  void run();

 private:
  void problem(core::Severity severity, std::string code, std::string path, int line,
               std::string vi, std::string en) {
    out_.report.add(severity, std::move(code), core::Location{line, 0, std::move(path)},
                    core::Message{std::move(vi), std::move(en)});
  }
  void error(std::string code, std::string path, int line, std::string vi, std::string en) {
    problem(core::Severity::Error, std::move(code), std::move(path), line, std::move(vi),
            std::move(en));
  }
  void warning(std::string code, std::string path, int line, std::string vi, std::string en) {
    problem(core::Severity::Warning, std::move(code), std::move(path), line, std::move(vi),
            std::move(en));
  }

  void unreadable(const std::string& path, int error_number) {
    const std::string why = detail::errnoText(error_number);
    error("bagit.file.unreadable", path, 0, "Không đọc được " + path + ": " + why + ".",
          "Cannot read " + path + ": " + why + ".");
  }
  void digestMismatch(const Manifest& manifest, const ManifestEntry& entry, const std::string& path,
                      const std::string& actual);

  void takeInventory();
  std::optional<std::string> readTagFile(const std::string& path, bool declaration);
  void readDeclaration();
  void readBagInfo();
  void readManifests();
  void parseManifest(Manifest& manifest, std::string_view text);
  void readFetch();
  void checkPathSafety(std::string_view path, const std::string& file, int line);
  std::string resolve(const std::string& path, const std::string& file, int line);
  void checkCompleteness();
  // Another entry of `manifest` whose path differs from `entry`'s only in case, with the same
  // digest, present on disk; nullptr when none.
  const ManifestEntry* caseTwin(const Manifest& manifest, const ManifestEntry& entry) const;
  void checkDigests();
  void checkOxum();

  const fs::path& root_;
  int root_fd_;
  const BagValidationOptions& options_;
  BagValidation& out_;
  detail::TagEncoding encoding_ = detail::TagEncoding::Utf8;
  bool encoding_known_ = true;
  Inventory inventory_;
  std::vector<Manifest> manifests_;
  std::map<std::string, FetchEntry> fetch_;  // by path
  std::optional<std::string> oxum_;
  int oxum_line_ = 0;
  std::size_t holes_ = 0;              // manifest entries absent but listed in fetch.txt
  std::size_t system_files_gone_ = 0;  // listed system files (.DS_Store …) absent
};

void Validation::takeInventory() {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root_, fs::directory_options::none, ec), end;
       !ec && it != end; it.increment(ec)) {
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    const std::string path = it->path().lexically_relative(root_).generic_string();
    const bool payload = startsWith(path, "data/");
    if (fs::is_symlink(status)) {
      inventory_.unusable.insert(path);
      error("bagit.path.symlink", path, 0,
            "'" + path +
                "' là liên kết tượng trưng; gói BagIt không được chứa liên kết (không "
                "đi theo liên kết này).",
            "'" + path + "' is a symbolic link; a bag may not hold links (it is not followed).");
    } else if (fs::is_directory(status)) {
      if (path == "data") inventory_.data_dir = true;
    } else if (fs::is_regular_file(status)) {
      const std::uint64_t size = it->file_size(ec);
      if (ec) break;
      (payload ? inventory_.payload : inventory_.tags)[path] = size;
      if (payload) inventory_.payload_by_nfc.emplace(core::toNfc(path), path);
    } else {
      inventory_.unusable.insert(path);
      error("bagit.path.special", path, 0,
            "'" + path + "' không phải tệp thường hay thư mục (thiết bị, FIFO, socket).",
            "'" + path + "' is neither a regular file nor a folder (device, FIFO, socket).");
    }
  }
  if (ec) {
    error("bagit.file.unreadable", "", 0, "Không liệt kê được nội dung gói: " + ec.message(),
          "Cannot list the bag's content: " + ec.message());
  }
  if (!inventory_.data_dir) {
    error("bagit.data.missing", "data", 0, "Thiếu thư mục dữ liệu data/ của gói.",
          "The payload folder data/ is missing.");
  }
  for (const auto& [path, size] : inventory_.payload) {
    ++out_.payload_files;
    out_.payload_octets += size;
  }
}

std::optional<std::string> Validation::readTagFile(const std::string& path, bool declaration) {
  const auto found = inventory_.tags.find(path);
  if (found == inventory_.tags.end()) return std::nullopt;
  if (found->second > options_.max_tag_file_bytes) {
    error("bagit.tagfile.too-large", path, 0,
          "Tệp thẻ " + path + " có " + std::to_string(found->second) + " byte, vượt giới hạn " +
              std::to_string(options_.max_tag_file_bytes) + ".",
          "Tag file " + path + " has " + std::to_string(found->second) +
              " bytes, over the limit of " + std::to_string(options_.max_tag_file_bytes) + ".");
    return std::nullopt;
  }
  const detail::Fd fd = detail::openBeneath(root_fd_, path);
  int failure = fd ? 0 : errno;
  std::string bytes;
  std::vector<char> buffer(std::size_t{64} * 1024);
  while (failure == 0) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failure = errno;
    if (n <= 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
    if (bytes.size() > options_.max_tag_file_bytes) failure = EFBIG;  // it grew while read
  }
  if (failure != 0) {
    unreadable(path, failure);
    return std::nullopt;
  }
  // bagit.txt is always UTF-8 (RFC 8493 §2.1.1); the other tag files use the declared encoding.
  const detail::TagEncoding encoding = declaration ? detail::TagEncoding::Utf8 : encoding_;
  detail::DecodedText decoded = detail::decodeTagText(bytes, encoding);
  if (decoded.bad_line > 0) {
    const std::string name = declaration ? "UTF-8" : out_.encoding;
    error("bagit.tagfile.encoding", path, decoded.bad_line,
          "Tệp thẻ " + path + " có byte không hợp lệ trong bảng mã " + name + ".",
          "Tag file " + path + " has bytes that are not valid " + name + ".");
  }
  if (decoded.had_bom && declaration) {
    error("bagit.declaration.bom", path, 1,
          "bagit.txt bắt đầu bằng dấu thứ tự byte (BOM); RFC 8493 không cho phép BOM trong tệp "
          "khai báo.",
          "bagit.txt starts with a byte-order mark, which RFC 8493 forbids in the declaration.");
  } else if (decoded.had_bom && encoding == detail::TagEncoding::Utf8) {
    warning("bagit.tagfile.bom", path, 1,
            "Tệp thẻ " + path + " bắt đầu bằng dấu thứ tự byte (BOM); dấu này được bỏ qua.",
            "Tag file " + path + " starts with a byte-order mark; it is ignored.");
  }
  return std::move(decoded.text);
}

void Validation::readDeclaration() {
  const std::string path(kDeclaration);
  if (inventory_.tags.count(path) == 0) {
    if (inventory_.unusable.count(path) == 0) {
      error("bagit.declaration.missing", path, 0, "Thiếu tệp khai báo bagit.txt.",
            "The bag declaration bagit.txt is missing.");
    }
    return;
  }
  const auto text = readTagFile(path, true);
  if (!text) return;
  const std::vector<Line> lines = detail::splitLines(*text);
  std::optional<std::string> version;
  std::optional<std::string> encoding;
  int version_line = 0;
  const auto syntax = [&](int line, const std::string& vi, const std::string& en) {
    error("bagit.declaration.syntax", path, line, vi, en);
  };
  std::size_t index = 0;
  for (const Line& line : lines) {
    if (++index > 2) break;  // reported once below
    const std::size_t colon = line.text.find(':');
    const std::string_view label = line.text.substr(0, colon);
    const bool known = label == "BagIt-Version" || label == "Tag-File-Character-Encoding";
    if (colon == std::string_view::npos || !known) {
      syntax(line.number,
             "Dòng không đúng dạng 'BagIt-Version: M.N' hay "
             "'Tag-File-Character-Encoding: BẢNG-MÃ'.",
             "The line is neither 'BagIt-Version: M.N' nor "
             "'Tag-File-Character-Encoding: ENCODING'.");
      continue;
    }
    std::string_view value = line.text.substr(colon + 1);
    if (value.empty() || value.front() != ' ' || (value.size() > 1 && detail::isBlank(value[1]))) {
      syntax(line.number, "Sau dấu ':' phải có đúng một dấu cách rồi đến giá trị.",
             "The ':' must be followed by exactly one space and the value.");
    }
    while (!value.empty() && detail::isBlank(value.front())) value.remove_prefix(1);
    if (!value.empty() && detail::isBlank(value.back())) {
      warning("bagit.declaration.whitespace", path, line.number,
              "Giá trị có dấu cách thừa ở cuối dòng; dấu cách được bỏ qua.",
              "The value has trailing white space; it is ignored.");
      while (!value.empty() && detail::isBlank(value.back())) value.remove_suffix(1);
    }
    const bool is_version = label == "BagIt-Version";
    if ((is_version && version) || (!is_version && encoding)) {
      syntax(line.number, "Nhãn '" + std::string(label) + "' xuất hiện hai lần.",
             "Label '" + std::string(label) + "' appears twice.");
      continue;
    }
    if (index != (is_version ? 1U : 2U)) {
      syntax(line.number,
             "bagit.txt phải có đúng hai dòng theo thứ tự BagIt-Version rồi "
             "Tag-File-Character-Encoding.",
             "bagit.txt must have exactly two lines: BagIt-Version, then "
             "Tag-File-Character-Encoding.");
    }
    if (is_version) {
      version = std::string(value);
      version_line = line.number;
    } else {
      encoding = std::string(value);
    }
  }
  if (lines.size() > 2) {
    syntax(lines[2].number, "bagit.txt có hơn hai dòng.", "bagit.txt has more than two lines.");
  }
  if (!version) {
    error("bagit.declaration.version-missing", path, 0, "bagit.txt thiếu dòng BagIt-Version.",
          "bagit.txt has no BagIt-Version line.");
  } else {
    out_.version = *version;
    const std::size_t dot = version->find('.');
    const bool shaped = dot != std::string::npos && allDigits(version->substr(0, dot)) &&
                        allDigits(version->substr(dot + 1));
    if (!shaped || !supportedVersion(*version)) {
      error(
          "bagit.declaration.version", path, version_line,
          "Phiên bản BagIt '" + *version + "' không được hỗ trợ (chấp nhận 1.0 và 0.93 đến 0.97).",
          "BagIt version '" + *version + "' is not supported (1.0 and 0.93 to 0.97 are).");
    }
  }
  if (!encoding) {
    error("bagit.declaration.encoding-missing", path, 0,
          "bagit.txt thiếu dòng Tag-File-Character-Encoding.",
          "bagit.txt has no Tag-File-Character-Encoding line.");
    return;  // the other tag files are read as UTF-8, the usual case
  }
  out_.encoding = *encoding;
  const auto named = detail::tagEncodingNamed(*encoding);
  if (!named) {
    error("bagit.declaration.encoding-unsupported", path, 2,
          "Bảng mã tệp thẻ '" + *encoding +
              "' không được hỗ trợ (UTF-8, ISO-8859-1, UTF-16); các tệp thẻ không đọc được.",
          "Tag file encoding '" + *encoding +
              "' is not supported (UTF-8, ISO-8859-1, UTF-16); the tag files cannot be read.");
    encoding_known_ = false;
    return;
  }
  encoding_ = *named;
}

void Validation::readBagInfo() {
  const std::string path(kBagInfo);
  const auto text = readTagFile(path, false);
  if (!text) return;
  bool have_field = false;
  int oxum_count = 0;
  for (const Line& line : detail::splitLines(*text)) {
    if (std::all_of(line.text.begin(), line.text.end(), detail::isBlank)) continue;
    if (detail::isBlank(line.text.front())) {
      if (!have_field) {
        error("bagit.baginfo.syntax", path, line.number,
              "Dòng tiếp nối không đứng sau một trường nào.",
              "A continuation line does not follow any field.");
      }
      continue;  // continuations only matter for the values we check, which are one line
    }
    const std::size_t colon = line.text.find(':');
    if (colon == std::string_view::npos) {
      error("bagit.baginfo.syntax", path, line.number,
            "Dòng không có dạng 'Nhãn: giá trị' và không phải dòng tiếp nối.",
            "The line is neither 'Label: value' nor a continuation line.");
      continue;
    }
    have_field = true;
    std::string_view label = line.text.substr(0, colon);
    // RFC 8493 §2.2.2: a label, then a colon. The drafts allowed white space before the colon
    // ("Test-Tag : 3", v0.97's uncommon-metadata-separators), so there it is not part of it.
    if (draftVersion(out_.version)) {
      while (!label.empty() && detail::isBlank(label.back())) label.remove_suffix(1);
    }
    if (label.empty() || detail::isBlank(label.back())) {
      error("bagit.baginfo.label", path, line.number,
            "Nhãn '" + std::string(label) + "' rỗng hoặc kết thúc bằng khoảng trắng.",
            "Label '" + std::string(label) + "' is empty or ends with white space.");
    }
    std::string_view value = line.text.substr(colon + 1);
    while (!value.empty() && detail::isBlank(value.front())) value.remove_prefix(1);
    while (!value.empty() && detail::isBlank(value.back())) value.remove_suffix(1);
    if (label == "Payload-Oxum") {
      if (++oxum_count > 1) {
        error("bagit.baginfo.repeated", path, line.number,
              "Payload-Oxum xuất hiện nhiều lần; không biết đối chiếu giá trị nào.",
              "Payload-Oxum appears more than once; it is unclear which one holds.");
        continue;
      }
      oxum_ = std::string(value);
      oxum_line_ = line.number;
    } else if (label == "Bagging-Date" && !core::Date::parse(value)) {
      warning("bagit.baginfo.date", path, line.number,
              "Bagging-Date '" + std::string(value) + "' không có dạng YYYY-MM-DD.",
              "Bagging-Date '" + std::string(value) + "' is not of the form YYYY-MM-DD.");
    }
  }
}

void Validation::checkPathSafety(std::string_view path, const std::string& file, int line) {
  const PathFault fault = detail::pathFault(path);
  if (fault == PathFault::None) return;
  const std::string shown(path);
  std::string vi;
  std::string en;
  switch (fault) {
    case PathFault::Empty:
      vi = "Đường dẫn rỗng.";
      en = "The path is empty.";
      break;
    case PathFault::Control:
      vi = "Đường dẫn '" + shown + "' chứa ký tự NUL.";
      en = "Path '" + shown + "' holds a NUL character.";
      break;
    case PathFault::Absolute:
      vi = "Đường dẫn '" + shown + "' là đường dẫn tuyệt đối, trỏ ra ngoài gói.";
      en = "Path '" + shown + "' is absolute and points outside the bag.";
      break;
    case PathFault::Windows:
      vi = "Đường dẫn '" + shown + "' theo kiểu Windows (dấu '\\' hoặc ổ đĩa); BagIt dùng '/'.";
      en = "Path '" + shown + "' is Windows-style (a backslash or a drive); BagIt uses '/'.";
      break;
    case PathFault::Traversal:
      vi = "Đường dẫn '" + shown + "' có đoạn '..', có thể trỏ ra ngoài gói.";
      en = "Path '" + shown + "' has a '..' segment and may point outside the bag.";
      break;
    case PathFault::NonNormal:
      vi = "Đường dẫn '" + shown + "' có đoạn '.' hoặc đoạn rỗng ('//').";
      en = "Path '" + shown + "' has a '.' or empty ('//') segment.";
      break;
    case PathFault::None:
      return;
  }
  error("bagit.path." + std::string(detail::pathFaultCode(fault)), file, line, vi, en);
}

void Validation::parseManifest(Manifest& manifest, std::string_view text) {
  const std::string prefix = manifest.tag ? "bagit.tagmanifest." : "bagit.manifest.";
  std::map<std::string, int> seen;                 // path → first line
  std::map<std::string, std::string> seen_by_nfc;  // NFC form → path
  for (const Line& line : detail::splitLines(text)) {
    if (std::all_of(line.text.begin(), line.text.end(), detail::isBlank)) continue;
    std::size_t end = 0;
    while (end < line.text.size() && !detail::isBlank(line.text[end])) ++end;
    std::size_t start = end;
    while (start < line.text.size() && detail::isBlank(line.text[start])) ++start;
    const std::string_view digest = line.text.substr(0, end);
    if (end == 0 || start == end || start == line.text.size()) {
      error(prefix + "syntax", manifest.file, line.number,
            "Dòng không có dạng 'GIÁ-TRỊ-BĂM ĐƯỜNG-DẪN'.",
            "The line is not of the form 'CHECKSUM FILEPATH'.");
      continue;
    }
    const bool length_ok =
        !manifest.algorithm || digest.size() == crypto::hashHexLength(*manifest.algorithm);
    if (!isHex(digest) || !length_ok) {
      error(prefix + "syntax", manifest.file, line.number,
            "Giá trị băm '" + std::string(digest) + "' không phải chuỗi hex " +
                manifest.algorithm_name + " hợp lệ.",
            "Checksum '" + std::string(digest) + "' is not a valid " + manifest.algorithm_name +
                " hex digest.");
      continue;
    }
    ManifestEntry entry;
    std::string_view written = line.text.substr(start);
    // md5sum and its kin mark binary mode with '*' before the path ("HASH *data/x"): the mark
    // is not part of the name. A warning, as the suite asks (v0.97 made-with-md5sum-tools).
    if (start == end + 1 && startsWith(written, "*") && written.size() > 1) {
      written.remove_prefix(1);
      warning(prefix + "binary-marker", manifest.file, line.number,
              "Đường dẫn có dấu '*' của md5sum (chế độ nhị phân) phía trước; dấu này được bỏ qua.",
              "The path carries md5sum's binary-mode '*' before it; the mark is ignored.");
    }
    // "./data/x" names data/x: a relative spelling some tools write (bagit-java, old scripts).
    if (startsWith(written, "./") && written.size() > 2) {
      written.remove_prefix(2);
      warning("bagit.path.dot-slash", manifest.file, line.number,
              "Đường dẫn bắt đầu bằng './'; được hiểu là '" + std::string(written) + "'.",
              "The path starts with './'; it is read as '" + std::string(written) + "'.");
    }
    entry.path = detail::decodePercent(written);
    entry.digest = lower(digest);
    entry.line = line.number;
    const std::size_t problems_before = out_.report.problems().size();
    checkPathSafety(entry.path, manifest.file, line.number);
    const bool safe = out_.report.problems().size() == problems_before;
    const bool in_payload = startsWith(entry.path, "data/");
    if (safe && !manifest.tag && !in_payload) {
      error("bagit.manifest.outside-payload", manifest.file, line.number,
            "Tệp kê khai dữ liệu liệt kê '" + entry.path + "' nằm ngoài thư mục data/.",
            "The payload manifest lists '" + entry.path + "', outside data/.");
    } else if (safe && manifest.tag && in_payload) {
      error("bagit.tagmanifest.payload-entry", manifest.file, line.number,
            "Tệp kê khai thẻ không được liệt kê tệp dữ liệu '" + entry.path + "'.",
            "A tag manifest may not list the payload file '" + entry.path + "'.");
    } else {
      entry.usable = safe;
    }
    const auto [first, inserted] = seen.emplace(entry.path, line.number);
    if (!inserted && draftVersion(out_.version) &&
        std::any_of(manifest.entries.begin(), manifest.entries.end(), [&](const auto& e) {
          return e.path == entry.path && e.digest == entry.digest;
        })) {
      // The drafts did not forbid a line repeated as it is; RFC 8493 §2.1.3 does (1.0: error).
      warning(prefix + "repeated", manifest.file, line.number,
              "'" + entry.path + "' được liệt kê lại với cùng giá trị băm (lần đầu ở dòng " +
                  std::to_string(first->second) + ").",
              "'" + entry.path + "' is listed again with the same checksum (first on line " +
                  std::to_string(first->second) + ").");
      continue;
    }
    if (!inserted) {
      error(prefix + "duplicate", manifest.file, line.number,
            "'" + entry.path + "' được liệt kê lần nữa (lần đầu ở dòng " +
                std::to_string(first->second) + ").",
            "'" + entry.path + "' is listed again (first on line " + std::to_string(first->second) +
                ").");
      continue;
    }
    const auto [same, fresh] = seen_by_nfc.emplace(core::toNfc(entry.path), entry.path);
    if (!fresh) {
      warning(
          prefix + "normalization-duplicate", manifest.file, line.number,
          "'" + entry.path + "' và '" + same->second + "' chỉ khác nhau ở dạng chuẩn hóa Unicode.",
          "'" + entry.path + "' and '" + same->second + "' differ only in Unicode normalization.");
    }
    if (entry.usable) manifest.usable_paths.insert(entry.path);
    manifest.entries.push_back(std::move(entry));
  }
}

void Validation::readManifests() {
  for (const auto& [path, size] : inventory_.tags) {
    const bool tag = startsWith(path, "tagmanifest-");
    if ((!tag && !startsWith(path, "manifest-")) || path.size() < 4 ||
        path.substr(path.size() - 4) != ".txt" || path.find('/') != std::string::npos) {
      continue;
    }
    Manifest manifest;
    manifest.file = path;
    manifest.tag = tag;
    const std::size_t from = tag ? 12 : 9;
    manifest.algorithm_name = path.substr(from, path.size() - 4 - from);
    manifest.algorithm = crypto::hashAlgorithmNamed(manifest.algorithm_name);
    if (!manifest.algorithm) {
      warning(tag ? "bagit.tagmanifest.algorithm-unknown" : "bagit.manifest.algorithm-unknown",
              path, 0,
              "Thuật toán băm '" + manifest.algorithm_name +
                  "' không được hỗ trợ; các giá trị băm trong tệp này không được kiểm tra.",
              "Digest algorithm '" + manifest.algorithm_name +
                  "' is not supported; the checksums of this manifest are not verified.");
    }
    if (!tag) out_.algorithms.push_back(manifest.algorithm_name);
    if (encoding_known_) {
      if (const auto text = readTagFile(path, false)) parseManifest(manifest, *text);
    }
    manifests_.push_back(std::move(manifest));
  }
  std::sort(out_.algorithms.begin(), out_.algorithms.end());
  const bool any_payload =
      std::any_of(manifests_.begin(), manifests_.end(), [](const Manifest& m) { return !m.tag; });
  const bool any_verifiable = std::any_of(manifests_.begin(), manifests_.end(), [](const auto& m) {
    return !m.tag && m.algorithm.has_value();
  });
  if (!any_payload) {
    error("bagit.manifest.missing", "", 0,
          "Gói không có tệp kê khai dữ liệu manifest-<thuật toán>.txt nào.",
          "The bag has no payload manifest manifest-<algorithm>.txt.");
  } else if (!any_verifiable) {
    error("bagit.manifest.unverifiable", "", 0,
          "Không tệp kê khai dữ liệu nào dùng thuật toán băm được hỗ trợ (md5, sha1, sha224, "
          "sha256, sha384, sha512); không kiểm tra được dữ liệu.",
          "No payload manifest uses a supported algorithm (md5, sha1, sha224, sha256, sha384, "
          "sha512); the payload cannot be verified.");
  }
}

void Validation::readFetch() {
  const std::string path(kFetch);
  if (!encoding_known_) return;
  const auto text = readTagFile(path, false);
  if (!text) return;
  for (const Line& line : detail::splitLines(*text)) {
    if (std::all_of(line.text.begin(), line.text.end(), detail::isBlank)) continue;
    // URL LENGTH FILEPATH: the URL and length have no white space; the path is the rest.
    std::vector<std::string_view> fields;
    std::size_t at = 0;
    for (int field = 0; field < 2; ++field) {
      while (at < line.text.size() && detail::isBlank(line.text[at])) ++at;
      const std::size_t start = at;
      while (at < line.text.size() && !detail::isBlank(line.text[at])) ++at;
      fields.push_back(line.text.substr(start, at - start));
    }
    while (at < line.text.size() && detail::isBlank(line.text[at])) ++at;
    const std::string_view url = fields[0];
    const std::string_view length = fields[1];
    const std::size_t colon = url.find(':');
    const bool url_ok = colon != std::string_view::npos && colon > 0 &&
                        ((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'));
    if (!url_ok || (length != "-" && !allDigits(length)) || at >= line.text.size()) {
      error("bagit.fetch.syntax", path, line.number,
            "Dòng không có dạng 'URL ĐỘ-DÀI ĐƯỜNG-DẪN' (độ dài là số byte hoặc '-').",
            "The line is not of the form 'URL LENGTH FILEPATH' (length in bytes or '-').");
      continue;
    }
    FetchEntry entry{detail::decodePercent(line.text.substr(at)), line.number};
    const std::size_t problems_before = out_.report.problems().size();
    checkPathSafety(entry.path, path, line.number);
    if (out_.report.problems().size() != problems_before) continue;
    if (!startsWith(entry.path, "data/")) {
      error("bagit.fetch.outside-payload", path, line.number,
            "fetch.txt chỉ được liệt kê tệp dữ liệu trong data/, không phải '" + entry.path + "'.",
            "fetch.txt may list only payload files under data/, not '" + entry.path + "'.");
      continue;
    }
    const auto [first, inserted] = fetch_.emplace(entry.path, entry);
    if (!inserted) {
      error("bagit.fetch.duplicate", path, line.number,
            "'" + entry.path + "' được liệt kê lần nữa (lần đầu ở dòng " +
                std::to_string(first->second.line) + ").",
            "'" + entry.path + "' is listed again (first on line " +
                std::to_string(first->second.line) + ").");
    }
  }
}

// The file on disk that a manifest path names: the same bytes, or the same text in another
// Unicode normalization (with a warning: such a bag only works on some file systems).
std::string Validation::resolve(const std::string& path, const std::string& file, int line) {
  if (inventory_.hasFile(path)) return path;
  const auto nfc = inventory_.payload_by_nfc.find(core::toNfc(path));
  if (nfc == inventory_.payload_by_nfc.end()) return {};
  warning("bagit.path.normalization", file, line,
          "'" + path + "' chỉ khớp với tệp '" + nfc->second +
              "' khi chuẩn hóa Unicode; tên tệp nên được ghi giống hệt nhau.",
          "'" + path + "' matches file '" + nfc->second +
              "' only after Unicode normalization; the names should be identical.");
  return nfc->second;
}

const ManifestEntry* Validation::caseTwin(const Manifest& manifest,
                                          const ManifestEntry& entry) const {
  for (const ManifestEntry& other : manifest.entries) {
    if (&other != &entry && other.digest == entry.digest && other.path != entry.path &&
        lower(other.path) == lower(entry.path) && inventory_.payload.count(other.path) != 0)
      return &other;
  }
  return nullptr;
}

void Validation::checkCompleteness() {
  for (Manifest& manifest : manifests_) {
    std::set<std::string> listed;
    for (ManifestEntry& entry : manifest.entries) {
      if (!entry.usable) continue;
      entry.on_disk = resolve(entry.path, manifest.file, entry.line);
      if (!entry.on_disk.empty()) {
        listed.insert(entry.on_disk);
        continue;
      }
      if (inventory_.unusable.count(entry.path) != 0) continue;  // reported as a link already
      if (manifest.tag) {
        error("bagit.tagfile.missing", manifest.file, entry.line,
              "Tệp thẻ '" + entry.path + "' được liệt kê nhưng không có trong gói.",
              "Tag file '" + entry.path + "' is listed but not in the bag.");
      } else if (fetch_.count(entry.path) != 0) {
        ++holes_;
      } else if (systemFileName(entry.path)) {
        // Finder's and Explorer's own files, listed when the bag was made and gone since
        // (copied through another system): nothing of the payload is lost.
        ++system_files_gone_;
        warning("bagit.payload.system-file", manifest.file, entry.line,
                "Tệp hệ thống '" + entry.path + "' được liệt kê nhưng không có trong gói.",
                "The system file '" + entry.path + "' is listed but not in the bag.");
      } else if (const ManifestEntry* twin = caseTwin(manifest, entry)) {
        // Made on a file system that ignores case: the two names were one file there.
        warning("bagit.payload.case-duplicate", manifest.file, entry.line,
                "'" + entry.path + "' chỉ khác '" + twin->path +
                    "' ở chữ hoa/thường và có cùng giá trị băm; gói được tạo trên hệ thống tệp "
                    "không phân biệt chữ hoa/thường.",
                "'" + entry.path + "' differs from '" + twin->path +
                    "' only in case and has the same checksum; the bag was made on a "
                    "case-insensitive file system.");
      } else {
        error("bagit.payload.missing", manifest.file, entry.line,
              "Tệp dữ liệu '" + entry.path + "' được liệt kê nhưng không có trong gói.",
              "Payload file '" + entry.path + "' is listed but not in the bag.");
      }
    }
    if (manifest.tag || !encoding_known_) continue;
    for (const auto& [path, size] : inventory_.payload) {
      if (listed.count(path) != 0) continue;
      error("bagit.payload.unlisted", path, 0,
            "Tệp dữ liệu '" + path + "' không được liệt kê trong " + manifest.file + ".",
            "Payload file '" + path + "' is not listed in " + manifest.file + ".");
    }
  }
  // Every fetched file must be listed in every payload manifest, or it could never be verified.
  for (const auto& [path, entry] : fetch_) {
    for (const Manifest& manifest : manifests_) {
      if (manifest.tag) continue;
      if (manifest.usable_paths.count(path) == 0) {
        error("bagit.fetch.unlisted", std::string(kFetch), entry.line,
              "Tệp '" + path + "' trong fetch.txt không được liệt kê trong " + manifest.file + ".",
              "File '" + path + "' of fetch.txt is not listed in " + manifest.file + ".");
      }
    }
  }
  if (holes_ > 0) {
    problem(core::Severity::Notice, "bagit.fetch.absent", std::string(kFetch), 0,
            std::to_string(holes_) +
                " mục kê khai chỉ tới tệp chưa tải về (liệt kê trong fetch.txt); gói chưa đầy "
                "đủ nhưng hợp lệ.",
            std::to_string(holes_) +
                " manifest entries name files still to be fetched (listed in fetch.txt); the "
                "bag is holey but valid.");
  }
}

void Validation::digestMismatch(const Manifest& manifest, const ManifestEntry& entry,
                                const std::string& path, const std::string& actual) {
  const std::string code = manifest.tag ? "bagit.tagmanifest.digest" : "bagit.manifest.digest";
  // Located at the damaged file; the manifest line that disagrees is in the message.
  const std::string where = manifest.file + ":" + std::to_string(entry.line);
  error(code, path, 0,
        "Giá trị băm " + manifest.algorithm_name + " của '" + path + "' không khớp với " + where +
            ": kê khai " + entry.digest + ", thực tế " + actual +
            " (tệp đã bị thay đổi hoặc hỏng).",
        "The " + manifest.algorithm_name + " digest of '" + path + "' does not match " + where +
            ": listed " + entry.digest + ", actual " + actual +
            " (the file was changed or damaged).");
}

void Validation::checkDigests() {
  struct Expectation {
    const Manifest* manifest;
    const ManifestEntry* entry;
  };
  std::map<std::string, std::vector<Expectation>> by_file;
  for (const Manifest& manifest : manifests_) {
    if (!manifest.algorithm) continue;
    for (const ManifestEntry& entry : manifest.entries) {
      if (!entry.on_disk.empty()) by_file[entry.on_disk].push_back({&manifest, &entry});
    }
  }
  std::vector<char> buffer(std::size_t{256} * 1024);
  for (const auto& [path, expectations] : by_file) {
    // One read of the file feeds every algorithm that lists it.
    std::vector<crypto::Hasher> hashers;
    for (const Expectation& e : expectations) {
      const bool have = std::any_of(hashers.begin(), hashers.end(), [&](const auto& h) {
        return h.algorithm() == *e.manifest->algorithm;
      });
      if (!have) hashers.emplace_back(*e.manifest->algorithm);
    }
    const detail::Fd fd = detail::openBeneath(root_fd_, path);
    int failure = fd ? 0 : errno;
    while (failure == 0) {
      const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) failure = errno;
      if (n <= 0) break;
      for (crypto::Hasher& h : hashers) {
        h.update(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
      }
    }
    if (failure != 0) {
      unreadable(path, failure);
      continue;
    }
    std::map<crypto::HashAlgorithm, std::string> actual;
    for (crypto::Hasher& h : hashers) {
      auto hex = h.finishHex();
      if (hex) actual[h.algorithm()] = std::move(hex).value();
    }
    for (const Expectation& e : expectations) {
      const auto found = actual.find(*e.manifest->algorithm);
      if (found == actual.end() || found->second == e.entry->digest) continue;
      digestMismatch(*e.manifest, *e.entry, path, found->second);
    }
  }
}

void Validation::checkOxum() {
  if (!oxum_) return;
  const std::string path(kBagInfo);
  const std::size_t dot = oxum_->find('.');
  if (dot == std::string::npos || !allDigits(oxum_->substr(0, dot)) ||
      !allDigits(oxum_->substr(dot + 1)) || oxum_->size() > 41) {
    error("bagit.baginfo.oxum-syntax", path, oxum_line_,
          "Payload-Oxum '" + *oxum_ + "' không có dạng SỐ-BYTE.SỐ-TỆP.",
          "Payload-Oxum '" + *oxum_ + "' is not of the form OCTETS.FILES.");
    return;
  }
  if (holes_ > 0) return;  // the declared totals count files still to be fetched
  const std::string actual =
      std::to_string(out_.payload_octets) + "." + std::to_string(out_.payload_files);
  const auto strip = [](const std::string& s) {
    const auto nonzero = s.find_first_not_of('0');
    return nonzero == std::string::npos ? std::string("0") : s.substr(nonzero);
  };
  const std::string declared = strip(oxum_->substr(0, dot)) + "." + strip(oxum_->substr(dot + 1));
  if (declared != actual && system_files_gone_ > 0) {
    // The Oxum counted the system files that are gone since: a warning like their absence.
    warning("bagit.baginfo.oxum", path, oxum_line_,
            "Payload-Oxum khai báo " + *oxum_ + ", khác với data/ (" +
                std::to_string(out_.payload_octets) + " byte, " +
                std::to_string(out_.payload_files) + " tệp) vì thiếu tệp hệ thống đã liệt kê.",
            "Payload-Oxum declares " + *oxum_ + ", unlike data/ (" +
                std::to_string(out_.payload_octets) + " bytes, " +
                std::to_string(out_.payload_files) +
                " files), because listed system files are gone.");
  } else if (declared != actual) {
    error("bagit.baginfo.oxum", path, oxum_line_,
          "Payload-Oxum khai báo " + *oxum_ + " nhưng thư mục data/ có " +
              std::to_string(out_.payload_octets) + " byte trong " +
              std::to_string(out_.payload_files) + " tệp.",
          "Payload-Oxum declares " + *oxum_ + " but data/ holds " +
              std::to_string(out_.payload_octets) + " bytes in " +
              std::to_string(out_.payload_files) + " files.");
  }
}

void Validation::run() {
  takeInventory();
  readDeclaration();
  if (encoding_known_) readBagInfo();
  readManifests();
  readFetch();
  checkCompleteness();
  checkDigests();
  checkOxum();
}

}  // namespace

core::Result<BagValidation> validateBag(const fs::path& bag_dir,
                                        const BagValidationOptions& options) {
  std::error_code ec;
  const fs::file_status status = fs::status(bag_dir, ec);
  if (!fs::exists(status))
    return core::fail(core::Errc::NotFound, "no such bag: " + bag_dir.string());
  if (!fs::is_directory(status)) {
    return core::fail(core::Errc::Unreadable, "not a directory: " + bag_dir.string());
  }
  const detail::Fd root(::open(bag_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root) {
    return core::fail(core::Errc::Unreadable,
                      "cannot open " + bag_dir.string() + ": " + detail::errnoText(errno));
  }
  BagValidation out;
  Validation(bag_dir, root.get(), options, out).run();
  return out;
}

core::Result<BagValidation> validateZippedBag(const fs::path& zip_file,
                                              const BagValidationOptions& options) {
  std::error_code ec;
  const fs::file_status status = fs::status(zip_file, ec);
  if (!fs::exists(status))
    return core::fail(core::Errc::NotFound, "no such file: " + zip_file.string());
  if (!fs::is_regular_file(status)) {
    return core::fail(core::Errc::Unreadable, "not a regular file: " + zip_file.string());
  }
  if (::access(zip_file.c_str(), R_OK) != 0) {
    return core::fail(core::Errc::Unreadable,
                      "cannot open " + zip_file.string() + ": " + detail::errnoText(errno));
  }
  const fs::path parent = options.work_dir.empty() ? fs::temp_directory_path(ec) : options.work_dir;
  auto work = detail::makeTempDirectory(parent, "awardflow-bag");
  if (!work) return core::Unexpected{work.error()};
  const detail::RemoveOnExit cleanup(*work);
  BagValidation out;
  const std::string top = detail::extractZip(
      zip_file, *work, detail::ZipLimits{options.max_extracted_bytes, options.max_zip_entries},
      out.report);
  if (top.empty()) return out;
  auto inner = validateBag(*work / top, options);
  if (!inner) {
    out.report.error("bagit.zip.layout", core::Location{0, 0, top},
                     core::Message{"Thư mục gốc '" + top + "' của tệp zip không phải một gói.",
                                   "The zip's top-level '" + top + "' is not a bag folder."});
    return out;
  }
  return inner;
}

}  // namespace awardflow::archive
