#include "returns/cin_census_export.h"

#include "returns/atomic_file.h"
#include "returns/xsd_validator.h"

namespace safehub::returns {

Result<CensusCheck> CheckCinCensus(CaseSource& source, int year) {
  ASSIGN_OR_RETURN(CensusPeriod period, CensusPeriodFor(year));
  ASSIGN_OR_RETURN(LocalAuthority authority, source.Authority());
  ASSIGN_OR_RETURN(std::vector<ChildCase> cases, source.Cases());
  CensusCheck check{BuildCensus(period, authority, cases), {}};
  if (check.census.children.empty()) {
    return NotFound("no child was in need in census year " + std::to_string(year) + " (" + period.start.ToString() +
                    " to " + period.reference_date.ToString() + "): there is no CIN episode open in that period");
  }
  check.failures = CheckCensusRules(check.census);
  return check;
}

Result<CensusFile> BuildCinCensusFile(CaseSource& source, int year, UnixSeconds now) {
  ASSIGN_OR_RETURN(CensusCheck check, CheckCinCensus(source, year));
  if (!check.failures.empty()) return CensusFile{std::move(check), ""};
  std::string xml = WriteCensusXml(check.census, now);
  ASSIGN_OR_RETURN(std::string_view xsd, CensusSchema(year));
  // The rules should make this impossible; if it happens the bug is ours, not the data's,
  // and the file is still not written.
  if (Status s = ValidateAgainstSchema(xml, xsd); !s.ok()) {
    return Internal("the census XML Safehub built does not match the " + std::to_string(year) + " schema: " + s.message());
  }
  return CensusFile{std::move(check), std::move(xml)};
}

Result<CensusCheck> ExportCinCensus(CaseSource& source, int year, const std::string& out, UnixSeconds now) {
  ASSIGN_OR_RETURN(CensusFile file, BuildCinCensusFile(source, year, now));
  if (!file.check.failures.empty()) return std::move(file.check);
  RETURN_IF_ERROR(WriteFileAtomically(out, file.xml));
  return std::move(file.check);
}

}  // namespace safehub::returns
