#include "engine/dossier/pdf.hpp"

#include <exception>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

namespace awardflow::dossier {

core::Result<PdfInfo> inspectPdf(std::string_view bytes) {
  if (bytes.substr(0, 5) != "%PDF-") {
    return core::fail(core::Errc::UnsupportedMedia, "not a PDF file", {"không phải tệp PDF"});
  }
  try {
    QPDF pdf;
    // Damaged files are refused, not repaired: a scan that needs repair is sent again.
    pdf.setSuppressWarnings(true);
    pdf.setAttemptRecovery(false);
    pdf.processMemoryFile("attachment.pdf", bytes.data(), bytes.size());
    if (pdf.isEncrypted()) {
      return core::fail(core::Errc::Invalid, "the PDF is encrypted",
                        {"tệp PDF được mã hóa; hãy gửi bản không mã hóa"});
    }
    PdfInfo info;
    info.pages = static_cast<int>(QPDFPageDocumentHelper(pdf).getAllPages().size());
    info.version = pdf.getPDFVersion();
    if (info.pages == 0) {
      return core::fail(core::Errc::Invalid, "the PDF has no page", {"tệp PDF không có trang nào"});
    }
    if (pdf.anyWarnings()) {
      return core::fail(core::Errc::Invalid, "the PDF's structure is damaged",
                        {"cấu trúc tệp PDF bị hỏng"});
    }
    return info;
  } catch (const std::exception& e) {
    return core::fail(core::Errc::Invalid,
                      std::string("the PDF's structure is damaged: ") + e.what(),
                      {"cấu trúc tệp PDF bị hỏng"});
  }
}

}  // namespace awardflow::dossier
