// SqliteStore::BackupTo: an online backup an administrator can take while the server runs
// (copying the file and its WAL by hand is not consistent while anything writes).
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace safehub::store::sqlite {
namespace {

Status Unwritable(const std::string& file, const std::string& why) {
  return Status(StatusCode::kUnavailable, "cannot write the backup " + file + ": " + why);
}

// Makes the rename that published `file` survive a crash of the machine.
void SyncDirectoryOf(const std::string& file) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Copies the database `source` reads into the new, empty, owner-only file `partial`.
Status CopyInto(sqlite3* source, const std::string& partial) {
  sqlite3* copy = nullptr;
  if (sqlite3_open_v2(partial.c_str(), &copy, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string why = copy ? sqlite3_errmsg(copy) : "out of memory";
    sqlite3_close(copy);
    return Unwritable(partial, why);
  }
  // The copy's own commit flushes it to disk (synchronous=FULL in its rollback journal mode).
  sqlite3_exec(copy, "PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
  sqlite3_backup* backup = sqlite3_backup_init(copy, "main", source, "main");
  Status result;
  if (backup == nullptr) {
    result = Unwritable(partial, sqlite3_errmsg(copy));
  } else {
    // -1: every page in one step, so the copy is one snapshot of the source.
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) result = Unwritable(partial, sqlite3_errmsg(copy));
  }
  if (sqlite3_close(copy) != SQLITE_OK && result.ok()) result = Unwritable(partial, "closing it failed");
  return result;
}

}  // namespace

Status SqliteStore::CheckBackupDestination(const std::string& destination) {
  for (const std::string& file : {destination, destination + ".partial"}) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(file, ec);
    if (ec) return Unwritable(file, ec.message());
    if (exists) return AlreadyExists(file + " already exists: a backup never overwrites a file (choose a new name)", "to");
  }
  return Status::Ok();
}

Status SqliteStore::BackupTo(const std::string& destination) {
  const std::string partial = destination + ".partial";
  RETURN_IF_ERROR(CheckBackupDestination(destination));
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExists(partial + " already exists: a backup never overwrites a file", "to");
    return Unwritable(partial, std::strerror(errno));
  }
  ::close(fd);
  Status copied = [&]() -> Status {
    ASSIGN_OR_RETURN(auto reader, TakeReader());
    Status s = CopyInto(reader->handle(), partial);
    ReturnReader(std::move(reader));
    return s;
  }();
  if (copied.ok() && std::rename(partial.c_str(), destination.c_str()) != 0) {
    copied = Unwritable(destination, std::strerror(errno));
  }
  if (!copied.ok()) {
    std::filesystem::remove(partial);
    for (const char* suffix : {"-journal", "-wal", "-shm"}) std::filesystem::remove(partial + suffix);
    return copied;
  }
  SyncDirectoryOf(destination);
  return Status::Ok();
}

}  // namespace safehub::store::sqlite
