#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "engine/xml/schema.hpp"

namespace awardflow::testing {

// The repository root (schemas/, workflows/, samples/).
std::filesystem::path sourceDir();

// The bytes of a file under the repository root; fails the current test when unreadable.
std::string readSource(const std::filesystem::path& relative);

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to path()/name and returns the full path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

// schemas/<name> compiled once per test binary; fails the test when it does not compile.
const xml::Schema& schema(const std::string& name);

// Runs a shell command, capturing standard output and error together.
struct CommandResult {
  int status = -1;  // exit status, or -1 when it did not exit normally
  std::string output;
};
CommandResult runCommand(const std::string& command);

// `text` with the first occurrence of `from` replaced by `to`; fails the test when absent.
std::string replaceOnce(std::string text, std::string_view from, std::string_view to);

}  // namespace awardflow::testing
