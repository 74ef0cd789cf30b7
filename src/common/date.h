// A civil calendar date (proleptic Gregorian) with no time zone: dates of birth, plan
// starts, conference dates. Stored as days since 1970-01-01 so arithmetic is exact.
// Value type; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace safehub {

enum class Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(std::int64_t days) { return Date(days); }
  // Fails with kInvalidArgument when the day does not exist (2023-02-29).
  static Result<Date> FromYmd(int year, int month, int day);
  // Strict ISO 8601 calendar date, "YYYY-MM-DD"; nothing else is accepted.
  static Result<Date> Parse(std::string_view iso);

  std::int64_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  bool IsWeekend() const;
  Date AddDays(std::int64_t n) const { return Date(days_ + n); }
  std::string ToString() const;  // "YYYY-MM-DD"

  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int64_t days) : days_(days) {}
  std::int64_t days_ = 0;
};

// Instants are seconds since the Unix epoch, UTC.
using UnixSeconds = std::int64_t;

// ISO 8601 UTC ("2024-05-01T09:30:00Z").
std::string FormatTimestamp(UnixSeconds t);
// The UTC calendar date of an instant.
Date DateOf(UnixSeconds t);

}  // namespace safehub
