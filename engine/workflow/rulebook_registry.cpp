#include "engine/workflow/rulebook_registry.hpp"

#include <algorithm>

#include "engine/core/file.hpp"
#include "engine/workflow/rulebook_loader.hpp"

namespace awardflow::workflow {

core::Result<RulebookRegistry> RulebookRegistry::loadDirectory(const std::filesystem::path& dir,
                                                               const xml::Schema& rulebook_schema) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".xml" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec)
    return core::fail(core::Errc::Config,
                      "cannot read rulebook directory " + dir.string() + ": " + ec.message());
  if (files.empty())
    return core::fail(core::Errc::Config, "no rulebooks (*.xml) in " + dir.string());
  std::sort(files.begin(), files.end());

  RulebookRegistry registry;
  std::vector<std::string> details;
  for (const fs::path& file : files) {
    auto bytes = core::readFile(file);
    if (!bytes) {
      details.push_back(bytes.error().message);
      continue;
    }
    auto book = loadRulebook(*bytes, file.string(), rulebook_schema);
    if (!book) {
      details.push_back(book.error().message);
      details.insert(details.end(), book.error().details.begin(), book.error().details.end());
      continue;
    }
    if (const model::Rulebook* other = registry.find(book->id)) {
      details.push_back(file.string() + ": rulebook id '" + book->id + "' is also declared by " +
                        other->source_path);
      continue;
    }
    registry.rulebooks_.push_back(std::move(book).value());
  }
  if (!details.empty()) {
    return core::fail(core::Errc::Config, "rulebooks in " + dir.string() + " cannot be loaded",
                      std::move(details));
  }
  return registry;
}

const model::Rulebook* RulebookRegistry::find(std::string_view id) const {
  for (const model::Rulebook& book : rulebooks_) {
    if (book.id == id) return &book;
  }
  return nullptr;
}

}  // namespace awardflow::workflow
