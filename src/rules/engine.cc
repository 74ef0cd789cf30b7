#include "rules/engine.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace safehub::rules {
namespace {

// An event with its kind resolved once, so no rule compares strings per event.
struct Prepared {
  const RuleEvent* event;
  int kind;
};

Evidence ToEvidence(const Prepared& p) {
  const RuleEvent& e = *p.event;
  return {e.id, e.child, e.agency, e.agency_kind, RuleEventKinds()[static_cast<size_t>(p.kind)].kind, e.occurred_on,
          e.significance};
}

// Whether the clause is met by the events of `window`; `matched[k]` has bit `clause_bit`
// set when the clause matches window[k] (worked out once per event, not once per window
// holding it). `seen` is scratch space reused between calls (this runs once per clause per
// window: allocation would dominate).
bool ClauseMet(const Clause& clause, std::uint64_t clause_bit, std::span<const Prepared> window,
               std::span<const std::uint64_t> matched, std::vector<std::int64_t>& seen) {
  int count = 0;
  seen.clear();
  // Small windows: linear distinct checks beat hashing here.
  for (size_t k = 0; k < window.size(); ++k) {
    if ((matched[k] & clause_bit) == 0) continue;
    const Prepared& p = window[k];
    std::int64_t key = 0;
    switch (clause.distinct) {
      case Distinct::kEvent:
        if (++count >= clause.at_least) return true;
        continue;
      case Distinct::kDay: key = p.event->occurred_on.days(); break;
      case Distinct::kAgency: key = p.event->agency.value; break;
    }
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
      seen.push_back(key);
      if (++count >= clause.at_least) return true;
    }
  }
  return count >= clause.at_least;
}

// Bit c set when rule.clauses[c] matches the event.
std::uint64_t ClausesMatched(const Rule& rule, const Prepared& p) {
  std::uint64_t bits = 0;
  for (size_t c = 0; c < rule.clauses.size(); ++c) {
    if (rule.clauses[c].Matches(*p.event, p.kind)) bits |= std::uint64_t{1} << c;
  }
  return bits;
}

// Whether a follow-up answered `e` within the rule's days; `subject` is chronological.
bool FollowedUp(const FollowUp& f, const RuleEvent& e, std::span<const Prepared> subject) {
  const Date until = e.occurred_on.AddDays(f.within_days);
  const std::string* value = f.same_attribute.empty() ? nullptr : e.Attribute(f.same_attribute);
  for (const Prepared& p : subject) {
    if (p.event->occurred_on < e.occurred_on) continue;
    if (p.event->occurred_on > until) break;
    if (p.kind < 0 || (f.kinds & (1u << p.kind)) == 0) continue;
    if (!f.same_attribute.empty()) {
      const std::string* other = p.event->Attribute(f.same_attribute);
      if (value == nullptr || other == nullptr || *value != *other) continue;
    }
    return true;
  }
  return false;
}

