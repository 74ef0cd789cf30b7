#include "store/sqlite/sqlite_store.h"

#include <atomic>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_transaction.h"

namespace safehub::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  ASSIGN_OR_RETURN(store->writer_, Connection::Open(path, AccessMode::kReadWrite));
  RETURN_IF_ERROR(Migrate(*store->writer_));
  return store;
}

// A queued unit of work. The thread that queued it sleeps on `state` (a futex: waking one
// waiter costs one system call) until the leader marks it done or hands it the lead.
struct SqliteStore::PendingWrite {
  enum State : int { kQueued, kLead, kDone };
  explicit PendingWrite(const Work* w) : work(w) {}
  const Work* work;
  Status result;
  std::atomic<int> state{kQueued};
};

Status SqliteStore::Write(const Work& work) {
  // Shared with the leader, which may still be inside notify_one() when this thread has
  // seen kDone and returned.
  auto pending = std::make_shared<PendingWrite>(&work);
  std::unique_lock lock(queue_mu_);
  queue_.push_back(pending);
  // Group commit: whoever finds no leader becomes it, takes everything queued so far and
  // commits it. Waiters are woken one by one: each when its own unit is committed, and the
  // first of the next batch when the lead passes to it; nobody wakes only to sleep again.
  if (leader_active_) {
    lock.unlock();
    pending->state.wait(PendingWrite::kQueued, std::memory_order_acquire);
    if (pending->state.load(std::memory_order_acquire) == PendingWrite::kDone) return pending->result;
    lock.lock();  // handed the lead: this thread's unit is still queued
  }
  leader_active_ = true;
  std::vector<std::shared_ptr<PendingWrite>> batch(queue_.begin(), queue_.end());
  queue_.clear();
  lock.unlock();
  RunBatch(batch);
  for (const auto& p : batch) {
    if (p == pending) continue;
    p->state.store(PendingWrite::kDone, std::memory_order_release);
    p->state.notify_one();
  }
  lock.lock();
  if (queue_.empty()) {
    leader_active_ = false;
  } else {
    const auto& next = queue_.front();
    next->state.store(PendingWrite::kLead, std::memory_order_release);
    next->state.notify_one();
  }
  return pending->result;
}

void SqliteStore::RunBatch(const std::vector<std::shared_ptr<PendingWrite>>& batch) {
  Status begin = writer_->Execute("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (const auto& p : batch) p->result = begin;
    return;
  }
  bool any_ok = false;
  for (const auto& p : batch) {
    // A savepoint per unit of work: a refused unit rolls back alone, nothing half-applied.
    Status s = writer_->Execute("SAVEPOINT unit_of_work");
    if (s.ok()) {
      SqliteTransaction tx(*writer_);
      s = (*p->work)(tx);
      if (s.ok()) {
        s = writer_->Execute("RELEASE unit_of_work");
      } else {
        (void)writer_->Execute("ROLLBACK TO unit_of_work");
        (void)writer_->Execute("RELEASE unit_of_work");
      }
    }
    p->result = s;
    any_ok |= s.ok();
  }
  if (!any_ok) {
    (void)writer_->Execute("ROLLBACK");
    return;
  }
  Status commit = writer_->Execute("COMMIT");
  if (!commit.ok()) {
    (void)writer_->Execute("ROLLBACK");
    for (const auto& p : batch) {
      if (p->result.ok()) p->result = commit;
    }
  }
}

Status SqliteStore::Read(const Work& work) {
  ASSIGN_OR_RETURN(auto reader, TakeReader());
  Status s = reader->Execute("BEGIN");
  if (s.ok()) {
    SqliteTransaction tx(*reader);
    s = work(tx);
    Status end = reader->Execute(s.ok() ? "COMMIT" : "ROLLBACK");
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
