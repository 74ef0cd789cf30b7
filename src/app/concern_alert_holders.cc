// Who holds a concern alert and what they may do with it (concern_detection.h): routing a
// raised alert to the child's lead practitioner or the MASH, the escalation chain in working
// hours, the caller's alerts, and acknowledgement. Detection and reconciliation are in
// concern_detection.cc.
#include <cctype>

#include "app/concern_detection.h"
#include "domain/access.h"

namespace safehub::app {

using domain::AlertStatus;
using domain::ConcernAlert;
using domain::HolderLevel;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string ConcernDetection::AlertResource(domain::AlertId id) { return "/api/v1/alerts/" + id.ToString(); }

Status ConcernDetection::Route(store::Transaction& tx, const rules::RuleSet& set, const rules::Rule& rule,
                               ConcernAlert& alert) const {
  const Date today = clock_.Today();
  alert.lead_practitioner = PractitionerId();
  alert.team = TeamId();
  if (rule.route_to == rules::RouteTo::kLeadPractitioner) {
    for (PersonId child : alert.Children()) {
      // The plan's key worker first (statutory), then a lead professional or key worker;
      // only someone working with the child now, who can open the child the alert is about.
      ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(child));
      const auto works_with_child = [&](PractitionerId who) {
        return std::any_of(involvements.begin(), involvements.end(), [&](const domain::Involvement& inv) {
          return inv.practitioner == who && inv.IsActiveOn(today);
        });
      };
      ASSIGN_OR_RETURN(auto plans, tx.PlanPeriodsOf(child));
      for (const auto& p : plans) {
        if (p.start <= today && (!p.end || *p.end >= today) && p.key_worker.valid() && works_with_child(p.key_worker)) {
          alert.lead_practitioner = p.key_worker;
        }
      }
      // Then a key worker (the plan's, recorded as an involvement by casework) before any other
      // lead professional: the statutory lead comes first.
      for (const char* wanted : {"key worker", "lead"}) {
        if (alert.lead_practitioner.valid()) break;
        for (const auto& inv : involvements) {
          if (inv.IsActiveOn(today) && inv.practitioner.valid() && Lower(inv.role).find(wanted) != std::string::npos) {
            alert.lead_practitioner = inv.practitioner;
            break;
          }
        }
      }
      if (alert.lead_practitioner.valid()) break;
    }
  }
  if (alert.lead_practitioner.valid()) {
    ASSIGN_OR_RETURN(auto practitioner, tx.GetPractitioner(alert.lead_practitioner));
    alert.team = practitioner.team;
  }
  const int worker_hours = rule.respond_within_hours.value_or(set.escalation().worker_hours);
  const UnixSeconds from = alert.raised_at;
  alert.team_manager_from = domain::AddWorkingHours(from, worker_hours, settings_.is_working_day);
  alert.head_of_service_from =
      domain::AddWorkingHours(alert.team_manager_from, set.escalation().team_manager_hours, settings_.is_working_day);
  return Status::Ok();
}

AlertView ConcernDetection::ViewOf(const ConcernAlert& alert) const {
  AlertView v;
  v.alert = alert;
  v.level = alert.LevelAt(clock_.Now());
  v.escalated = v.level != HolderLevel::kWorker;
  return v;
}

Result<AgencyId> ConcernDetection::HolderAgency(store::Transaction& tx, const ConcernAlert& alert,
                                                std::map<std::int64_t, AgencyId>& cache) const {
  const TeamId team = alert.lead_practitioner.valid() ? alert.team : settings_.hub_team;
  if (!team.valid()) return AgencyId();
  if (auto it = cache.find(team.value); it != cache.end()) return it->second;
  ASSIGN_OR_RETURN(auto t, tx.GetTeam(team));
  cache[team.value] = t.agency;
  return t.agency;
}

bool ConcernDetection::Holds(const domain::Principal& who, const ConcernAlert& alert, AgencyId holder_agency) const {
  if (!domain::RoleReadsChildren(who.role)) return false;
  const HolderLevel level = alert.LevelAt(clock_.Now());
  const bool to_mash = !alert.lead_practitioner.valid();
  const bool worker = to_mash ? settings_.hub_team.valid() && who.team == settings_.hub_team
                              : who.practitioner.valid() && who.practitioner == alert.lead_practitioner;
  if (worker) return true;
  const TeamId managed = to_mash ? settings_.hub_team : alert.team;
  if (level != HolderLevel::kWorker && who.role == domain::Role::kManager && managed.valid() && who.team == managed) {
    return true;
  }
  // Least privilege: the head of service of the holding agency, not every agency's lead.
  return level == HolderLevel::kHeadOfService && who.role == domain::Role::kSafeguardingLead &&
         holder_agency.valid() && who.agency == holder_agency;
}