// One rule over one subject's chronological events; appends its alerts.
void EvaluateSubject(const Rule& rule, std::span<const Prepared> subject, Date as_of,
                     std::vector<Alert>& out) {
  std::vector<Prepared> candidates;
  std::vector<std::uint64_t> matched;  // per candidate, the clauses it matches
  for (const Prepared& p : subject) {
    const std::uint64_t bits = ClausesMatched(rule, p);
    if (bits == 0 || !rule.ChildConditionsHold(*p.event)) continue;
    if (rule.unless_followed_by) {
      const FollowUp& f = *rule.unless_followed_by;
      // Still within its days: it may yet be followed up, so it is not a concern today.
      if (as_of <= p.event->occurred_on.AddDays(f.within_days)) continue;
      if (FollowedUp(f, *p.event, subject)) continue;
    }
    candidates.push_back(p);
    matched.push_back(bits);
  }
  if (candidates.empty()) return;

  // Current alert as a range [lo, hi] of candidates; windows are contiguous and move
  // forward, so a window shares events with the current alert exactly when it starts at or
  // before the alert's last event.
  std::optional<std::pair<size_t, size_t>> current;
  auto flush = [&] {
    if (!current) return;
    Alert a;
    a.rule_id = rule.id;
    a.scope = rule.scope;
    for (size_t k = current->first; k <= current->second; ++k) {
      a.evidence.push_back(ToEvidence(candidates[k]));
    }
    const RuleEvent& last = *candidates[current->second].event;
    a.child = rule.scope == Scope::kChild ? last.child : PersonId();
    a.household = last.household;
    a.severity = CombinedSeverity(rule.severity, a.evidence);
    out.push_back(std::move(a));
    current.reset();
  };
  std::vector<std::int64_t> seen;
  size_t i = 0;
  for (size_t j = 0; j < candidates.size(); ++j) {
    const Date end = candidates[j].event->occurred_on;
    while (end.days() - candidates[i].event->occurred_on.days() > rule.window_days) ++i;
    const std::span<const Prepared> window(candidates.data() + i, j - i + 1);
    const std::span<const std::uint64_t> window_matched(matched.data() + i, j - i + 1);
    bool met = true;
    for (size_t c = 0; c < rule.clauses.size(); ++c) {
      if (!ClauseMet(rule.clauses[c], std::uint64_t{1} << c, window, window_matched, seen)) {
        met = false;
        break;
      }
    }
    if (!met) continue;
    if (current && i <= current->second) {
      current->second = j;
    } else {
      flush();
      current = std::make_pair(i, j);
    }
  }
  flush();
}

std::string_view AgencyKindName(domain::AgencyKind k) { return domain::ToString(k); }

size_t RuleIndex(const RuleSet& rules, const std::string& id) {
  for (size_t i = 0; i < rules.rules().size(); ++i) {
    if (rules.rules()[i].id == id) return i;
  }
  return rules.rules().size();
}

}  // namespace

std::string Alert::SubjectKey() const {
  return scope == Scope::kChild ? "child:" + child.ToString() : "household:" + household.ToString();
}

std::vector<PersonId> Alert::Children() const {
  std::vector<PersonId> out;
  for (const Evidence& e : evidence) {
    if (std::find(out.begin(), out.end(), e.child) == out.end()) out.push_back(e.child);
  }
  return out;
}

bool Alert::SharesEvidenceWith(const Alert& other) const {
  for (const Evidence& a : evidence) {
    for (const Evidence& b : other.evidence) {
      if (a.event == b.event) return true;
    }
  }
  return false;
}

std::string Alert::Explanation(const Rule& rule) const {
  std::set<std::int64_t> agencies;
  std::vector<std::string_view> kinds;
  for (const Evidence& e : evidence) {
    agencies.insert(e.agency.value);
    const std::string_view k = AgencyKindName(e.agency_kind);
    if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
  }
  std::string text = rule.title + ": " + std::to_string(evidence.size()) +
                     (evidence.size() == 1 ? " event" : " events") + " from " +
                     std::to_string(agencies.size()) + (agencies.size() == 1 ? " agency (" : " agencies (");
  for (size_t k = 0; k < kinds.size(); ++k) text += (k ? ", " : "") + std::string(kinds[k]);
  text += ") " + first_on().ToString();
  if (last_on() != first_on()) text += " to " + last_on().ToString();
  if (rule.unless_followed_by) {
    text += ", not followed up within " + std::to_string(rule.unless_followed_by->within_days) + " days";
  }
  return text;
}

int CombinedSeverity(int rule_severity, std::span<const Evidence> evidence) {
  std::vector<std::int64_t> agencies;
  bool high = false;
  for (const Evidence& e : evidence) {
    if (std::find(agencies.begin(), agencies.end(), e.agency.value) == agencies.end()) agencies.push_back(e.agency.value);
    high = high || e.significance == domain::Significance::kHigh;
  }
  int s = rule_severity + (agencies.size() >= 3 ? 1 : 0) + (high ? 1 : 0);
  return std::min(s, 5);
}

namespace {

void PrepareEvent(const RuleSet& rules, const RuleEvent& e, std::vector<Prepared>& prepared) {
  const int kind = FindKindIndex(e.kind);
  if (kind < 0 || (rules.relevant_kinds() & (1u << kind)) == 0) return;
  prepared.push_back({&e, kind});
}

std::vector<Alert> EvaluatePrepared(const RuleSet& rules, const std::vector<Prepared>& prepared, Date as_of,
                                    const Subjects* only = nullptr);

}  // namespace

