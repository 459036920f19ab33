#include "engine/archive/package.hpp"

#include <algorithm>

#include "engine/archive/detail/zip.hpp"
#include "engine/core/file.hpp"
#include "engine/crypto/digest.hpp"
#include "engine/xml/document.hpp"
#include "engine/xml/escape.hpp"

namespace awardflow::archive {
namespace {

constexpr const char* kMetsNamespace = "http://www.loc.gov/METS/";

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml::escapeAttribute(value) + "\"";
}

std::string leaf(int depth, std::string_view name, std::string_view value) {
  return std::string(static_cast<std::size_t>(depth) * 2, ' ') + "<" + std::string(name) + ">" +
         xml::escapeText(value) + "</" + std::string(name) + ">\n";
}

std::string retentionText(model::Retention retention) {
  switch (retention) {
    case model::Retention::Permanent:
      return "Vĩnh viễn";
    case model::Retention::Years20:
      return "20 năm";
    case model::Retention::Years10:
      return "10 năm";
    case model::Retention::Years5:
      return "05 năm";
  }
  return "";
}

}  // namespace

core::Result<void> completePlan(PackagePlan& plan) {
  for (RecordFile& f : plan.files) {
    if (!f.source.empty()) {
      auto digest = crypto::sha256File(f.source);
      if (!digest) return core::Unexpected{digest.error()};
      f.sha256 = digest->sha256;
      f.size = static_cast<std::int64_t>(digest->size);
    } else {
      f.sha256 = crypto::sha256Hex(f.bytes);
      f.size = static_cast<std::int64_t>(f.bytes.size());
    }
  }
  std::stable_sort(plan.files.begin(), plan.files.end(),
                   [](const RecordFile& a, const RecordFile& b) { return a.created < b.created; });
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    std::string number = std::to_string(i + 1);
    if (number.size() < 3) number.insert(0, 3 - number.size(), '0');
    plan.files[i].path = number + "-" + plan.files[i].path;
  }
  const auto add = [&](std::string path, std::string role, std::string label, std::string type,
                       std::string bytes) {
    RecordFile f;
    f.path = std::move(path);
    f.role = std::move(role);
    f.label = std::move(label);
    f.media_type = std::move(type);
    f.created = plan.record.sealed_at;
    f.sha256 = crypto::sha256Hex(bytes);
    f.size = static_cast<std::int64_t>(bytes.size());
    f.bytes = std::move(bytes);
    plan.files.push_back(std::move(f));
  };
  add("history.json", "history", "Lịch sử xử lý hồ sơ (sự kiện và mã băm chuỗi) / history",
      "application/json", plan.history_json);
  add("record.xml", "record", "Thông tin hồ sơ theo NĐ 30/2020 / record metadata",
      "application/xml", renderRecordXml(plan.record, plan.agency_name));
  return {};
}

std::string renderRecordXml(const model::ArchiveRecord& r, const std::string& agency_name) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<record xmlns=\"urn:awardflow:record:1\">\n";
  out += "  <FileCode>\n";
  out += leaf(2, "OrganId", r.organ_id);
  out += leaf(2, "FileCatalog", std::to_string(r.file_catalog));
  out += leaf(2, "FileNotation", r.file_notation);
  out += "  </FileCode>\n";
  out += leaf(1, "Identifier", r.file_code);
  out += leaf(1, "Title", r.title);
  out += leaf(1, "Maintenance", retentionText(r.retention));
  out += leaf(1, "MaintenanceCode", std::string(model::name(r.retention)));
  out += leaf(1, "Rights", r.rights);
  out += leaf(1, "Creator", agency_name);
  out += leaf(1, "Language", r.language);
  out += leaf(1, "StartDate", r.start_date.toString());
  out += leaf(1, "EndDate", r.end_date.toString());
  out += leaf(1, "DocTotal", std::to_string(r.doc_total));
  out += leaf(1, "PageTotal", std::to_string(r.page_total));
  std::string description = "Hồ sơ khen thưởng " + r.dossier_id + " của " + r.unit_name + "; " +
                            (r.outcome == "issued" ? "quyết định " + r.decision_number
                                                   : std::string("không khen thưởng"));
  out += leaf(1, "Description", description);
  out += "  <Award>\n";
  out += leaf(2, "TrackingCode", r.dossier_id);
  out += leaf(2, "Unit", r.unit_name);
  out += leaf(2, "UnitCode", r.unit_code);
  out += leaf(2, "Rulebook", r.rulebook_id);
  out += leaf(2, "Procedure", r.procedure_id);
  out += leaf(2, "AwardForm", r.award_form);
  out += leaf(2, "Level", r.level);
  out += leaf(2, "Outcome", r.outcome);
  if (!r.decision_number.empty()) out += leaf(2, "DecisionNumber", r.decision_number);
  for (const std::string& n : r.names) out += leaf(2, "Nominee", n);
  out += "  </Award>\n";
  out += "</record>\n";
  return out;
}

