// A thin RAII wrapper over one sqlite3 connection with a cache of prepared statements.
// Every query goes through Prepare(): there is no way to run SQL built from input.
// Not thread-safe: one thread uses a connection at a time (the store hands them out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/date.h"
#include "common/status.h"

namespace safehub::store::sqlite {

// A prepared statement borrowed from the cache; reset and unbound when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, Date value) { return Bind(index, value.ToString()); }
  Statement& Bind(int index, const std::optional<Date>& value);
  Statement& BindNull(int index);
  // Binds text without copying it: `value` must stay alive and unchanged until the statement
  // has run and is reset. For the hot inserts (a feed's events and their audit entries),
  // which bind fields of the record they were handed; Bind copies.
  Statement& BindView(int index, std::string_view value);
  // Binds NULL for 0 (an absent id) so foreign keys accept it.
  Statement& BindId(int index, std::int64_t id) { return id > 0 ? Bind(index, id) : BindNull(index); }

  // True when a row is ready, false when done; an error Status on failure
  // (kAlreadyExists for a UNIQUE violation, kNotFound for a foreign key).
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::optional<Date> OptionalDate(int column) const;
  Date DateAt(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

enum class AccessMode { kReadWrite, kReadOnly };

// How long a connection waits for another's lock before SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 5000;

class Connection {
 public:
  // Opens (creating if needed) the database file with WAL, foreign keys and a busy timeout.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, AccessMode mode);
  ~Connection();

  // The cached statement for `sql`, prepared on first use. kInternal if it does not compile.
  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql);
  // Runs SQL with no parameters (schema, pragmas): never input. Parses every time.
  Status ExecuteScript(const char* sql);
  // Runs one parameterless statement through the statement cache (BEGIN, COMMIT,
  // SAVEPOINT ...), for the hot path.
  Status Execute(std::string_view sql);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // Rows the last INSERT, UPDATE or DELETE changed.
  std::int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* handle() { return db_; }
  // While on, Prepare() refuses any statement that writes, other than an append to the audit
  // trail or to signposting notifications or a session's touch: a bookkeeping unit of work
  // (Store::SubmitBookkeeping) is held to what it claims to be.
  void RestrictWritesToBookkeeping(bool on) { bookkeeping_only_ = on; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool bookkeeping_only_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace safehub::store::sqlite
