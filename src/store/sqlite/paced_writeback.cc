#include "store/sqlite/paced_writeback.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>
#include <vector>

namespace safehub::store::sqlite {
namespace {

sqlite3_vfs* base = nullptr;  // SQLite's "unix" VFS, to which every call goes
sqlite3_vfs paced;
std::atomic<bool> installed{false};
std::atomic<long> groups{0};
std::atomic<long> paced_syncs{0};
std::atomic<long> unpaced_files{0};

// One per open file, in the space SQLite allocates for it (szOsFile), followed by the unix
// VFS's own file. A file is used by one connection, and so by one thread, at a time.
struct PacedFile {
  sqlite3_file base;  // pMethods: ours, or null when the real open failed
  sqlite3_file* real;
  int fd = -1;  // the real file's descriptor, for a main database file whose one was confirmed
  std::vector<sqlite3_int64> written;  // offsets written since the last sync (fd >= 0 only)
  // A write-back failed: every later sync fails too (see WriteBackNow).
  bool write_back_failed = false;
};

PacedFile* Of(sqlite3_file* f) { return reinterpret_cast<PacedFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Of(f)->real; }

// The unix VFS's file begins {methods, vfs, inode, descriptor} (os_unix.c, unchanged for a
// decade). That is not an interface, so the descriptor is used only if it is open on the
// same file as `path`; otherwise the file is synced as before, unpaced.
int ConfirmedDescriptor(sqlite3_file* real, const char* path) {
  struct UnixFileStart {
    const sqlite3_io_methods* methods;
    sqlite3_vfs* vfs;
    void* inode;
    int h;
  };
  if (path == nullptr) return -1;
  const int fd = reinterpret_cast<const UnixFileStart*>(real)->h;
  struct stat by_fd {}, by_path {};
  if (fd < 0 || ::fstat(fd, &by_fd) != 0 || ::stat(path, &by_path) != 0) return -1;
  if (by_fd.st_dev != by_path.st_dev || by_fd.st_ino != by_path.st_ino) return -1;
  return fd;
}

int Close(sqlite3_file* f) {
  PacedFile* file = Of(f);
  const int rc = file->real->pMethods->xClose(file->real);
  file->~PacedFile();
  return rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), out, amount, offset);
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  PacedFile* file = Of(f);
  const int rc = file->real->pMethods->xWrite(file->real, data, amount, offset);
  if (rc == SQLITE_OK && file->fd >= 0) file->written.push_back(offset);
  return rc;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); }

enum class WriteBack { kDone, kFailed, kNotSupported, kSkipped };

// Writes back what was written since the last sync, kPagesInFlight pages at a time, each
// group waited for before the next is started.
WriteBack WriteBackInGroups(PacedFile* file) {
  std::vector<sqlite3_int64>& offsets = file->written;
  std::sort(offsets.begin(), offsets.end());  // a checkpoint writes in page order already
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  const unsigned flags = SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER;
  for (std::size_t first = 0; first < offsets.size(); first += kPagesInFlight) {
    const std::size_t last = std::min(offsets.size(), first + kPagesInFlight) - 1;
    // The range ends just past the last offset's first byte (sync_file_range works in whole
    // pages): it holds no dirty page of ours but those in `offsets`.
    const sqlite3_int64 begin = offsets[first];
    const sqlite3_int64 end = offsets[last] + 1;
    if (::sync_file_range(file->fd, begin, end - begin, flags) != 0) {
      switch (errno) {
        case EIO:
        case ENOSPC:
        case EDQUOT:
          return WriteBack::kFailed;  // a page did not reach the disk
        case EINVAL:
        case ESPIPE:
        case ENOSYS:
        case EOPNOTSUPP:
          return WriteBack::kNotSupported;  // by this file system: nothing was waited on
        default:
          return WriteBack::kSkipped;  // ENOMEM and the like: the real sync writes the rest
      }
    }
    groups.fetch_add(1, std::memory_order_relaxed);
  }
  return WriteBack::kDone;
}

// Writes back what was written since the last call. The kernel hands a write-back error to
// the first caller that waits on it, so the real sync would then succeed and SQLite would
// treat the pages as safe: after one, every sync of the file fails, and SQLite keeps the
// WAL (which holds every page) rather than trust the file. A file system without
// sync_file_range leaves the file unpaced: its syncs are the real ones alone.
bool WriteBackNow(PacedFile* file) {
  if (!file->written.empty()) {
    switch (WriteBackInGroups(file)) {
      case WriteBack::kFailed:
        file->write_back_failed = true;
        break;
      case WriteBack::kNotSupported:
        file->fd = -1;
        unpaced_files.fetch_add(1, std::memory_order_relaxed);
        break;
      case WriteBack::kDone:
      case WriteBack::kSkipped:
        break;
    }
    file->written.clear();
  }
  return !file->write_back_failed;
}

