// The event kinds partner agencies send in feeds, and the attributes each carries
// (domain.md: police notifications rated high/low and marked information only or formal
// referral; school attendance per term and exclusions; A&E and other unscheduled care;
// missed health appointments; GP registration; housing moves). Pure data; thread-safe.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/validation.h"

namespace safehub::domain {

enum class AttributeType { kChoice, kPercent, kCount, kText, kPostcode };

struct AttributeSpec {
  std::string_view name;
  AttributeType type;
  bool required;
  std::string_view choices;  // for kChoice: "|"-separated allowed values
};

struct EventKindSpec {
  std::string_view kind;
  std::string_view description;
  std::span<const AttributeSpec> attributes;
};

// Every kind a feed may send.
std::span<const EventKindSpec> FeedEventKinds();
// The kind's spec, or nullptr when the kind is unknown.
const EventKindSpec* FindEventKind(std::string_view kind);

// Checks the attributes against the kind's spec, adding one violation per problem to `v`
// (unknown kind, missing required attribute, value outside its type, unknown attribute).
void CheckAttributes(std::string_view kind, const std::map<std::string, std::string>& attributes, Violations& v);

}  // namespace safehub::domain
