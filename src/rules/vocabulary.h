// The event vocabulary the cumulative-concern rules read: each kind an agency or the
// application can record about a child or household, and the attributes it carries.
// RuleEvent is the engine's input: explicit facts the application fills (household at the
// time, the child's date of birth and plan status), so rules never parse free text.
// Plain data and pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "domain/event.h"
#include "domain/organisation.h"

namespace safehub::rules {

enum class AttributeType { kChoice, kPercent, kCount, kText };

struct AttributeSpec {
  std::string_view name;
  AttributeType type;
  std::string_view choices;  // kChoice: "|"-separated allowed values
};

struct EventKindSpec {
  std::string_view kind;
  std::string_view description;
  std::span<const AttributeSpec> attributes;
};

// Every kind a rule may name: the feed kinds of domain/feed_vocabulary.h. Stored events of
// the legacy kind ae_attendance (older synthetic data) are read as
// unscheduled_care_attendance by FromDomainEvent.
std::span<const EventKindSpec> RuleEventKinds();
// Index of `kind` in RuleEventKinds(), or -1.
int FindKindIndex(std::string_view kind);
const AttributeSpec* FindAttribute(const EventKindSpec& kind, std::string_view name);
// Whether `value` is one of a kChoice attribute's choices.
bool IsChoice(const AttributeSpec& spec, std::string_view value);

// A child's plan on the day of an event (filled by the application from plan periods).
enum class PlanStatus { kNone, kChildInNeed, kChildProtection, kLookedAfter };
std::string_view ToString(PlanStatus status);

struct RuleEvent {
  EventId id;                 // unique; ties on a day are ordered by id
  PersonId child;             // the child the event is about
  HouseholdId household;      // the child's household on occurred_on (invalid: none known)
  AgencyId agency;            // the recording agency
  domain::AgencyKind agency_kind = domain::AgencyKind::kOther;
  std::string kind;           // one of RuleEventKinds()
  Date occurred_on;
  domain::Significance significance = domain::Significance::kLow;
  std::optional<Date> child_date_of_birth;
  PlanStatus child_plan = PlanStatus::kNone;  // on occurred_on
  std::vector<std::pair<std::string, std::string>> attributes;  // name -> value

  // The value of an attribute, or nullptr.
  const std::string* Attribute(std::string_view name) const;
};

// Chronological order: occurred_on, then id. Batch and streaming both follow it.
bool EventBefore(const RuleEvent& a, const RuleEvent& b);

// Facts about the child that the application knows and the event does not carry.
struct ChildFacts {
  HouseholdId household;
  std::optional<Date> date_of_birth;
  PlanStatus plan = PlanStatus::kNone;
};

// Adapter from a stored domain::Event: copies its attributes, maps the legacy kinds
// (ae_attendance -> unscheduled_care_attendance at an emergency department) and, for a
// school_attendance without attendance_percent, reads "NN%" from the summary.
RuleEvent FromDomainEvent(const domain::Event& event, domain::AgencyKind agency_kind,
                          const ChildFacts& facts);

}  // namespace safehub::rules
