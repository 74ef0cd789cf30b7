#include "domain/household.h"

#include <array>
#include <cctype>
#include <utility>

#include "domain/validation.h"

namespace safehub::domain {
namespace {

constexpr std::array<std::pair<RelationshipKind, std::string_view>, 9> kKinds = {{
    {RelationshipKind::kParent, "parent"},
    {RelationshipKind::kChild, "child"},
    {RelationshipKind::kSibling, "sibling"},
    {RelationshipKind::kHalfSibling, "half_sibling"},
    {RelationshipKind::kPartnerOfParent, "partner_of_parent"},
    {RelationshipKind::kGrandparent, "grandparent"},
    {RelationshipKind::kCarer, "carer"},
    {RelationshipKind::kAdultPosingRisk, "adult_posing_risk"},
    {RelationshipKind::kOther, "other"},
}};

bool IsAlpha(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string_view ToString(RelationshipKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "other";
}

Result<RelationshipKind> ParseRelationshipKind(std::string_view s) {
  for (const auto& [k, name] : kKinds) {
    if (name == s) return k;
  }
  return InvalidArgument("'" + std::string(s) + "' is not a relationship kind", "kind");
}

Result<std::string> NormalisePostcode(std::string_view in) {
  std::string compact;
  for (char c : in) {
    if (c == ' ') continue;
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  // Outward code 2-4 characters starting with a letter; inward code a digit then two letters.
  const bool shaped = compact.size() >= 5 && compact.size() <= 7 && IsAlpha(compact[0]) &&
                      IsDigit(compact[compact.size() - 3]) && IsAlpha(compact[compact.size() - 2]) &&
                      IsAlpha(compact[compact.size() - 1]);
  if (!shaped) return InvalidArgument("'" + std::string(in.substr(0, 20)) + "' is not a UK postcode", "postcode");
  for (size_t i = 1; i + 3 < compact.size(); ++i) {
    if (!IsAlpha(compact[i]) && !IsDigit(compact[i])) {
      return InvalidArgument("'" + std::string(in.substr(0, 20)) + "' is not a UK postcode", "postcode");
    }
  }
  return compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
}

Status Validate(const Household& h) {
  Violations v("household" + (h.id.valid() ? " " + h.id.ToString() : std::string()));
  if (h.address.empty()) v.Add("address", "is required");
  if (h.address.size() > 300) v.Add("address", "must be at most 300 characters");
  if (!h.postcode.empty()) v.AddIfError("postcode", NormalisePostcode(h.postcode).status());
  return v.ToStatus();
}

Status Validate(const HouseholdMember& m) {
  Violations v("household member");
  if (!m.household.valid()) v.Add("household_id", "is required");
  if (!m.person.valid()) v.Add("person_id", "is required");
  if (m.to && *m.to < m.from) v.Add("to", m.to->ToString() + " precedes from " + m.from.ToString());
  return v.ToStatus();
}

Status Validate(const Relationship& r) {
  Violations v("relationship");
  if (!r.person.valid()) v.Add("person_id", "is required");
  if (!r.other.valid()) v.Add("other_id", "is required");
  if (r.person.valid() && r.person == r.other) v.Add("other_id", "must be a different person");
  if (r.to && *r.to < r.from) v.Add("to", r.to->ToString() + " precedes from " + r.from.ToString());
  return v.ToStatus();
}

}  // namespace safehub::domain
