#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_transaction.h"

namespace safehub::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  ASSIGN_OR_RETURN(store->writer_, Connection::Open(path, AccessMode::kReadWrite));
  RETURN_IF_ERROR(Migrate(*store->writer_));
  return store;
}

Status SqliteStore::Write(const Work& work) {
  std::lock_guard lock(writer_mu_);
  RETURN_IF_ERROR(writer_->ExecuteScript("BEGIN IMMEDIATE"));
  SqliteTransaction tx(*writer_);
  Status s = work(tx);
  if (!s.ok()) {
    (void)writer_->ExecuteScript("ROLLBACK");
    return s;
  }
  Status commit = writer_->ExecuteScript("COMMIT");
  if (!commit.ok()) (void)writer_->ExecuteScript("ROLLBACK");
  return commit;
}

Status SqliteStore::Read(const Work& work) {
  ASSIGN_OR_RETURN(auto reader, TakeReader());
  Status s = reader->ExecuteScript("BEGIN");
  if (s.ok()) {
    SqliteTransaction tx(*reader);
    s = work(tx);
    Status end = reader->ExecuteScript(s.ok() ? "COMMIT" : "ROLLBACK");
    if (s.ok()) s = end;
  }
  ReturnReader(std::move(reader));
  return s;
}

Result<std::unique_ptr<Connection>> SqliteStore::TakeReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return c;
    }
  }
  return Connection::Open(path_, AccessMode::kReadOnly);
}

void SqliteStore::ReturnReader(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(connection));
}

}  // namespace safehub::store::sqlite
