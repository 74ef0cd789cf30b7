// `safehub link`: reads CSV inputs, links them across and within each other, writes
// record_id,cluster_id. A library function so the CLI stays a thin shell and tests can run it.
// Stateless; thread-safe across calls (each call owns its files).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace safehub::linkage {

struct LinkCommandOptions {
  std::vector<std::string> inputs;  // one or more CSV files
  std::string config_path;          // TOML; empty = child-record schema, model trained on the input
  std::string output_path;          // record_id,cluster_id
  bool skip_bad_rows = false;       // rejected rows go to <output>.rejected.csv instead of failing
  std::string save_model_path;      // optional: write the configuration with the model used
  int threads = 2;
};

// Returns the process exit code: 0 on success, 1 on bad input (message on `err` naming file,
// line and field), 2 when a file cannot be read or written. Progress goes to `err`, the
// summary (records, pairs scored, clusters, seconds) to `out`.
int RunLinkCommand(const LinkCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace safehub::linkage
