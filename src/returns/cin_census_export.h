// The CIN census use case: choose the year, load the cases, build the return, run the DfE
// rules, and only when every child passes write the XML (validated against the XSD of its
// year first, then written atomically). Thread-safe if the CaseSource is.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "returns/case_source.h"
#include "returns/census.h"
#include "returns/census_rules.h"

namespace safehub::returns {

struct CensusCheck {
  CensusReturn census;
  std::vector<RuleFailure> failures;  // empty: the return can be written
  int children() const { return static_cast<int>(census.children.size()); }
};

// Builds the return of census year `year` and runs the rules over it. kInvalidArgument
// naming the covered years for a year without a schema; kNotFound when no child was in
// need in that year.
Result<CensusCheck> CheckCinCensus(CaseSource& source, int year);

// The return and, when no child fails a rule, its XML already validated against the XSD of
// its year (the download of the API; `xml` is empty when there are failures).
struct CensusFile {
  CensusCheck check;
  std::string xml;
};
Result<CensusFile> BuildCinCensusFile(CaseSource& source, int year, UnixSeconds now);

// CheckCinCensus, then (when there are no failures) the XML validated against the XSD and
// written atomically to `out`. With failures nothing is written and the check is returned
// so the caller can report each one. kInternal if Safehub's own XML breaks the schema.
Result<CensusCheck> ExportCinCensus(CaseSource& source, int year, const std::string& out, UnixSeconds now);

}  // namespace safehub::returns
