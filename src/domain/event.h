// An event: anything an agency records about a child (a police incident, a missed health
// appointment, an exclusion, a workflow step). Dated, sourced and never retyped: the
// chronology is built from events. Plain value type.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

enum class Significance { kLow, kMedium, kHigh };

std::string_view ToString(Significance s);
Result<Significance> ParseSignificance(std::string_view s);

struct Event {
  EventId id;
  PersonId child;
  AgencyId agency;               // the source: which agency recorded it
  PractitionerId recorded_by;    // optional
  std::string kind;              // lower_snake code: "police_incident", "missed_appointment"
  Date occurred_on;
  UnixSeconds recorded_at = 0;   // set by the application from its clock
  std::string summary;
  Significance significance = Significance::kLow;
  std::string source_reference;  // the agency's own record id; (agency, reference) is unique
  // Facts particular to the kind, named in feed_vocabulary.h ("risk" -> "high",
  // "attendance_percent" -> "87"), so rules need not parse the summary.
  std::map<std::string, std::string> attributes;
};

// Rules: child, agency and kind required, kind in lower_snake_case, occurred_on not in the
// future, summary at most 4000 characters. kInvalidArgument listing each.
Status Validate(const Event& event, Date today);

}  // namespace safehub::domain
