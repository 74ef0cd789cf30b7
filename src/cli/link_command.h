// `safehub link`: registers the record linkage subcommand (src/linkage/link_command.h does
// the work). Call once while building the CLI; not thread-safe (CLI11 setup).
#pragma once

#include <CLI/CLI.hpp>

void RegisterLinkCommand(CLI::App& app);
