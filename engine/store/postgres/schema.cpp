#include "engine/store/postgres/schema.hpp"

namespace awardflow::store::postgres {
namespace {

// SQLite's migrations 1–17 as one schema. Integers are BIGINT (SQLite's are 64-bit), TEXT stays
// TEXT (dates and timestamps are ISO text in both, compared as text), BLOB is BYTEA, REAL is
// DOUBLE PRECISION. Where SQLite relies on an implicit rowid (archive_records, found by the
// search index's rowid), the column is written out. The archive's search index is a tsvector
// table with a GIN index where SQLite has a contentless FTS5 table.
constexpr std::string_view kBaseline = R"sql(
CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE);
CREATE INDEX events_subject ON events(subject);
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  stored_at TEXT NOT NULL);
CREATE TABLE authorities (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT REFERENCES authorities(code),
  successor_code TEXT REFERENCES authorities(code),
  historical BIGINT NOT NULL DEFAULT 0,
  added_at TEXT NOT NULL);
CREATE TABLE authorities_version (id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
INSERT INTO authorities_version VALUES (1, 0);
CREATE FUNCTION authorities_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE authorities_version SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER authorities_version_insert AFTER INSERT ON authorities
  FOR EACH ROW EXECUTE FUNCTION authorities_version_bump();
CREATE TRIGGER authorities_version_update AFTER UPDATE ON authorities
  FOR EACH ROW EXECUTE FUNCTION authorities_version_bump();
CREATE TRIGGER authorities_version_delete AFTER DELETE ON authorities
  FOR EACH ROW EXECUTE FUNCTION authorities_version_bump();
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  authority_code TEXT REFERENCES authorities(code),
  parent_code TEXT REFERENCES units(code));
CREATE INDEX units_parent ON units(parent_code);
CREATE TABLE users (
  login TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_code TEXT REFERENCES units(code),
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  authority_code TEXT REFERENCES authorities(code));
CREATE TABLE rulebook_pins (
  id TEXT NOT NULL,
  version BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  pinned_at TEXT NOT NULL,
  PRIMARY KEY (id, version));
CREATE TABLE counters (
  series TEXT NOT NULL,
  year BIGINT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (series, year));
CREATE TABLE dossiers (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units(code),
  source_id TEXT NOT NULL,
  title TEXT NOT NULL,
  rulebook_id TEXT NOT NULL,
  rulebook_version BIGINT NOT NULL,
  rulebook_sha256 TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  state TEXT NOT NULL,
  version BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  xml_sha256 TEXT NOT NULL,
  complete BIGINT NOT NULL,
  signed_valid BIGINT NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  received_on TEXT,
  due_on TEXT,
  stopped_on TEXT,
  escalated_at TEXT,
  publication_from TEXT,
  publication_until TEXT,
  idempotency_key TEXT,
  request_sha256 TEXT,
  authority_code TEXT,
  FOREIGN KEY (rulebook_id, rulebook_version) REFERENCES rulebook_pins(id, version));
CREATE UNIQUE INDEX dossiers_idempotency ON dossiers(unit_code, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX dossiers_unit ON dossiers(unit_code);
CREATE INDEX dossiers_state ON dossiers(state);
CREATE INDEX dossiers_due ON dossiers(due_on) WHERE due_on IS NOT NULL;
CREATE INDEX dossiers_authority ON dossiers(authority_code, state);
CREATE INDEX dossiers_authority_id ON dossiers(authority_code, id);
CREATE INDEX dossiers_running ON dossiers(authority_code, due_on, id)
  WHERE due_on IS NOT NULL AND stopped_on IS NULL;
CREATE TABLE dossier_counts (
  authority_code TEXT NOT NULL,
  state TEXT NOT NULL,
  rulebook_sha256 TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (authority_code, state, rulebook_sha256, procedure_id));
CREATE FUNCTION dossier_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE dossier_counts SET n = n - 1
      WHERE authority_code = COALESCE(OLD.authority_code, '') AND state = OLD.state
        AND rulebook_sha256 = OLD.rulebook_sha256 AND procedure_id = OLD.procedure_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO dossier_counts VALUES (COALESCE(NEW.authority_code, ''), NEW.state,
        NEW.rulebook_sha256, NEW.procedure_id, 1)
      ON CONFLICT (authority_code, state, rulebook_sha256, procedure_id)
      DO UPDATE SET n = dossier_counts.n + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_counts_insert AFTER INSERT ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossier_counts_change();
CREATE TRIGGER dossier_counts_update
  AFTER UPDATE OF authority_code, state, rulebook_sha256, procedure_id ON dossiers
  FOR EACH ROW WHEN (COALESCE(OLD.authority_code, '') IS DISTINCT FROM
                     COALESCE(NEW.authority_code, '') OR OLD.state IS DISTINCT FROM NEW.state
                     OR OLD.rulebook_sha256 IS DISTINCT FROM NEW.rulebook_sha256
                     OR OLD.procedure_id IS DISTINCT FROM NEW.procedure_id)
  EXECUTE FUNCTION dossier_counts_change();
CREATE TRIGGER dossier_counts_delete AFTER DELETE ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossier_counts_change();
CREATE TABLE dossier_files (
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  revision BIGINT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  pages BIGINT,
  pdf_version TEXT,
  PRIMARY KEY (dossier_id, revision, name));
CREATE TABLE dossier_links (
  origin_id TEXT PRIMARY KEY REFERENCES dossiers(id),
  incoming_id TEXT NOT NULL UNIQUE REFERENCES dossiers(id),
  linked_at TEXT NOT NULL);
CREATE TABLE office_documents (
  id TEXT PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  kind TEXT NOT NULL,
  year BIGINT NOT NULL,
  number BIGINT,
  notation TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  authority_code TEXT);
CREATE UNIQUE INDEX office_documents_number
  ON office_documents(kind, year, number, COALESCE(authority_code, '')) WHERE number IS NOT NULL;
CREATE TABLE deficiency_lists (
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  round BIGINT NOT NULL,
  items TEXT NOT NULL,
  listed_by TEXT NOT NULL,
  listed_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, round));
