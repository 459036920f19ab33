#include "engine/service/bags.hpp"

#include "engine/archive/bagit.hpp"

namespace awardflow::service {

core::Result<ValidationResult> validateBagAt(const std::filesystem::path& path) {
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(path, ec);
  auto checked = folder ? archive::validateBag(path) : archive::validateZippedBag(path);
  if (!checked) return core::Unexpected{checked.error()};
  ValidationResult result;
  result.source = path.string();
  result.report = std::move(checked->report);
  return result;
}

}  // namespace awardflow::service
