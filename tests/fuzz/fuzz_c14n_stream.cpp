// Differential: the streamed Exclusive C14N used for signing must equal libxml2's C14N of the
// parsed tree, and both must accept or refuse the same inputs.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/xml/c14n.hpp"
#include "engine/xml/c14n_stream.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace awardflow;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string streamed;
  const auto stream = xml::canonicalizeStream(bytes, {}, [&](std::string_view chunk) {
    streamed.append(chunk);
    return true;
  });
  const auto parsed = xml::parse(bytes);
  const auto tree =
      parsed.document ? xml::canonicalize(*parsed.document, {},
                                          xml::C14nOptions{xml::C14nMethod::Exclusive10, false, {}})
                      : core::Result<std::string>(core::fail(core::Errc::Malformed, ""));
  // Both accept and agree, or both refuse.
  if (stream.ok != tree.has_value()) std::abort();
  if (stream.ok && *tree != streamed) std::abort();
  return 0;
}
