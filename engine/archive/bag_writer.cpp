// The writing half of engine/archive/bagit.hpp: writeBag and writeZippedBag.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "engine/archive/bagit.hpp"
#include "engine/archive/detail/bag_text.hpp"
#include "engine/archive/detail/files.hpp"
#include "engine/archive/detail/zip.hpp"
#include "engine/core/clock.hpp"
#include "engine/crypto/digest.hpp"

namespace awardflow::archive {
namespace {

namespace fs = std::filesystem;
using detail::PathFault;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool isBagItName(std::string_view path) {
  const std::string name = lower(path);
  const bool txt = name.size() > 4 && name.substr(name.size() - 4) == ".txt";
  return name == "bagit.txt" || name == "bag-info.txt" || name == "fetch.txt" ||
         (txt && name.find('/') == std::string::npos &&
          (name.rfind("manifest-", 0) == 0 || name.rfind("tagmanifest-", 0) == 0));
}

// Every problem of the caller's contents, as details of one InvalidArgument.
core::Result<void> checkContents(const BagContents& contents) {
  std::vector<std::string> details;
  std::set<std::string> files;
  const auto claim = [&](const std::string& what, const std::string& path) {
    if (!files.insert(path).second) details.push_back(what + " '" + path + "' is given twice");
  };
  for (const PayloadEntry& entry : contents.payload) {
    const PathFault fault = detail::pathFault(entry.path);
    if (fault != PathFault::None) {
      details.push_back("payload path '" + entry.path + "' is not a safe relative path (" +
                        std::string(detail::pathFaultCode(fault)) + ")");
      continue;
    }
    claim("payload path", "data/" + entry.path);
  }
  for (const TagFile& tag : contents.tag_files) {
    const PathFault fault = detail::pathFault(tag.path);
    if (fault != PathFault::None) {
      details.push_back("tag file '" + tag.path + "' is not a safe relative path (" +
                        std::string(detail::pathFaultCode(fault)) + ")");
      continue;
    }
    if (tag.path == "data" || tag.path.rfind("data/", 0) == 0) {
      details.push_back("tag file '" + tag.path + "' may not be under data/");
      continue;
    }
    if (isBagItName(tag.path)) {
      details.push_back("tag file '" + tag.path + "' has a name BagIt reserves");
      continue;
    }
    claim("tag file", tag.path);
  }
  // A path may not be both a file and the folder of another file.
  for (const std::string& path : files) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (files.count(path.substr(0, slash)) != 0) {
        details.push_back("'" + path.substr(0, slash) + "' is both a file and a folder");
      }
    }
  }
  for (const auto& [label, value] : contents.info) {
    const bool bad_label = label.empty() || label.find_first_of(":\r\n") != std::string::npos ||
                           detail::isBlank(label.front()) || detail::isBlank(label.back());
    if (bad_label) {
      details.push_back("bag-info label '" + label +
                        "' is empty, holds ':' or a line break, or starts or ends with space");
    }
    const std::string name = lower(label);
    if (name == "bagging-date" || name == "payload-oxum" || name == "bag-size") {
      details.push_back("bag-info label '" + label + "' is computed by the writer");
    }
    if (value.find_first_of("\r\n") != std::string::npos) {
      details.push_back("bag-info value of '" + label + "' holds a line break");
    }
  }
  if (details.empty()) return {};
  return core::fail(core::Errc::InvalidArgument, "the bag's contents break BagIt rules",
                    std::move(details));
}

