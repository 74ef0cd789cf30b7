#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

void RegisterServeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve the web API over HTTP until interrupted");
  auto db = std::make_shared<std::string>("safehub.db");
  auto options = std::make_shared<ServeOptions>();
  cmd->add_option("--db", *db, "SQLite database file (created and migrated if needed)")->capture_default_str();
  AddServeOptions(*cmd, *options);
  cmd->add_option("--rules", options->rules_file, "cumulative concern rule file (YAML, docs/rules.md; default: built-in)")
      ->check(CLI::ExistingFile);
  cmd->callback([db, options] {
    auto runtime = OpenRuntime(*db);
    if (!runtime.ok()) Fail(runtime.status());
    const int code = Serve(**runtime, *options, "");
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace safehub::cli
