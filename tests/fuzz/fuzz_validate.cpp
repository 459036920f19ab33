// Whole dossier validation on arbitrary bytes: hardened parse, XSD, model, rules.
#include <cstdint>
#include <cstdlib>

#include "engine/service/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using awardflow::service::Validator;
  static const Validator validator = [] {
    auto opened = Validator::open(awardflow::service::defaultValidationConfig());
    if (!opened) std::abort();
    return std::move(opened).value();
  }();
  const auto result =
      validator.validateBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  // A report is always produced; a valid one must have read a dossier.
  if (result.valid() && !result.dossier) std::abort();
  return 0;
}
