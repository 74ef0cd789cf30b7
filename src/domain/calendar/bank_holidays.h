// The bank holidays of England and Wales: the embedded table (2000-2035, the source of truth,
// `bank_holidays_england_wales.csv`) and the standing rules (Easter by the Gregorian computus,
// weekend substitutes) that cover the years outside it and cross-check it in tests.
// Plain values and pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace safehub::domain {

struct BankHoliday {
  Date date;
  std::string name;
  auto operator<=>(const BankHoliday&) const = default;
};

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
Date EasterSunday(int year);

// The holidays the standing rules give for a year (Banking and Financial Dealings Act 1971
// and the annual proclamations' usual pattern): New Year's Day, Good Friday, Easter Monday,
// early May (first Monday), spring (last Monday of May), summer (last Monday of August),
// Christmas and Boxing Day, with weekend days moved to the next free weekday. No one-offs.
std::vector<BankHoliday> RuleBasedBankHolidays(int year);

// Parses "date,name" rows, sorted or not; blank lines, '#' comments and a "date,name" header
// are skipped. kInvalidArgument naming every bad line (bad date, missing name, duplicate).
Result<std::vector<BankHoliday>> ParseBankHolidayCsv(std::string_view csv);

// The embedded England and Wales table, as text (generated from the CSV at build time).
std::string_view EnglandAndWalesBankHolidayCsv();

}  // namespace safehub::domain
