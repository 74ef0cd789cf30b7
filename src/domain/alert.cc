#include "domain/alert.h"

#include <algorithm>

#include "domain/validation.h"

namespace safehub::domain {

std::string_view ToString(AlertStatus status) {
  switch (status) {
    case AlertStatus::kOpen: return "open";
    case AlertStatus::kAcknowledged: return "acknowledged";
    case AlertStatus::kMerged: return "merged";
  }
  return "open";
}

Result<AlertStatus> ParseAlertStatus(std::string_view s) {
  if (s == "open") return AlertStatus::kOpen;
  if (s == "acknowledged") return AlertStatus::kAcknowledged;
  if (s == "merged") return AlertStatus::kMerged;
  return InvalidArgument("'" + std::string(s) + "' is not an alert status (open, acknowledged, merged)", "status");
}

std::string_view ToString(HolderLevel level) {
  switch (level) {
    case HolderLevel::kWorker: return "worker";
    case HolderLevel::kTeamManager: return "team_manager";
    case HolderLevel::kHeadOfService: return "head_of_service";
  }
  return "worker";
}

HolderLevel ConcernAlert::LevelAt(UnixSeconds now) const {
  // Acknowledged alerts stop climbing where they were acknowledged.
  const UnixSeconds at = status == AlertStatus::kAcknowledged ? acknowledged_at : now;
  if (at >= head_of_service_from) return HolderLevel::kHeadOfService;
  if (at >= team_manager_from) return HolderLevel::kTeamManager;
  return HolderLevel::kWorker;
}

std::vector<PersonId> ConcernAlert::Children() const {
  std::vector<PersonId> out;
  if (child.valid()) out.push_back(child);
  for (const AlertEvidence& e : evidence) {
    if (std::find(out.begin(), out.end(), e.child) == out.end()) out.push_back(e.child);
  }
  return out;
}

Status Validate(const ConcernAlert& a) {
  Violations v("alert " + a.id.ToString());
  if (a.rule_id.empty()) v.Add("rule_id", "is required");
  if (!a.child.valid() && !a.household.valid()) v.Add("subject", "names neither a child nor a household");
  if (a.subject_key.empty()) v.Add("subject_key", "is required");
  if (a.severity < 1 || a.severity > 5) v.Add("severity", "must be between 1 and 5");
  if (a.evidence.empty()) v.Add("evidence", "must list the events that raised the alert");
  for (size_t i = 1; i < a.evidence.size(); ++i) {
    if (a.evidence[i].occurred_on < a.evidence[i - 1].occurred_on) {
      v.Add("evidence", "must be in date order");
      break;
    }
  }
  if (a.team_manager_from < a.raised_at || a.head_of_service_from < a.team_manager_from) {
    v.Add("escalation", "must pass to the team manager after raising and to the head of service after that");
  }
  if (a.status == AlertStatus::kAcknowledged) {
    if (a.acknowledged_action.empty()) v.Add("action", "record the action taken");
    if (a.acknowledged_action.size() > kMaxAcknowledgedActionLength) {
      v.Add("action", "must be at most " + std::to_string(kMaxAcknowledgedActionLength) + " characters");
    }
    if (!a.acknowledged_by.valid()) v.Add("acknowledged_by", "is required");
  }
  return v.ToStatus();
}

}  // namespace safehub::domain
