// The archive's two figures (issue 6), each next to its peer measured in the same run:
//  1. Package writing throughput (MB/s): archive::writeBag of a record with several MB of PDFs
//     (read, SHA-256 and SHA-512 manifests, tag manifests, every file and folder fsynced, atomic
//     rename) next to `sha256sum` over the same files. Target: ≥ 50 % of sha256sum.
//  2. Search latency over N synthetic records (default 1 000 000; the generator is below): p50
//     and p95 of store::ArchiveStore::search for five kinds of query, next to the same SQL run
//     raw through the sqlite3 C API on the same store (no records built). Target: p95 < 50 ms.
//
// usage: awardflow_archive_bench [DIR] [RECORDS]
//   DIR: where the data is made (default ./awardflow-archive-bench); use a real disk.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "engine/archive/bagit.hpp"
#include "engine/core/clock.hpp"
#include "engine/core/text.hpp"
#include "engine/store/archive_store.hpp"
#include "engine/store/database.hpp"
#include "engine/store/detail/database_impl.hpp"

namespace {

namespace fs = std::filesystem;
using namespace awardflow;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "archive_bench: %s\n", what.c_str());
  std::exit(1);
}

// ---- 1. package writing

double sha256sumSeconds(const std::vector<fs::path>& files) {
  std::string command = "sha256sum";
  for (const fs::path& f : files) command += " '" + f.string() + "'";
  command += " > /dev/null";
  const auto start = Clock::now();
  check(std::system(command.c_str()) == 0, "sha256sum failed");
  return seconds(start);
}

void packageWriting(const fs::path& dir) {
  constexpr int kFiles = 6;
  constexpr std::size_t kFileBytes = std::size_t{4} << 20;
  std::mt19937_64 random(7);
  std::vector<fs::path> files;
  std::uint64_t total = 0;
  for (int i = 0; i < kFiles; ++i) {
    const fs::path f = dir / ("scan-" + std::to_string(i) + ".pdf");
    std::string bytes = "%PDF-1.7\n";
    bytes.resize(kFileBytes);
    for (std::size_t j = 9; j + 8 <= bytes.size(); j += 8) {
      const std::uint64_t r = random();
      std::memcpy(bytes.data() + j, &r, 8);
    }
    std::ofstream(f, std::ios::binary) << bytes;
    files.push_back(f);
    total += bytes.size();
  }
  // Warm the page cache for both, then interleave rounds; best of each.
  sha256sumSeconds(files);
  double best_sum = 1e9, best_bag = 1e9;
  for (int round = 0; round < 5; ++round) {
    best_sum = std::min(best_sum, sha256sumSeconds(files));
    archive::BagContents contents;
    for (const fs::path& f : files)
      contents.payload.push_back(
          archive::PayloadEntry::fromFile("scans/" + f.filename().string(), f));
    contents.payload.push_back(
        archive::PayloadEntry::fromBytes("METS.xml", std::string(20000, 'x')));
    contents.info = {{"Source-Organization", "bench"}, {"External-Identifier", "B.2026.1"}};
    const fs::path bag = dir / ("bag-" + std::to_string(round));
    const auto start = Clock::now();
    auto written = archive::writeBag(bag, contents);
    const double s = seconds(start);
    check(written.has_value(), written ? "" : written.error().message);
    best_bag = std::min(best_bag, s);
    fs::remove_all(bag);
  }
  const double mb = static_cast<double>(total) / 1e6;
  std::printf("package writing: %d PDFs, %.1f MB\n", kFiles, mb);
  std::printf("  sha256sum of the same files      %8.1f MB/s\n", mb / best_sum);
  std::printf(
      "  archive::writeBag (sha256+sha512, fsync) %8.1f MB/s = %.1f %% of sha256sum "
      "(target >= 50 %%)\n",
      mb / best_bag, 100.0 * best_sum / best_bag);
}

// ---- 2. search

