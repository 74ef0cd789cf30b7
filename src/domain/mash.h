// The MASH front door (multi-agency safeguarding hub): a contact about a child comes in,
// the hub asks each agency to check its own records, each answer stays inside the hub
// until the owning agency releases it, and a manager rates the contact red, amber or green,
// which starts a clock in working hours (default 4 / 24 / 72). Plain values; pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

using MashContactId = Id<struct MashContactTag>;
using AgencyCheckId = Id<struct AgencyCheckTag>;

enum class RagRating { kRed, kAmber, kGreen };
std::string_view ToString(RagRating rating);
Result<RagRating> ParseRagRating(std::string_view s);

// Working hours a rating allows before the contact must be decided (configurable).
struct RagClock {
  int red_hours = 4;
  int amber_hours = 24;
  int green_hours = 72;
  int HoursFor(RagRating rating) const;
};

// Whether a date is a working day. The default is Monday to Friday; deployments plug in
// the England and Wales bank holiday calendar.
using WorkingDayRule = std::function<bool(Date)>;
bool WeekdaysOnly(Date d);

// Working hours are 09:00-17:00 UK local time (GMT, or BST in summer) on working days.
// The instant (UTC) `hours` working hours after `start`; a start outside working hours
// counts from the next working-day morning.
UnixSeconds AddWorkingHours(UnixSeconds start, int hours, const WorkingDayRule& is_working_day);

enum class ContactStatus { kOpen, kDecided };
std::string_view ToString(ContactStatus status);

struct MashContact {
  MashContactId id;
  PersonId child;
  std::string source;       // who made the contact: "school DSL", "anonymous neighbour"
  std::string summary;      // what they said
  UnixSeconds received_at = 0;
  std::optional<RagRating> rating;
  UnixSeconds rated_at = 0;
  UnixSeconds due_at = 0;   // set by the rating
  ContactStatus status = ContactStatus::kOpen;
  std::string decision;     // e.g. "referral to social care", "early help", "no further action"
  UnixSeconds decided_at = 0;
};

enum class CheckStatus { kRequested, kAnswered, kReleased };
std::string_view ToString(CheckStatus status);

struct AgencyCheck {
  AgencyCheckId id;
  MashContactId contact;
  AgencyId agency;
  CheckStatus status = CheckStatus::kRequested;
  std::string findings;     // inside the hub only, until released
  UnixSeconds answered_at = 0;
  UnixSeconds released_at = 0;
  UserId released_by;       // who in the owning agency let it out of the hub
};

// Source and summary required and bounded; kInvalidArgument listing each violation.
Status Validate(const MashContact& contact);

}  // namespace safehub::domain
