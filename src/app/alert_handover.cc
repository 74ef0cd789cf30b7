#include "app/alert_handover.h"

namespace safehub::app {

Result<int> PassOpenAlerts(store::Transaction& tx, PersonId child, PractitionerId from, const domain::Practitioner& to,
                           AlertsPass when) {
  if (!from.valid() || from == to.id) return 0;
  if (when == AlertsPass::kWhenNoLongerInvolved) {
    ASSIGN_OR_RETURN(auto involvements, tx.InvolvementsOf(child));
    for (const auto& i : involvements) {
      if (i.practitioner == from && !i.ended_on) return 0;  // still on the case: theirs to act on
    }
  }
  ASSIGN_OR_RETURN(auto alerts, tx.AlertsAboutChild(child));
  int passed = 0;
  for (auto& alert : alerts) {
    if (alert.status != domain::AlertStatus::kOpen || alert.lead_practitioner != from) continue;
    alert.lead_practitioner = to.id;
    alert.team = to.team;
    RETURN_IF_ERROR(tx.UpdateAlert(alert));
    ++passed;
  }
  return passed;
}

}  // namespace safehub::app
