#include "engine/archive/detail/zip.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>
#include <vector>

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipException.h>
#include <Poco/Zip/ZipLocalFileHeader.h>
#include <Poco/Zip/ZipStream.h>

#include "engine/archive/detail/bag_text.hpp"
#include "engine/archive/detail/files.hpp"

namespace awardflow::archive::detail {
namespace {

namespace fs = std::filesystem;

void zipProblem(core::Report& report, const std::string& code, const std::string& entry,
                std::string vi, std::string en) {
  report.error(code, core::Location{0, 0, entry}, core::Message{std::move(vi), std::move(en)});
}

// Creates each missing directory of `relative` under `root` with mkdir (never following a
// link: every component was made here, by us).
bool makeDirectories(const fs::path& root, const std::string& relative) {
  fs::path at = root;
  std::size_t start = 0;
  while (start < relative.size()) {
    const std::size_t slash = relative.find('/', start);
    const std::size_t end = slash == std::string::npos ? relative.size() : slash;
    at /= relative.substr(start, end - start);
    if (::mkdir(at.c_str(), 0755) != 0 && errno != EEXIST) return false;
    struct stat info {};
    if (::lstat(at.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) return false;
    start = end + 1;
  }
  return true;
}

// The entry name without the trailing "/" of a directory entry.
std::string bareName(const std::string& name) {
  std::string out = name;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

// Checks names, layout, encryption and declared sizes; returns the top folder or "".
std::string checkEntries(const Poco::Zip::ZipArchive& archive, const ZipLimits& limits,
                         core::Report& report) {
  const std::size_t before = report.problems().size();
  std::set<std::string> tops;
  std::uint64_t declared = 0;
  std::size_t count = 0;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    const Poco::Zip::ZipLocalFileHeader& header = it->second;
    const std::string name = bareName(header.getFileName());
    ++count;
    const PathFault fault = pathFault(name);
    if (fault != PathFault::None) {
      zipProblem(report, "bagit.zip.unsafe-entry", header.getFileName(),
                 "Mục '" + header.getFileName() + "' trong tệp zip có đường dẫn không an toàn (" +
                     std::string(pathFaultCode(fault)) + "); không giải nén tệp này.",
                 "Zip entry '" + header.getFileName() + "' has an unsafe path (" +
                     std::string(pathFaultCode(fault)) + "); the zip is not extracted.");
      continue;
    }
    if (header.isEncrypted()) {
      zipProblem(report, "bagit.zip.encrypted", name,
                 "Mục '" + name + "' trong tệp zip được mã hóa; không đọc được.",
                 "Zip entry '" + name + "' is encrypted and cannot be read.");
    }
    declared += header.getUncompressedSize();
    const std::size_t slash = name.find('/');
    tops.insert(name.substr(0, slash));
    if (slash == std::string::npos && !header.isDirectory()) {
      zipProblem(report, "bagit.zip.layout", name,
                 "Tệp '" + name +
                     "' nằm ngoài thư mục gói; tệp zip phải chứa đúng một thư "
                     "mục gốc là gói BagIt.",
                 "File '" + name +
                     "' is outside the bag folder; the zip must hold exactly one "
                     "top-level folder, the bag.");
    }
  }
  if (count > limits.max_entries) {
    zipProblem(report, "bagit.zip.too-large", "",
               "Tệp zip có " + std::to_string(count) + " mục, vượt giới hạn " +
                   std::to_string(limits.max_entries) + ".",
               "The zip has " + std::to_string(count) + " entries, over the limit of " +
                   std::to_string(limits.max_entries) + ".");
  }
  if (declared > limits.max_bytes) {
    zipProblem(report, "bagit.zip.too-large", "",
               "Tệp zip khai báo " + std::to_string(declared) +
                   " byte khi giải nén, vượt giới hạn " + std::to_string(limits.max_bytes) + ".",
               "The zip declares " + std::to_string(declared) +
                   " uncompressed bytes, over the limit of " + std::to_string(limits.max_bytes) +
                   ".");
  }
  if (count == 0) {
    zipProblem(report, "bagit.zip.malformed", "",
               "Tệp này không phải tệp zip, hoặc là tệp zip rỗng.",
               "The file is not a zip, or an empty one.");
  } else if (tops.size() > 1) {
    zipProblem(report, "bagit.zip.layout", "",
               "Tệp zip phải chứa đúng một thư mục gốc là gói BagIt (có " +
                   std::to_string(tops.size()) + ").",
               "The zip must hold exactly one top-level folder, the bag (it has " +
                   std::to_string(tops.size()) + ").");
  }
  if (report.problems().size() != before || tops.empty()) return {};
  return *tops.begin();
}

// Extracts one file entry; false after reporting.
bool extractFile(std::istream& in, const Poco::Zip::ZipLocalFileHeader& header,
                 const fs::path& destination, std::uint64_t& written, const ZipLimits& limits,
                 core::Report& report) {
  const std::string& name = header.getFileName();
  const std::size_t slash = name.rfind('/');
  if (slash != std::string::npos && !makeDirectories(destination, name.substr(0, slash))) {
    zipProblem(report, "bagit.zip.malformed", name,
               "Không tạo được thư mục cho mục '" + name + "' khi giải nén.",
               "Cannot create the folder of entry '" + name + "' while extracting.");
    return false;
  }
  const fs::path target = destination / name;
  const Fd out(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!out) {
    zipProblem(report, "bagit.zip.malformed", name,
               "Không ghi được mục '" + name + "' khi giải nén: " + errnoText(errno) + ".",
               "Cannot write entry '" + name + "' while extracting: " + errnoText(errno) + ".");
    return false;
  }
  in.clear();
  Poco::Zip::ZipInputStream zin(in, header, true);
  std::vector<char> buffer(std::size_t{256} * 1024);
  std::uint64_t size = 0;
  while (zin) {
    zin.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(zin.gcount());
    if (got == 0) break;
    size += got;
    written += got;
    if (written > limits.max_bytes || size > header.getUncompressedSize()) {
      zipProblem(report, "bagit.zip.too-large", name,
                 "Mục '" + name +
                     "' giải nén ra nhiều hơn kích thước khai báo hoặc vượt giới "
                     "hạn.",
                 "Entry '" + name + "' expands beyond its declared size or the limit.");
      return false;
    }
    if (!writeAll(out.get(), std::string_view(buffer.data(), got))) {
      zipProblem(report, "bagit.zip.malformed", name,
                 "Không ghi được mục '" + name + "' khi giải nén: " + errnoText(errno) + ".",
                 "Cannot write entry '" + name + "' while extracting: " + errnoText(errno) + ".");
      return false;
    }
  }
  if (size != header.getUncompressedSize() || !zin.crcValid()) {
    zipProblem(report, "bagit.zip.corrupt", name,
               "Mục '" + name + "' bị hỏng (kích thước hoặc CRC không khớp).",
               "Entry '" + name + "' is damaged (size or CRC mismatch).");
    return false;
  }
  return true;
}

std::string entryName(const std::string& folder, const std::string& relative) {
  return folder + "/" + relative;
}

}  // namespace

std::string extractZip(const fs::path& zip_file, const fs::path& destination,
                       const ZipLimits& limits, core::Report& report) {
  std::ifstream in(zip_file, std::ios::binary);
  if (!in) {
    zipProblem(report, "bagit.zip.malformed", "", "Không mở được tệp zip.",
               "The zip file cannot be opened.");
    return {};
  }
  try {
    const Poco::Zip::ZipArchive archive(in);
    std::string top = checkEntries(archive, limits, report);
    if (top.empty()) return {};
    std::uint64_t written = 0;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      const Poco::Zip::ZipLocalFileHeader& header = it->second;
      if (header.isDirectory()) {
        if (!makeDirectories(destination, bareName(header.getFileName()))) {
          zipProblem(report, "bagit.zip.malformed", header.getFileName(),
                     "Không tạo được thư mục '" + header.getFileName() + "' khi giải nén.",
                     "Cannot create folder '" + header.getFileName() + "' while extracting.");
          return {};
        }
        continue;
      }
      if (!extractFile(in, header, destination, written, limits, report)) return {};
    }
    return top;
  } catch (const Poco::Zip::ZipException& e) {
    // Poco refuses entry names with ".." or an absolute path while parsing the headers.
    const bool unsafe = e.displayText().find("Illegal entry name") != std::string::npos;
    if (unsafe) {
      zipProblem(report, "bagit.zip.unsafe-entry", e.message(),
                 "Tệp zip có mục với đường dẫn không an toàn: " + e.message() +
                     "; không giải nén tệp này.",
                 "The zip has an entry with an unsafe path: " + e.message() +
                     "; the zip is not extracted.");
    } else {
      zipProblem(report, "bagit.zip.corrupt", "", "Tệp zip bị hỏng: " + e.displayText() + ".",
                 "The zip is damaged: " + e.displayText() + ".");
    }
  } catch (const Poco::Exception& e) {
    zipProblem(report, "bagit.zip.malformed", "",
               "Không đọc được tệp zip: " + e.displayText() + ".",
               "The zip cannot be read: " + e.displayText() + ".");
  } catch (const std::exception& e) {
    zipProblem(report, "bagit.zip.malformed", "",
               "Không đọc được tệp zip: " + std::string(e.what()) + ".",
               "The zip cannot be read: " + std::string(e.what()) + ".");
  }
  return {};
}

core::Result<void> zipDirectory(const fs::path& directory, const std::string& folder,
                                const fs::path& zip_file) {
  std::vector<std::pair<std::string, bool>> entries;  // relative path, is directory
  std::error_code ec;
  for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end;
       it.increment(ec)) {
    const auto status = it->symlink_status(ec);
    if (ec) break;
    const std::string relative = it->path().lexically_relative(directory).generic_string();
    if (fs::is_directory(status))
      entries.emplace_back(relative, true);
    else if (fs::is_regular_file(status))
      entries.emplace_back(relative, false);
  }
  if (ec) {
    return core::fail(core::Errc::Unavailable,
                      "cannot list " + directory.string() + ": " + ec.message());
  }
  std::sort(entries.begin(), entries.end());
  try {
    std::ofstream out(zip_file, std::ios::binary | std::ios::trunc);
    if (!out) return core::fail(core::Errc::Unavailable, "cannot create " + zip_file.string());
    Poco::Zip::Compress compress(out, true);
    const Poco::DateTime now;
    compress.addDirectory(Poco::Path(folder + "/", Poco::Path::PATH_UNIX), now);
    for (const auto& [relative, is_directory] : entries) {
      const std::string name = entryName(folder, relative);
      if (is_directory) {
        compress.addDirectory(Poco::Path(name + "/", Poco::Path::PATH_UNIX), now);
        continue;
      }
      std::ifstream in(directory / relative, std::ios::binary);
      if (!in) {
        return core::fail(core::Errc::Unavailable,
                          "cannot read " + (directory / relative).string());
      }
      compress.addFile(in, now, Poco::Path(name, Poco::Path::PATH_UNIX));
    }
    compress.close();
    out.close();
    if (!out) return core::fail(core::Errc::Unavailable, "cannot write " + zip_file.string());
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable,
                      "cannot write " + zip_file.string() + ": " + e.displayText());
  }
  const Fd fd(::open(zip_file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd || ::fsync(fd.get()) != 0) {
    return core::fail(core::Errc::Unavailable,
                      "cannot fsync " + zip_file.string() + ": " + errnoText(errno));
  }
  return {};
}

}  // namespace awardflow::archive::detail
