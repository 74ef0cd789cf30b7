#include "domain/involvement.h"

#include "domain/validation.h"

namespace safehub::domain {

std::string_view ToString(SensitiveService s) {
  switch (s) {
    case SensitiveService::kNone: return "none";
    case SensitiveService::kSexualHealth: return "sexual_health";
    case SensitiveService::kMentalHealth: return "mental_health";
    case SensitiveService::kSubstanceMisuse: return "substance_misuse";
  }
  return "none";
}

Result<SensitiveService> ParseSensitiveService(std::string_view s) {
  if (s == "none") return SensitiveService::kNone;
  if (s == "sexual_health") return SensitiveService::kSexualHealth;
  if (s == "mental_health") return SensitiveService::kMentalHealth;
  if (s == "substance_misuse") return SensitiveService::kSubstanceMisuse;
  return InvalidArgument("'" + std::string(s) +
                             "' is not one of none, sexual_health, mental_health, substance_misuse",
                         "sensitive_service");
}

Status Validate(const Involvement& i, Date today) {
  Violations v("involvement" + (i.id.valid() ? " " + i.id.ToString() : std::string()));
  if (!i.child.valid()) v.Add("child_id", "is required");
  if (!i.team.valid()) v.Add("team_id", "is required");
  if (i.service.empty()) v.Add("service", "is required");
  if (i.service.size() > 200) v.Add("service", "must be at most 200 characters");
  if (i.role.size() > 200) v.Add("role", "must be at most 200 characters");
  if (i.started_on > today) v.Add("started_on", i.started_on.ToString() + " is after today " + today.ToString());
  if (i.ended_on && *i.ended_on < i.started_on) {
    v.Add("ended_on", i.ended_on->ToString() + " precedes started_on " + i.started_on.ToString());
  }
  // ContactPoint rule: sensitive services are recorded only with the young person's consent.
  if (i.sensitive_service != SensitiveService::kNone && !i.consent_recorded) {
    v.Add("consent_recorded", "must be true to record a sensitive service");
  }
  return v.ToStatus();
}

}  // namespace safehub::domain
