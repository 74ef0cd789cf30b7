// The CIN census code lists the workflow records (referral source 1A-10, primary need N0-N9,
// assessment factors 1A-24A, reason for closure RC1-RC9, category of abuse) and the rules on
// factors (21 alone; 18B/C and 19B/C instead of 18A/19A). Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace safehub::domain {

// CIN census referral source codes 1A-10. kInvalidArgument naming the code and the list.
Status ValidateReferralSource(std::string_view code);
// CIN census primary need codes N0-N9.
Status ValidatePrimaryNeed(std::string_view code);
// Whether a code is on the CIN census assessment factor list (1A-24A, 20, 21).
bool IsAssessmentFactor(std::string_view code);
// Every broken factor rule, as messages for the field "factors" (empty when valid):
// at least one factor, each known, no duplicates, 21 ("no factors identified") alone,
// 18B/C and 19B/C instead of the withdrawn 18A/19A.
std::vector<std::string> FactorViolations(std::span<const std::string> factors);

enum class ReasonForClosure { kRc1, kRc2, kRc3, kRc4, kRc5, kRc6, kRc7, kRc8, kRc9 };
std::string_view ToCode(ReasonForClosure reason);         // "RC1"
std::string_view Describe(ReasonForClosure reason);       // "adopted"
Result<ReasonForClosure> ParseReasonForClosure(std::string_view code);

// CIN census category of abuse of a child protection plan.
enum class AbuseCategory { kNeglect, kPhysical, kEmotional, kSexual, kMultiple };
std::string_view ToCode(AbuseCategory category);          // "NEG", "PHY", "EMO", "SAB", "MUL"
std::string_view ToString(AbuseCategory category);        // "neglect", ...
// Accepts the census code or the word ("NEG" or "neglect").
Result<AbuseCategory> ParseAbuseCategory(std::string_view s);

}  // namespace safehub::domain
