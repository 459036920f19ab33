// Rulebook loading on arbitrary bytes.
#include <cstdint>
#include <cstdlib>

#include "engine/service/paths.hpp"
#include "engine/workflow/rulebook_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace awardflow;
  static const xml::Schema schema = [] {
    auto loaded = xml::Schema::load(service::dataHome() / "schemas/rulebook.xsd");
    if (!loaded) std::abort();
    return *loaded;
  }();
  const auto book = workflow::loadRulebook(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", schema);
  if (book && book->procedures.empty()) std::abort();
  return 0;
}
