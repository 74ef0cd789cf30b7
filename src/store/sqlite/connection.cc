#include "store/sqlite/connection.h"

#include <fcntl.h>
#include <unistd.h>

#include "store/sqlite/paced_writeback.h"
#include "store/sqlite/page_cache.h"

namespace safehub::store::sqlite {
namespace {

Status FromSqlite(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return AlreadyExists(message);
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) return NotFound(message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return {StatusCode::kUnavailable, message};
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return DataLoss(message);
  if (primary == SQLITE_CONSTRAINT) return FailedPrecondition(message);
  return Internal(message);
}

// The writes a bookkeeping unit may make (Connection::RestrictWritesToBookkeeping): whole
// statement prefixes, so no other table can pass.
bool IsBookkeepingWrite(std::string_view sql) {
  for (std::string_view allowed : {"INSERT INTO audit_entry(", "INSERT INTO signposting_notification(",
                                   "UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?"}) {
    if (sql.substr(0, allowed.size()) == allowed) return true;
  }
  return false;
}

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindView(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<Date>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromSqlite(db_, sqlite3_extended_errcode(db_), "sqlite step");
}

Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<Date> Statement::OptionalDate(int column) const {
  if (IsNull(column)) return std::nullopt;
  auto d = Date::Parse(Text(column));
  if (!d.ok()) return std::nullopt;
  return *d;
}

Date Statement::DateAt(int column) const { return OptionalDate(column).value_or(Date()); }

namespace {

// Once per process, before the first connection: SQLite's memory statistics take a global
// mutex on every allocation, which serialises all connections; nothing here reads them.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    InstallPageCache();  // see page_cache.h: a commit no longer scans the whole page cache
    InstallPacedWriteback();  // see paced_writeback.h: commits no longer queue behind checkpoints
    return true;
  }();
  (void)configured;
}

// The database holds children's records: a new file is readable by its owner only (SQLite
// would create it 0644, and gives its -wal and -shm files the database file's mode). An
// existing file keeps the mode its administrator chose.
void CreateOwnerOnly(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);  // EEXIST and the rest: SQLite's open reports what matters
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, AccessMode mode) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (mode == AccessMode::kReadWrite) CreateOwnerOnly(path);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return Status(StatusCode::kUnavailable, message);
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // WAL lets readers proceed during a write. synchronous=FULL: a transaction that returned
  // from COMMIT survives a crash of the process and of the machine.
  // No mmap: measured slower here, since every commit (each audited read commits an audit
  // entry) makes the other connections reset their caches, and with mmap that means munmap.
  RETURN_IF_ERROR(conn->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16000;"));
  if (mode == AccessMode::kReadOnly) RETURN_IF_ERROR(conn->ExecuteScript("PRAGMA query_only=ON;"));
  // Every unit of work runs in a savepoint (group commit), so each page a statement first
  // changes is copied to the savepoint's sub-journal: in memory, not a temporary file, it
  // costs no write() per row (feed_bench: store phase 8.9 -> 6.8 CPU s for 200,000 rows).
  // Durability is the WAL's and unchanged: the sub-journal only serves ROLLBACK TO.
  // Checkpoints every 10,000 WAL pages (about 40 MB) instead of 1,000: a page that many
  // commits change (index leaves, the tails of event and audit_entry) is copied into the
  // database once per checkpoint, so fewer checkpoints copy far less (feed_bench: checkpoint
  // CPU 2.3 -> 0.5 s for 200,000 rows). Commits still fsync the WAL (synchronous=FULL).
  if (mode == AccessMode::kReadWrite) {
    RETURN_IF_ERROR(conn->ExecuteScript("PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;"));
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<std::unique_ptr<Statement>> Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromSqlite(db_, rc, "prepare " + std::string(sql.substr(0, 60)));
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  if (bookkeeping_only_ && !sqlite3_stmt_readonly(it->second) && !IsBookkeepingWrite(sql)) {
    return Internal("a bookkeeping unit of work may only append audit entries and notifications and touch "
                    "sessions, not: " + std::string(sql.substr(0, 60)));
  }
  return std::make_unique<Statement>(db_, it->second);
}

Status Connection::Execute(std::string_view sql) {
  ASSIGN_OR_RETURN(auto stmt, Prepare(sql));
  return stmt->Run();
}

Status Connection::ExecuteScript(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return FromSqlite(db_, sqlite3_extended_errcode(db_), message);
  }
  return Status::Ok();
}

}  // namespace safehub::store::sqlite