const std::vector<std::string> kFamily{
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê",  "Phạm",  "Hoàng", "Huỳnh",
    "Phan",   "Vũ",     "Võ",     "Đặng",   "Bùi",  "Đỗ",   "Hồ", "Ngô", "Dương", "Lý",    "Đinh"};
const std::vector<std::string> kMiddle{"Văn",   "Thị",  "Đức",  "Minh", "Hữu",  "Quang", "Ngọc",
                                       "Thanh", "Xuân", "Hồng", "Kim",  "Quốc", "Thu",   "Anh"};
const std::vector<std::string> kGiven{
    "An",    "Anh",   "Bình", "Chi",   "Cường",  "Dũng", "Duy",  "Giang", "Hà",    "Hải",  "Hằng",
    "Hiền",  "Hoa",   "Hùng", "Hương", "Khánh",  "Lan",  "Linh", "Long",  "Mai",   "Nam",  "Nga",
    "Ngân",  "Nhung", "Oanh", "Phúc",  "Phương", "Quân", "Sơn",  "Tâm",   "Thắng", "Thảo", "Thủy",
    "Trang", "Trung", "Tuấn", "Vân",   "Việt",   "Yến",  "Đạt",  "Định",  "Đông"};
const std::vector<std::string> kForms{"certificate-of-merit", "advanced-worker",
                                      "grassroots-emulation-fighter", "advanced-collective",
                                      "cultural-village"};
const std::vector<std::string> kFormTitles{"Giấy khen", "Lao động tiên tiến",
                                           "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến",
                                           "Thôn văn hóa"};

template <typename T>
const T& pick(std::mt19937_64& random, const std::vector<T>& list) {
  return list[random() % list.size()];
}

std::string personName(std::mt19937_64& random) {
  return pick(random, kFamily) + " " + pick(random, kMiddle) + " " + pick(random, kGiven);
}

// One synthetic record: 1–5 nominees, one of 400 units, 2016–2026, a decision number.
model::ArchiveRecord syntheticRecord(std::mt19937_64& random, int i) {
  model::ArchiveRecord r;
  const int year = 2016 + static_cast<int>(random() % 11);
  const int form = static_cast<int>(random() % kForms.size());
  r.organ_id = "H40";
  r.file_catalog = year;
  r.file_notation = "HS-" + std::to_string(year) + "-" + std::to_string(1000000 + i);
  r.file_code = r.organ_id + "." + std::to_string(year) + "." + r.file_notation;
  r.dossier_id = r.file_notation;
  const int unit = static_cast<int>(random() % 400);
  r.unit_code = "DV-" + std::to_string(unit);
  r.unit_name = "Đơn vị " + pick(random, kGiven) + " số " + std::to_string(unit);
  r.title = "Đề nghị " + kFormTitles[static_cast<std::size_t>(form)] + " năm " +
            std::to_string(year) + " của " + r.unit_name;
  r.rulebook_id = year < 2024 ? "huong-son-district-2023" : "huong-son-district-2024";
  r.procedure_id = kForms[static_cast<std::size_t>(form)];
  r.award_form = kForms[static_cast<std::size_t>(form)];
  r.level = "district";
  r.decision_number = std::to_string(1 + random() % 3000) + "/QĐ-UBND";
  r.outcome = "issued";
  r.retention = model::Retention::Years10;
  r.start_date = {year, 1 + static_cast<int>(random() % 12), 1};
  r.end_date = {year, 12, 31};
  r.doc_total = 3;
  r.page_total = 5;
  const int nominees = 1 + static_cast<int>(random() % 5);
  for (int n = 0; n < nominees; ++n) r.names.push_back(personName(random));
  r.achievements = "Hoàn thành xuất sắc nhiệm vụ năm " + std::to_string(year);
  r.sealed_at = std::to_string(year) + "-12-31T00:00:00Z";
  r.sealed_by = "luu-tru";
  r.dispose_due = model::disposeDue(r.retention, r.end_date);
  r.package = "archive/" + r.file_code;
  r.package_sha256 = std::string(64, '0');
  return r;
}

struct Latency {
  double p50 = 0;
  double p95 = 0;
};

