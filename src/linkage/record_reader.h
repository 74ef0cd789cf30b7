// Reads agency records from CSV text under a LinkConfig: maps columns to fields, parses
// dates, checks record ids. Every broken rule names the file, line, field and rule. Stateless
// functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "linkage/config.h"
#include "linkage/record.h"

namespace safehub::linkage {

struct RejectedRow {
  std::string file;
  int line = 0;
  std::string record_id;
  std::string field;
  std::string reason;
};

enum class BadRowPolicy { kFail, kSkip };

// Appends the records of one CSV file to `records`. `seen_ids` carries record ids across
// files (a duplicate is a bad row). With kFail the first file-level problem or the list of
// every bad row (up to 20) fails the read and nothing is appended; with kSkip bad rows go to
// `rejected`. A missing header or a configured column absent from it always fails.
Status ReadRecordsCsv(std::string_view file_name, std::string_view text, const LinkConfig& config, BadRowPolicy policy,
                      std::unordered_set<std::string>& seen_ids, std::vector<Record>& records,
                      std::vector<RejectedRow>& rejected);

// Parses a date of birth in `format`; off-calendar dates (2015-02-30) are kept as digits
// when the policy says so. kInvalidArgument says what was expected.
Result<DateParts> ParseDateOfBirth(std::string_view text, DateFormat format, OffCalendarDates off_calendar);

}  // namespace safehub::linkage
