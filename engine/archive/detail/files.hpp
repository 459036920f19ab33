#pragma once

// POSIX file helpers private to engine/archive: descriptors, no-follow opening beneath a
// directory, durable writes and no-replace renames.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::archive::detail {

// An owned file descriptor, closed on destruction. -1 = none.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

// Opens the regular file `relative` ("data/a/b.txt", "/"-separated, no "." or ".." segments)
// for reading beneath the open directory `root_fd`, refusing a symbolic link at every step, so
// nothing outside the directory is ever reached. Returns an invalid Fd with errno set on
// failure (ELOOP for a symbolic link, EINVAL for a bad path).
Fd openBeneath(int root_fd, std::string_view relative);

// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
bool writeAll(int fd, std::string_view bytes);

// fsyncs the directory at `path`; false with errno on failure.
bool fsyncDirectory(const std::filesystem::path& path);

// Renames `from` to `to`, failing with EEXIST when `to` exists (renameat2 RENAME_NOREPLACE; a
// file falls back to link + unlink where the file system lacks it). 0 or an errno value.
int renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);

// A fresh private directory "<parent>/.<stem>.tmp-XXXXXX" (mkdtemp, mode 0700).
core::Result<std::filesystem::path> makeTempDirectory(const std::filesystem::path& parent,
                                                      const std::string& stem);

// Removes a directory tree on destruction unless dismiss()ed. Never throws.
class RemoveOnExit {
 public:
  explicit RemoveOnExit(std::filesystem::path path) : path_(std::move(path)) {}
  ~RemoveOnExit();
  RemoveOnExit(const RemoveOnExit&) = delete;
  RemoveOnExit& operator=(const RemoveOnExit&) = delete;
  void dismiss() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// "strerror(errno)" for messages.
std::string errnoText(int error);

}  // namespace awardflow::archive::detail
