#pragma once

#include <string>
#include <string_view>

#include "engine/core/error.hpp"

namespace awardflow::dossier {

// What a scanned document is, as a PDF library reads it.
struct PdfInfo {
  int pages = 0;
  std::string version;  // "1.7"
};

// Opens `bytes` with libqpdf and walks its page tree (no content is rendered, no external
// resource is read). Fails with Errc::UnsupportedMedia when the bytes are not a PDF at all, and
// Errc::Invalid (the library's reason in details) when the structure is damaged, encrypted or has
// no page. Thread-safe (one QPDF object per call).
core::Result<PdfInfo> inspectPdf(std::string_view bytes);

}  // namespace awardflow::dossier
