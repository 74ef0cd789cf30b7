// The cumulative-concern engine: evaluates a RuleSet over the events of children and their
// households and returns alerts, each with the events that raised it. Evaluation is a pure
// function of (rules, events, as_of), which is what makes streaming (re-evaluating the
// subjects an arriving batch touches) and batch (every subject at once) give the same
// alerts. Thread-safe: no state.
//
// For each rule and subject (a child, or a household for household rules) the events the
// rule counts are taken in chronological order; every window of `window_days` ending at an
// event in which all clauses are met raises the alert. Windows that share events are one
// alert (de-duplication), so a long run of concerns is one alert that grows, not one per day.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "rules/rule_set.h"
#include "rules/vocabulary.h"

namespace safehub::rules {

// One event behind an alert, as the holder is shown it.
struct Evidence {
  EventId event;
  PersonId child;
  AgencyId agency;
  domain::AgencyKind agency_kind = domain::AgencyKind::kOther;
  std::string_view kind;  // one of RuleEventKinds() (static storage, so no copy per alert)
  Date occurred_on;
  domain::Significance significance = domain::Significance::kLow;
  bool operator==(const Evidence&) const = default;
};

struct Alert {
  std::string rule_id;
  Scope scope = Scope::kChild;
  PersonId child;          // child rules: the child; household rules: invalid
  HouseholdId household;   // household rules: the household; child rules: at the last event
  std::vector<Evidence> evidence;  // chronological (EventBefore)
  int severity = 1;        // 1-5: the rule's, raised by what the evidence shows

  // "child:12" or "household:3": with the rule id and overlapping evidence, the identity
  // of an alert across evaluations.
  std::string SubjectKey() const;
  Date first_on() const { return evidence.front().occurred_on; }
  Date last_on() const { return evidence.back().occurred_on; }
  // The children the evidence is about, in order of first appearance.
  std::vector<PersonId> Children() const;
  // "3 events from 2 agencies (police, health) 2024-03-01 to 2024-03-05: <rule title>".
  std::string Explanation(const Rule& rule) const;
  // Whether the two alerts share at least one event.
  bool SharesEvidenceWith(const Alert& other) const;
  bool operator==(const Alert&) const = default;
};

// Severity of one alert: the rule's, +1 when the evidence comes from three or more agencies
// (the picture is wider than any one of them holds), +1 when any event was rated high by its
// agency; at most 5.
int CombinedSeverity(int rule_severity, std::span<const Evidence> evidence);

// Evaluates every rule over `events` (any order, any children). `as_of` is the day of the
// evaluation: a follow-up rule raises its alert only once its days have passed. Alerts are
// ordered by rule (file order), subject, then first event.
std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent> events, Date as_of);
// The same over events held elsewhere (streaming detection keeps each child's events in
// memory and evaluates them in place, without copying).
std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent* const> events, Date as_of);

// The subjects to evaluate: child rules over the events of `children`, household rules over
// those of `households` (ids sorted ascending). Streaming detection brings in step only the
// subjects a batch touched, and reads their households' other members only for the
// household rules: evaluating the members' own child rules would be discarded work.
struct Subjects {
  std::span<const std::int64_t> children;
  std::span<const std::int64_t> households;
};
// Exactly the alerts Evaluate(rules, events, as_of) gives for those subjects, in its order:
// a subject's alerts read only its own events, so the others' are left out before sorting.
std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent* const> events, Date as_of,
                            const Subjects& only);

// Alerts grouped for display: per child, then per household (household alerts appear under
// their household, and a child's group says which household alerts name them).
struct AlertGroup {
  Scope scope = Scope::kChild;
  PersonId child;
  HouseholdId household;
  std::vector<const Alert*> alerts;
  int severity = 0;  // the highest of its alerts, +1 when two or more rules are met; at most 5
};
std::vector<AlertGroup> GroupAlerts(std::span<const Alert> alerts);

}  // namespace safehub::rules
