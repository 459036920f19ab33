#include "engine/store/database.hpp"

#include <array>
#include <exception>
#include <mutex>
#include <vector>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>

#include "engine/store/detail/database_impl.hpp"

namespace awardflow::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

// Numbered schema migrations, applied in order, each in its own transaction. Never edit one
// that has shipped: add the next.
struct Migration {
  int version;
  const char* sql;
};

constexpr std::array<Migration, 17> kMigrations{{
    {1,
     "CREATE TABLE events ("
     "  seq INTEGER PRIMARY KEY,"
     "  at TEXT NOT NULL,"
     "  actor TEXT NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  subject TEXT NOT NULL,"
     "  payload TEXT NOT NULL,"
     "  prev_hash TEXT NOT NULL,"
     "  hash TEXT NOT NULL UNIQUE);"
     "CREATE TABLE blobs ("
     "  sha256 TEXT PRIMARY KEY,"
     "  size INTEGER NOT NULL,"
     "  media_type TEXT NOT NULL,"
     "  stored_at TEXT NOT NULL);"},
    {2,
     "CREATE TABLE units ("
     "  code TEXT PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  level TEXT NOT NULL);"
     "CREATE TABLE users ("
     "  login TEXT PRIMARY KEY,"
     "  full_name TEXT NOT NULL,"
     "  role TEXT NOT NULL,"
     "  unit_code TEXT REFERENCES units(code),"
     "  password_hash TEXT NOT NULL,"
     "  active INTEGER NOT NULL DEFAULT 1);"},
    {3,
     // Dossiers and their lifecycle. A rulebook is pinned by id and version with the hash and
     // blob of its bytes, so that running dossiers keep the rules they were submitted under.
     "CREATE TABLE rulebook_pins ("
     "  id TEXT NOT NULL,"
     "  version INTEGER NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  pinned_at TEXT NOT NULL,"
     "  PRIMARY KEY (id, version));"
     "CREATE TABLE counters ("
     "  series TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  last INTEGER NOT NULL,"
     "  PRIMARY KEY (series, year));"
     "CREATE TABLE dossiers ("
     "  id TEXT PRIMARY KEY,"
     "  unit_code TEXT NOT NULL REFERENCES units(code),"
     "  source_id TEXT NOT NULL,"
     "  title TEXT NOT NULL,"
     "  rulebook_id TEXT NOT NULL,"
     "  rulebook_version INTEGER NOT NULL,"
     "  rulebook_sha256 TEXT NOT NULL,"
     "  procedure_id TEXT NOT NULL,"
     "  variant TEXT NOT NULL,"
     "  state TEXT NOT NULL,"
     "  version INTEGER NOT NULL,"
     "  revision INTEGER NOT NULL,"
     "  xml_sha256 TEXT NOT NULL,"
     "  complete INTEGER NOT NULL,"
     "  signed_valid INTEGER NOT NULL,"
     "  submitted_by TEXT NOT NULL,"
     "  submitted_at TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL,"
     "  received_on TEXT,"
     "  due_on TEXT,"
     "  stopped_on TEXT,"
     "  escalated_at TEXT,"
     "  publication_from TEXT,"
     "  publication_until TEXT,"
     "  idempotency_key TEXT,"
     "  request_sha256 TEXT,"
     "  FOREIGN KEY (rulebook_id, rulebook_version) REFERENCES rulebook_pins(id, version));"
     "CREATE UNIQUE INDEX dossiers_idempotency ON dossiers(unit_code, idempotency_key)"
     "  WHERE idempotency_key IS NOT NULL;"
     "CREATE INDEX events_subject ON events(subject);"
     "CREATE INDEX dossiers_unit ON dossiers(unit_code);"
     "CREATE INDEX dossiers_state ON dossiers(state);"
     "CREATE INDEX dossiers_due ON dossiers(due_on) WHERE due_on IS NOT NULL;"
     "CREATE TABLE dossier_files ("
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  revision INTEGER NOT NULL,"
     "  name TEXT NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  size INTEGER NOT NULL,"
     "  media_type TEXT NOT NULL,"
     "  PRIMARY KEY (dossier_id, revision, name));"
     "CREATE TABLE office_documents ("
     "  id TEXT PRIMARY KEY,"
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  kind TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  number INTEGER,"
     "  notation TEXT NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  issued_at TEXT NOT NULL);"
     "CREATE UNIQUE INDEX office_documents_number ON office_documents(kind, year, number)"
     "  WHERE number IS NOT NULL;"
     "CREATE TABLE deficiency_lists ("
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  round INTEGER NOT NULL,"
     "  items TEXT NOT NULL,"
     "  listed_by TEXT NOT NULL,"
     "  listed_at TEXT NOT NULL,"
     "  PRIMARY KEY (dossier_id, round));"
     "CREATE TABLE opinions ("
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  agency TEXT NOT NULL,"
     "  requested_by TEXT NOT NULL,"
     "  requested_at TEXT NOT NULL,"
     "  received_at TEXT,"
     "  text TEXT NOT NULL DEFAULT '',"
     "  PRIMARY KEY (dossier_id, agency));"
     "CREATE TABLE council_sessions ("
     "  id TEXT PRIMARY KEY,"
     "  title TEXT NOT NULL,"
     "  meets_on TEXT NOT NULL,"
     "  open INTEGER NOT NULL,"
     "  opened_by TEXT NOT NULL);"
     "CREATE TABLE session_members ("
     "  session_id TEXT NOT NULL REFERENCES council_sessions(id),"
     "  login TEXT NOT NULL REFERENCES users(login),"
     "  PRIMARY KEY (session_id, login));"
     "CREATE TABLE ballots ("
     "  id TEXT PRIMARY KEY,"
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  session_id TEXT NOT NULL REFERENCES council_sessions(id),"
     "  mode TEXT NOT NULL,"
     "  open INTEGER NOT NULL,"
     "  opened_at TEXT NOT NULL,"
     "  closed_at TEXT,"
     "  members INTEGER,"
     "  recused INTEGER,"
     "  taking_part INTEGER,"
     "  in_writing INTEGER,"
     "  approve INTEGER,"
     "  reject INTEGER,"
     "  abstain INTEGER,"
     "  passed INTEGER,"
     "  tally_document TEXT);"
     "CREATE UNIQUE INDEX ballots_one_open ON ballots(dossier_id) WHERE open = 1;"
     // Who took part, and how: never what they chose in a secret ballot. open_choice is filled
     // for open ballots only.
     "CREATE TABLE ballot_participation ("
     "  ballot_id TEXT NOT NULL REFERENCES ballots(id),"
     "  login TEXT NOT NULL,"
     "  manner TEXT NOT NULL,"
     "  recorded_by TEXT NOT NULL,"
     "  at TEXT NOT NULL,"
     "  idempotency_key TEXT,"
     "  open_choice TEXT,"
     "  PRIMARY KEY (ballot_id, login));"
     // The secret ballot box: choices under random tokens, no voter, no time, no insertion
     // order (WITHOUT ROWID keeps rows in token order): nothing joins them to participation.
     "CREATE TABLE ballot_box ("
     "  ballot_id TEXT NOT NULL,"
     "  token TEXT NOT NULL,"
     "  choice TEXT NOT NULL,"
     "  PRIMARY KEY (ballot_id, token)) WITHOUT ROWID;"
     "CREATE TABLE decisions ("
     "  dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),"
     "  outcome TEXT NOT NULL,"
     "  reason TEXT NOT NULL,"
     "  decided_by TEXT NOT NULL,"
     "  decided_at TEXT NOT NULL,"
     "  document_id TEXT,"
     "  revoked_at TEXT,"
     "  revoke_reason TEXT NOT NULL DEFAULT '');"
     // Signed checkpoints of the audit chain: head hash and count, signed by the agency key.
     "CREATE TABLE checkpoints ("
     "  seq INTEGER PRIMARY KEY,"
     "  head TEXT NOT NULL,"
     "  at TEXT NOT NULL,"
     "  signature TEXT NOT NULL,"
     "  certificate TEXT NOT NULL);"},
    {4,
     // Sign-ins: browser sessions and programs' bearer tokens, by the SHA-256 of the secret.
     "CREATE TABLE auth_tokens ("
     "  token_sha256 TEXT PRIMARY KEY,"
     "  login TEXT NOT NULL REFERENCES users(login),"
     "  kind TEXT NOT NULL,"
     "  csrf TEXT NOT NULL DEFAULT '',"
     "  label TEXT NOT NULL DEFAULT '',"
     "  created_at TEXT NOT NULL,"
     "  expires_at TEXT NOT NULL,"
     "  revoked INTEGER NOT NULL DEFAULT 0);"
     "CREATE INDEX auth_tokens_login ON auth_tokens(login);"
     // What the PDF library read from each attached scan.
     "ALTER TABLE dossier_files ADD COLUMN pages INTEGER;"
     "ALTER TABLE dossier_files ADD COLUMN pdf_version TEXT;"},
    {5,
     // Answers to requests that carried an Idempotency-Key, replayed when the same caller sends
     // the same key again. status 0 = the first request is still being worked on.
     "CREATE TABLE request_replies ("
     "  login TEXT NOT NULL,"
     "  idem_key TEXT NOT NULL,"
     "  fingerprint TEXT NOT NULL,"
     "  created_at TEXT NOT NULL,"
     "  status INTEGER NOT NULL DEFAULT 0,"
     "  headers TEXT NOT NULL DEFAULT '',"
     "  body BLOB,"
     "  PRIMARY KEY (login, idem_key)) WITHOUT ROWID;"
     "CREATE INDEX request_replies_created ON request_replies(created_at);"},
    {6,
     // The archive's catalogue: one row per sealed record (kept as a tombstone once disposed),
     // its search text (folded: no tones, đ → d) and its Vietnamese sort key.
     "CREATE TABLE archive_records ("
     "  file_code TEXT NOT NULL UNIQUE,"
     "  organ_id TEXT NOT NULL,"
     "  file_catalog INTEGER NOT NULL,"
     "  file_notation TEXT NOT NULL,"
     "  dossier_id TEXT,"
     "  title TEXT NOT NULL,"
     "  unit_code TEXT NOT NULL,"
     "  unit_name TEXT NOT NULL,"
     "  rulebook_id TEXT NOT NULL,"
     "  procedure_id TEXT NOT NULL,"
     "  award_form TEXT NOT NULL,"
     "  level TEXT NOT NULL,"
     "  decision_number TEXT NOT NULL,"
     "  outcome TEXT NOT NULL,"
     "  retention TEXT NOT NULL,"
     "  rights TEXT NOT NULL,"
     "  language TEXT NOT NULL,"
     "  start_date TEXT NOT NULL,"
     "  end_date TEXT NOT NULL,"
     "  doc_total INTEGER NOT NULL,"
     "  page_total INTEGER NOT NULL,"
     "  names TEXT NOT NULL,"
     "  sealed_at TEXT NOT NULL,"
     "  sealed_by TEXT NOT NULL,"
     "  transfer_due TEXT,"
     "  dispose_due TEXT,"
     "  legal_hold INTEGER NOT NULL DEFAULT 0,"
     "  hold_reason TEXT NOT NULL DEFAULT '',"
     "  disposal_requested_by TEXT NOT NULL DEFAULT '',"
     "  disposal_reason TEXT NOT NULL DEFAULT '',"
     "  disposed_at TEXT NOT NULL DEFAULT '',"
     "  disposal_approved_by TEXT NOT NULL DEFAULT '',"
     "  package TEXT NOT NULL,"
     "  package_sha256 TEXT NOT NULL,"
     "  package_bytes INTEGER NOT NULL,"
     "  sort_key BLOB NOT NULL);"
     "CREATE INDEX archive_records_sort ON archive_records(sort_key);"
     "CREATE INDEX archive_records_dossier ON archive_records(dossier_id);"
     "CREATE INDEX archive_records_transfer ON archive_records(transfer_due) "
     "  WHERE transfer_due IS NOT NULL;"
     "CREATE INDEX archive_records_dispose ON archive_records(dispose_due) "
     "  WHERE dispose_due IS NOT NULL;"
     "CREATE VIRTUAL TABLE archive_text USING fts5(body, content='', "
     "  tokenize = 'unicode61 remove_diacritics 0');"
     // Who retrieved what, when (NĐ 30/2020: access to records is logged).
     "CREATE TABLE archive_access ("
     "  id INTEGER PRIMARY KEY,"
     "  file_code TEXT NOT NULL,"
     "  login TEXT NOT NULL,"
     "  at TEXT NOT NULL,"
     "  what TEXT NOT NULL);"
     "CREATE INDEX archive_access_record ON archive_access(file_code, id);"
     // Fixity checks, one row per record per audit (PREMIS fixity-check events).
     "CREATE TABLE archive_fixity ("
     "  id INTEGER PRIMARY KEY,"
     "  file_code TEXT NOT NULL,"
     "  at TEXT NOT NULL,"
     "  outcome TEXT NOT NULL,"
     "  details TEXT NOT NULL DEFAULT '');"
     "CREATE INDEX archive_fixity_record ON archive_fixity(file_code, id);"},
    {7,
     // Searches by unit, year or award form without text list records A–Z: an index per filter,
     // ending in the sort key, gives the page without sorting the whole catalogue.
     "CREATE INDEX archive_records_unit ON archive_records(unit_code, file_catalog, sort_key);"
     "CREATE INDEX archive_records_year ON archive_records(file_catalog, sort_key);"
     "CREATE INDEX archive_records_form ON archive_records(award_form, file_catalog, sort_key);"},
    {8,
     // Comments of the public on a nominee list posted for comment, and how the office answered.
     "CREATE TABLE public_comments ("
     "  id INTEGER PRIMARY KEY,"
     "  dossier_id TEXT NOT NULL REFERENCES dossiers(id),"
     "  at TEXT NOT NULL,"
     "  author TEXT NOT NULL,"
     "  contact TEXT NOT NULL DEFAULT '',"
     "  body TEXT NOT NULL,"
     "  resolution TEXT,"
     "  resolved_by TEXT,"
     "  resolved_at TEXT);"
     "CREATE INDEX public_comments_dossier ON public_comments(dossier_id, id);"},
    {9,
     // What the periodic reports count, derived from the dossiers (ReportStore::sync keeps it
     // up to date by each dossier's version): one row per dossier with its period, award form,
     // outcome and processing time, one per nominee with what the report's shares need.
     "CREATE TABLE report_dossiers ("
     "  dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),"
     "  version INTEGER NOT NULL,"
     "  xml_sha256 TEXT NOT NULL,"
     "  unit_code TEXT NOT NULL,"
     "  unit_level TEXT NOT NULL,"
     "  period_year INTEGER NOT NULL,"
     "  period TEXT NOT NULL,"  // "1", "2", "year", or "campaign"
     "  campaign TEXT NOT NULL DEFAULT '',"
     "  award_form TEXT NOT NULL,"
     "  outcome TEXT NOT NULL,"  // approved, refused, forwarded, withdrawn, pending
     "  returned INTEGER NOT NULL,"
     "  due_on TEXT,"
     "  running INTEGER NOT NULL,"  // pending with its time limit running
     "  decided_on TEXT,"
     "  processing_days INTEGER,"
     "  late INTEGER);"
     "CREATE INDEX report_dossiers_period ON report_dossiers(period_year, period);"
     "CREATE TABLE report_nominees ("
     "  dossier_id TEXT NOT NULL,"
     "  ordinal INTEGER NOT NULL,"
     "  kind TEXT NOT NULL,"  // individual, collective, family
     "  female INTEGER NOT NULL,"
     "  direct_labourer INTEGER NOT NULL,"
     "  PRIMARY KEY (dossier_id, ordinal)) WITHOUT ROWID;"},
    {10,
     // Emulation clusters and blocks, their criteria sets per period and the scores of their
     // units, one per scorer, unit and criterion (each change is also an audit event).
     "CREATE TABLE emulation_groups ("
     "  id TEXT PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  created_by TEXT NOT NULL,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE emulation_members ("
     "  group_id TEXT NOT NULL REFERENCES emulation_groups(id),"
     "  unit_code TEXT NOT NULL REFERENCES units(code),"
     "  ordinal INTEGER NOT NULL,"
     "  PRIMARY KEY (group_id, unit_code));"
     "CREATE TABLE criteria_sets ("
     "  id TEXT PRIMARY KEY,"
     "  group_id TEXT NOT NULL REFERENCES emulation_groups(id),"
     "  period TEXT NOT NULL,"
     "  title TEXT NOT NULL,"
     "  created_by TEXT NOT NULL,"
     "  created_at TEXT NOT NULL,"
     "  closed_by TEXT NOT NULL DEFAULT '',"
     "  closed_at TEXT);"
     "CREATE TABLE criteria ("
     "  set_id TEXT NOT NULL REFERENCES criteria_sets(id),"
     "  code TEXT NOT NULL,"
     "  ordinal INTEGER NOT NULL,"
     "  title TEXT NOT NULL,"
     "  max_points REAL NOT NULL,"
     "  weight REAL NOT NULL,"
     "  PRIMARY KEY (set_id, code));"
     "CREATE TABLE scores ("
     "  set_id TEXT NOT NULL REFERENCES criteria_sets(id),"
     "  unit_code TEXT NOT NULL,"
     "  criterion TEXT NOT NULL,"
     "  scorer TEXT NOT NULL,"
     "  points REAL NOT NULL,"
     "  note TEXT NOT NULL DEFAULT '',"
     "  at TEXT NOT NULL,"
     "  PRIMARY KEY (set_id, unit_code, criterion, scorer));"},
    {11,
     // Answers to keyed requests are now written in the same transaction as the request's
     // effect (service::RequestReplies::once), so a row always holds a committed answer: the
     // claims that migration 5 kept while a request was handled (status 0) go, and a row says
     // whether it answers an HTTP request or a CLI command (whose status is its exit code).
     // Answers of submissions are kept for ever (a dossier must never be made twice), others
     // a day. Keys that earlier versions kept on the dossier row carry over as such answers;
     // their fingerprint cannot match a new request, so reusing one is refused, never a second
     // dossier.
     "DELETE FROM request_replies WHERE status = 0;"
     "ALTER TABLE request_replies ADD COLUMN channel TEXT NOT NULL DEFAULT 'http';"
     "ALTER TABLE request_replies ADD COLUMN forever INTEGER NOT NULL DEFAULT 0;"
     "INSERT OR IGNORE INTO request_replies (login, idem_key, fingerprint, created_at, status, "
     "  headers, body, channel, forever) "
     "  SELECT submitted_by, idempotency_key, 'dossier:' || request_sha256, submitted_at, 200, "
     "    '', '{\"id\":\"' || id || '\"}', 'http', 1 FROM dossiers "
     "  WHERE idempotency_key IS NOT NULL;"},
    {12,
     // One installation for a province and its communes (issue 16): the authorities that award,
     // the tree of units under them, the authority each user acts for and each dossier and
     // council session belongs to. NULL is an installation of one authority, as before; a
     // stored dossier is given its rulebook's authority when the workflow opens
     // (service::adoptAuthorities).
     "CREATE TABLE authorities ("
     "  code TEXT PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  level TEXT NOT NULL,"
     "  parent_code TEXT REFERENCES authorities(code),"
     "  successor_code TEXT REFERENCES authorities(code),"
     "  historical INTEGER NOT NULL DEFAULT 0,"
     "  added_at TEXT NOT NULL);"
     "ALTER TABLE units ADD COLUMN authority_code TEXT REFERENCES authorities(code);"
     "ALTER TABLE units ADD COLUMN parent_code TEXT REFERENCES units(code);"
     "ALTER TABLE users ADD COLUMN authority_code TEXT REFERENCES authorities(code);"
     "ALTER TABLE dossiers ADD COLUMN authority_code TEXT;"
     "ALTER TABLE council_sessions ADD COLUMN authority_code TEXT;"
     "CREATE INDEX dossiers_authority ON dossiers(authority_code, state);"
     "CREATE INDEX units_parent ON units(parent_code);"
     // Each authority numbers its own decisions and proposals (N/QĐ-UBND per authority, year).
     "ALTER TABLE office_documents ADD COLUMN authority_code TEXT;"
     "DROP INDEX office_documents_number;"
     "CREATE UNIQUE INDEX office_documents_number ON office_documents(kind, year, number, "
     "  COALESCE(authority_code, '')) WHERE number IS NOT NULL;"},
    {13,
     // Upward proposals that arrive (issue 16): a dossier forwarded by one authority becomes an
     // incoming dossier of the authority above in the same installation. One row links the two
     // both ways; each side is linked at most once, so an arrival is never made twice. Lists a page
     // at a time (keyset by id) read an authority's rows through their own index.
     "CREATE TABLE dossier_links ("
     "  origin_id TEXT PRIMARY KEY REFERENCES dossiers(id),"
     "  incoming_id TEXT NOT NULL UNIQUE REFERENCES dossiers(id),"
     "  linked_at TEXT NOT NULL);"
     // An office's list a page at a time: its authority's rows in tracking-code order.
     "CREATE INDEX dossiers_authority_id ON dossiers(authority_code, id);"},
    {14,
     // A report row carries its dossier's authority: an office's year report no longer looks
     // up each row's dossier (bench/province_bench.cpp: 338 ms at p95 for a commune's year
     // among 300 000 dossiers). A store adopted later stamps its rows with its dossiers
     // (Authorities::adoptDossiersIn).
     "ALTER TABLE report_dossiers ADD COLUMN authority_code TEXT;"
     "UPDATE report_dossiers SET authority_code = (SELECT d.authority_code FROM dossiers d"
     "  WHERE d.id = report_dossiers.dossier_id);"
     "CREATE INDEX report_dossiers_year_authority ON report_dossiers(period_year, "
     "  authority_code);"
     // The head of the audit chain the report tables were last brought up to: every change of
     // a dossier appends an event in its transaction, so an unchanged head needs no look for
     // stale rows (that look reads every dossier).
     "CREATE TABLE report_sync (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);"},
    {15,
     // An office's work queue and home page first count its dossiers by state and pinned
     // procedure (WorkflowStore::stateGroups). Grouping an authority's rows read each of them
     // (bench/province_bench.cpp: 2 000 row lookups among 300 000, most of a queue page's
     // 10 ms); these counts are kept by the dossiers' own triggers, in the transaction of each
     // change, so they cannot drift from the rows. A dossier without an authority counts under ''.
     "CREATE TABLE dossier_counts ("
     "  authority_code TEXT NOT NULL,"
     "  state TEXT NOT NULL,"
     "  rulebook_sha256 TEXT NOT NULL,"
     "  procedure_id TEXT NOT NULL,"
     "  n INTEGER NOT NULL,"
     "  PRIMARY KEY (authority_code, state, rulebook_sha256, procedure_id)) WITHOUT ROWID;"
     "INSERT INTO dossier_counts SELECT COALESCE(authority_code, ''), state, rulebook_sha256, "
     "  procedure_id, COUNT(*) FROM dossiers GROUP BY 1, 2, 3, 4;"
     "CREATE TRIGGER dossier_counts_insert AFTER INSERT ON dossiers BEGIN"
     "  INSERT INTO dossier_counts VALUES (COALESCE(NEW.authority_code, ''), NEW.state,"
     "    NEW.rulebook_sha256, NEW.procedure_id, 1)"
     "    ON CONFLICT DO UPDATE SET n = n + 1;"
     "END;"
     "CREATE TRIGGER dossier_counts_delete AFTER DELETE ON dossiers BEGIN"
     "  UPDATE dossier_counts SET n = n - 1 WHERE authority_code = COALESCE(OLD.authority_code, '')"
     "    AND state = OLD.state AND rulebook_sha256 = OLD.rulebook_sha256"
     "    AND procedure_id = OLD.procedure_id;"
     "END;"
     "CREATE TRIGGER dossier_counts_update AFTER UPDATE OF authority_code, state, rulebook_sha256,"
     "  procedure_id ON dossiers WHEN COALESCE(OLD.authority_code, '') IS NOT"
     "  COALESCE(NEW.authority_code, '') OR OLD.state IS NOT NEW.state"
     "  OR OLD.rulebook_sha256 IS NOT NEW.rulebook_sha256 OR OLD.procedure_id IS NOT"
     "  NEW.procedure_id BEGIN"
     "  UPDATE dossier_counts SET n = n - 1 WHERE authority_code = COALESCE(OLD.authority_code, '')"
     "    AND state = OLD.state AND rulebook_sha256 = OLD.rulebook_sha256"
     "    AND procedure_id = OLD.procedure_id;"
     "  INSERT INTO dossier_counts VALUES (COALESCE(NEW.authority_code, ''), NEW.state,"
     "    NEW.rulebook_sha256, NEW.procedure_id, 1)"
     "    ON CONFLICT DO UPDATE SET n = n + 1;"
     "END;"
     // The overdue list reads an authority's running deadlines in due order from their own
     // index instead of every deadline of the province.
     "CREATE INDEX dossiers_running ON dossiers(authority_code, due_on, id) WHERE due_on IS NOT "
     "  NULL AND stopped_on IS NULL;"
     // A dossier's ballots and a session's were found by reading every ballot: at a province's
     // scale, one per dossier that reached a council.
     "CREATE INDEX ballots_dossier ON ballots(dossier_id, opened_at);"
     "CREATE INDEX ballots_session ON ballots(session_id, dossier_id);"},
    {16,
     // An emulation cluster or block belongs to the authority whose office defined it: a
     // commune's office scores its own villages and schools, never another commune's. Groups
     // defined before take their author's authority, or else their first unit's.
     "ALTER TABLE emulation_groups ADD COLUMN authority_code TEXT REFERENCES authorities(code);"
     "UPDATE emulation_groups SET authority_code = COALESCE("
     "  (SELECT u.authority_code FROM users u WHERE u.login = emulation_groups.created_by),"
     "  (SELECT n.authority_code FROM emulation_members m JOIN units n ON n.code = m.unit_code"
     "    WHERE m.group_id = emulation_groups.id ORDER BY m.ordinal LIMIT 1));"
     // The counts' triggers name the key they update on, as PostgreSQL requires (issue 17);
     // SQLite does the same with or without it.
     "DROP TRIGGER dossier_counts_insert;"
     "DROP TRIGGER dossier_counts_update;"
     "CREATE TRIGGER dossier_counts_insert AFTER INSERT ON dossiers BEGIN"
     "  INSERT INTO dossier_counts VALUES (COALESCE(NEW.authority_code, ''), NEW.state,"
     "    NEW.rulebook_sha256, NEW.procedure_id, 1)"
     "    ON CONFLICT (authority_code, state, rulebook_sha256, procedure_id)"
     "    DO UPDATE SET n = n + 1;"
     "END;"
     "CREATE TRIGGER dossier_counts_update AFTER UPDATE OF authority_code, state, rulebook_sha256,"
     "  procedure_id ON dossiers WHEN COALESCE(OLD.authority_code, '') IS NOT"
     "  COALESCE(NEW.authority_code, '') OR OLD.state IS NOT NEW.state"
     "  OR OLD.rulebook_sha256 IS NOT NEW.rulebook_sha256 OR OLD.procedure_id IS NOT"
     "  NEW.procedure_id BEGIN"
     "  UPDATE dossier_counts SET n = n - 1 WHERE authority_code = COALESCE(OLD.authority_code, '')"
     "    AND state = OLD.state AND rulebook_sha256 = OLD.rulebook_sha256"
     "    AND procedure_id = OLD.procedure_id;"
     "  INSERT INTO dossier_counts VALUES (COALESCE(NEW.authority_code, ''), NEW.state,"
     "    NEW.rulebook_sha256, NEW.procedure_id, 1)"
     "    ON CONFLICT (authority_code, state, rulebook_sha256, procedure_id)"
     "    DO UPDATE SET n = n + 1;"
     "END;"},
    {17,
     // Every scoped request asks which authorities the caller's holds and oversees. The
     // answers are kept in each process (store::Authorities) while this number, moved by
     // every change to the table from any process, stays where it was.
     "CREATE TABLE authorities_version (id INTEGER PRIMARY KEY CHECK (id = 1),"
     "  n INTEGER NOT NULL);"
     "INSERT INTO authorities_version VALUES (1, 0);"
     "CREATE TRIGGER authorities_version_insert AFTER INSERT ON authorities BEGIN"
     "  UPDATE authorities_version SET n = n + 1 WHERE id = 1;"
     "END;"
     "CREATE TRIGGER authorities_version_update AFTER UPDATE ON authorities BEGIN"
     "  UPDATE authorities_version SET n = n + 1 WHERE id = 1;"
     "END;"
     "CREATE TRIGGER authorities_version_delete AFTER DELETE ON authorities BEGIN"
     "  UPDATE authorities_version SET n = n + 1 WHERE id = 1;"
     "END;"},
}};

