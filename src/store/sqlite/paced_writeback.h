// Checkpoints that write their pages to disk a few at a time, so commits do not queue
// behind them.
//
// A checkpoint copies the WAL's pages into the database file (into the OS's page cache) and
// then flushes the file. That flush sends every page at once: at 5,000 signposting lookups
// a second a 250 ms checkpoint holds about 3,000 scattered pages, and a commit's own WAL
// flush, made meanwhile, queues on the disk behind all of them (a commit waited 20-90 ms;
// the lookups' p99 was 18-57 ms against 2.5-4.2 ms with no checkpoints at all).
//
// This VFS wraps SQLite's "unix" VFS unchanged except in one place: before the real sync of
// a main database file, it writes back the pages written since the last sync in ascending
// order, kPagesInFlight at a time, waiting for each group (sync_file_range). So at most one
// group of the checkpoint's writes is ever ahead of a commit on the disk, and the real sync
// then finds little left to write. Durability is unchanged: the real sync still runs, and
// SQLite does not reset the WAL before it returns. A write-back error fails the sync (the
// kernel reports a write-back error to one waiter only, so it must not be dropped here).
#pragma once

namespace safehub::store::sqlite {

// Pages written back per group: enough to keep the disk busy, few enough that a commit's
// flush waits for no more than one group (tried 16, 32 and 64: see docs/architecture.md).
inline constexpr int kPagesInFlight = 32;

// sqlite3_file_control(db, "main", kWriteBackFileControl, nullptr) writes back, in groups
// and without a flush of the disk's cache, what was written to the database file since the
// last sync or write-back: for a checkpoint that SQLite ends without a sync (it syncs only
// when it copied the whole WAL, which under steady commits it never does), whose pages the
// kernel would otherwise write back all at once, seconds later. SQLITE_NOTFOUND when the
// file is not paced.
inline constexpr int kWriteBackFileControl = 0x5afe0001;

// Registers the VFS as the process's default. Must run before the first connection opens;
// returns false (and SQLite's default VFS stays, correct but with the old stalls) when the
// default VFS is not "unix".
bool InstallPacedWriteback();

// For tests and benchmarks: groups written back and syncs that found pages to write back
// (this process, all connections); and whether the write-back could reach the files'
// descriptors (false: every sync is the real one alone).
struct PacedWritebackCounts {
  long groups = 0;
  long paced_syncs = 0;
  // main database files whose descriptor could not be confirmed, or whose file system has
  // no sync_file_range
  long unpaced_files = 0;
};
PacedWritebackCounts PacedWriteback();

}  // namespace safehub::store::sqlite
