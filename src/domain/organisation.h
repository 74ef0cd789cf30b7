// The agencies that work with children, their teams and practitioners. A team carries the
// office and out-of-hours contacts that signposting gives out. Plain value types.
#pragma once

#include <string>
#include <string_view>

#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

enum class AgencyKind {
  kSocialCare,
  kPolice,
  kHealth,
  kSchool,
  kProbation,
  kYouthOffending,
  kHousing,
  kVoluntary,
  kOther,
};

std::string_view ToString(AgencyKind kind);  // "social_care", "police", ...
Result<AgencyKind> ParseAgencyKind(std::string_view s);

struct Agency {
  AgencyId id;
  std::string name;
  AgencyKind kind = AgencyKind::kOther;
  std::string code;  // the agency's own short code, e.g. an LA number or ODS code
};

struct Team {
  TeamId id;
  AgencyId agency;
  std::string name;
  std::string office_phone;
  std::string out_of_hours_phone;
};

struct Practitioner {
  PractitionerId id;
  TeamId team;
  std::string name;
  std::string job_title;
  std::string email;
  std::string phone;
};

// kInvalidArgument listing every violation (required names, phone and email shape).
Status Validate(const Agency& agency);
Status Validate(const Team& team);
Status Validate(const Practitioner& practitioner);

}  // namespace safehub::domain