std::string renderMets(const PackagePlan& plan) {
  const model::ArchiveRecord& r = plan.record;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<mets xmlns=\"" + std::string(kMetsNamespace) +
         "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
         "xmlns:premis=\"http://www.loc.gov/premis/v3\"" +
         attr("OBJID", r.file_code) + attr("LABEL", r.title) + attr("TYPE", "record") +
         attr("PROFILE", "urn:awardflow:aip:1") + ">\n";
  out += "  <metsHdr" + attr("CREATEDATE", r.sealed_at) + attr("RECORDSTATUS", "sealed") + ">\n";
  out += "    <agent ROLE=\"CREATOR\" TYPE=\"ORGANIZATION\">\n";
  out += leaf(3, "name", plan.agency_name);
  out += "    </agent>\n  </metsHdr>\n";
  out += "  <dmdSec ID=\"dmd-record\">\n";
  out +=
      "    <mdRef LOCTYPE=\"URL\" MDTYPE=\"OTHER\" OTHERMDTYPE=\"ND30-2020\" "
      "MIMETYPE=\"application/xml\" xlink:href=\"record.xml\"/>\n";
  out += "  </dmdSec>\n";
  out += "  <amdSec ID=\"amd-record\">\n";
  for (std::size_t i = 0; i < plan.events.size(); ++i) {
    const PremisEvent& e = plan.events[i];
    const std::string id = "event-" + std::to_string(i + 1);
    out += "    <digiprovMD" + attr("ID", id) + ">\n";
    out += "      <mdWrap MDTYPE=\"PREMIS:EVENT\">\n        <xmlData>\n";
    out += "          <premis:event>\n";
    out += "            <premis:eventIdentifier>\n";
    out += "              <premis:eventIdentifierType>local</premis:eventIdentifierType>\n";
    out += "              <premis:eventIdentifierValue>" + xml::escapeText(r.file_code + "/" + id) +
           "</premis:eventIdentifierValue>\n";
    out += "            </premis:eventIdentifier>\n";
    out += "            <premis:eventType>" + xml::escapeText(e.type) + "</premis:eventType>\n";
    out +=
        "            <premis:eventDateTime>" + xml::escapeText(e.at) + "</premis:eventDateTime>\n";
    out += "            <premis:eventDetailInformation><premis:eventDetail>" +
           xml::escapeText(e.detail) + "</premis:eventDetail></premis:eventDetailInformation>\n";
    out += "            <premis:eventOutcomeInformation><premis:eventOutcome>" +
           xml::escapeText(e.outcome) + "</premis:eventOutcome></premis:eventOutcomeInformation>\n";
    out += "            <premis:linkingAgentIdentifier>\n";
    out +=
        "              <premis:linkingAgentIdentifierType>local</"
        "premis:linkingAgentIdentifierType>\n";
    out += "              <premis:linkingAgentIdentifierValue>" + xml::escapeText(e.agent) +
           "</premis:linkingAgentIdentifierValue>\n";
    out += "            </premis:linkingAgentIdentifier>\n";
    out += "          </premis:event>\n";
    out += "        </xmlData>\n      </mdWrap>\n    </digiprovMD>\n";
  }
  out += "  </amdSec>\n";
  out += "  <fileSec>\n    <fileGrp USE=\"record\">\n";
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const RecordFile& f = plan.files[i];
    out += "      <file" + attr("ID", "file-" + std::to_string(i + 1)) +
           attr("MIMETYPE", f.media_type) + attr("SIZE", std::to_string(f.size)) +
           attr("CREATED", f.created) + attr("CHECKSUM", f.sha256) +
           attr("CHECKSUMTYPE", "SHA-256") + attr("USE", f.role) + ">\n";
    out += "        <FLocat LOCTYPE=\"URL\"" + attr("xlink:href", f.path) + "/>\n";
    out += "      </file>\n";
  }
  out += "    </fileGrp>\n  </fileSec>\n";
  out += "  <structMap TYPE=\"chronological\">\n";
  out += "    <div TYPE=\"record\"" + attr("LABEL", r.title) + attr("DMDID", "dmd-record") +
         attr("ADMID", "amd-record") + ">\n";
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const RecordFile& f = plan.files[i];
    out += "      <div" + attr("ORDER", std::to_string(i + 1)) + attr("TYPE", f.role) +
           attr("LABEL", f.label) + "><fptr" + attr("FILEID", "file-" + std::to_string(i + 1)) +
           "/></div>\n";
  }
  out += "    </div>\n  </structMap>\n";
  out += "</mets>\n";
  return out;
}

