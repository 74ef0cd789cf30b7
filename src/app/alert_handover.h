// Open concern alerts follow a case handed on: an alert routed to a practitioner who no longer
// works with the child would wait, unseen, until it escalated to their manager. When a case or
// a plan passes from one practitioner to another, the child's open alerts held by the first go
// to the second and their team, in the same unit of work. Their escalation clocks run on: a
// handover does not buy time on a concern.
#pragma once

#include "domain/organisation.h"
#include "store/store.h"

namespace safehub::app {

// Whether the alerts go only when `from` no longer works with the child (an involvement moved,
// others of theirs left), or in any case (the plan's key worker, whom routing puts first,
// changed).
enum class AlertsPass { kWhenNoLongerInvolved, kAlways };

// Passes the child's open alerts whose lead practitioner is `from` to `to` (and `to`'s team).
// Returns how many passed.
Result<int> PassOpenAlerts(store::Transaction& tx, PersonId child, PractitionerId from, const domain::Practitioner& to,
                           AlertsPass when);

}  // namespace safehub::app
