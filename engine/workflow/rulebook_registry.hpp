#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "engine/core/error.hpp"
#include "engine/model/rulebook.hpp"
#include "engine/xml/schema.hpp"

namespace awardflow::workflow {

// The rulebooks an installation knows, loaded once and read-only afterwards (safe to share
// between threads).
class RulebookRegistry {
 public:
  // Loads every "*.xml" file directly in `dir`, in name order. Fails with Errc::Config when the
  // directory cannot be read, any file fails to load (every file's problems are listed), or two
  // files declare the same rulebook id.
  static core::Result<RulebookRegistry> loadDirectory(const std::filesystem::path& dir,
                                                      const xml::Schema& rulebook_schema);

  // The rulebook with this id, or nullptr.
  const model::Rulebook* find(std::string_view id) const;
  const std::vector<model::Rulebook>& rulebooks() const { return rulebooks_; }

 private:
  std::vector<model::Rulebook> rulebooks_;
};

}  // namespace awardflow::workflow
