// A cumulative-concern alert as stored and routed: which rule the events met, the events
// themselves (agency, date, kind), who holds it and until when before it passes up the
// escalation chain, and how it was acknowledged. The rules engine (src/rules) decides what
// is an alert; this is its record. Plain value types; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

using AlertId = Id<struct AlertTag>;

// kMerged: a later event joined it to another alert of the same rule and subject, which
// now carries its evidence (kept for the audit trail, never shown as open).
enum class AlertStatus { kOpen, kAcknowledged, kMerged };
std::string_view ToString(AlertStatus status);
Result<AlertStatus> ParseAlertStatus(std::string_view s);

// The escalation chain: the lead practitioner (or the MASH queue), then their team
// manager, then the head of service.
enum class HolderLevel { kWorker, kTeamManager, kHeadOfService };
std::string_view ToString(HolderLevel level);

struct AlertEvidence {
  EventId event;
  PersonId child;
  AgencyId agency;
  std::string agency_kind;  // "police", "health", ...
  std::string kind;         // the event kind
  Date occurred_on;
};

struct ConcernAlert {
  AlertId id;
  std::string rule_id;
  std::string rule_title;
  std::string subject_key;   // "child:12" or "household:3": with rule_id, the alert's identity
  PersonId child;            // child rules; invalid for household rules
  HouseholdId household;
  int severity = 1;          // 1-5
  std::string explanation;   // which events met which rule, in words
  std::string suggested_action;
  std::vector<AlertEvidence> evidence;  // chronological
  Date first_on;
  Date last_on;

  // Routing: the lead practitioner, or none for the MASH queue.
  PractitionerId lead_practitioner;
  TeamId team;                      // the lead's team, whose manager is next in the chain
  UnixSeconds raised_at = 0;
  UnixSeconds updated_at = 0;       // evidence last changed
  UnixSeconds team_manager_from = 0;   // held by the team manager from this instant
  UnixSeconds head_of_service_from = 0;

  AlertStatus status = AlertStatus::kOpen;
  std::string acknowledged_action;  // what the holder did
  UserId acknowledged_by;
  std::string acknowledged_by_name;
  UnixSeconds acknowledged_at = 0;
  AlertId merged_into;

  // Who holds an open alert at `now` (an acknowledged one stays with whoever acknowledged).
  HolderLevel LevelAt(UnixSeconds now) const;
  // The children the alert is about: the child, or those named by the evidence.
  std::vector<PersonId> Children() const;
};

// Rule and subject given, severity 1-5, evidence present and chronological, escalation
// instants in order; an acknowledgement names its action (at most 2000 characters) and who.
// kInvalidArgument listing each violation.
Status Validate(const ConcernAlert& alert);

inline constexpr size_t kMaxAcknowledgedActionLength = 2000;

}  // namespace safehub::domain
