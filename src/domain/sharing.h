// A decision to share (or not to share) information about a child between agencies, with
// its legal basis, as practitioners are told to record every one (domain.md, "Information
// sharing"): what, with whom, why, on what basis, and whether those with parental
// responsibility were told. Plain value type.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

using SharingDecisionId = Id<struct SharingDecisionTag>;

enum class SharingBasis {
  kConsentGiven,                 // rule 1: consent sought and given
  kConsentRefused,               // rule 1: consent sought and refused; the refusal is respected
  kConsentNotSoughtIncreasedRisk,  // rule 2: seeking consent would put the child at increased risk
  kSignificantHarm,              // rule 3: suffering or likely to suffer significant harm
};

enum class SharingOutcome { kShared, kNotShared };

// Rule 2: tell those with parental responsibility, unless telling them increases the risk.
enum class ParentsInformed { kInformed, kNotInformedIncreasedRisk, kNotYetInformed };

std::string_view ToString(SharingBasis basis);
Result<SharingBasis> ParseSharingBasis(std::string_view s);
std::string_view ToString(SharingOutcome outcome);
Result<SharingOutcome> ParseSharingOutcome(std::string_view s);
std::string_view ToString(ParentsInformed informed);
Result<ParentsInformed> ParseParentsInformed(std::string_view s);

struct SharingDecision {
  SharingDecisionId id;
  PersonId child;
  AgencyId from_agency;       // the sharing agency (the decider's)
  AgencyId to_agency;         // with whom
  PractitionerId decided_by;
  UnixSeconds decided_at = 0;
  std::string information;    // what: only what is necessary and proportionate
  std::string purpose;        // why
  SharingBasis basis = SharingBasis::kConsentGiven;
  SharingOutcome outcome = SharingOutcome::kShared;
  ParentsInformed parents_informed = ParentsInformed::kNotYetInformed;
  std::string parents_informed_note;  // why not, or how they were told
};

// The rules of domain.md applied to one decision, every violation named: a share needs a
// basis that allows it (consent given, increased risk, significant harm); a refused consent
// means nothing is shared; not telling parents needs the increased-risk reason.
Status Validate(const SharingDecision& decision);

}  // namespace safehub::domain