// "1.2 MB" for Bag-Size (RFC 8493 §2.2.2 leaves the form free; this is the usual one).
std::string humanSize(std::uint64_t octets) {
  static constexpr std::array<std::string_view, 6> kUnits{"B", "KB", "MB", "GB", "TB", "PB"};
  if (octets < 1024) return std::to_string(octets) + " B";
  auto size = static_cast<double>(octets);
  std::size_t unit = 0;
  while (size >= 1024.0 && unit + 1 < kUnits.size()) {
    size /= 1024.0;
    ++unit;
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f %s", size, kUnits[unit].data());
  return buffer.data();
}

struct FileRecord {
  std::string path;  // bag-relative
  std::uint64_t size = 0;
  std::string sha256;
  std::string sha512;
};

// Writes the files of one bag under `root` (an existing empty directory). With `durable`, every
// file and directory is fsynced before returning.
class BagBuilder {
 public:
  BagBuilder(fs::path root, bool durable) : root_(std::move(root)), durable_(durable) {
    directories_.insert(root_);
  }

  core::Result<WrittenBag> build(const BagContents& contents, const BagWriteOptions& options);

 private:
  core::Result<void> makeParents(const std::string& relative);
  core::Result<FileRecord> writeBytes(const std::string& relative, std::string_view bytes);
  core::Result<FileRecord> copyFile(const std::string& relative, const fs::path& source);
  // Creates the file, lets `fill` write and hash its content, then fsyncs and closes it.
  template <typename Fill>
  core::Result<FileRecord> create(const std::string& relative, Fill&& fill);
  core::Result<void> syncDirectories();

  fs::path root_;
  bool durable_;
  std::set<fs::path> directories_;
};

core::Result<void> BagBuilder::makeParents(const std::string& relative) {
  fs::path at = root_;
  std::size_t start = 0;
  for (std::size_t slash = relative.find('/'); slash != std::string::npos;
       slash = relative.find('/', start)) {
    at /= relative.substr(start, slash - start);
    start = slash + 1;
    if (directories_.count(at) != 0) continue;
    if (::mkdir(at.c_str(), 0755) != 0) {
      return core::fail(core::Errc::Unavailable,
                        "cannot create " + at.string() + ": " + detail::errnoText(errno));
    }
    directories_.insert(at);
  }
  return {};
}

template <typename Fill>
core::Result<FileRecord> BagBuilder::create(const std::string& relative, Fill&& fill) {
  if (auto made = makeParents(relative); !made) return core::Unexpected{made.error()};
  const fs::path path = root_ / relative;
  const detail::Fd fd(
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd) {
    return core::fail(core::Errc::Unavailable,
                      "cannot create " + path.string() + ": " + detail::errnoText(errno));
  }
  crypto::Hasher sha256(crypto::HashAlgorithm::Sha256);
  crypto::Hasher sha512(crypto::HashAlgorithm::Sha512);
  FileRecord record;
  record.path = relative;
  const auto sink = [&](std::string_view chunk) {
    sha256.update(chunk);
    sha512.update(chunk);
    record.size += chunk.size();
    return detail::writeAll(fd.get(), chunk);
  };
  if (auto filled = fill(sink); !filled) return core::Unexpected{filled.error()};
  if (durable_ && ::fsync(fd.get()) != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot fsync " + path.string() + ": " + detail::errnoText(errno));
  }
  auto hex256 = sha256.finishHex();
  auto hex512 = sha512.finishHex();
  if (!hex256) return core::Unexpected{hex256.error()};
  if (!hex512) return core::Unexpected{hex512.error()};
  record.sha256 = std::move(hex256).value();
  record.sha512 = std::move(hex512).value();
  return record;
}

core::Result<FileRecord> BagBuilder::writeBytes(const std::string& relative,
                                                std::string_view bytes) {
  return create(relative, [&](const auto& sink) -> core::Result<void> {
    if (!sink(bytes)) {
      return core::fail(core::Errc::Unavailable, "cannot write " + (root_ / relative).string() +
                                                     ": " + detail::errnoText(errno));
    }
    return {};
  });
}

core::Result<FileRecord> BagBuilder::copyFile(const std::string& relative, const fs::path& source) {
  std::error_code ec;
  const fs::file_status status = fs::status(source, ec);
  if (!fs::exists(status)) {
    return core::fail(core::Errc::NotFound, "no such payload file: " + source.string());
  }
  if (!fs::is_regular_file(status)) {
    return core::fail(core::Errc::Unreadable, "not a regular file: " + source.string());
  }
  const detail::Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in) {
    return core::fail(core::Errc::Unreadable,
                      "cannot open " + source.string() + ": " + detail::errnoText(errno));
  }
  return create(relative, [&](const auto& sink) -> core::Result<void> {
    std::vector<char> buffer(std::size_t{256} * 1024);
    while (true) {
      const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        return core::fail(core::Errc::Unreadable,
                          "cannot read " + source.string() + ": " + detail::errnoText(errno));
      }
      if (n == 0) return {};
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) {
        return core::fail(core::Errc::Unavailable, "cannot write " + (root_ / relative).string() +
                                                       ": " + detail::errnoText(errno));
      }
    }
  });
}

