#pragma once

// BagIt packages (RFC 8493): a strict validator for bag directories and zipped bags, and an
// atomic writer used to seal archival packages.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/core/report.hpp"

namespace awardflow::archive {

// ---------------------------------------------------------------------------------------------
// Validation

struct BagValidationOptions {
  // Tag files (bagit.txt, bag-info.txt, manifests, fetch.txt) larger than this are refused
  // (bagit.tagfile.too-large) without being read.
  std::size_t max_tag_file_bytes = std::size_t{64} << 20;
  // Zipped bags only: limits on what extraction may write (bagit.zip.too-large).
  std::uint64_t max_extracted_bytes = std::uint64_t{16} << 30;
  std::size_t max_zip_entries = 200000;
  // Zipped bags only: where the temporary extraction directory is made; empty = the system
  // temporary directory. It is removed before validateZippedBag returns.
  std::filesystem::path work_dir;
};

// What a validation found: every problem (docs/archive.md lists the codes), located by the
// bag-relative file path and, for tag files, the 1-based line; and what the bag declared.
struct BagValidation {
  core::Report report;
  std::string version;                  // BagIt-Version, "" when bagit.txt is missing or unreadable
  std::string encoding;                 // Tag-File-Character-Encoding as declared
  std::vector<std::string> algorithms;  // of the payload manifests, sorted ("md5", "sha512")
  std::uint64_t payload_files = 0;      // regular files present under data/
  std::uint64_t payload_octets = 0;     // their total size

  bool valid() const { return report.valid(); }
};

// Validates the bag in directory `bag_dir` against RFC 8493 (BagIt 1.0; 0.96 and 0.97 bags are
// read by the same rules): the declaration, bag-info.txt, every payload and tag manifest (md5,
// sha1, sha224, sha256, sha384, sha512), fetch.txt, path safety and every digest. Files listed in
// fetch.txt may be absent (a "holey" bag: a notice, not an error). Symbolic links are reported
// and never followed; nothing outside `bag_dir` is read. Every problem goes into the report; the
// call fails only with Errc::NotFound when `bag_dir` does not exist and Errc::Unreadable when it
// is not a directory or cannot be listed. Thread-safe (no shared state).
core::Result<BagValidation> validateBag(const std::filesystem::path& bag_dir,
                                        const BagValidationOptions& options = {});

// Validates a zipped bag: a .zip holding one top-level folder that is the bag. Entries are
// checked before anything is extracted (no absolute paths, "..", backslashes, drive letters,
// encrypted entries; counts and sizes within the options' limits); then the archive is
// extracted into a private temporary directory, validated with validateBag, and removed. A zip
// that cannot be read or breaks these rules is reported (bagit.zip.*), not failed. Fails with
// Errc::NotFound when there is no file at `zip_file`, Errc::Unreadable when it is not a regular
// file or cannot be opened, and Errc::Unavailable when the temporary directory cannot be made.
core::Result<BagValidation> validateZippedBag(const std::filesystem::path& zip_file,
                                              const BagValidationOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Writing

// One payload file: its path under data/ ("decision/qd-123.pdf" becomes data/decision/
// qd-123.pdf) and its content, given as bytes or as a file read (in chunks) when the bag is
// written. Paths use "/" and may not be empty, absolute, or hold "..", "." or empty segments,
// backslashes or NUL; CR, LF and "%" are allowed and percent-encoded in the manifests.
struct PayloadEntry {
  std::string path;
  std::string bytes;  // used when `source` is empty
  std::optional<std::filesystem::path> source;

  static PayloadEntry fromBytes(std::string path, std::string bytes) {
    return PayloadEntry{std::move(path), std::move(bytes), std::nullopt};
  }
  static PayloadEntry fromFile(std::string path, std::filesystem::path source) {
    return PayloadEntry{std::move(path), {}, std::move(source)};
  }
};

// An extra tag file at the bag's top level or in a tag folder ("README.txt",
// "metadata/premis.xml"); listed in the tag manifests. Its name may not be a BagIt name
// (bagit.txt, bag-info.txt, fetch.txt, manifest-*.txt, tagmanifest-*.txt) nor under data/.
struct TagFile {
  std::string path;
  std::string bytes;
};

struct BagContents {
  std::vector<PayloadEntry> payload;
  // bag-info.txt fields in the order written (labels may repeat). Labels may not be empty, hold
  // ":" CR or LF, or start or end with white space; values may not hold CR or LF. Bagging-Date,
  // Payload-Oxum and Bag-Size are computed and may not be given.
  std::vector<std::pair<std::string, std::string>> info;
  std::vector<TagFile> tag_files;
};

struct BagWriteOptions {
  // Bagging-Date; nullopt = today in Vietnam (UTC+7).
  std::optional<core::Date> bagging_date;
};

// What was written.
struct WrittenBag {
  std::filesystem::path path;
  std::uint64_t payload_files = 0;
  std::uint64_t payload_octets = 0;
  std::string payload_oxum;  // "octets.files", as in bag-info.txt
};

// Writes a BagIt 1.0 bag (UTF-8 tag files) at directory `destination`: bagit.txt, bag-info.txt
// (the caller's fields, then Bagging-Date, Bag-Size, Payload-Oxum), data/…, manifest-sha256.txt,
// manifest-sha512.txt, the extra tag files, tagmanifest-sha256.txt and tagmanifest-sha512.txt.
// Atomic: everything is written in a temporary sibling directory, each file and directory is
// fsynced, then the directory is renamed into place and the parent fsynced; on failure nothing
// is left behind. Files are made 0644 and directories 0755.
// Fails with Errc::InvalidArgument for contents that break the rules above (the details name
// each), Errc::Conflict when `destination` exists (it is never touched), Errc::NotFound or
// Errc::Unreadable when a payload source file cannot be read, and Errc::Unavailable on I/O
// errors. Thread-safe for distinct destinations.
core::Result<WrittenBag> writeBag(const std::filesystem::path& destination,
                                  const BagContents& contents, const BagWriteOptions& options = {});

// Writes the same bag as a zip at `zip_file` ("pkg.zip" holds the single folder "pkg/"), built
// in a temporary sibling, fsynced, then linked into place. Fails as writeBag does, and with
// Errc::InvalidArgument when the file name has no stem to name the folder.
core::Result<WrittenBag> writeZippedBag(const std::filesystem::path& zip_file,
                                        const BagContents& contents,
                                        const BagWriteOptions& options = {});

}  // namespace awardflow::archive
