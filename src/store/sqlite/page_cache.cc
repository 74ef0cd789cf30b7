#include "store/sqlite/page_cache.h"

#include <sqlite3.h>

#include <atomic>
#include <new>

namespace safehub::store::sqlite {
namespace {

// SQLite's PENDING_BYTE (sqlite3.c): the database page that holds it is never used, and
// balance_nonroot parks a page there while it swaps two page numbers.
constexpr unsigned kPendingByte = 0x40000000;

sqlite3_pcache_methods2 base;  // SQLite's default cache, to which every call goes
std::atomic<bool> installed{false};
std::atomic<long> passed_on{0};
std::atomic<long> skipped{0};

// One per pager. A pager is used by one connection, and a connection by one thread at a time,
// so `max_key` needs no lock.
struct Cache {
  sqlite3_pcache* inner;
  unsigned lock_page;
  // No page with a larger number is held, the lock page aside.
  unsigned max_key = 0;
};

Cache* Of(sqlite3_pcache* p) { return reinterpret_cast<Cache*>(p); }

void Note(Cache* cache, unsigned key) {
  if (key != cache->lock_page && key > cache->max_key) cache->max_key = key;
}

sqlite3_pcache* Create(int page_size, int extra_size, int purgeable) {
  sqlite3_pcache* inner = base.xCreate(page_size, extra_size, purgeable);
  if (inner == nullptr) return nullptr;
  auto* cache = new (std::nothrow) Cache{inner, kPendingByte / static_cast<unsigned>(page_size) + 1};
  if (cache == nullptr) {
    base.xDestroy(inner);
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(cache);
}

void Cachesize(sqlite3_pcache* p, int pages) { base.xCachesize(Of(p)->inner, pages); }

int Pagecount(sqlite3_pcache* p) { return base.xPagecount(Of(p)->inner); }

sqlite3_pcache_page* Fetch(sqlite3_pcache* p, unsigned key, int create) {
  Cache* cache = Of(p);
  sqlite3_pcache_page* page = base.xFetch(cache->inner, key, create);
  if (page != nullptr) Note(cache, key);
  return page;
}

void Unpin(sqlite3_pcache* p, sqlite3_pcache_page* page, int discard) { base.xUnpin(Of(p)->inner, page, discard); }

void Rekey(sqlite3_pcache* p, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
  Cache* cache = Of(p);
  base.xRekey(cache->inner, page, old_key, new_key);
  Note(cache, new_key);
}

void Truncate(sqlite3_pcache* p, unsigned limit) {
  Cache* cache = Of(p);
  if (limit > cache->max_key) {  // nothing held at or above `limit`: nothing to drop
    skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  passed_on.fetch_add(1, std::memory_order_relaxed);
  base.xTruncate(cache->inner, limit);
  cache->max_key = limit > 0 ? limit - 1 : 0;
}

void Destroy(sqlite3_pcache* p) {
  Cache* cache = Of(p);
  base.xDestroy(cache->inner);
  delete cache;
}

void Shrink(sqlite3_pcache* p) { base.xShrink(Of(p)->inner); }

int Init(void*) { return base.xInit(base.pArg); }

void Shutdown(void*) {
  if (base.xShutdown != nullptr) base.xShutdown(base.pArg);
}

}  // namespace

bool InstallPageCache() {
  static const bool ok = [] {
    if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &base) != SQLITE_OK || base.xCreate == nullptr) return false;
    static sqlite3_pcache_methods2 mine{.iVersion = 1, .pArg = nullptr, .xInit = Init, .xShutdown = Shutdown,
                                        .xCreate = Create, .xCachesize = Cachesize, .xPagecount = Pagecount,
                                        .xFetch = Fetch, .xUnpin = Unpin, .xRekey = Rekey, .xTruncate = Truncate,
                                        .xDestroy = Destroy, .xShrink = Shrink};
    return sqlite3_config(SQLITE_CONFIG_PCACHE2, &mine) == SQLITE_OK;
  }();
  installed.store(ok);
  return ok;
}

bool PageCacheInstalled() { return installed.load(); }

PageCacheCounts PageCacheTruncations() { return {passed_on.load(), skipped.load()}; }

}  // namespace safehub::store::sqlite
