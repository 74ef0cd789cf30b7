// safehub: one binary, many subcommands. `safehub --help` lists them.
#include <sys/stat.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

#ifdef SAFEHUB_HAS_LINK  // set by CMake when the linkage module is built
#include "cli/link_command.h"
#endif

int main(int argc, char** argv) {
  // Everything this binary writes holds children's personal data (the database, backups,
  // statutory returns, Annex A lists, rejected feed rows, linkage output): readable by its
  // owner only, whatever the caller's umask allows. Set before any thread starts.
  ::umask(::umask(0) | 077);
  CLI::App app{"Safehub: multi-agency child safeguarding"};
  app.require_subcommand(1);
  safehub::cli::RegisterServeCommand(app);
  safehub::cli::RegisterDemoCommand(app);
  safehub::cli::RegisterDirectoryCommand(app);
  safehub::cli::RegisterUserCommand(app);
  safehub::cli::RegisterAuditCommand(app);
  safehub::cli::RegisterBackupCommand(app);
  safehub::cli::RegisterFeedCommand(app);
  safehub::cli::RegisterAlertsCommand(app);
  safehub::cli::RegisterExportCommand(app);
  safehub::cli::RegisterReviewCommand(app);
#ifdef SAFEHUB_HAS_LINK
  RegisterLinkCommand(app);
#endif
  CLI11_PARSE(app, argc, argv);
  return 0;
}