core::Result<void> fsyncFailure(const fs::path& path) {
  return core::fail(core::Errc::Unavailable,
                    "cannot fsync " + path.string() + ": " + detail::errnoText(errno));
}

core::Result<void> BagBuilder::syncDirectories() {
  if (!durable_) return {};
  // Deepest first ("a/b" sorts after "a"), so each directory is durable before its parent.
  // NOLINTNEXTLINE(modernize-loop-convert): reverse order; clang 14 cannot read libstdc++ <ranges>
  for (auto it = directories_.rbegin(); it != directories_.rend(); ++it) {
    if (!detail::fsyncDirectory(*it)) return fsyncFailure(*it);
  }
  return {};
}

std::string manifestText(const std::vector<FileRecord>& files, bool sha512) {
  std::string out;
  for (const FileRecord& f : files) {
    out += (sha512 ? f.sha512 : f.sha256) + "  " + detail::encodePercent(f.path) + "\n";
  }
  return out;
}

core::Result<WrittenBag> BagBuilder::build(const BagContents& contents,
                                           const BagWriteOptions& options) {
  WrittenBag written;
  if (::mkdir((root_ / "data").c_str(), 0755) != 0) {
    return core::fail(core::Errc::Unavailable, "cannot create " + (root_ / "data").string() + ": " +
                                                   detail::errnoText(errno));
  }
  directories_.insert(root_ / "data");

  std::vector<FileRecord> payload;
  for (const PayloadEntry& entry : contents.payload) {
    const std::string relative = "data/" + entry.path;
    auto record =
        entry.source ? copyFile(relative, *entry.source) : writeBytes(relative, entry.bytes);
    if (!record) return core::Unexpected{record.error()};
    written.payload_octets += record->size;
    ++written.payload_files;
    payload.push_back(std::move(record).value());
  }
  std::sort(payload.begin(), payload.end(),
            [](const FileRecord& a, const FileRecord& b) { return a.path < b.path; });
  written.payload_oxum =
      std::to_string(written.payload_octets) + "." + std::to_string(written.payload_files);

  const core::Date date = options.bagging_date.value_or(core::vietnamDate(std::time(nullptr)));
  std::string info;
  for (const auto& [label, value] : contents.info) {
    info.append(label).append(": ").append(value).append("\n");
  }
  info += "Bagging-Date: " + date.toString() + "\n";
  info += "Bag-Size: " + humanSize(written.payload_octets) + "\n";
  info += "Payload-Oxum: " + written.payload_oxum + "\n";

  std::vector<std::pair<std::string, std::string>> tags{
      {"bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"},
      {"bag-info.txt", info},
      {"manifest-sha256.txt", manifestText(payload, false)},
      {"manifest-sha512.txt", manifestText(payload, true)},
  };
  for (const TagFile& tag : contents.tag_files) tags.emplace_back(tag.path, tag.bytes);
  std::vector<FileRecord> tag_records;
  for (const auto& [path, bytes] : tags) {
    auto record = writeBytes(path, bytes);
    if (!record) return core::Unexpected{record.error()};
    tag_records.push_back(std::move(record).value());
  }
  std::sort(tag_records.begin(), tag_records.end(),
            [](const FileRecord& a, const FileRecord& b) { return a.path < b.path; });
  for (const bool sha512 : {false, true}) {
    auto record = writeBytes(sha512 ? "tagmanifest-sha512.txt" : "tagmanifest-sha256.txt",
                             manifestText(tag_records, sha512));
    if (!record) return core::Unexpected{record.error()};
  }
  if (auto synced = syncDirectories(); !synced) return core::Unexpected{synced.error()};
  return written;
}

