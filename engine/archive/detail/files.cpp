#include "engine/archive/detail/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace awardflow::archive::detail {

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Fd openBeneath(int root_fd, std::string_view relative) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t slash = relative.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? relative.size() : slash;
    parts.emplace_back(relative.substr(start, end - start));
    start = end + 1;
  }
  for (const std::string& part : parts) {
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string::npos) {
      errno = EINVAL;
      return Fd();
    }
  }
  Fd dir;  // invalid while we are still at root_fd
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const int at = dir ? dir.get() : root_fd;
    Fd next(::openat(at, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) return Fd();
    dir = std::move(next);
  }
  const int at = dir ? dir.get() : root_fd;
  // O_NONBLOCK: a FIFO planted in a bag must not hang the validator on open.
  Fd file(::openat(at, parts.back().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!file) return Fd();
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return Fd();
  if (!S_ISREG(info.st_mode)) {
    errno = EINVAL;
    return Fd();
  }
  return file;
}

bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool fsyncDirectory(const std::filesystem::path& path) {
  const Fd dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) return false;
  return ::fsync(dir.get()) == 0;
}

int renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  const int error = errno;
  if (error != EINVAL && error != ENOSYS) return error;
  // The file system cannot refuse atomically by rename; link() refuses an existing target
  // atomically for files. Directories have no such fallback: refuse rather than risk a replace.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec)) return error;
  if (::link(from.c_str(), to.c_str()) != 0) return errno;
  ::unlink(from.c_str());
  return 0;
}

core::Result<std::filesystem::path> makeTempDirectory(const std::filesystem::path& parent,
                                                      const std::string& stem) {
  std::string pattern = (parent / ("." + stem + ".tmp-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return core::fail(core::Errc::Unavailable, "cannot create a temporary directory in " +
                                                   parent.string() + ": " + errnoText(errno));
  }
  return std::filesystem::path(pattern);
}

RemoveOnExit::~RemoveOnExit() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string errnoText(int error) { return std::strerror(error); }

}  // namespace awardflow::archive::detail