// Read-only connections beside the writer.
constexpr int kReaders = 8;

void registerSqlite() {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

}  // namespace

DatabaseImpl::DatabaseImpl(Poco::Data::Session s) : session(std::move(s)) {
  statements.attach(Poco::Data::SQLite::Utility::dbHandle(session));
}

Database::Database(std::unique_ptr<DatabaseImpl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

int Database::schemaVersion() const { return impl_->schema_version; }

core::Result<Database> Database::open(const std::filesystem::path& file) {
  registerSqlite();
  // Poco retries a failing open for its login timeout (a minute): say at once what is wrong.
  std::error_code ec;
  const auto folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder, ec)) {
    return core::fail(core::Errc::Unavailable, "cannot open the store " + file.string() + ": " +
                                                   folder.string() + " is not a directory");
  }
  try {
    auto impl = std::make_unique<DatabaseImpl>(Poco::Data::Session("SQLite", file.string()));
    Poco::Data::Session& s = impl->session;
    std::string mode;
    s << "PRAGMA journal_mode=WAL", into(mode), now;
    s << "PRAGMA synchronous=FULL", now;
    s << "PRAGMA foreign_keys=ON", now;
    s << "PRAGMA busy_timeout=10000", now;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at "
         "TEXT NOT NULL)",
        now;
    int current = 0;
    s << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(current), now;
    if (current > kMigrations.back().version) {
      return core::fail(core::Errc::Config, file.string() + " has schema version " +
                                                std::to_string(current) +
                                                ", newer than this awardflow knows (" +
                                                std::to_string(kMigrations.back().version) + ")");
    }
    for (const Migration& m : kMigrations) {
      if (m.version <= current) continue;
      s.begin();
      try {
        s << m.sql, now;
        int version = m.version;
        s << "INSERT INTO schema_migrations (version, applied_at) VALUES (?, "
             "strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            use(version), now;
        s.commit();
      } catch (...) {
        s.rollback();
        throw;
      }
      current = m.version;
    }
    impl->schema_version = current;
    for (int i = 0; i < kReaders; ++i) {
      auto reader = std::make_unique<DatabaseImpl>(Poco::Data::Session("SQLite", file.string()));
      reader->session << "PRAGMA busy_timeout=10000", now;
      reader->session << "PRAGMA query_only=1", now;
      reader->schema_version = current;
      impl->readers.push_back(std::move(reader));
    }
    return Database(std::move(impl));
  } catch (const Poco::Exception& e) {
    return core::fail(core::Errc::Unavailable,
                      "cannot open the store " + file.string() + ": " + e.displayText());
  }
}