CREATE TABLE opinions (
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  agency TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  received_at TEXT,
  text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dossier_id, agency));
CREATE TABLE council_sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  meets_on TEXT NOT NULL,
  open BIGINT NOT NULL,
  opened_by TEXT NOT NULL,
  authority_code TEXT);
CREATE TABLE session_members (
  session_id TEXT NOT NULL REFERENCES council_sessions(id),
  login TEXT NOT NULL REFERENCES users(login),
  PRIMARY KEY (session_id, login));
CREATE TABLE ballots (
  id TEXT PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  session_id TEXT NOT NULL REFERENCES council_sessions(id),
  mode TEXT NOT NULL,
  open BIGINT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  members BIGINT,
  recused BIGINT,
  taking_part BIGINT,
  in_writing BIGINT,
  approve BIGINT,
  reject BIGINT,
  abstain BIGINT,
  passed BIGINT,
  tally_document TEXT);
CREATE UNIQUE INDEX ballots_one_open ON ballots(dossier_id) WHERE open = 1;
CREATE INDEX ballots_dossier ON ballots(dossier_id, opened_at);
CREATE INDEX ballots_session ON ballots(session_id, dossier_id);
CREATE TABLE ballot_participation (
  ballot_id TEXT NOT NULL REFERENCES ballots(id),
  login TEXT NOT NULL,
  manner TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  at TEXT NOT NULL,
  idempotency_key TEXT,
  open_choice TEXT,
  PRIMARY KEY (ballot_id, login));
CREATE TABLE ballot_box (
  ballot_id TEXT NOT NULL,
  token TEXT NOT NULL,
  choice TEXT NOT NULL,
  PRIMARY KEY (ballot_id, token));
CREATE TABLE decisions (
  dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  document_id TEXT,
  revoked_at TEXT,
  revoke_reason TEXT NOT NULL DEFAULT '');
CREATE TABLE checkpoints (
  seq BIGINT PRIMARY KEY,
  head TEXT NOT NULL,
  at TEXT NOT NULL,
  signature TEXT NOT NULL,
  certificate TEXT NOT NULL);
CREATE TABLE auth_tokens (
  token_sha256 TEXT PRIMARY KEY,
  login TEXT NOT NULL REFERENCES users(login),
  kind TEXT NOT NULL,
  csrf TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked BIGINT NOT NULL DEFAULT 0);
CREATE INDEX auth_tokens_login ON auth_tokens(login);
CREATE TABLE request_replies (
  login TEXT NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status BIGINT NOT NULL DEFAULT 0,
  headers TEXT NOT NULL DEFAULT '',
  body BYTEA,
  channel TEXT NOT NULL DEFAULT 'http',
  forever BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (login, idem_key));
