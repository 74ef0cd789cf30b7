// What `safehub export cin-census` does once the store is open, separated from the process
// so tests can run it over a CaseList: exit 0 when the file is written, 2 when children fail
// the DfE rules (each reported, nothing written), 1 for any other error.
#pragma once

#include <ostream>
#include <string>

#include "common/date.h"
#include "returns/case_source.h"

namespace safehub::returns {

int RunCinCensusExport(CaseSource& source, int year, const std::string& out_path, UnixSeconds now,
                       std::ostream& out, std::ostream& err);

}  // namespace safehub::returns
