#include "cli/link_command.h"

#include <iostream>
#include <memory>

#include "linkage/link_command.h"

void RegisterLinkCommand(CLI::App& app) {
  auto options = std::make_shared<safehub::linkage::LinkCommandOptions>();
  CLI::App* link = app.add_subcommand("link", "link records about the same child across and within CSV files");
  link->add_option("--input", options->inputs, "input CSV file (repeat for several)")->required();
  link->add_option("--config", options->config_path, "TOML configuration: column mapping, comparisons, trained model");
  link->add_option("--output", options->output_path, "output CSV: record_id,cluster_id")->required();
  link->add_flag("--skip-bad-rows", options->skip_bad_rows, "write rejected rows to <output>.rejected.csv and go on");
  link->add_option("--save-model", options->save_model_path, "write the configuration with the model used");
  link->callback([options]() {
    const int code = safehub::linkage::RunLinkCommand(*options, std::cout, std::cerr);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}
