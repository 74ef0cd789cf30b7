// The store's checkpoints: when the WAL is copied into the database file, and when it is
// written again from its start, so that neither holds up a commit for long.
//
// Why not SQLite's defaults. A checkpoint made by the committing connection held every
// request waiting on that commit. A checkpoint on a thread of its own (PASSIVE, every 250 ms)
// fixed that, but under steady commits it never copies the whole WAL (frames arrive while it
// runs), so it never syncs the database and the WAL never restarts: the file grew by 45 MB/s
// at 5,000 signposting lookups a second until the writer's backstop (100,000 pages) made
// every commit checkpoint, each with a flush of the database file (p99 18-57 ms).
//
// So, every 250 ms the checkpointer copies what it can. Once the WAL holds
// kWalRestartFrames pages it prepares a restart: it writes the database file's dirty pages
// back, a group at a time (paced_writeback.h), copies again until a pass finds few new
// frames, and asks the writer to restart the WAL between two batches. That RESTART has
// only the last few frames to copy and little to flush: it held the writer 1.5-4.5 ms in the
// signposting bench, once every three seconds or so.
#include <pthread.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>

#include "store/sqlite/paced_writeback.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::store::sqlite {
namespace {

constexpr auto kCheckpointInterval = std::chrono::milliseconds(250);
// A catch-up pass that found fewer new frames than this leaves the restart little to do.
constexpr int kFewFrames = 300;
constexpr int kCatchUpPasses = 8;
// How long a restart may wait for readers to finish with the WAL (they are short; a long
// one, a report or a backup, makes the restart wait for the next round instead).
constexpr int kRestartReaderWaitMs = 10;
constexpr int kLowPriority = 10;  // nice

struct WalState {
  int frames = 0;  // in the WAL when the checkpoint began
  int copied = 0;  // of them, now in the database file
};

WalState Checkpoint(sqlite3* db, int mode) {
  WalState state;
  // BUSY (another checkpoint running) and the rest are not errors here: the next round
  // tries again, and nothing is lost while the WAL keeps the pages.
  (void)sqlite3_wal_checkpoint_v2(db, "main", mode, &state.frames, &state.copied);
  return state;
}

}  // namespace

void SqliteStore::CheckpointInBackground() {
  // A low CPU priority (nice 10): on a busy machine the requests' threads go first, and the
  // checkpoints, which nobody waits for, get about a tenth of a core against each busy
  // thread. Not nice 19 (signposting p99 was lower still): against a compiler on each core it
  // got so little that the WAL grew to 100 MB in 20 s of writes before it restarted
  // (sqlite_checkpoints_test.cc, run beside a build).
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kLowPriority);
  pthread_setname_np(pthread_self(), "checkpointer");
  std::unique_lock lock(checkpoint_mu_);
  while (!stop_checkpoints_) {
    checkpoint_wake_.wait_for(lock, kCheckpointInterval);
    if (stop_checkpoints_) break;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, without waiting for readers or the
    // writer, which go on meanwhile.
    const WalState wal = Checkpoint(checkpointer_connection_->handle(), SQLITE_CHECKPOINT_PASSIVE);
    lock.lock();
    if (wal.frames >= wal_restart_frames_ && !stop_checkpoints_) PrepareWalRestart(lock);
  }
}

void SqliteStore::PrepareWalRestart(std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  sqlite3* db = checkpointer_connection_->handle();
  // What the checkpoints copied is still in the OS's cache. Written back now, in groups
  // (each pass's write-back takes everything copied since the last one), it does not go to
  // disk inside the restart, all at once, while the writer waits. Each pass copies what came
  // meanwhile, until one finds few new frames: the restart is left those few to copy and
  // flush.
  int copied_before = 0;
  for (int pass = 0; pass < kCatchUpPasses; ++pass) {
    const WalState wal = Checkpoint(db, SQLITE_CHECKPOINT_PASSIVE);
    (void)sqlite3_file_control(db, "main", kWriteBackFileControl, nullptr);
    // A reader (a report, a backup) still reads part of the WAL: the restart would have to
    // wait for it with the writer held. Later, when it has finished.
    if (wal.frames - wal.copied >= kFewFrames) {
      lock.lock();
      return;
    }
    const bool few_new = pass > 0 && wal.frames - copied_before < kFewFrames;
    copied_before = wal.copied;
    if (few_new) break;
  }
  lock.lock();
  wal_restart_answered_ = false;
  wal_restart_due_.store(true);
  // Until the writer has restarted it; with no writes coming, the WAL does not grow, and
  // the first batch to come restarts it.
  checkpoint_wake_.wait_for(lock, std::chrono::seconds(1), [&] { return wal_restart_answered_ || stop_checkpoints_; });
}

void SqliteStore::RestartWal() {
  wal_restart_due_.store(false);
  sqlite3* db = writer_->handle();
  sqlite3_busy_timeout(db, kRestartReaderWaitMs);
  const int rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  (rc == SQLITE_OK ? wal_restarts_made_ : wal_restarts_not_made_).fetch_add(1);
  {
    std::lock_guard lock(checkpoint_mu_);
    wal_restart_answered_ = true;
  }
  checkpoint_wake_.notify_one();
}

SqliteStore::WalRestarts SqliteStore::wal_restarts() const {
  return {wal_restarts_made_.load(), wal_restarts_not_made_.load()};
}

}  // namespace safehub::store::sqlite
