#include "tests/support/fixtures.hpp"

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <random>

#include <doctest/doctest.h>

#include "engine/core/file.hpp"

namespace awardflow::testing {

std::filesystem::path sourceDir() { return AWARDFLOW_SOURCE_DIR; }

std::string readSource(const std::filesystem::path& relative) {
  auto bytes = core::readFile(sourceDir() / relative);
  REQUIRE_MESSAGE(bytes.has_value(), "cannot read " << relative.string());
  return *bytes;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          ("awardflow-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(const std::string& name, std::string_view bytes) const {
  const std::filesystem::path file = path_ / name;
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
  return file;
}

const xml::Schema& schema(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, xml::Schema> compiled;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = compiled.find(name);
  if (it == compiled.end()) {
    auto loaded = xml::Schema::load(sourceDir() / "schemas" / name);
    REQUIRE_MESSAGE(loaded.has_value(), "schemas/" << name << " does not compile");
    it = compiled.emplace(name, *loaded).first;
  }
  return it->second;
}

CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), got);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string replaceOnce(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << from);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace awardflow::testing
