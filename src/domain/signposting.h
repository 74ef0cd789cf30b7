// Signposting (the CP-IS model): for a vulnerable child only, which plan they are on, the
// responsible team's contacts, and who else is involved, never the case itself. A child is
// vulnerable while on a child protection or child-in-need plan, looked after, or on an
// unborn child protection plan, and for 12 months after it ends. Every lookup notifies the
// key worker. Plain value types; pure functions.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

using PlanPeriodId = Id<struct PlanPeriodTag>;
using NotificationId = Id<struct NotificationTag>;

enum class PlanType { kChildProtectionPlan, kChildInNeedPlan, kLookedAfter, kUnbornChildProtectionPlan };
std::string_view ToString(PlanType type);
Result<PlanType> ParsePlanType(std::string_view s);

struct PlanPeriod {
  PlanPeriodId id;
  PersonId child;
  PlanType type = PlanType::kChildProtectionPlan;
  Date start;
  std::optional<Date> end;
  TeamId responsible_team;     // whose office and out-of-hours numbers signposting gives
  PractitionerId key_worker;   // who is told of every lookup
};

// Start not after today, end not before start, team and key worker given.
Status Validate(const PlanPeriod& period, Date today);

// The CP-IS rule: on a plan, or within 12 months after one ended.
inline constexpr int kVulnerableMonthsAfterEnd = 12;
bool IsVulnerableOn(std::span<const PlanPeriod> periods, Date on);
// The period that makes the child vulnerable on `on` (open ones first, then the latest
// ended), or nullopt.
std::optional<PlanPeriod> CurrentPeriod(std::span<const PlanPeriod> periods, Date on);

// A plan made before birth becomes, from the birth, the child's protection plan (CP-IS).
// Casework splits its own periods at the birth, but a period recorded by hand has no
// casework behind it, so the answer applies the same rule when it is read: an unborn child's
// plan that had not ended before `born` is answered, on and after that day, as a child
// protection plan starting at the birth. Any other period is returned as it is.
PlanPeriod AsAnsweredOn(PlanPeriod period, std::optional<Date> born, Date on);

// A key worker's notice that someone looked their child up.
struct SignpostingNotification {
  NotificationId id;
  PersonId child;
  PractitionerId key_worker;
  UserId looked_up_by;
  std::string username;
  std::string agency_name;  // of the person who looked
  std::string reason;
  UnixSeconds at = 0;
};

}  // namespace safehub::domain