Result<std::vector<AlertView>> ConcernDetection::AlertsFor(const AuthContext& caller) {
  if (!domain::RoleReadsChildren(caller.principal.role)) {
    return PermissionDenied("your role does not hold alerts about children");
  }
  std::vector<AlertView> out;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto open, tx.OpenAlerts());
    std::map<std::int64_t, AgencyId> agencies;
    for (const ConcernAlert& a : open) {
      ASSIGN_OR_RETURN(AgencyId holder_agency, HolderAgency(tx, a, agencies));
      if (Holds(caller.principal, a, holder_agency)) out.push_back(ViewOf(a));
    }
    return Status::Ok();
  }));
  std::stable_sort(out.begin(), out.end(), [](const AlertView& a, const AlertView& b) {
    if (a.alert.severity != b.alert.severity) return a.alert.severity > b.alert.severity;
    return a.alert.raised_at < b.alert.raised_at;
  });
  // Listing shows children's information: one audit entry per child shown.
  std::map<std::int64_t, std::string> shown;
  for (const AlertView& v : out) {
    for (PersonId child : v.alert.Children()) shown[child.value] += (shown[child.value].empty() ? "alerts " : ", ") + v.alert.id.ToString();
  }
  if (!shown.empty()) {
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
      std::vector<domain::AuditEntry> entries;
      for (const auto& [child, detail] : shown) {
        domain::AuditEntry e = EntryBy(&caller.principal, "read_alerts", "/api/v1/alerts");
        e.child = PersonId(child);
        e.detail = detail;
        entries.push_back(std::move(e));
      }
      return audit_.AppendAll(tx, std::move(entries));
    }));
  }
  return out;
}

Result<ConcernAlert> ConcernDetection::Acknowledge(const AuthContext& caller, domain::AlertId id,
                                                   const std::string& action) {
  if (action.empty()) return InvalidArgument("record the action taken on alert " + id.ToString(), "action");
  if (action.size() > domain::kMaxAcknowledgedActionLength) {
    return InvalidArgument("must be at most " + std::to_string(domain::kMaxAcknowledgedActionLength) + " characters",
                           "action");
  }
  ConcernAlert result;
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(result, tx.GetAlert(id));
    std::map<std::int64_t, AgencyId> agencies;
    ASSIGN_OR_RETURN(AgencyId holder_agency, HolderAgency(tx, result, agencies));
    if (!Holds(caller.principal, result, holder_agency)) {
      refusal = PermissionDenied("alert " + id.ToString() + " is not held by you");
      return Status::Ok();
    }
    if (result.status != AlertStatus::kOpen) {
      refusal = FailedPrecondition("alert " + id.ToString() + " is " + std::string(domain::ToString(result.status)));
      return Status::Ok();
    }
    const HolderLevel level = result.LevelAt(clock_.Now());
    result.status = AlertStatus::kAcknowledged;
    result.acknowledged_action = action;
    result.acknowledged_by = caller.principal.user;
    result.acknowledged_by_name = caller.principal.username;
    result.acknowledged_at = clock_.Now();
    RETURN_IF_ERROR(domain::Validate(result));
    RETURN_IF_ERROR(tx.UpdateAlert(result));
    std::vector<domain::AuditEntry> entries;
    for (PersonId child : result.Children()) {
      domain::AuditEntry e = EntryBy(&caller.principal, "acknowledge_alert", AlertResource(id));
      e.child = child;
      e.detail = "as " + std::string(domain::ToString(level)) + ": " + action.substr(0, 500);
      entries.push_back(std::move(e));
    }
    return audit_.AppendAll(tx, std::move(entries));
  }));
  if (!refusal.ok()) {
    // Refused requests are audited too.
    RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
      domain::AuditEntry e = EntryBy(&caller.principal, "acknowledge_alert", AlertResource(id));
      e.child = result.child;
      e.outcome = domain::AuditOutcome::kDenied;
      e.detail = refusal.message();
      return audit_.Append(tx, e);
    }));
    return refusal;
  }
  return result;
}

}  // namespace safehub::app
