// Versioned schema migrations, applied in order at start inside one transaction each.
// A database newer than this binary is refused rather than guessed at.
#pragma once

#include <span>

#include "common/status.h"
#include "store/sqlite/connection.h"

namespace safehub::store::sqlite {

struct Migration {
  int version;
  const char* description;
  const char* sql;  // portable DDL except for the SQLite-only triggers
};

std::span<const Migration> AllMigrations();

// Brings the database to the latest version. kFailedPrecondition when the file's version
// is newer than any this binary knows.
Status Migrate(Connection& connection);

}  // namespace safehub::store::sqlite
