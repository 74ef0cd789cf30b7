// The embedded default Store: one SQLite file in WAL mode. Writes go through a single
// writer connection (SQLite allows one writer; queuing in-process is faster than sleeping
// on the file lock) with group commit: units of work that arrive while a commit is being
// made to disk are run together, each in its own savepoint, and made durable by one fsync.
// Every caller of Write() still returns only after its own work is committed, and a failing
// unit rolls back alone. Submit() queues a unit the same way without waiting; when no caller
// is leading, a committer thread of the store's own leads. Reads use a pool of read-only
// connections and never wait for a writer. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_transaction.h"
#include "store/store.h"

namespace safehub::store::sqlite {

class SqliteStore final : public Store {
 public:
  // The WAL is restarted (written again from its start) once it holds this many pages, 128
  // MiB with 4 KiB pages: at 5,000 signposting lookups a second, every three seconds or so.
  static constexpr int kWalRestartFrames = 32768;
  // How the WAL's restarts went, for tests and benchmarks.
  struct WalRestarts {
    long made = 0;
    long not_made = 0;  // a reader kept using the WAL (or an error): tried again next round
  };
  WalRestarts wal_restarts() const;

  // Opens or creates the file and applies pending migrations. kUnavailable when the file
  // cannot be opened; kFailedPrecondition when its schema is newer than this binary.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  // The same, restarting the WAL at another size: for tests, which cannot write 128 MiB.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int wal_restart_frames);

  // Commits every unit still submitted before returning.
  ~SqliteStore() override;

  Status Write(const Work& work) override;
  Status Read(const Work& work) override;
  void Submit(Work work, Committed committed) override;
  void SubmitBookkeeping(Work work, Committed committed) override;

  // Copies everything committed, as of one moment, to `destination`, a new file readable by
  // its owner only, while readers and writers go on (SQLite's online backup inside one read
  // transaction). The copy is written as "<destination>.partial", flushed to disk and then
  // renamed, so a file named `destination` is always a whole backup. A backup never
  // overwrites: kAlreadyExists (field "to") when either file exists; kUnavailable when the
  // copy cannot be written (nothing is left behind).
  Status BackupTo(const std::string& destination);
  // BackupTo's first check, for a caller that must refuse before doing anything else (the
  // backup command audits the backup before it is made): OK when neither file exists.
  static Status CheckBackupDestination(const std::string& destination);

 private:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  struct PendingWrite;
  // Queues a submitted unit (owned by the queue) and wakes the committer if nobody leads.
  void Enqueue(PendingWrite* pending);
  // Runs a batch of units of work in one transaction (one savepoint each) and commits.
  void RunBatch(const std::vector<PendingWrite*>& batch);
  // As leader (lock held on entry, released on return): runs what is queued, tells each
  // unit's caller, and passes the lead on.
  void LeadBatch(std::unique_lock<std::mutex>& lock);
  void PassLead();          // under queue_mu_
  void CommitSubmitted();   // the committer thread
  void CheckpointInBackground();  // the checkpointer thread (sqlite_checkpoints.cc)
  // Brings the WAL up to date and asks the next batch's leader to restart it; waits until it
  // has. Does not ask while a reader holds back part of the WAL. Under the checkpoint lock.
  void PrepareWalRestart(std::unique_lock<std::mutex>& lock);
  void RestartWal();  // by the batch leader, between batches, when asked
  Result<std::unique_ptr<Connection>> TakeReader();
  void ReturnReader(std::unique_ptr<Connection> connection);

  std::string path_;
  std::unique_ptr<Connection> writer_;  // used only by the current batch leader
  std::mutex queue_mu_;
  std::deque<PendingWrite*> queue_;
  // Whether any unit waits for the writer while one runs: queued for the next batch, or in
  // the running batch beside it (waiting for its commit). Read without the queue's lock.
  std::atomic<bool> writers_waiting_{false};
  bool leader_active_ = false;
  bool committer_has_lead_ = false;
  bool stopping_ = false;
  std::condition_variable committer_wake_;
  std::thread committer_;
  // Copies the WAL into the database every 250 ms, off the commit path, and has the WAL
  // restarted when it grew past kWalRestartFrames (sqlite_checkpoints.cc).
  std::unique_ptr<Connection> checkpointer_connection_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_wake_;
  bool stop_checkpoints_ = false;
  std::thread checkpointer_;
  int wal_restart_frames_ = kWalRestartFrames;
  std::atomic<bool> wal_restart_due_{false};  // set by the checkpointer, cleared by the leader
  bool wal_restart_answered_ = false;         // under checkpoint_mu_
  // Used only by the batch leader: the last write unit's number, and the writer
  // connection's data_version when it was taken (another process committing changes it).
  std::uint64_t write_sequence_ = 0;
  std::int64_t data_version_ = -1;
  KnownAuditHead audit_head_;  // the writer's (RunBatch only)
  std::atomic<long> wal_restarts_made_{0};
  std::atomic<long> wal_restarts_not_made_{0};
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace safehub::store::sqlite
