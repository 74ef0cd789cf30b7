// A small hand-built area for the returns tests: children whose CaseHistories are built by
// applying steps, exactly as practitioners record them (see census_test.cc for what each
// child is for). Test-only.
#pragma once

#include <vector>

#include "returns/case_source.h"

namespace safehub::returns::testing {

Date D(const char* iso);
// The day the histories are built as of (after census year 2025).
inline constexpr const char* kToday = "2025-06-30";

// A child born on `born` (or unborn, expected on `expected`) with these steps applied;
// aborts the test binary if a step is refused (the fixture itself would be wrong).
ChildCase MakeCase(std::int64_t id, std::optional<Date> born, std::optional<Date> expected,
                   const std::vector<domain::Step>& steps);
// A valid UPN built around `serial` (12 digits after the check letter).
std::string ValidUpn(std::int64_t serial);
domain::MeetingRecord QuorateMeeting();

// Four children for census 2025: 1 on a CP plan with a review, 2 assessed with a CIN plan
// and closed, 3 in need only before the year, 4 unborn and referred in the year.
std::vector<ChildCase> SmallArea();
LocalAuthority Northshire();

}  // namespace safehub::returns::testing
