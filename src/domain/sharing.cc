#include "domain/sharing.h"

#include "domain/validation.h"

namespace safehub::domain {

std::string_view ToString(SharingBasis basis) {
  switch (basis) {
    case SharingBasis::kConsentGiven: return "consent_given";
    case SharingBasis::kConsentRefused: return "consent_refused";
    case SharingBasis::kConsentNotSoughtIncreasedRisk: return "consent_not_sought_increased_risk";
    case SharingBasis::kSignificantHarm: return "significant_harm";
  }
  return "consent_given";
}

Result<SharingBasis> ParseSharingBasis(std::string_view s) {
  for (SharingBasis b : {SharingBasis::kConsentGiven, SharingBasis::kConsentRefused,
                         SharingBasis::kConsentNotSoughtIncreasedRisk, SharingBasis::kSignificantHarm}) {
    if (ToString(b) == s) return b;
  }
  return InvalidArgument("'" + std::string(s.substr(0, 40)) +
                             "' is not a basis (consent_given, consent_refused, "
                             "consent_not_sought_increased_risk, significant_harm)",
                         "basis");
}

std::string_view ToString(SharingOutcome outcome) {
  return outcome == SharingOutcome::kShared ? "shared" : "not_shared";
}

Result<SharingOutcome> ParseSharingOutcome(std::string_view s) {
  if (s == "shared") return SharingOutcome::kShared;
  if (s == "not_shared") return SharingOutcome::kNotShared;
  return InvalidArgument("'" + std::string(s.substr(0, 40)) + "' is not one of shared, not_shared", "outcome");
}

std::string_view ToString(ParentsInformed informed) {
  switch (informed) {
    case ParentsInformed::kInformed: return "informed";
    case ParentsInformed::kNotInformedIncreasedRisk: return "not_informed_increased_risk";
    case ParentsInformed::kNotYetInformed: return "not_yet_informed";
  }
  return "not_yet_informed";
}

Result<ParentsInformed> ParseParentsInformed(std::string_view s) {
  for (ParentsInformed p : {ParentsInformed::kInformed, ParentsInformed::kNotInformedIncreasedRisk,
                            ParentsInformed::kNotYetInformed}) {
    if (ToString(p) == s) return p;
  }
  return InvalidArgument("'" + std::string(s.substr(0, 40)) +
                             "' is not one of informed, not_informed_increased_risk, not_yet_informed",
                         "parents_informed");
}

Status Validate(const SharingDecision& d) {
  Violations v("sharing decision" + (d.id.valid() ? " " + d.id.ToString() : std::string()));
  if (!d.child.valid()) v.Add("child_id", "is required");
  if (!d.from_agency.valid()) v.Add("from_agency_id", "is required");
  if (!d.to_agency.valid()) v.Add("to_agency_id", "is required");
  if (d.from_agency.valid() && d.from_agency == d.to_agency) v.Add("to_agency_id", "must be another agency");
  // Rule 4: always record what, with whom and why, whether or not it is shared.
  if (d.information.empty()) v.Add("information", "is required: say what is (or is not) shared");
  if (d.purpose.empty()) v.Add("purpose", "is required: say why");
  if (d.information.size() > 4000) v.Add("information", "must be at most 4000 characters");
  if (d.purpose.size() > 4000) v.Add("purpose", "must be at most 4000 characters");
  // Rule 1: a refusal of consent is respected when there is no safeguarding concern.
  if (d.basis == SharingBasis::kConsentRefused && d.outcome == SharingOutcome::kShared) {
    v.Add("outcome", "must be not_shared when consent was refused (domain.md rule 1); if there is "
                     "reasonable cause to suspect significant harm, record basis significant_harm");
  }
  // Rule 2: parents are told unless telling them would put the child at increased risk.
  if (d.parents_informed == ParentsInformed::kNotInformedIncreasedRisk &&
      d.basis != SharingBasis::kConsentNotSoughtIncreasedRisk && d.basis != SharingBasis::kSignificantHarm) {
    v.Add("parents_informed", "not_informed_increased_risk needs basis consent_not_sought_increased_risk or "
                              "significant_harm (domain.md rule 2)");
  }
  if (d.parents_informed == ParentsInformed::kNotInformedIncreasedRisk && d.parents_informed_note.empty()) {
    v.Add("parents_informed_note", "is required: record why telling them would increase the risk");
  }
  return v.ToStatus();
}

}  // namespace safehub::domain
