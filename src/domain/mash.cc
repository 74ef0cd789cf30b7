#include "domain/mash.h"

#include "domain/validation.h"

namespace safehub::domain {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDayStart = 9 * 3600;  // 09:00
constexpr std::int64_t kDayEnd = 17 * 3600;   // 17:00

// The last Sunday of a month, for the UK's summer time rule.
Date LastSunday(int year, int month) {
  Date d = month == 12 ? Date::FromYmd(year, 12, 31).value()
                       : Date::FromYmd(year, month + 1, 1).value().AddDays(-1);
  while (d.weekday() != Weekday::kSunday) d = d.AddDays(-1);
  return d;
}

// UK local time is UTC+1 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October (British Summer Time), UTC otherwise.
std::int64_t LondonOffsetSeconds(UnixSeconds t) {
  const int year = DateOf(t).year();
  const UnixSeconds starts = LastSunday(year, 3).days() * kDay + 3600;
  const UnixSeconds ends = LastSunday(year, 10).days() * kDay + 3600;
  return t >= starts && t < ends ? 3600 : 0;
}

}  // namespace

std::string_view ToString(RagRating rating) {
  switch (rating) {
    case RagRating::kRed: return "red";
    case RagRating::kAmber: return "amber";
    case RagRating::kGreen: return "green";
  }
  return "green";
}

Result<RagRating> ParseRagRating(std::string_view s) {
  if (s == "red") return RagRating::kRed;
  if (s == "amber") return RagRating::kAmber;
  if (s == "green") return RagRating::kGreen;
  return InvalidArgument("'" + std::string(s.substr(0, 20)) + "' is not one of red, amber, green", "rating");
}

int RagClock::HoursFor(RagRating rating) const {
  switch (rating) {
    case RagRating::kRed: return red_hours;
    case RagRating::kAmber: return amber_hours;
    case RagRating::kGreen: return green_hours;
  }
  return green_hours;
}

bool WeekdaysOnly(Date d) { return !d.IsWeekend(); }

std::string_view ToString(ContactStatus status) { return status == ContactStatus::kOpen ? "open" : "decided"; }

std::string_view ToString(CheckStatus status) {
  switch (status) {
    case CheckStatus::kRequested: return "requested";
    case CheckStatus::kAnswered: return "answered";
    case CheckStatus::kReleased: return "released";
  }
  return "requested";
}

UnixSeconds AddWorkingHours(UnixSeconds start, int hours, const WorkingDayRule& is_working_day) {
  // Walk working-day windows in UK local time: consume what is left of today's window, then
  // whole days; convert the answer back to UTC.
  std::int64_t remaining = static_cast<std::int64_t>(hours) * 3600;
  const UnixSeconds local_start = start + LondonOffsetSeconds(start);
  Date day = DateOf(local_start);
  std::int64_t offset = local_start - day.days() * kDay;  // seconds into the local day
  for (int guard = 0; guard < 100000; ++guard) {
    if (is_working_day(day) && offset < kDayEnd) {
      const std::int64_t from = std::max(offset, kDayStart);
      const std::int64_t available = kDayEnd - from;
      if (remaining <= available) {
        const UnixSeconds local_due = day.days() * kDay + from + remaining;
        // Transitions happen at 01:00 UTC on a Sunday, never inside working hours.
        return local_due - LondonOffsetSeconds(local_due - 3600);
      }
      remaining -= available;
    }
    day = day.AddDays(1);
    offset = 0;
  }
  return start;  // unreachable for any calendar with working days
}

Status Validate(const MashContact& c) {
  Violations v("contact" + (c.id.valid() ? " " + c.id.ToString() : std::string()));
  if (!c.child.valid()) v.Add("child_id", "is required");
  if (c.source.empty()) v.Add("source", "is required: who made the contact");
  if (c.source.size() > 200) v.Add("source", "must be at most 200 characters");
  if (c.summary.empty()) v.Add("summary", "is required: what they said");
  if (c.summary.size() > 4000) v.Add("summary", "must be at most 4000 characters");
  return v.ToStatus();
}

}  // namespace safehub::domain