Latency percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

// The text search's SQL, run raw: count the matches up to the ranking limit, then rank them or
// take the newest, as the store does; step through the page without building records.
double rawText(sqlite3* db, const std::string& match, int year) {
  const auto start = Clock::now();
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT rowid FROM archive_text WHERE archive_text MATCH ?1 ORDER BY rowid "
                     "DESC LIMIT 2001",
                     -1, &count, nullptr);
  sqlite3_bind_text(count, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  int matches = 0;
  while (sqlite3_step(count) == SQLITE_ROW) ++matches;
  sqlite3_finalize(count);
  std::string sql =
      "SELECT r.file_code, r.title FROM archive_text JOIN archive_records r ON r.rowid = "
      "archive_text.rowid WHERE archive_text MATCH ?1";
  if (year > 0) sql += " AND r.file_catalog = ?2";
  sql += matches <= 2000 ? " ORDER BY archive_text.rank, r.sort_key LIMIT 21"
                         : " ORDER BY archive_text.rowid DESC LIMIT 21";
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, match.c_str(), -1, SQLITE_TRANSIENT);
  if (year > 0) sqlite3_bind_int(stmt, 2, year);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  return seconds(start) * 1000;
}

// A file code looked up, raw.
double rawExact(sqlite3* db, const std::string& code) {
  const auto start = Clock::now();
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT r.file_code, r.title FROM archive_records r WHERE file_code = ?1",
                     -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, code.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  return seconds(start) * 1000;
}

// The unranked search's SQL for the filters given, run raw.
double rawSorted(sqlite3* db, const std::string& unit, int year, int offset) {
  std::string sql = "SELECT r.file_code, r.title FROM archive_records r WHERE 1";
  if (year > 0) sql += " AND r.file_catalog = ?2";
  if (!unit.empty()) sql += " AND r.unit_code = ?3";
  sql += " ORDER BY r.sort_key, r.file_code LIMIT 21 OFFSET ?4";
  sqlite3_stmt* stmt = nullptr;
  const auto start = Clock::now();
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  if (year > 0) sqlite3_bind_int(stmt, 2, year);
  if (!unit.empty()) sqlite3_bind_text(stmt, 3, unit.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(stmt, 4, offset);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  return seconds(start) * 1000;
}

// The FTS5 query the store makes of `text` (words quoted; a document number as one word).
std::string matchOf(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    const std::string token = text.substr(at, end - at);
    std::string folded = core::searchFold(token);
    if (token.find('/') != std::string::npos) {
      folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    }
    std::size_t from = 0;
    while (from < folded.size()) {
      const std::size_t to = std::min(folded.find(' ', from), folded.size());
      out += (out.empty() ? "\"" : " \"") + folded.substr(from, to - from) + "\"";
      from = to + 1;
    }
    at = end + 1;
  }
  return out;
}