namespace {

// Set while this thread runs work inside a transaction, so that a nested transaction() joins
// the one in progress (as a savepoint) instead of queueing behind itself.
thread_local DatabaseImpl* t_inside = nullptr;

// An atomically() unit of this thread: the transaction it began (at its first write) stays open,
// with the connection and the writer's turn held, until the unit ends.
struct Unit {
  DatabaseImpl* impl = nullptr;
  bool begun = false;
  std::unique_lock<std::recursive_mutex> lock;
  std::vector<std::function<void()>> undo;
};
thread_local Unit* t_unit = nullptr;

// Waits for the writer's turn (no group commit running, no other unit open) and takes it.
void takeTurn(DatabaseImpl& impl) {
  std::unique_lock<std::mutex> queue_lock(impl.queue_mutex);
  impl.queue_done.wait(queue_lock, [&] { return !impl.leader_active; });
  impl.leader_active = true;
}

void giveTurn(DatabaseImpl& impl) {
  {
    const std::lock_guard<std::mutex> queue_lock(impl.queue_mutex);
    impl.leader_active = false;
  }
  impl.queue_done.notify_all();
}

// Runs one work of the open transaction, marking this thread as inside it. Poco and SQLite
// exceptions become Errc::Unavailable; anything else is a bug and becomes Errc::Internal (never
// thrown across the group).
core::Result<void> runAlone(DatabaseImpl& impl,
                            const std::function<core::Result<void>(DatabaseImpl&)>& work) {
  core::Result<void> result;
  DatabaseImpl* const outer = t_inside;
  t_inside = &impl;
  try {
    result = work(impl);
  } catch (const Poco::Exception& e) {
    result = core::fail(core::Errc::Unavailable, "store transaction failed: " + e.displayText());
  } catch (const std::exception& e) {
    result = core::fail(core::Errc::Internal, std::string("store transaction failed: ") + e.what());
  }
  t_inside = outer;
  return result;
}

// The same in a savepoint: its failure undoes only its own writes.
core::Result<void> runInSavepoint(DatabaseImpl& impl,
                                  const std::function<core::Result<void>(DatabaseImpl&)>& work) {
  Step(impl.statements, "SAVEPOINT work").run();
  core::Result<void> result = runAlone(impl, work);
  if (!result) Step(impl.statements, "ROLLBACK TO SAVEPOINT work").run();
  Step(impl.statements, "RELEASE SAVEPOINT work").run();
  return result;
}

// Runs a batch of queued works in one IMMEDIATE transaction and one COMMIT (one fsync for all).
// When BEGIN or COMMIT fails, every work of the batch fails: none of them was acknowledged.
void runBatch(DatabaseImpl& impl, const std::vector<PendingWork*>& batch) {
  const std::lock_guard<std::recursive_mutex> lock(impl.mutex);
  try {
    // IMMEDIATE takes the write lock now: two processes cannot both read, then both write.
    Step(impl.statements, "BEGIN IMMEDIATE").run();
  } catch (const Poco::Exception& e) {
    for (PendingWork* p : batch)
      p->result = core::fail(core::Errc::Unavailable, "the store is busy: " + e.displayText());
    return;
  }
  try {
    if (batch.size() == 1) {
      // Alone in its transaction: no savepoint needed, a failure rolls the whole back.
      batch.front()->result = runAlone(impl, *batch.front()->work);
    } else {
      for (PendingWork* p : batch) p->result = runInSavepoint(impl, *p->work);
    }
    if (batch.size() == 1 && !batch.front()->result) {
      Step(impl.statements, "ROLLBACK").run();
      return;
    }
    Step(impl.statements, "COMMIT").run();
  } catch (const Poco::Exception& e) {
    try {
      Step(impl.statements, "ROLLBACK").run();
    } catch (...) {  // the rollback's own failure changes nothing for the callers
    }
    for (PendingWork* p : batch) {
      p->result =
          core::fail(core::Errc::Unavailable, "store transaction failed: " + e.displayText());
    }
  }
}

constexpr std::size_t kMaxBatch = 128;

}  // namespace

