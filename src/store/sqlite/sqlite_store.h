// The embedded default Store: one SQLite file in WAL mode. Writes go through a single
// writer connection under a mutex (SQLite allows one writer; queuing in-process is faster
// than busy-waiting on the file lock); reads use a pool of read-only connections, so
// readers never wait for a writer. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace safehub::store::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens or creates the file and applies pending migrations. kUnavailable when the file
  // cannot be opened; kFailedPrecondition when its schema is newer than this binary.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;

 private:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  Result<std::unique_ptr<Connection>> TakeReader();
  void ReturnReader(std::unique_ptr<Connection> connection);

  std::string path_;
  std::mutex writer_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace safehub::store::sqlite
