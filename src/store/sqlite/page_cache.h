// SQLite's own page cache, with one needless full scan taken out of every commit.
//
// When a b-tree page splits, SQLite (3.40) swaps the new pages' numbers through a temporary
// number: the lock page (PENDING_BYTE / page size + 1, page 262,145 with 4 KiB pages). Its
// default page cache remembers the largest page number it has seen, and at every commit the
// pager truncates the cache to the database's size; while the database is under 1 GiB that
// remembered number lies beyond it, so each commit walks the whole hash table and every page
// in it looking for pages to drop, and finds none. perf on feed_bench: 9-10% of all CPU, in
// the writer's commit.
//
// This cache delegates every call to SQLite's default cache and keeps its own bound on the
// page numbers held, leaving the lock page out (SQLite never keeps a page there: it is a
// stopping place within one split). A truncation that could drop nothing is not passed on;
// every other one is, unchanged.
#pragma once

namespace safehub::store::sqlite {

// Installs the cache for this process. Must run before SQLite is first used (it is called
// where connections are opened); returns false if SQLite was already initialised, and the
// default cache stays in use (correct, only slower).
bool InstallPageCache();

// Whether InstallPageCache succeeded: for tests.
bool PageCacheInstalled();

// How many truncations were passed on to SQLite's cache, and how many were not because they
// could drop nothing (this process, all connections): for tests and benchmarks.
struct PageCacheCounts {
  long passed_on = 0;
  long skipped = 0;
};
PageCacheCounts PageCacheTruncations();

}  // namespace safehub::store::sqlite
