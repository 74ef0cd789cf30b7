// Family and household context: where a child lives over time and who is around them.
// Households are dated so the household at the time of any event can be shown.
// Plain value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"

namespace safehub::domain {

struct Household {
  HouseholdId id;
  std::string address;
  std::string postcode;  // UK postcode, stored upper case with one space
};

struct HouseholdMember {
  HouseholdId household;
  PersonId person;
  Date from;
  std::optional<Date> to;
};

// Directed: `person` is the `kind` of `other` (A is parent of B).
enum class RelationshipKind {
  kParent,
  kChild,
  kSibling,
  kHalfSibling,
  kPartnerOfParent,
  kGrandparent,
  kCarer,
  kAdultPosingRisk,
  kOther,
};

std::string_view ToString(RelationshipKind kind);
Result<RelationshipKind> ParseRelationshipKind(std::string_view s);

struct Relationship {
  PersonId person;
  PersonId other;
  RelationshipKind kind = RelationshipKind::kOther;
  Date from;
  std::optional<Date> to;
};

// Normalises a UK postcode ("sw1a1aa" -> "SW1A 1AA") or kInvalidArgument naming the rule.
Result<std::string> NormalisePostcode(std::string_view postcode);

Status Validate(const Household& household);
Status Validate(const HouseholdMember& member);
Status Validate(const Relationship& relationship);

}  // namespace safehub::domain