ReadLease readLease(DatabaseImpl& impl) {
  if (t_inside == &impl || impl.readers.empty())
    return ReadLease{impl, std::unique_lock<std::recursive_mutex>(impl.mutex)};
  const std::size_t start = impl.next_reader.fetch_add(1) % impl.readers.size();
  for (std::size_t i = 0; i < impl.readers.size(); ++i) {
    DatabaseImpl& reader = *impl.readers[(start + i) % impl.readers.size()];
    std::unique_lock<std::recursive_mutex> lock(reader.mutex, std::try_to_lock);
    if (lock.owns_lock()) return ReadLease{reader, std::move(lock)};
  }
  DatabaseImpl& reader = *impl.readers[start];
  return ReadLease{reader, std::unique_lock<std::recursive_mutex>(reader.mutex)};
}

namespace {

// The first write of a unit: BEGIN IMMEDIATE, held until the unit ends.
core::Result<void> beginUnit(DatabaseImpl& impl, Unit& unit) {
  takeTurn(impl);
  unit.lock = std::unique_lock<std::recursive_mutex>(impl.mutex);
  try {
    Step(impl.statements, "BEGIN IMMEDIATE").run();
  } catch (const Poco::Exception& e) {
    unit.lock.unlock();
    giveTurn(impl);
    return core::fail(core::Errc::Unavailable, "the store is busy: " + e.displayText());
  }
  unit.begun = true;
  t_inside = &impl;
  return {};
}

// Commits a begun unit whose work succeeded, or rolls it back; then gives up the writer's turn
// and, when nothing was kept, runs the undo actions. Returns the unit's outcome.
core::Result<void> endUnit(Unit& unit, core::Result<void> result) {
  if (!unit.begun) return result;
  DatabaseImpl& impl = *unit.impl;
  bool committed = false;
  try {
    if (result) {
      Step(impl.statements, "COMMIT").run();
      committed = true;
    } else {
      Step(impl.statements, "ROLLBACK").run();
    }
  } catch (const Poco::Exception& e) {
    try {
      Step(impl.statements, "ROLLBACK").run();
    } catch (...) {  // the rollback's own failure changes nothing for the caller
    }
    if (result) {
      result = core::fail(core::Errc::Unavailable, "store transaction failed: " + e.displayText());
    }
  }
  t_inside = nullptr;
  unit.begun = false;
  unit.lock.unlock();
  giveTurn(impl);
  if (!committed) {
    for (auto it = unit.undo.rbegin(); it != unit.undo.rend(); ++it) (*it)();
  }
  return result;
}

}  // namespace