// The parent folder of `destination`, which must exist; Conflict when `destination` exists
// (a dangling link counts: it would be replaced).
core::Result<fs::path> prepareDestination(const fs::path& destination) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(destination, ec))) {
    return core::fail(core::Errc::Conflict,
                      destination.string() + " exists already; refusing to overwrite it");
  }
  const fs::path parent = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return core::fail(core::Errc::NotFound, "no such folder: " + parent.string());
  }
  return parent;
}

core::Result<void> moveIntoPlace(const fs::path& from, const fs::path& to, const fs::path& parent) {
  const int error = detail::renameNoReplace(from, to);
  if (error == EEXIST || error == ENOTEMPTY) {
    return core::fail(core::Errc::Conflict,
                      to.string() + " exists already; refusing to overwrite it");
  }
  if (error != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot rename into " + to.string() + ": " + detail::errnoText(error));
  }
  if (!detail::fsyncDirectory(parent)) {
    return core::fail(core::Errc::Unavailable,
                      "cannot fsync " + parent.string() + ": " + detail::errnoText(errno));
  }
  return {};
}

}  // namespace

core::Result<WrittenBag> writeBag(const fs::path& destination, const BagContents& contents,
                                  const BagWriteOptions& options) {
  if (auto checked = checkContents(contents); !checked) return core::Unexpected{checked.error()};
  if (destination.filename().empty()) {
    return core::fail(core::Errc::InvalidArgument,
                      "a bag needs a folder name: " + destination.string());
  }
  auto parent = prepareDestination(destination);
  if (!parent) return core::Unexpected{parent.error()};
  auto temp = detail::makeTempDirectory(*parent, destination.filename().string());
  if (!temp) return core::Unexpected{temp.error()};
  detail::RemoveOnExit cleanup(*temp);
  auto written = BagBuilder(*temp, true).build(contents, options);
  if (!written) return written;
  if (::chmod(temp->c_str(), 0755) != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot set the mode of " + temp->string() + ": " + detail::errnoText(errno));
  }
  if (auto moved = moveIntoPlace(*temp, destination, *parent); !moved) {
    return core::Unexpected{moved.error()};
  }
  cleanup.dismiss();
  written->path = destination;
  return written;
}

core::Result<WrittenBag> writeZippedBag(const fs::path& zip_file, const BagContents& contents,
                                        const BagWriteOptions& options) {
  if (auto checked = checkContents(contents); !checked) return core::Unexpected{checked.error()};
  const std::string folder = zip_file.stem().string();
  if (folder.empty() || folder == "." || folder == "..") {
    return core::fail(core::Errc::InvalidArgument,
                      "the zip's file name has no stem to name its folder: " + zip_file.string());
  }
  auto parent = prepareDestination(zip_file);
  if (!parent) return core::Unexpected{parent.error()};
  auto work = detail::makeTempDirectory(*parent, zip_file.filename().string());
  if (!work) return core::Unexpected{work.error()};
  const detail::RemoveOnExit cleanup(*work);
  const fs::path bag = *work / folder;
  if (::mkdir(bag.c_str(), 0755) != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot create " + bag.string() + ": " + detail::errnoText(errno));
  }
  // The folder is only zipped: durability comes from the fsync of the zip itself.
  auto written = BagBuilder(bag, false).build(contents, options);
  if (!written) return written;
  const fs::path zip = *work / "bag.zip";
  if (auto zipped = detail::zipDirectory(bag, folder, zip); !zipped) {
    return core::Unexpected{zipped.error()};
  }
  if (::chmod(zip.c_str(), 0644) != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot set the mode of " + zip.string() + ": " + detail::errnoText(errno));
  }
  if (auto moved = moveIntoPlace(zip, zip_file, *parent); !moved) {
    return core::Unexpected{moved.error()};
  }
  written->path = zip_file;
  return written;
}

}  // namespace awardflow::archive
