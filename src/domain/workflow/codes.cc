#include "domain/workflow/codes.h"

#include <algorithm>
#include <set>

namespace safehub::domain {
namespace {

constexpr std::string_view kReferralSources[] = {
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
    "4",  "5A", "5B", "5C", "5D", "6",  "7",  "8",  "9",  "10"};
constexpr std::string_view kPrimaryNeeds[] = {"N0", "N1", "N2", "N3", "N4",
                                              "N5", "N6", "N7", "N8", "N9"};
constexpr std::string_view kFactors[] = {
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
    "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A",
    "23A", "24A"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view code) {
  return std::find(std::begin(list), std::end(list), code) != std::end(list);
}

std::string Clip(std::string_view s) { return std::string(s.substr(0, 24)); }

}  // namespace

Status ValidateReferralSource(std::string_view code) {
  if (Contains(kReferralSources, code)) return Status::Ok();
  return InvalidArgument("'" + Clip(code) + "' is not a referral source code 1A-10 (CIN census)", "source");
}

Status ValidatePrimaryNeed(std::string_view code) {
  if (Contains(kPrimaryNeeds, code)) return Status::Ok();
  return InvalidArgument("'" + Clip(code) + "' is not a primary need code N0-N9 (CIN census)", "primary_need");
}

bool IsAssessmentFactor(std::string_view code) { return Contains(kFactors, code); }

std::vector<std::string> FactorViolations(std::span<const std::string> factors) {
  std::vector<std::string> out;
  if (factors.empty()) {
    out.push_back("none recorded; record at least one, or 21 when none were identified (CIN census: assessment factors)");
    return out;
  }
  std::set<std::string_view> seen;
  for (const std::string& f : factors) {
    if (!IsAssessmentFactor(f)) {
      out.push_back("'" + Clip(f) + "' is not an assessment factor code 1A-24A (CIN census)");
    } else if (f == "18A" || f == "19A") {
      // The census split physical and sexual abuse by who harmed the child.
      out.push_back(f + " is withdrawn; use " + f.substr(0, 2) + "B (child on child) or " + f.substr(0, 2) +
                    "C (adult on child) (CIN census: 18B/C and 19B/C instead of 18A/19A)");
    }
    if (!seen.insert(f).second) out.push_back(Clip(f) + " is recorded twice");
  }
  const bool has_21 = seen.count("21") > 0;
  if (has_21 && seen.size() > 1) {
    out.push_back("21 (no factors identified) is recorded with other factors (CIN census: factor 21 alone)");
  }
  return out;
}

std::string_view ToCode(ReasonForClosure reason) {
  static constexpr std::string_view kCodes[] = {"RC1", "RC2", "RC3", "RC4", "RC5",
                                                "RC6", "RC7", "RC8", "RC9"};
  return kCodes[static_cast<int>(reason)];
}

std::string_view Describe(ReasonForClosure reason) {
  static constexpr std::string_view kText[] = {
      "adopted",
      "died",
      "child arrangements order",
      "special guardianship order",
      "transferred to services of another local authority",
      "transferred to adult social care services",
      "services ceased for any other reason",
      "case closed after assessment, no further action",
      "case closed after assessment, referred to early help"};
  return kText[static_cast<int>(reason)];
}

Result<ReasonForClosure> ParseReasonForClosure(std::string_view code) {
  for (int i = 0; i <= static_cast<int>(ReasonForClosure::kRc9); ++i) {
    if (ToCode(static_cast<ReasonForClosure>(i)) == code) return static_cast<ReasonForClosure>(i);
  }
  return InvalidArgument("'" + Clip(code) + "' is not a reason for closure RC1-RC9 (CIN census)", "reason");
}

std::string_view ToCode(AbuseCategory category) {
  static constexpr std::string_view kCodes[] = {"NEG", "PHY", "EMO", "SAB", "MUL"};
  return kCodes[static_cast<int>(category)];
}

std::string_view ToString(AbuseCategory category) {
  static constexpr std::string_view kWords[] = {"neglect", "physical", "emotional", "sexual", "multiple"};
  return kWords[static_cast<int>(category)];
}

Result<AbuseCategory> ParseAbuseCategory(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(AbuseCategory::kMultiple); ++i) {
    const auto c = static_cast<AbuseCategory>(i);
    if (ToCode(c) == s || ToString(c) == s) return c;
  }
  return InvalidArgument("'" + Clip(s) +
                             "' is not a category of abuse (neglect, physical, emotional, sexual, multiple; "
                             "CIN census NEG/PHY/EMO/SAB/MUL)",
                         "category");
}

}  // namespace safehub::domain
