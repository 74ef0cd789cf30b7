#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/runtime.h"

namespace safehub::cli {

namespace {

struct FeedImportOptions {
  std::string db = "safehub.db";
  std::int64_t agency = 0;
  std::string file;
  std::string rejected;
  std::string rules;
  std::int64_t mash_team = 0;
};

}  // namespace

void RegisterFeedCommand(CLI::App& app) {
  auto* feed = app.add_subcommand("feed", "Agency feeds of events about children");
  feed->require_subcommand(1);
  auto* import = feed->add_subcommand(
      "import", "Import a CSV feed for an agency: rows validated, linked to the child index, re-sending is harmless. "
                "Exit 0 when every row landed, 2 when some were rejected, 1 when the file could not be read. "
                "A server running on the same file waits for each of this command's transactions (up to 10,000 "
                "rows, a few hundred milliseconds); a feed sent to the server (POST /api/v1/feeds/events) lets "
                "practitioners' requests in every 500 rows");
  auto o = std::make_shared<FeedImportOptions>();
  import->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  import->add_option("--agency", o->agency, "the agency id the rows come from")->required();
  import->add_option("--file", o->file, "the CSV file (header row first)")->required()->check(CLI::ExistingFile);
  import->add_option("--rejected", o->rejected, "write rejected rows' line, field and reason to this CSV");
  import->add_option("--rules", o->rules, "cumulative concern rule file run on the imported events (default: built-in)")
      ->check(CLI::ExistingFile);
  import->add_option("--mash-team", o->mash_team, "team id of the MASH, holding alerts of children without a lead");
  import->callback([o] {
    auto runtime = OpenRuntime(o->db);
    if (!runtime.ok()) Fail(runtime.status());
    auto agency = (*runtime)->organisations->ListAgencies();
    if (!agency.ok()) Fail(agency.status());
    bool known = false;
    for (const auto& a : *agency) known |= a.id.value == o->agency;
    if (!known) Fail(NotFound("agency " + std::to_string(o->agency) + " does not exist"));
    // Concern rules run on every committed batch, as they do for feeds over the API.
    if (Status s = StartConcernDetection(**runtime, FindMashTeam(**runtime, o->mash_team), o->rules); !s.ok()) Fail(s);
    std::ifstream in(o->file, std::ios::binary);
    auto report = (*runtime)->feeds->IngestCsv({AgencyId(o->agency), nullptr}, in);
    if (!report.ok()) Fail(report.status());
    std::cout << "rows " << report->rows << ", accepted " << report->accepted << ", already recorded "
              << report->already_recorded << ", rejected " << report->rejected << ", linked to known children "
              << report->linked_to_known_child << ", new children " << report->new_children << "\n";
    if (!report->listener_error.empty()) {
      std::cerr << "concern detection failed after import (run `safehub alerts run`): " << report->listener_error << "\n";
    }
    if (!o->rejected.empty()) {
      std::ofstream out(o->rejected);
      out << "line,field,reason\n";
      for (const auto& r : report->rejections) {
        std::string reason = r.message;
        for (auto& c : reason) {
          if (c == '"') c = '\'';
        }
        out << r.line << "," << r.field << ",\"" << reason << "\"\n";
      }
    } else {
      for (size_t i = 0; i < report->rejections.size() && i < 20; ++i) {
        const auto& r = report->rejections[i];
        std::cerr << "line " << r.line << ": " << r.field << " " << r.message << "\n";
      }
    }
    if (report->rejected > 0) throw CLI::RuntimeError(2);
  });
}

}  // namespace safehub::cli