std::string renderReadme(const PackagePlan& plan) {
  const model::ArchiveRecord& r = plan.record;
  std::string out;
  out += "HỒ SƠ LƯU TRỮ " + r.file_code + "\n";
  out += r.title + "\n";
  out += plan.agency_name + " — niêm phong lúc " + r.sealed_at + "\n\n";
  out += "Gói này là một túi BagIt 1.0 (RFC 8493). Có thể kiểm tra mà không cần awardflow:\n\n";
  out += "1. Tính toàn vẹn của mọi tệp (trong thư mục của gói):\n";
  out += "     sha256sum -c manifest-sha256.txt\n";
  out += "     sha256sum -c tagmanifest-sha256.txt\n";
  out += "2. Chữ ký số của cơ quan trên METS.xml (METS.xml ghi mã SHA-256 của từng tệp khác):\n";
  out += "     xmlsec1 verify --trusted-pem CA.pem --enabled-key-data x509 data/METS.xml\n";
  out += "   (CA.pem: chứng thư gốc của cơ quan, trong thư mục trust/ của awardflow)\n";
  out += "3. Chữ ký trên hồ sơ gốc và trên quyết định (người ký và cơ quan), ví dụ:\n";
  out += "     xmlsec1 verify --trusted-pem CA.pem --enabled-key-data x509 data/<tệp>.xml\n";
  out += "   Với tệp có nhiều chữ ký, xmlsec1 kiểm tra chữ ký đầu tiên; awardflow archive verify\n";
  out += "   kiểm tra tất cả.\n";
  out += "4. Chứng thư của người ký: openssl verify -CAfile CA.pem cert.pem\n";
  out += "5. Lịch sử (data/*history.json): mỗi sự kiện có hash = SHA-256(prev_hash ‖ sự kiện).\n\n";
  out += "ARCHIVAL RECORD " + r.file_code + "\n\n";
  out += "This package is a BagIt 1.0 bag (RFC 8493). To check it without awardflow:\n\n";
  out += "1. Every file's integrity (in the package folder):\n";
  out += "     sha256sum -c manifest-sha256.txt && sha256sum -c tagmanifest-sha256.txt\n";
  out += "2. The agency's signature on METS.xml, which lists the SHA-256 of every other file:\n";
  out += "     xmlsec1 verify --trusted-pem CA.pem --enabled-key-data x509 data/METS.xml\n";
  out += "   (CA.pem: the installation's root certificate, in awardflow's trust/ folder)\n";
  out += "3. The signatures on the dossier and on the decision (signer and agency) the same way;\n";
  out +=
      "   xmlsec1 checks the first signature of a file, `awardflow archive verify` checks all.\n";
  out += "4. A signer's certificate: openssl verify -CAfile CA.pem cert.pem\n";
  out += "5. The history (data/*history.json): each event's hash = SHA-256(prev_hash ‖ event).\n";
  return out;
}

BagContents bagContents(const PackagePlan& plan, const std::string& signed_mets) {
  const model::ArchiveRecord& r = plan.record;
  BagContents c;
  for (const RecordFile& f : plan.files) {
    c.payload.push_back(f.source.empty() ? PayloadEntry::fromBytes(f.path, f.bytes)
                                         : PayloadEntry::fromFile(f.path, f.source));
  }
  c.payload.push_back(PayloadEntry::fromBytes("METS.xml", signed_mets));
  c.info = {{"Source-Organization", plan.agency_name},
            {"External-Identifier", r.file_code},
            {"External-Description", r.title},
            {"Internal-Sender-Identifier", r.dossier_id},
            {"Record-Maintenance", std::string(model::name(r.retention))},
            {"Record-Rights", r.rights},
            {"Record-Language", r.language},
            {"Record-Start-Date", r.start_date.toString()},
            {"Record-End-Date", r.end_date.toString()},
            {"Record-Doc-Total", std::to_string(r.doc_total)},
            {"Record-Page-Total", std::to_string(r.page_total)},
            {"Record-Outcome", r.outcome}};
  if (!r.decision_number.empty()) c.info.emplace_back("Record-Decision", r.decision_number);
  c.tag_files.push_back({"README.txt", renderReadme(plan)});
  return c;
}

core::Result<std::vector<MetsFile>> readMetsFiles(std::string_view mets) {
  auto parsed = xml::parse(mets);
  if (!parsed.document || parsed.document->root().localName() != "mets" ||
      parsed.document->root().namespaceUri() != kMetsNamespace) {
    return core::fail(core::Errc::Malformed, "METS.xml is not a METS document",
                      {"METS.xml không phải tài liệu METS"});
  }
  std::vector<MetsFile> out;
  for (const xml::Element& section : parsed.document->root().children()) {
    if (section.localName() != "fileSec") continue;
    for (const xml::Element& group : section.children()) {
      for (const xml::Element& file : group.children()) {
        if (file.localName() != "file") continue;
        MetsFile f;
        f.role = file.attribute("USE").value_or("");
        f.sha256 = file.attribute("CHECKSUM").value_or("");
        for (const xml::Element& locat : file.children()) {
          if (locat.localName() == "FLocat")
            f.path = locat.attributeNs("http://www.w3.org/1999/xlink", "href").value_or("");
        }
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

core::Result<std::filesystem::path> extractPackage(const std::filesystem::path& zip_file,
                                                   const std::filesystem::path& destination,
                                                   core::Report& report) {
  const BagValidationOptions defaults;
  const std::string folder = detail::extractZip(
      zip_file, destination, {defaults.max_extracted_bytes, defaults.max_zip_entries}, report);
  if (folder.empty()) {
    return core::fail(core::Errc::Invalid, zip_file.filename().string() + " cannot be extracted",
                      {"không giải nén được " + zip_file.filename().string()});
  }
  return destination / folder;
}

}  // namespace awardflow::archive
