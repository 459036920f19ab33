#include "engine/dossier/attachments.hpp"

#include <array>
#include <fstream>
#include <map>
#include <string_view>

#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/xml/document.hpp"

namespace awardflow::dossier {
namespace {

std::string q(const std::string& text) { return "«" + text + "»"; }

// A bare name: no separators, not "." or "..", not hidden, nothing a path could climb with.
bool isBareName(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.size() > 255) return false;
  return name.find_first_of("/\\:") == std::string::npos && name.find('\0') == std::string::npos;
}

// The PDF header "%PDF-" may stand anywhere in the first 1024 bytes (ISO 32000-1, 7.5.2 note).
bool looksLikePdf(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 1024> head{};
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  const std::string_view bytes(head.data(), static_cast<std::size_t>(in.gcount()));
  return bytes.find("%PDF-") != std::string_view::npos;
}

// An XML attachment (a signed electronic document) is well-formed, safe XML by the hardened
// parser's rules: size limit, no DOCTYPE, no entities.
bool isSafeXml(const std::filesystem::path& path) {
  auto bytes = core::readFile(path, xml::ParseOptions{}.max_bytes + 1);
  return bytes && xml::parse(*bytes).document.has_value();
}

struct FileFacts {
  core::Result<crypto::FileDigest> digest;
  bool pdf = false;
  bool xml = false;
};

}  // namespace

void checkAttachments(const model::Dossier& dossier, const std::filesystem::path& dir,
                      core::Report& report) {
  std::map<std::string, FileFacts> seen;
  for (const model::Document& doc : dossier.documents) {
    const model::Attachment& a = doc.attachment;
    if (!isBareName(a.file_name)) {
      report.error(
          "attachment.unsafe-name", a.where,
          {"Tên tệp " + q(a.file_name) + " không hợp lệ: chỉ dùng tên tệp, không có thư mục.",
           "File name " + q(a.file_name) + " is refused: a bare file name is required."});
      continue;
    }
    auto it = seen.find(a.file_name);
    if (it == seen.end()) {
      const std::filesystem::path path = dir / a.file_name;
      FileFacts facts{crypto::sha256File(path), false, false};
      if (facts.digest && a.media_type == "application/xml") {
        facts.xml = isSafeXml(path);
      } else if (facts.digest) {
        facts.pdf = looksLikePdf(path);
      }
      it = seen.emplace(a.file_name, std::move(facts)).first;
    }
    const FileFacts& facts = it->second;
    if (!facts.digest) {
      const bool missing = facts.digest.error().code == core::Errc::NotFound;
      report.error(missing ? "attachment.missing" : "attachment.unreadable", a.where,
                   {missing ? "Không tìm thấy tệp đính kèm " + q(a.file_name) + "."
                            : "Không đọc được tệp đính kèm " + q(a.file_name) + ".",
                    missing ? "The attached file " + q(a.file_name) + " is not there."
                            : "The attached file " + q(a.file_name) + " cannot be read."});
      continue;
    }
    const crypto::FileDigest& digest = *facts.digest;
    if (digest.size != static_cast<std::uint64_t>(a.size)) {
      report.error("attachment.size-mismatch", a.where,
                   {"Tệp " + q(a.file_name) + " có " + std::to_string(digest.size) +
                        " byte, hồ sơ khai " + std::to_string(a.size) + " byte.",
                    "File " + q(a.file_name) + " has " + std::to_string(digest.size) +
                        " bytes; the dossier declares " + std::to_string(a.size) + "."});
    }
    if (digest.sha256 != a.sha256) {
      report.error("attachment.digest-mismatch", a.where,
                   {"Mã băm SHA-256 của tệp " + q(a.file_name) +
                        " không khớp với hồ sơ: tệp đã bị thay đổi hoặc nhầm tệp.",
                    "The SHA-256 of file " + q(a.file_name) +
                        " differs from the dossier's: the file was changed or is the wrong one."});
    }
    if (a.media_type == "application/xml" && !facts.xml) {
      report.error("attachment.not-xml", a.where,
                   {"Tệp " + q(a.file_name) + " không phải là văn bản XML hợp lệ.",
                    "File " + q(a.file_name) + " is not well-formed, safe XML."});
    }
    if (a.media_type == "application/pdf" && !facts.pdf) {
      report.error("attachment.not-pdf", a.where,
                   {"Tệp " + q(a.file_name) + " không phải là tệp PDF.",
                    "File " + q(a.file_name) + " is not a PDF."});
    }
  }
}

}  // namespace awardflow::dossier