CREATE INDEX request_replies_created ON request_replies(created_at);
CREATE TABLE archive_records (
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  file_code TEXT NOT NULL UNIQUE,
  organ_id TEXT NOT NULL,
  file_catalog BIGINT NOT NULL,
  file_notation TEXT NOT NULL,
  dossier_id TEXT,
  title TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  rulebook_id TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  award_form TEXT NOT NULL,
  level TEXT NOT NULL,
  decision_number TEXT NOT NULL,
  outcome TEXT NOT NULL,
  retention TEXT NOT NULL,
  rights TEXT NOT NULL,
  language TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  doc_total BIGINT NOT NULL,
  page_total BIGINT NOT NULL,
  names TEXT NOT NULL,
  sealed_at TEXT NOT NULL,
  sealed_by TEXT NOT NULL,
  transfer_due TEXT,
  dispose_due TEXT,
  legal_hold BIGINT NOT NULL DEFAULT 0,
  hold_reason TEXT NOT NULL DEFAULT '',
  disposal_requested_by TEXT NOT NULL DEFAULT '',
  disposal_reason TEXT NOT NULL DEFAULT '',
  disposed_at TEXT NOT NULL DEFAULT '',
  disposal_approved_by TEXT NOT NULL DEFAULT '',
  package TEXT NOT NULL,
  package_sha256 TEXT NOT NULL,
  package_bytes BIGINT NOT NULL,
  sort_key BYTEA NOT NULL);
CREATE INDEX archive_records_sort ON archive_records(sort_key);
CREATE INDEX archive_records_dossier ON archive_records(dossier_id);
CREATE INDEX archive_records_transfer ON archive_records(transfer_due)
  WHERE transfer_due IS NOT NULL;
CREATE INDEX archive_records_dispose ON archive_records(dispose_due)
  WHERE dispose_due IS NOT NULL;
CREATE INDEX archive_records_unit ON archive_records(unit_code, file_catalog, sort_key);
CREATE INDEX archive_records_year ON archive_records(file_catalog, sort_key);
CREATE INDEX archive_records_form ON archive_records(award_form, file_catalog, sort_key);
CREATE TABLE archive_text (
  rowid BIGINT PRIMARY KEY,
  body TSVECTOR NOT NULL);
CREATE INDEX archive_text_body ON archive_text USING GIN (body);
CREATE TABLE archive_access (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  file_code TEXT NOT NULL,
  login TEXT NOT NULL,
  at TEXT NOT NULL,
  what TEXT NOT NULL);
CREATE INDEX archive_access_record ON archive_access(file_code, id);
CREATE TABLE archive_fixity (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  file_code TEXT NOT NULL,
  at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '');
CREATE INDEX archive_fixity_record ON archive_fixity(file_code, id);
CREATE TABLE public_comments (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossiers(id),
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  resolution TEXT,
  resolved_by TEXT,
  resolved_at TEXT);
CREATE INDEX public_comments_dossier ON public_comments(dossier_id, id);
CREATE TABLE report_dossiers (
  dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
  version BIGINT NOT NULL,
  xml_sha256 TEXT NOT NULL,
  unit_code TEXT NOT NULL,
  unit_level TEXT NOT NULL,
  period_year BIGINT NOT NULL,
  period TEXT NOT NULL,
  campaign TEXT NOT NULL DEFAULT '',
  award_form TEXT NOT NULL,
  outcome TEXT NOT NULL,
  returned BIGINT NOT NULL,
  due_on TEXT,
  running BIGINT NOT NULL,
  decided_on TEXT,
  processing_days BIGINT,
  late BIGINT,
  authority_code TEXT);
CREATE INDEX report_dossiers_period ON report_dossiers(period_year, period);
CREATE INDEX report_dossiers_year_authority ON report_dossiers(period_year, authority_code);
CREATE TABLE report_nominees (
  dossier_id TEXT NOT NULL,
  ordinal BIGINT NOT NULL,
  kind TEXT NOT NULL,
  female BIGINT NOT NULL,
  direct_labourer BIGINT NOT NULL,
  PRIMARY KEY (dossier_id, ordinal));
CREATE TABLE report_sync (id BIGINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL);
CREATE TABLE emulation_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  authority_code TEXT REFERENCES authorities(code));
CREATE TABLE emulation_members (
  group_id TEXT NOT NULL REFERENCES emulation_groups(id),
  unit_code TEXT NOT NULL REFERENCES units(code),
  ordinal BIGINT NOT NULL,
  PRIMARY KEY (group_id, unit_code));
CREATE TABLE criteria_sets (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES emulation_groups(id),
  period TEXT NOT NULL,
  title TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_by TEXT NOT NULL DEFAULT '',
  closed_at TEXT);
CREATE TABLE criteria (
  set_id TEXT NOT NULL REFERENCES criteria_sets(id),
  code TEXT NOT NULL,
  ordinal BIGINT NOT NULL,
  title TEXT NOT NULL,
  max_points DOUBLE PRECISION NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (set_id, code));
CREATE TABLE scores (
  set_id TEXT NOT NULL REFERENCES criteria_sets(id),
  unit_code TEXT NOT NULL,
  criterion TEXT NOT NULL,
  scorer TEXT NOT NULL,
  points DOUBLE PRECISION NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  PRIMARY KEY (set_id, unit_code, criterion, scorer));
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations{{kBaselineVersion, kBaseline}};
  return kMigrations;
}

}  // namespace awardflow::store::postgres
