#include "engine/core/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace awardflow::core {

Result<std::string> readFile(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return fail(Errc::NotFound, "no such file: " + path.string());
  if (!std::filesystem::is_regular_file(status)) {
    return fail(Errc::Unreadable, "not a regular file: " + path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::Unreadable, "cannot read " + path.string() + ": " + ec.message());
  if (size > max_bytes) {
    return fail(Errc::TooLarge, path.string() + " has " + std::to_string(size) +
                                    " bytes, over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::Unreadable, "cannot open " + path.string());
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    return fail(Errc::Unreadable, "cannot read " + path.string() + " to its end");
  }
  return bytes;
}

namespace {

// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Result<void> writeFileAtomic(const std::filesystem::path& path, std::string_view bytes,
                             unsigned mode, bool overwrite) {
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(path, ec)) {
    return fail(Errc::Conflict, path.string() + " exists already; refusing to overwrite it");
  }
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::random_device random;
  const std::filesystem::path temp =
      dir / ("." + path.filename().string() + ".tmp-" + std::to_string(random()));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    return fail(Errc::Unavailable, "cannot create " + temp.string() + ": " + std::strerror(errno));
  const bool written = writeAll(fd, bytes) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    return fail(Errc::Unavailable, "cannot write " + path.string() + ": " + std::strerror(saved));
  }
  if (!overwrite && ::link(temp.c_str(), path.c_str()) != 0) {
    // link() refuses an existing target atomically, unlike rename().
    const int link_error = errno;
    ::unlink(temp.c_str());
    if (link_error == EEXIST)
      return fail(Errc::Conflict, path.string() + " exists already; refusing to overwrite it");
    return fail(Errc::Unavailable,
                "cannot create " + path.string() + ": " + std::strerror(link_error));
  }
  if (!overwrite) {
    ::unlink(temp.c_str());
  } else if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temp.c_str());
    return fail(Errc::Unavailable,
                "cannot replace " + path.string() + ": " + std::strerror(rename_error));
  }
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

}  // namespace awardflow::core