int Sync(sqlite3_file* f, int flags) {
  PacedFile* file = Of(f);
  if (!file->written.empty()) paced_syncs.fetch_add(1, std::memory_order_relaxed);
  if (!WriteBackNow(file)) return SQLITE_IOERR_FSYNC;
  return file->real->pMethods->xSync(file->real, flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
int FileControl(sqlite3_file* f, int op, void* arg) {
  if (op == kWriteBackFileControl) {
    PacedFile* file = Of(f);
    if (file->fd < 0) return SQLITE_NOTFOUND;
    return WriteBackNow(file) ? SQLITE_OK : SQLITE_IOERR_WRITE;
  }
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) { return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags); }
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int delete_flag) { return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag); }
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) { return Real(f)->pMethods->xUnfetch(Real(f), offset, page); }

// One table per version the real file may have, so SQLite never calls past what it offers.
sqlite3_io_methods MethodsOfVersion(int version) {
  sqlite3_io_methods m{};
  m.iVersion = version;
  m.xClose = Close;
  m.xRead = Read;
  m.xWrite = Write;
  m.xTruncate = Truncate;
  m.xSync = Sync;
  m.xFileSize = FileSize;
  m.xLock = Lock;
  m.xUnlock = Unlock;
  m.xCheckReservedLock = CheckReservedLock;
  m.xFileControl = FileControl;
  m.xSectorSize = SectorSize;
  m.xDeviceCharacteristics = DeviceCharacteristics;
  if (version >= 2) {
    m.xShmMap = ShmMap;
    m.xShmLock = ShmLock;
    m.xShmBarrier = ShmBarrier;
    m.xShmUnmap = ShmUnmap;
  }
  if (version >= 3) {
    m.xFetch = Fetch;
    m.xUnfetch = Unfetch;
  }
  return m;
}
const sqlite3_io_methods methods_v1 = MethodsOfVersion(1);
const sqlite3_io_methods methods_v2 = MethodsOfVersion(2);
const sqlite3_io_methods methods_v3 = MethodsOfVersion(3);

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* file = new (f) PacedFile();  // value-initialised: pMethods null until the real open succeeds
  file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(PacedFile));
  const int rc = base->xOpen(base, name, file->real, flags, out_flags);
  if (file->real->pMethods == nullptr) {  // nothing opened: SQLite will not call xClose
    file->~PacedFile();
    return rc;
  }
  const int version = file->real->pMethods->iVersion;
  file->base.pMethods = version >= 3 ? &methods_v3 : version == 2 ? &methods_v2 : &methods_v1;
  if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) != 0 && (flags & SQLITE_OPEN_READONLY) == 0) {
    file->fd = ConfirmedDescriptor(file->real, name);
    if (file->fd < 0) unpaced_files.fetch_add(1, std::memory_order_relaxed);
  }
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) { return base->xDelete(base, name, sync_dir); }
int Access(sqlite3_vfs*, const char* name, int flags, int* out) { return base->xAccess(base, name, flags, out); }
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return base->xFullPathname(base, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return base->xDlOpen(base, name); }
void DlError(sqlite3_vfs*, int size, char* out) { base->xDlError(base, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return base->xDlSym(base, handle, symbol); }
void DlClose(sqlite3_vfs*, void* handle) { base->xDlClose(base, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) { return base->xRandomness(base, size, out); }
int Sleep(sqlite3_vfs*, int microseconds) { return base->xSleep(base, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return base->xCurrentTime(base, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) { return base->xGetLastError(base, size, out); }
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) { return base->xCurrentTimeInt64(base, out); }
int SetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
  return base->xSetSystemCall(base, name, call);
}
sqlite3_syscall_ptr GetSystemCall(sqlite3_vfs*, const char* name) { return base->xGetSystemCall(base, name); }
const char* NextSystemCall(sqlite3_vfs*, const char* name) { return base->xNextSystemCall(base, name); }

}  // namespace

bool InstallPacedWriteback() {
  if (installed.load()) return true;
  base = sqlite3_vfs_find(nullptr);
  if (base == nullptr || std::strcmp(base->zName, "unix") != 0 || base->iVersion < 3) return false;
  paced = *base;  // version, path length; every method replaced below
  paced.szOsFile = static_cast<int>(sizeof(PacedFile)) + base->szOsFile;
  paced.zName = "safehub-paced";
  paced.pAppData = nullptr;
  paced.pNext = nullptr;
  paced.xOpen = Open;
  paced.xDelete = Delete;
  paced.xAccess = Access;
  paced.xFullPathname = FullPathname;
  paced.xDlOpen = DlOpen;
  paced.xDlError = DlError;
  paced.xDlSym = DlSym;
  paced.xDlClose = DlClose;
  paced.xRandomness = Randomness;
  paced.xSleep = Sleep;
  paced.xCurrentTime = CurrentTime;
  paced.xGetLastError = GetLastError;
  paced.xCurrentTimeInt64 = CurrentTimeInt64;
  paced.xSetSystemCall = SetSystemCall;
  paced.xGetSystemCall = GetSystemCall;
  paced.xNextSystemCall = NextSystemCall;
  if (sqlite3_vfs_register(&paced, /*makeDflt=*/1) != SQLITE_OK) return false;
  installed.store(true);
  return true;
}

PacedWritebackCounts PacedWriteback() {
  return {groups.load(), paced_syncs.load(), unpaced_files.load()};
}

}  // namespace safehub::store::sqlite
