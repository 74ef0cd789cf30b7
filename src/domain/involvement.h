// An involvement: a practitioner or service of an agency working with a child over a period.
// Involvements answer "who else works with this child" and give practitioners their
// legitimate relationship to a child's record. Plain value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

// Services recorded only with consent and contacted only through an intermediary
// (ContactPoint's sensitive services).
enum class SensitiveService { kNone, kSexualHealth, kMentalHealth, kSubstanceMisuse };

std::string_view ToString(SensitiveService s);
Result<SensitiveService> ParseSensitiveService(std::string_view s);

struct Involvement {
  InvolvementId id;
  PersonId child;
  TeamId team;                      // the team providing the service
  PractitionerId practitioner;      // optional: a named worker
  std::string service;              // "health visiting", "CAMHS", "Year 4"
  std::string role;                 // "key worker", "lead professional", "GP"
  Date started_on;
  std::optional<Date> ended_on;
  SensitiveService sensitive_service = SensitiveService::kNone;
  bool consent_recorded = false;

  bool IsActiveOn(Date d) const { return started_on <= d && (!ended_on || d <= *ended_on); }
};

// Rules: child and team required, end not before start, start not in the future,
// a sensitive service only with consent recorded. kInvalidArgument listing each.
Status Validate(const Involvement& involvement, Date today);

}  // namespace safehub::domain
