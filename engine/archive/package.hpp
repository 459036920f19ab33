#pragma once

// The archival information package of one record (DESIGN.md §3, issue #6): a BagIt bag whose
// payload is the record's files in chronological order, record.xml with its NĐ 30/2020 metadata,
// history.json (its events with their chain hashes) and METS.xml (the structure map, a checksum
// of every other payload file, and PREMIS events), which the agency signs. A README in the bag
// says how to check all of it with standard tools.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/archive/bagit.hpp"
#include "engine/core/error.hpp"
#include "engine/model/record.hpp"

namespace awardflow::archive {

// One payload file of the record, in the order it was made.
struct RecordFile {
  std::string path;   // under data/: "01-dossier.xml", "attachments/to-trinh.pdf"
  std::string role;   // dossier, attachment, receipt, deficiency-notice, tally, decision, …
  std::string label;  // what a person reads in the structure map
  std::string media_type;
  std::string created;  // date or UTC time it was made, for the chronological order
  std::string bytes;    // the content, or empty with `source` set
  std::filesystem::path source;
  std::string sha256;  // filled by planPackage when empty
  std::int64_t size = 0;
  bool signed_xml = false;  // carries XMLDSig signatures to verify
};

// A PREMIS event about the record (ingestion, validation, digital signature validation, message
// digest calculation, fixity check).
struct PremisEvent {
  std::string type;
  std::string at;       // UTC
  std::string outcome;  // "success" or "failure"
  std::string detail;
  std::string agent;
};

struct PackagePlan {
  model::ArchiveRecord record;
  std::string agency_name;
  std::vector<RecordFile> files;  // record.xml, history.json and METS.xml are added by the plan
  std::string history_json;       // the record's events
  std::vector<PremisEvent> events;
};

// Fills in each file's size and SHA-256 (reading `source` files), sorts the files into
// chronological order, and renders record.xml and history.json as payload files of the plan.
// Errc::NotFound / Unreadable for a source that cannot be read.
core::Result<void> completePlan(PackagePlan& plan);

// The unsigned METS.xml of a completed plan: every payload file (not METS itself) with its
// SHA-256 in the fileSec, a structMap in chronological order, the record's metadata in dmdSec,
// and the PREMIS events in digiprovMD.
std::string renderMets(const PackagePlan& plan);

// record.xml: the NĐ 30/2020 record metadata (FileCode, Title, Maintenance, Rights, Creator,
// Language, StartDate, EndDate, DocTotal, PageTotal, Description).
std::string renderRecordXml(const model::ArchiveRecord& record, const std::string& agency_name);

// The README.txt of the package, in Vietnamese and English.
std::string renderReadme(const PackagePlan& plan);

// The bag's contents: payload files (with record.xml, history.json and the signed METS.xml), the
// bag-info fields (Source-Organization, External-Identifier = FileCode, record metadata) and the
// README as a tag file.
BagContents bagContents(const PackagePlan& plan, const std::string& signed_mets);

// What a package's METS.xml says about its files.
struct MetsFile {
  std::string path;  // under data/
  std::string role;
  std::string sha256;
};

// Reads the fileSec of a METS.xml written by renderMets (the hardened parser, no network).
// Errc::Malformed when it is not such a document.
core::Result<std::vector<MetsFile>> readMetsFiles(std::string_view mets);

// Extracts the zipped package at `zip_file` into the existing empty directory `destination`
// after checking every entry (see validateZippedBag); returns the bag's folder inside it.
// Problems go into `report`; Errc::Invalid when the zip was refused.
core::Result<std::filesystem::path> extractPackage(const std::filesystem::path& zip_file,
                                                   const std::filesystem::path& destination,
                                                   core::Report& report);

}  // namespace awardflow::archive
