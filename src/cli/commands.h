// The subcommands of the `safehub` binary. Each Register function adds one subcommand
// (with --help) to the application; its callback throws CLI::RuntimeError(code) on failure
// so main() exits with that code.
#pragma once

#include <CLI/CLI.hpp>

namespace safehub::cli {

void RegisterServeCommand(CLI::App& app);
void RegisterDemoCommand(CLI::App& app);
void RegisterUserCommand(CLI::App& app);
void RegisterAuditCommand(CLI::App& app);
void RegisterBackupCommand(CLI::App& app);  // backup --to FILE
void RegisterDirectoryCommand(CLI::App& app);  // directory add-agency|add-team|set-team|add-practitioner|list
void RegisterFeedCommand(CLI::App& app);
void RegisterAlertsCommand(CLI::App& app);
void RegisterExportCommand(CLI::App& app);  // export cin-census, export annex-a
void RegisterReviewCommand(CLI::App& app);  // review list, review decide

}  // namespace safehub::cli
