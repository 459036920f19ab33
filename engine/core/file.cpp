#include "engine/core/file.hpp"

#include <fstream>

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

}  // namespace awardflow::core
