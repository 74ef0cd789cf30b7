#include "app/concern_detection.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/access.h"
#include "domain/signposting.h"

namespace safehub::app {

using domain::AlertStatus;
using domain::ConcernAlert;
using domain::HolderLevel;

namespace {

rules::PlanStatus PlanOn(std::span<const domain::PlanPeriod> periods, Date on) {
  rules::PlanStatus status = rules::PlanStatus::kNone;
  for (const domain::PlanPeriod& p : periods) {
    if (p.start > on || (p.end && *p.end < on)) continue;
    switch (p.type) {
      case domain::PlanType::kChildProtectionPlan:
      case domain::PlanType::kUnbornChildProtectionPlan: return rules::PlanStatus::kChildProtection;
      case domain::PlanType::kLookedAfter: status = rules::PlanStatus::kLookedAfter; break;
      case domain::PlanType::kChildInNeedPlan:
        if (status == rules::PlanStatus::kNone) status = rules::PlanStatus::kChildInNeed;
        break;
    }
  }
  return status;
}

// The household the child lived in on `on` (the latest membership begun by then).
HouseholdId HouseholdOn(std::span<const domain::HouseholdMember> memberships, Date on) {
  const domain::HouseholdMember* best = nullptr;
  for (const auto& m : memberships) {
    if (m.from > on || (m.to && *m.to < on)) continue;
    if (best == nullptr || m.from > best->from) best = &m;
  }
  return best ? best->household : HouseholdId();
}

void SortUnique(std::vector<std::int64_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// Sorted and distinct.
std::vector<std::int64_t> EventIds(const std::vector<domain::AlertEvidence>& evidence) {
  std::vector<std::int64_t> ids;
  ids.reserve(evidence.size());
  for (const auto& e : evidence) ids.push_back(e.event.value);
  SortUnique(ids);
  return ids;
}

bool Contains(const std::vector<std::int64_t>& sorted, std::int64_t id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

}  // namespace

// What the rules read about people, kept between streaming evaluations: each person's
// events as the engine's input with the facts of each event's day (household, age, plan),
// the members of households, and the alerts last brought in step per rule and subject.
// It is in step with the store as of the unit of work `in_step_at`; any other unit written
// after that (a plan, a move, a merge, an acknowledgement) drops all of it.
class ConcernDetection::Inputs {
 public:
  // Bounds memory (a rule event is a few hundred bytes): past it, the next evaluation reads
  // afresh, as one without kept inputs does.
  static constexpr std::size_t kMaxEvents = 1'000'000;

  struct Person {
    std::optional<Date> date_of_birth;
    std::vector<domain::HouseholdMember> memberships;
    std::vector<domain::PlanPeriod> plans;
    // The person's events and those of people merged into them (as EventsOf reads them),
    // all as this person's: a merge is the index saying they are one child, so the rules
    // must put their signals together.
    std::vector<rules::RuleEvent> events;
  };
  using Found = std::vector<rules::Alert>;

  std::uint64_t in_step_at = 0;  // 0: nothing kept
  std::shared_ptr<const rules::RuleSet> rules;  // the set the kept alerts were found by
  // (rule id, subject key) -> the alerts found and reconciled for it last time.
  std::map<std::pair<std::string, std::string>, Found> reconciled;

  void Clear() {
    in_step_at = 0;
    rules.reset();
    reconciled.clear();
    people_.clear();
    survivors_.clear();
    read_as_.clear();
    members_.clear();
    events_ = 0;
  }
  bool TooLarge() const { return events_ > kMaxEvents; }

  // The child `id` is read as (the end of its chain of standing merges). Rules evaluate only
  // such children: a merged person's events are their survivor's, never theirs alone.
  Result<std::int64_t> ReadAs(store::Transaction& tx, std::int64_t id) {
    if (auto it = read_as_.find(id); it != read_as_.end()) return it->second;
    ASSIGN_OR_RETURN(PersonId survivor, tx.SurvivorOf(PersonId(id)));
    read_as_.emplace(id, survivor.value);
    return survivor.value;
  }

  // The person's inputs, read on first use.
  Result<const Person*> Of(store::Transaction& tx, PersonId id) {
    if (auto it = people_.find(id.value); it != people_.end()) return &it->second;
    Person p;
    ASSIGN_OR_RETURN(auto person, tx.GetPerson(id));
    p.date_of_birth = person.date_of_birth;
    ASSIGN_OR_RETURN(p.memberships, tx.MembershipsOf(id));
    ASSIGN_OR_RETURN(p.plans, tx.PlanPeriodsOf(id));
    // Everyone read as part of this person, through chains too (W -> Y -> Z: W's events are Z's).
    ASSIGN_OR_RETURN(auto absorbed, tx.AbsorbedInto(id));
    for (PersonId merged : absorbed) survivors_[merged.value].push_back(id.value);
    ASSIGN_OR_RETURN(auto events, tx.EventsOf(id, std::nullopt, std::nullopt));
    p.events.reserve(events.size());
    for (const domain::Event& e : events) {
      ASSIGN_OR_RETURN(rules::RuleEvent r, ToRuleEvent(tx, id, p, e));
      p.events.push_back(std::move(r));
    }
    events_ += p.events.size();
    return &people_.emplace(id.value, std::move(p)).first->second;
  }

  Result<const std::vector<domain::HouseholdMember>*> MembersOf(store::Transaction& tx, HouseholdId household) {
    auto it = members_.find(household.value);
    if (it == members_.end()) {
      ASSIGN_OR_RETURN(auto read, tx.MembersOf(household));
      it = members_.emplace(household.value, std::move(read)).first;
    }
    return &it->second;
  }

  // A newly stored event joins the kept events of its child and of anyone the child is merged
  // into, exactly as reading them afresh would give it. People not kept read it when needed.
  Status Add(store::Transaction& tx, const domain::Event& e) {
    auto add_to = [&](std::int64_t reader) -> Status {
      auto it = people_.find(reader);
      if (it == people_.end()) return Status::Ok();
      ASSIGN_OR_RETURN(rules::RuleEvent r, ToRuleEvent(tx, PersonId(reader), it->second, e));
      it->second.events.push_back(std::move(r));
      ++events_;
      return Status::Ok();
    };
    RETURN_IF_ERROR(add_to(e.child.value));
    if (auto it = survivors_.find(e.child.value); it != survivors_.end()) {
      for (std::int64_t survivor : it->second) RETURN_IF_ERROR(add_to(survivor));
    }
    return Status::Ok();
  }

  // Every kept event of `readers`, for the engine (no copies).
  std::vector<const rules::RuleEvent*> EventsOf(std::span<const std::int64_t> readers) const {
    std::vector<const rules::RuleEvent*> out;
    for (std::int64_t id : readers) {
      auto it = people_.find(id);
      if (it == people_.end()) continue;
      for (const rules::RuleEvent& e : it->second.events) out.push_back(&e);
    }
    return out;
  }

 private:
  // The engine's input for an event read with `reader`: the child and the facts are the
  // reader's (for an event recorded against someone merged into the reader, the survivor's).
  Result<rules::RuleEvent> ToRuleEvent(store::Transaction& tx, PersonId reader_id, const Person& reader,
                                       const domain::Event& e) {
    ASSIGN_OR_RETURN(auto agency_kind, AgencyKindOf(tx, e.agency));
    rules::ChildFacts facts;
    facts.household = HouseholdOn(reader.memberships, e.occurred_on);
    facts.date_of_birth = reader.date_of_birth;
    facts.plan = PlanOn(reader.plans, e.occurred_on);
    rules::RuleEvent r = rules::FromDomainEvent(e, agency_kind, facts);
    r.child = reader_id;
    return r;
  }
  Result<domain::AgencyKind> AgencyKindOf(store::Transaction& tx, AgencyId id) {
    if (auto it = kinds_.find(id.value); it != kinds_.end()) return it->second;
    ASSIGN_OR_RETURN(auto agency, tx.GetAgency(id));
    kinds_[id.value] = agency.kind;
    return agency.kind;
  }

  std::unordered_map<std::int64_t, Person> people_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> survivors_;  // merged -> kept survivors
  std::unordered_map<std::int64_t, std::int64_t> read_as_;  // person -> the child they are read as
  std::unordered_map<std::int64_t, std::vector<domain::HouseholdMember>> members_;
  std::unordered_map<std::int64_t, domain::AgencyKind> kinds_;  // agencies never change kind
  std::size_t events_ = 0;
};

ConcernDetection::ConcernDetection(store::Store& store, const Clock& clock, ConcernDetectionSettings settings,
                                   std::shared_ptr<const rules::RuleSet> rule_set)
    : store_(store), clock_(clock), audit_(clock), settings_(std::move(settings)), rules_(std::move(rule_set)) {
  if (!rules_) rules_ = std::make_shared<const rules::RuleSet>(rules::DefaultRuleSet());
  inputs_ = std::make_unique<Inputs>();
}

ConcernDetection::~ConcernDetection() = default;

Status ConcernDetection::LoadRules(std::string_view text, std::string_view origin) {
  auto parsed = rules::ParseRuleFile(text, origin);
  if (!parsed.ok()) return parsed.status();
  auto next = std::make_shared<const rules::RuleSet>(std::move(parsed).value());
  std::lock_guard lock(rules_mu_);
  rules_ = std::move(next);
  return Status::Ok();
}

std::shared_ptr<const rules::RuleSet> ConcernDetection::rules() const {
  std::lock_guard lock(rules_mu_);
  return rules_;
}

Result<DetectionReport> ConcernDetection::EvaluateChildren(std::span<const PersonId> children) {
  return Evaluate(children, /*all=*/false, nullptr);
}

Result<DetectionReport> ConcernDetection::EvaluateArrived(std::span<const PersonId> children,
                                                          const ArrivedEvents& arrived) {
  return Evaluate(children, /*all=*/false, &arrived);
}

Result<DetectionReport> ConcernDetection::EvaluateAll() { return Evaluate({}, /*all=*/true, nullptr); }

Result<DetectionReport> ConcernDetection::Evaluate(std::span<const PersonId> children, bool all,
                                                   const ArrivedEvents* arrived) {
  const std::shared_ptr<const rules::RuleSet> set = rules();
  std::lock_guard inputs_lock(inputs_mu_);
  Inputs& inputs = *inputs_;
  DetectionReport total;
  size_t done = 0;  // children evaluated in committed units
  bool first = true;
  do {
    DetectionReport report;
    std::uint64_t unit = 0;
    size_t next = done;
    Status s = store_.Write([&](store::Transaction& tx) -> Status {
      report = DetectionReport{};
      next = done;
      unit = tx.WriteSequence();
      bool in_step = false;
      if (first) {
        // The kept inputs hold only if the feed's unit came straight after our last one and
        // ours straight after the feed's: then the arrived events are all that changed.
        in_step = arrived != nullptr && inputs.in_step_at != 0 && inputs.rules == set &&
                  arrived->write_sequence == inputs.in_step_at + 1 && unit == arrived->write_sequence + 1;
        report.reused_inputs = in_step;
        if (in_step) {
          for (const domain::Event& e : arrived->events) RETURN_IF_ERROR(inputs.Add(tx, e));
        }
      } else {
        // A later unit of this evaluation: in step if nothing was written since our last.
        in_step = inputs.in_step_at != 0 && inputs.rules == set && unit == inputs.in_step_at + 1;
      }
      if (!in_step) inputs.Clear();
      if (all) return EvaluateSlice(tx, *set, inputs, {}, /*all=*/true, report);
      // Slice by slice, and while nobody else waits for the writer, in this one unit.
      do {
        const size_t end = std::min(next + kSliceChildren, children.size());
        RETURN_IF_ERROR(EvaluateSlice(tx, *set, inputs, children.subspan(next, end - next), /*all=*/false, report));
        next = end;
      } while (next < children.size() && !tx.OtherWritersWaiting());
      return Status::Ok();
    });
    if (!s.ok() || inputs.TooLarge()) {
      inputs.Clear();  // what it kept may not have been committed
    } else {
      inputs.in_step_at = unit;
      inputs.rules = set;
    }
    RETURN_IF_ERROR(s);
    if (first) total.reused_inputs = report.reused_inputs;
    total.children += report.children;
    total.events += report.events;
    total.alerts_found += report.alerts_found;
    total.alerts_raised += report.alerts_raised;
    total.alerts_updated += report.alerts_updated;
    total.alerts_merged += report.alerts_merged;
    done = next;
    first = false;
  } while (done < children.size());
  return total;
}

Status ConcernDetection::EvaluateSlice(store::Transaction& tx, const rules::RuleSet& set, Inputs& inputs,
                                       std::span<const PersonId> children, bool all, DetectionReport& report) {
  // Which subjects to bring in step, and whose events that needs: a household's alerts
  // need the events of every child who ever lived there.
  // Sorted vectors, not std::set: a feed batch makes thousands of these ids.
  std::vector<std::int64_t> subject_children, subject_households, readers;
  // Everyone is read as the child they are merged into, if any.
  if (all) {
    ASSIGN_OR_RETURN(auto ids, tx.ChildrenWithEvents());
    for (PersonId id : ids) {
      ASSIGN_OR_RETURN(std::int64_t reader, inputs.ReadAs(tx, id.value));
      readers.push_back(reader);
    }
  } else {
    for (PersonId child : children) {
      ASSIGN_OR_RETURN(std::int64_t subject, inputs.ReadAs(tx, child.value));
      subject_children.push_back(subject);
    }
    SortUnique(subject_children);
    readers = subject_children;
    for (std::int64_t child : subject_children) {
      ASSIGN_OR_RETURN(const Inputs::Person* person, inputs.Of(tx, PersonId(child)));
      for (const auto& m : person->memberships) subject_households.push_back(m.household.value);
    }
    SortUnique(subject_households);
    for (std::int64_t household : subject_households) {
      ASSIGN_OR_RETURN(const auto* members, inputs.MembersOf(tx, HouseholdId(household)));
      for (const auto& member : *members) {
        ASSIGN_OR_RETURN(std::int64_t reader, inputs.ReadAs(tx, member.person.value));
        readers.push_back(reader);
      }
    }
  }
  SortUnique(readers);
  for (std::int64_t id : readers) RETURN_IF_ERROR(inputs.Of(tx, PersonId(id)).status());
  const std::vector<const rules::RuleEvent*> events = inputs.EventsOf(readers);
  report.children += static_cast<std::int64_t>(readers.size());
  report.events += static_cast<std::int64_t>(events.size());
  // Streaming evaluates only the subjects it brings in step: the household members read
  // for their households' rules are not evaluated under the child rules (their alerts
  // would be left out below anyway).
  const std::vector<rules::Alert> found =
      all ? rules::Evaluate(set, events, clock_.Today())
          : rules::Evaluate(set, events, clock_.Today(), rules::Subjects{subject_children, subject_households});
  // Found alerts come grouped by rule and subject. A subject whose alerts are exactly those
  // brought in step last time needs nothing: reconciling them again changes nothing.
  for (size_t i = 0; i < found.size();) {
    const rules::Alert& a = found[i];
    const bool in_scope =
        all || (a.scope == rules::Scope::kChild
                    ? std::binary_search(subject_children.begin(), subject_children.end(), a.child.value)
                    : std::binary_search(subject_households.begin(), subject_households.end(), a.household.value));
    std::pair<std::string, std::string> key(a.rule_id, a.SubjectKey());
    size_t end = i + 1;
    while (end < found.size() && found[end].rule_id == key.first && found[end].SubjectKey() == key.second) ++end;
    if (in_scope) {
      const auto first = found.begin() + static_cast<std::ptrdiff_t>(i);
      const auto last = found.begin() + static_cast<std::ptrdiff_t>(end);
      report.alerts_found += static_cast<std::int64_t>(end - i);
      auto kept = inputs.reconciled.find(key);
      if (kept == inputs.reconciled.end() || !std::equal(kept->second.begin(), kept->second.end(), first, last)) {
        for (auto one = first; one != last; ++one) RETURN_IF_ERROR(Reconcile(tx, set, *one, report));
        inputs.reconciled[std::move(key)] = Inputs::Found(first, last);
      }
    }
    i = end;
  }
  return Status::Ok();
}

Status ConcernDetection::Reconcile(store::Transaction& tx, const rules::RuleSet& set, const rules::Alert& found,
                                   DetectionReport& report) {
  const rules::Rule* rule = set.Find(found.rule_id);
  if (rule == nullptr) return Internal("rule " + found.rule_id + " is not in the rule set");
  const UnixSeconds now = clock_.Now();

  ConcernAlert fresh;
  fresh.rule_id = rule->id;
  fresh.rule_title = rule->title;
  fresh.subject_key = found.SubjectKey();
  fresh.child = found.child;
  fresh.household = found.household;
  fresh.severity = found.severity;
  fresh.explanation = found.Explanation(*rule);
  fresh.suggested_action = rule->action;
  for (const rules::Evidence& e : found.evidence) {
    fresh.evidence.push_back({e.event, e.child, e.agency, std::string(domain::ToString(e.agency_kind)),
                              std::string(e.kind), e.occurred_on});
  }
  fresh.first_on = found.first_on();
  fresh.last_on = found.last_on();

  ASSIGN_OR_RETURN(auto stored, tx.AlertsOfSubject(fresh.rule_id, fresh.subject_key));
  // Alerts raised about someone before they were merged into this child are about this child
  // now: the fresh alert absorbs those it overlaps instead of standing beside them. The
  // subject's own alerts come first, so one of them carries on when it can.
  if (found.scope == rules::Scope::kChild) {
    ASSIGN_OR_RETURN(auto absorbed, tx.AbsorbedInto(found.child));
    for (PersonId merged : absorbed) {
      ASSIGN_OR_RETURN(auto theirs, tx.AlertsOfSubject(fresh.rule_id, "child:" + merged.ToString()));
      for (ConcernAlert& a : theirs) stored.push_back(std::move(a));
    }
  }
  const std::vector<std::int64_t> fresh_ids = EventIds(fresh.evidence);
  std::vector<ConcernAlert*> overlapping;
  for (ConcernAlert& s : stored) {
    if (s.status == AlertStatus::kMerged) continue;
    for (const auto& e : s.evidence) {
      if (Contains(fresh_ids, e.event.value)) {
        overlapping.push_back(&s);
        break;
      }
    }
  }

  auto audit = [&](const ConcernAlert& a, const char* action, const std::string& detail) -> Status {
    std::vector<domain::AuditEntry> entries;
    for (PersonId child : a.Children()) {
      domain::AuditEntry e = EntryBy(nullptr, action, AlertResource(a.id));
      e.child = child;
      e.detail = a.rule_id + ": " + detail;
      entries.push_back(std::move(e));
    }
    return audit_.AppendAll(tx, std::move(entries));
  };

  // A bridging event joined runs that were separate alerts, or a merge joined two children's:
  // one carries on, the others are merged into it.
  auto merge_into = [&](ConcernAlert& other, const ConcernAlert& primary) -> Status {
    other.status = AlertStatus::kMerged;
    other.merged_into = primary.id;
    other.updated_at = now;
    RETURN_IF_ERROR(tx.UpdateAlert(other));
    ++report.alerts_merged;
    return audit(other, "merge_alert", "merged into alert " + primary.id.ToString());
  };

  if (overlapping.empty() || overlapping.front()->subject_key != fresh.subject_key) {
    fresh.raised_at = fresh.updated_at = now;
    RETURN_IF_ERROR(Route(tx, set, *rule, fresh));
    RETURN_IF_ERROR(domain::Validate(fresh));
    ASSIGN_OR_RETURN(fresh.id, tx.InsertAlert(fresh));
    ++report.alerts_raised;
    RETURN_IF_ERROR(audit(fresh, "raise_alert", fresh.explanation));
    for (ConcernAlert* other : overlapping) RETURN_IF_ERROR(merge_into(*other, fresh));
    return Status::Ok();
  }

  ConcernAlert& primary = *overlapping.front();
  const std::vector<std::int64_t> old_ids = EventIds(primary.evidence);
  const bool grew = std::any_of(fresh_ids.begin(), fresh_ids.end(), [&](std::int64_t id) { return !Contains(old_ids, id); });
  if (fresh_ids != old_ids || fresh.severity != primary.severity || overlapping.size() > 1) {
    primary.evidence = fresh.evidence;
    primary.severity = fresh.severity;
    primary.explanation = fresh.explanation;
    primary.rule_title = fresh.rule_title;
    primary.suggested_action = fresh.suggested_action;
    primary.first_on = fresh.first_on;
    primary.last_on = fresh.last_on;
    primary.household = fresh.household;
    primary.updated_at = now;
    // New information reopens an acknowledged alert: its holder must look again.
    if (grew && primary.status == AlertStatus::kAcknowledged) {
      primary.status = AlertStatus::kOpen;
      primary.acknowledged_action.clear();
      primary.acknowledged_by = UserId();
      primary.acknowledged_by_name.clear();
      primary.acknowledged_at = 0;
      primary.raised_at = now;
      RETURN_IF_ERROR(Route(tx, set, *rule, primary));
    }
    RETURN_IF_ERROR(domain::Validate(primary));
    RETURN_IF_ERROR(tx.UpdateAlert(primary));
    ++report.alerts_updated;
    RETURN_IF_ERROR(audit(primary, "update_alert", primary.explanation));
  }
  for (size_t i = 1; i < overlapping.size(); ++i) RETURN_IF_ERROR(merge_into(*overlapping[i], primary));
  return Status::Ok();
}

}  // namespace safehub::app
