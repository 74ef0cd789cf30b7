// The embedded default Store: one SQLite file in WAL mode. Writes go through a single
// writer connection (SQLite allows one writer; queuing in-process is faster than sleeping
// on the file lock) with group commit: units of work that arrive while a commit is being
// made to disk are run together, each in its own savepoint, and made durable by one fsync.
// Every caller still returns only after its own work is committed, and a failing unit
// rolls back alone. Reads use a pool of read-only connections and never wait for a
// writer. Thread-safe.
#pragma once

#include <deque>
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
  struct PendingWrite;
  // Runs a batch of units of work in one transaction (one savepoint each) and commits.
  void RunBatch(const std::vector<PendingWrite*>& batch);
  Result<std::unique_ptr<Connection>> TakeReader();
  void ReturnReader(std::unique_ptr<Connection> connection);

  std::string path_;
  std::unique_ptr<Connection> writer_;  // used only by the current batch leader
  std::mutex queue_mu_;
  std::deque<PendingWrite*> queue_;
  bool leader_active_ = false;
  // Used only by the batch leader: the last write unit's number, and the writer
  // connection's data_version when it was taken (another process committing changes it).
  std::uint64_t write_sequence_ = 0;
  std::int64_t data_version_ = -1;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace safehub::store::sqlite
