#include "returns/census_command.h"

#include "returns/cin_census_export.h"

namespace safehub::returns {

int RunCinCensusExport(CaseSource& source, int year, const std::string& out_path, UnixSeconds now,
                       std::ostream& out, std::ostream& err) {
  auto check = ExportCinCensus(source, year, out_path, now);
  if (!check.ok()) {
    err << "safehub: " << check.status().message() << "\n";
    return 1;
  }
  if (!check->failures.empty()) {
    for (const RuleFailure& f : check->failures) err << f.ToString() << "\n";
    err << "safehub: " << check->failures.size() << " DfE validation failure(s) in census year " << year
        << "; nothing written to " << out_path << ". Correct the records above and export again.\n";
    return 2;
  }
  int episodes = 0;
  for (const auto& c : check->census.children) episodes += static_cast<int>(c.episodes.size());
  out << "CIN census " << year << " (" << check->census.period.start.ToString() << " to "
      << check->census.period.reference_date.ToString() << "), LA " << check->census.authority.code << ": "
      << check->children() << " children, " << episodes << " CIN episodes, valid against CIN_schema_" << year
      << ".xsd, written to " << out_path << "\n";
  return 0;
}

}  // namespace safehub::returns