std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent> events, Date as_of) {
  std::vector<Prepared> prepared;
  prepared.reserve(events.size());
  for (const RuleEvent& e : events) PrepareEvent(rules, e, prepared);
  return EvaluatePrepared(rules, prepared, as_of);
}

std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent* const> events, Date as_of) {
  std::vector<Prepared> prepared;
  prepared.reserve(events.size());
  for (const RuleEvent* e : events) PrepareEvent(rules, *e, prepared);
  return EvaluatePrepared(rules, prepared, as_of);
}

std::vector<Alert> Evaluate(const RuleSet& rules, std::span<const RuleEvent* const> events, Date as_of,
                            const Subjects& only) {
  std::vector<Prepared> prepared;
  prepared.reserve(events.size());
  for (const RuleEvent* e : events) PrepareEvent(rules, *e, prepared);
  return EvaluatePrepared(rules, prepared, as_of, &only);
}

namespace {

std::vector<Alert> EvaluatePrepared(const RuleSet& rules, const std::vector<Prepared>& prepared, Date as_of,
                                    const Subjects* only) {
  std::vector<Alert> out;
  for (const Scope scope : {Scope::kChild, Scope::kHousehold}) {
    bool used = false;
    for (const Rule& r : rules.rules()) used = used || r.scope == scope;
    if (!used) continue;
    // Subjects are runs of one vector sorted by child (or household), then chronologically.
    auto key = [scope](const Prepared& p) {
      return scope == Scope::kChild ? p.event->child.value : p.event->household.value;
    };
    std::vector<Prepared> sorted;
    sorted.reserve(prepared.size());
    const std::span<const std::int64_t> wanted =
        only == nullptr ? std::span<const std::int64_t>() : scope == Scope::kChild ? only->children : only->households;
    for (const Prepared& p : prepared) {
      if (scope == Scope::kHousehold && !p.event->household.valid()) continue;
      // A subject's alerts depend on its events only, so leaving out others' changes none.
      if (only != nullptr && !std::binary_search(wanted.begin(), wanted.end(), key(p))) continue;
      sorted.push_back(p);
    }
    std::sort(sorted.begin(), sorted.end(), [&](const Prepared& a, const Prepared& b) {
      if (key(a) != key(b)) return key(a) < key(b);
      return EventBefore(*a.event, *b.event);
    });
    for (const Rule& rule : rules.rules()) {
      if (rule.scope != scope) continue;
      for (size_t s = 0; s < sorted.size();) {
        size_t e = s;
        while (e < sorted.size() && key(sorted[e]) == key(sorted[s])) ++e;
        EvaluateSubject(rule, std::span<const Prepared>(sorted.data() + s, e - s), as_of, out);
        s = e;
      }
    }
  }
  // File order of rules, then subject, then first event: independent of scope grouping.
  std::stable_sort(out.begin(), out.end(), [&](const Alert& a, const Alert& b) {
    return RuleIndex(rules, a.rule_id) < RuleIndex(rules, b.rule_id);
  });
  return out;
}

}  // namespace

std::vector<AlertGroup> GroupAlerts(std::span<const Alert> alerts) {
  std::map<std::tuple<int, std::int64_t>, AlertGroup> groups;
  for (const Alert& a : alerts) {
    const bool child = a.scope == Scope::kChild;
    AlertGroup& g = groups[{child ? 0 : 1, child ? a.child.value : a.household.value}];
    g.scope = a.scope;
    g.child = a.child;
    g.household = a.household;
    g.alerts.push_back(&a);
  }
  std::vector<AlertGroup> out;
  for (auto& [key, g] : groups) {
    std::set<std::string> rules;
    for (const Alert* a : g.alerts) {
      g.severity = std::max(g.severity, a->severity);
      rules.insert(a->rule_id);
    }
    if (rules.size() >= 2) g.severity = std::min(g.severity + 1, 5);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace safehub::rules