core::Result<void> Database::atomically(const std::function<core::Result<void>()>& work) const {
  Unit unit;
  unit.impl = impl_.get();
  Unit* const outer = t_unit;
  t_unit = &unit;
  core::Result<void> result;
  try {
    result = work();
  } catch (...) {
    t_unit = outer;
    (void)endUnit(unit, core::fail(core::Errc::Internal, "the unit of work threw"));
    throw;
  }
  t_unit = outer;
  return endUnit(unit, std::move(result));
}

void Database::onRollback(std::function<void()> undo) const {
  if (t_unit != nullptr && t_unit->impl == impl_.get()) t_unit->undo.push_back(std::move(undo));
}

core::Result<void> Database::transaction(
    const std::function<core::Result<void>(DatabaseImpl&)>& work) const {
  DatabaseImpl& impl = *impl_;
  if (t_inside != &impl && t_unit != nullptr && t_unit->impl == &impl) {
    auto begun = beginUnit(impl, *t_unit);
    if (!begun) return begun;
  }
  if (t_inside == &impl) {
    // Nested: part of the caller's transaction, committed or rolled back with it.
    const std::lock_guard<std::recursive_mutex> lock(impl.mutex);
    try {
      return runInSavepoint(impl, work);
    } catch (const Poco::Exception& e) {
      return core::fail(core::Errc::Unavailable, "store transaction failed: " + e.displayText());
    }
  }
  PendingWork mine;
  mine.work = &work;
  std::unique_lock<std::mutex> queue_lock(impl.queue_mutex);
  impl.queue.push_back(&mine);
  while (!mine.done) {
    if (impl.leader_active) {
      impl.queue_done.wait(queue_lock);
      continue;
    }
    // Lead: take what is queued (ours included, or ours is in a batch already done).
    impl.leader_active = true;
    std::vector<PendingWork*> batch;
    while (!impl.queue.empty() && batch.size() < kMaxBatch) {
      batch.push_back(impl.queue.front());
      impl.queue.pop_front();
    }
    queue_lock.unlock();
    runBatch(impl, batch);
    queue_lock.lock();
    for (PendingWork* p : batch) p->done = true;
    impl.leader_active = false;
    impl.queue_done.notify_all();
  }
  return mine.result;
}

}  // namespace awardflow::store
