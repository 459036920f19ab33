#pragma once

// The schema of a PostgreSQL store (issue 17), beside the SQLite migrations of
// engine/store/database.cpp. Both dialects are numbered together: a PostgreSQL store begins at
// the baseline, the whole schema of SQLite's migrations 1 to kBaselineVersion at once (no
// PostgreSQL store predates it), and every later migration is written for both, under the
// same number. tests/store/postgres_schema_test.cpp applies this on a real PostgreSQL 15 and
// checks it against SQLite's: the same tables, columns, keys, indexes and triggers, but for the
// differences listed there.

#include <string_view>
#include <vector>

namespace awardflow::store::postgres {

// The SQLite migration this baseline equals.
inline constexpr int kBaselineVersion = 17;

struct Migration {
  int version;
  std::string_view sql;  // one or more statements, run in one transaction
};

// Every PostgreSQL migration in order: the baseline, then one per later SQLite migration.
const std::vector<Migration>& migrations();

}  // namespace awardflow::store::postgres
