// safehub backup: a consistent copy of the whole database, taken while the server runs
// (copying the file by hand is not: its WAL holds recent commits and changes under the copy).
// The copy is itself a Safehub database; restoring is serving it (`serve --db COPY`).
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/audit_trail.h"
#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

void RegisterBackupCommand(CLI::App& app) {
  auto* backup = app.add_subcommand(
      "backup", "Copy the whole database consistently while the server runs, then verify the copy's audit trail");
  auto db = std::make_shared<std::string>("safehub.db");
  auto to = std::make_shared<std::string>();
  backup->add_option("--db", *db, "SQLite database file")->capture_default_str();
  backup->add_option("--to", *to, "The backup file to create (never overwritten; readable by its owner only)")
      ->required();
  backup->callback([db, to] {
    std::error_code ec;
    // Opening a missing file would create an empty database and back that up.
    if (!std::filesystem::exists(*db, ec)) Fail(NotFound("--db " + *db + " does not exist"));
    // Refused before anything is audited (BackupTo checks again, at the moment it writes).
    if (Status s = store::sqlite::SqliteStore::CheckBackupDestination(*to); !s.ok()) Fail(s);
    auto runtime = OpenRuntime(*db);
    if (!runtime.ok()) Fail(runtime.status());
    auto& store = *(*runtime)->store;
    // Audited before the copy is taken, so the copy holds the entry too: a copy of every
    // child's record leaves the system, and who made it, when and where it went are kept.
    const app::AuditTrail audit((*runtime)->clock);
    auto entry = app::EntryBy(nullptr, "database_backup", *db);
    // Written before the copy is made: it says the copy was begun, which stays true if it fails.
    entry.detail = "copy of the whole database begun, to " + std::filesystem::absolute(*to, ec).string() +
                   ", by operating-system user " + std::to_string(::getuid());
    if (Status s = store.Write([&](store::Transaction& tx) { return audit.Append(tx, entry); }); !s.ok()) Fail(s);
    if (Status s = store.BackupTo(*to); !s.ok()) Fail(s);

    auto copy = store::sqlite::SqliteStore::Open(*to);
    if (!copy.ok()) Fail(copy.status());
    auto report = app::AuditTrail::Verify(**copy);
    if (!report.ok()) Fail(report.status());
    std::cout << "backup written: " << *to << " (" << std::filesystem::file_size(*to, ec) << " bytes)\n";
    if (!report->intact) {
      std::cout << "audit trail in the copy BROKEN at entry " << report->first_bad_sequence << ": "
                << report->problem << "\n";
      throw CLI::RuntimeError(2);
    }
    std::cout << "audit trail in the copy intact: " << report->entries << " entries\nhead hash: " << report->head_hash
              << "\n(restore by serving the copy: safehub serve --db " << *to << ")\n";
  });
}

}  // namespace safehub::cli
