#include "store/sqlite/sqlite_store.h"

#include <condition_variable>
#include <utility>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_transaction.h"

namespace safehub::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  return Open(path, kWalRestartFrames);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int wal_restart_frames) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  store->wal_restart_frames_ = wal_restart_frames;
  ASSIGN_OR_RETURN(store->writer_, Connection::Open(path, AccessMode::kReadWrite));
  RETURN_IF_ERROR(Migrate(*store->writer_));
  // Checkpoints run on a thread of their own and the WAL restarts between batches
  // (sqlite_checkpoints.cc), never inside a commit: the writer makes no automatic checkpoint.
  RETURN_IF_ERROR(store->writer_->ExecuteScript("PRAGMA wal_autocheckpoint=0;"));
  ASSIGN_OR_RETURN(store->checkpointer_connection_, Connection::Open(path, AccessMode::kReadWrite));
  store->committer_ = std::thread([s = store.get()] { s->CommitSubmitted(); });
  store->checkpointer_ = std::thread([s = store.get()] { s->CheckpointInBackground(); });
  return store;
}

SqliteStore::~SqliteStore() {
  if (checkpointer_.joinable()) {
    {
      std::lock_guard lock(checkpoint_mu_);
      stop_checkpoints_ = true;
    }
    checkpoint_wake_.notify_one();
    checkpointer_.join();
  }
  if (!committer_.joinable()) return;
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  committer_wake_.notify_one();
  committer_.join();  // after every submitted unit is committed and its caller told
}

// A queued unit of work. A thread in Write() sleeps on the unit's own condition variable
// (under queue_mu_) until the leader marks it done or hands it the lead, so waking one
// waiter wakes nobody else. A submitted unit owns its work and has nobody waiting: the
// leader calls `committed` and deletes it.
struct SqliteStore::PendingWrite {
  enum State { kQueued, kLead, kDone };
  explicit PendingWrite(const Work* w) : work(w) {}
  PendingWrite(Work w, Committed c, bool bookkeeping)
      : owned(std::move(w)), work(&owned), committed(std::move(c)), bookkeeping(bookkeeping) {}
  Work owned;
  const Work* work;
  Committed committed;
  bool bookkeeping = false;  // SubmitBookkeeping: no sequence number, bookkeeping writes only
  Status result;
  State state = kQueued;
  std::condition_variable wake;
};

Status SqliteStore::Write(const Work& work) {
  PendingWrite pending(&work);
  std::unique_lock lock(queue_mu_);
  queue_.push_back(&pending);
  writers_waiting_.store(true, std::memory_order_relaxed);
  // Group commit: whoever finds no leader becomes it, takes everything queued so far and
  // commits it. Waiters are woken one by one: each when its own unit is committed, and the
  // first waiter of the next batch when the lead passes to it; nobody wakes only to sleep
  // again.
  if (leader_active_) {
    pending.wake.wait(lock, [&] { return pending.state != PendingWrite::kQueued; });
    if (pending.state == PendingWrite::kDone) return pending.result;
  }
  leader_active_ = true;
  LeadBatch(lock);
  return pending.result;
}

void SqliteStore::Submit(Work work, Committed committed) {
  Enqueue(new PendingWrite(std::move(work), std::move(committed), false));
}

void SqliteStore::SubmitBookkeeping(Work work, Committed committed) {
  Enqueue(new PendingWrite(std::move(work), std::move(committed), true));
}

void SqliteStore::Enqueue(PendingWrite* pending) {
  std::lock_guard lock(queue_mu_);
  queue_.push_back(pending);
  writers_waiting_.store(true, std::memory_order_relaxed);
  if (leader_active_) return;  // the current leader's next batch takes it
  leader_active_ = true;
  committer_has_lead_ = true;
  committer_wake_.notify_one();
}

void SqliteStore::CommitSubmitted() {
  std::unique_lock lock(queue_mu_);
  for (;;) {
    committer_wake_.wait(lock, [&] { return committer_has_lead_ || (stopping_ && !leader_active_); });
    if (!committer_has_lead_) return;
    committer_has_lead_ = false;
    LeadBatch(lock);
    lock.lock();
  }
}

void SqliteStore::LeadBatch(std::unique_lock<std::mutex>& lock) {
  if (wal_restart_due_.load(std::memory_order_relaxed)) {
    lock.unlock();
    RestartWal();  // units queue meanwhile and make the batch below
    lock.lock();
  }
  std::vector<PendingWrite*> batch(queue_.begin(), queue_.end());
  queue_.clear();
  // The units of this batch wait for its commit too: a long unit sharing it with others
  // ends early as it would for units queued behind it.
  writers_waiting_.store(batch.size() > 1, std::memory_order_relaxed);
  lock.unlock();
  RunBatch(batch);
  lock.lock();
  // Notified under the lock: a waiter cannot see kDone, return and destroy its entry
  // before notify_one() has finished with it.
  std::vector<PendingWrite*> submitted;
  for (PendingWrite* p : batch) {
    if (p->committed) {
      submitted.push_back(p);
      continue;
    }
    p->state = PendingWrite::kDone;
    p->wake.notify_one();
  }
  PassLead();
  lock.unlock();
  for (PendingWrite* p : submitted) {
    p->committed(p->result);
    delete p;
  }
}

void SqliteStore::PassLead() {
  // To a thread already waiting in Write() if there is one (it is awake anyway), else to
  // the committer thread.
  for (PendingWrite* p : queue_) {
    if (p->committed) continue;
    p->state = PendingWrite::kLead;
    p->wake.notify_one();
    return;
  }
  if (queue_.empty()) {
    leader_active_ = false;
    if (stopping_) committer_wake_.notify_one();
    return;
  }
  committer_has_lead_ = true;
  committer_wake_.notify_one();
}

void SqliteStore::RunBatch(const std::vector<PendingWrite*>& batch) {
  Status begin = writer_->Execute("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (PendingWrite* p : batch) p->result = begin;
    return;
  }
  // A commit by another connection (another process on the same file) since our last batch
  // leaves a gap in the numbers, so nothing takes the units on either side as adjacent.
  bool read_version = false;
  if (auto version = writer_->Prepare("PRAGMA data_version"); version.ok()) {
    auto row = (*version)->Step();
    if (row.ok() && *row) {
      read_version = true;
      const std::int64_t now = (*version)->Int(0);
      if (now != data_version_) {
        ++write_sequence_;
        audit_head_.known = false;  // another connection may have appended to the trail
      }
      data_version_ = now;
    }
  }
  if (!read_version) {  // unknown: assume a gap
    ++write_sequence_;
    audit_head_.known = false;
  }
  bool any_ok = false;
  for (PendingWrite* p : batch) {
    // A savepoint per unit of work: a refused unit rolls back alone, nothing half-applied.
    Status s = writer_->Execute("SAVEPOINT unit_of_work");
    if (s.ok()) {
      const KnownAuditHead head_before = audit_head_;
      SqliteTransaction tx(*writer_, p->bookkeeping ? 0 : ++write_sequence_, &audit_head_, &writers_waiting_);
      writer_->RestrictWritesToBookkeeping(p->bookkeeping);
      s = (*p->work)(tx);
      writer_->RestrictWritesToBookkeeping(false);
      if (s.ok()) {
        s = writer_->Execute("RELEASE unit_of_work");
      } else {
        (void)writer_->Execute("ROLLBACK TO unit_of_work");
        (void)writer_->Execute("RELEASE unit_of_work");
        audit_head_ = head_before;  // the unit's entries are gone with it
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
    audit_head_.known = false;
    for (PendingWrite* p : batch) {
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
