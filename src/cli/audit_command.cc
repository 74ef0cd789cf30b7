#include <iostream>
#include <memory>

#include "app/audit_trail.h"
#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

void RegisterAuditCommand(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "Work with the audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Check the hash chain: exit 0 when intact, 2 when an entry was altered or deleted");
  auto db = std::make_shared<std::string>("safehub.db");
  verify->add_option("--db", *db, "SQLite database file")->capture_default_str();
  auto known_head = std::make_shared<std::string>();
  verify->add_option("--known-head", *known_head,
                     "A head hash printed by an earlier check and kept outside the database: the trail must still "
                     "hold it (detects removal of the newest entries)");
  verify->callback([db, known_head] {
    auto runtime = OpenRuntime(*db);
    if (!runtime.ok()) Fail(runtime.status());
    auto report = app::AuditTrail::Verify(*(*runtime)->store, *known_head);
    if (!report.ok()) Fail(report.status());
    if (!report->intact) {
      if (report->first_bad_sequence == 0) {
        std::cout << "audit trail BROKEN: " << report->problem << "\n" << report->entries << " entries verified\n";
      } else {
        std::cout << "audit trail BROKEN at entry " << report->first_bad_sequence << ": " << report->problem << "\n"
                  << report->entries << " entries verified before it\n";
      }
      throw CLI::RuntimeError(2);
    }
    std::cout << "audit trail intact: " << report->entries << " entries\nhead hash: " << report->head_hash << "\n";
    if (report->known_head_sequence > 0) {
      std::cout << "the kept head hash is entry " << report->known_head_sequence << ": the trail still holds everything up to it\n";
    }
    std::cout << "(keep the head hash outside the database; check with --known-head to detect removal of the newest "
                 "entries)\n";
  });
}

}  // namespace safehub::cli