void search(const fs::path& dir, int records) {
  const fs::path file = dir / "archive.db";
  const bool reuse = fs::exists(file);  // a store left by an earlier run with "keep"
  auto db = store::Database::open(file);
  check(db.has_value(), "open store");
  std::mt19937_64 random(42);
  std::vector<model::ArchiveRecord> probes;  // some records to ask for later
  const auto start = Clock::now();
  constexpr int kBatch = 5000;
  if (reuse) {  // the same generator, without storing: the probes only
    for (int i = 0; i < records; ++i) {
      model::ArchiveRecord r = syntheticRecord(random, i);
      if (i % 997 == 0) probes.push_back(r);
    }
  }
  for (int done = 0; !reuse && done < records; done += kBatch) {
    auto added = db->transaction([&](store::DatabaseImpl& tx) -> core::Result<void> {
      for (int i = done; i < std::min(records, done + kBatch); ++i) {
        model::ArchiveRecord r = syntheticRecord(random, i);
        if (i % 997 == 0) probes.push_back(r);
        auto ok = store::ArchiveStore::addRecordIn(tx, r);
        if (!ok) return ok;
      }
      return {};
    });
    check(added.has_value(), added ? "" : added.error().message);
  }
  if (!reuse) {
    std::printf("search: %d synthetic records generated and indexed in %.1f s\n", records,
                seconds(start));
  } else {
    std::printf("search: %d synthetic records (store of an earlier run)\n", records);
  }
  const store::ArchiveStore archive(*db);
  sqlite3* raw = nullptr;
  check(sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK, "raw");
  constexpr int kQueries = 200;
  std::printf("  %-46s %9s %9s   %9s %9s\n", "query (limit 20)", "p50 ms", "p95 ms", "raw p50",
              "raw p95");
  const auto report = [&](const char* label, const std::function<double(int)>& ours,
                          const std::function<double(int)>& peer) {
    std::vector<double> a, b;
    for (int q = 0; q < kQueries; ++q) {
      a.push_back(ours(q));
      b.push_back(peer(q));
    }
    const Latency la = percentiles(a), lb = percentiles(b);
    std::printf("  %-46s %9.2f %9.2f   %9.2f %9.2f%s\n", label, la.p50, la.p95, lb.p50, lb.p95,
                la.p95 < 50 ? "" : "   (over the 50 ms target)");
  };
  const auto timed = [&](const store::ArchiveQuery& q) {
    const auto t = Clock::now();
    auto page = archive.search(q);
    check(page.has_value(), "search");
    return seconds(t) * 1000;
  };
  const auto probe = [&](int q) -> const model::ArchiveRecord& {
    return probes[static_cast<std::size_t>(q) % probes.size()];
  };
  report(
      "a nominee's full name, without tones",
      [&](int q) {
        store::ArchiveQuery s;
        s.text = core::searchFold(probe(q).names.front());
        return timed(s);
      },
      [&](int q) { return rawText(raw, matchOf(probe(q).names.front()), 0); });
  report(
      "a full name with tones + year",
      [&](int q) {
        store::ArchiveQuery s;
        s.text = probe(q).names.front();
        s.year = probe(q).file_catalog;
        return timed(s);
      },
      [&](int q) { return rawText(raw, matchOf(probe(q).names.front()), probe(q).file_catalog); });
  report(
      "a file code",
      [&](int q) {
        store::ArchiveQuery s;
        s.text = probe(q).file_code;
        return timed(s);
      },
      [&](int q) { return rawExact(raw, probe(q).file_code); });
  // A decision number with one given name of the record: "15/QĐ-UBND Lan".
  const auto decisionAndName = [&](int q) {
    const std::string& name = probe(q).names.back();
    return probe(q).decision_number + " " + name.substr(name.rfind(' ') + 1);
  };
  report(
      "a decision number and a given name",
      [&](int q) {
        store::ArchiveQuery s;
        s.text = decisionAndName(q);
        return timed(s);
      },
      [&](int q) { return rawText(raw, matchOf(decisionAndName(q)), 0); });
  report(
      "no text: a unit's records of a year, A-Z",
      [&](int q) {
        store::ArchiveQuery s;
        s.unit_code = probe(q).unit_code;
        s.year = probe(q).file_catalog;
        return timed(s);
      },
      [&](int q) { return rawSorted(raw, probe(q).unit_code, probe(q).file_catalog, 0); });
  report(
      "no text: everything A-Z, page 50",
      [&](int) {
        store::ArchiveQuery s;
        s.offset = 1000;
        return timed(s);
      },
      [&](int) { return rawSorted(raw, "", 0, 1000); });
  sqlite3_close(raw);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("awardflow-archive-bench");
  const int records = argc > 2 ? std::atoi(argv[2]) : 1000000;
  // "keep": leave the store for the next run with "keep", which then skips generating it.
  const bool keep = argc > 3 && std::string(argv[3]) == "keep";
  std::error_code ec;
  if (!keep) fs::remove_all(dir, ec);
  fs::create_directories(dir);
  packageWriting(dir);
  search(dir, records);
  if (!keep) fs::remove_all(dir, ec);
  return 0;
}
