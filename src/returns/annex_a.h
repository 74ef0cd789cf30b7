// Ofsted Annex A child-level lists (ILACS inspections) from the casework: contacts, early
// help, referrals, assessments, section 47 enquiries and ICPCs, children in need, child
// protection, each with the columns Safehub holds, and the xlsx workbook of them (literal
// values only: text, numbers and dates, never formulas). Building is pure and thread-safe;
// writing replaces the file atomically.
#pragma once

#include <span>
#include <string>
#include <variant>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "returns/case_source.h"

namespace safehub::returns {

using AnnexACell = std::variant<std::string, long, Date>;  // empty string: blank cell

struct AnnexAList {
  std::string sheet;                 // "List 3 Referrals" (at most 31 characters)
  std::vector<std::string> headers;
  std::vector<std::vector<AnnexACell>> rows;
};

// The seven lists for the period [from, to] (Ofsted asks for the six months before the
// inspection for lists 1-5; lists 6 and 7 are children open at any time in the period).
std::vector<AnnexAList> BuildAnnexA(std::span<const ChildCase> cases, Date from, Date to);

// Writes the lists as one sheet each with a bold, frozen header row; dates as dd/mm/yyyy
// date cells. kInvalidArgument naming the path when it cannot be written; the target is
// untouched on failure.
Status WriteAnnexAWorkbook(const std::vector<AnnexAList>& lists, const std::string& path);
// The workbook's bytes (the API's download), through a private temporary file.
Result<std::string> AnnexAWorkbookBytes(const std::vector<AnnexAList>& lists);

}  // namespace safehub::returns
