#include "app/child_records.h"

#include <map>

#include <set>

#include "app/child_access.h"
#include "domain/event.h"
#include "domain/involvement.h"
#include "domain/person.h"
#include "store/deferred_commits.h"

namespace safehub::app {

using domain::AccessBasis;
using domain::SharingDecisionId;
using domain::AuditOutcome;

namespace {

std::string ChildResource(PersonId child, const char* tail = "") {
  return "/api/v1/children/" + child.ToString() + tail;
}

// Shielding (ContactPoint): without an involvement, only the visible fields of a shielded
// person are shown; identifiers, addresses, services and family stay hidden.
void RedactShielded(domain::Person& p) {
  p.nhs_number.clear();
  p.upn.clear();
  p.ethnicity.clear();
  p.mother = PersonId();
}

}  // namespace

Result<ChildRecords::ShieldView> ChildRecords::DecideShieldView(const AuthContext& caller, const domain::Person& child,
                                                                AccessBasis basis, const std::string& reason,
                                                                ShieldOverride shield_override) const {
  const bool involved = IsInvolved(basis);
  if (!child.IsShielded() || involved) return ShieldView::kFull;
  if (shield_override == ShieldOverride::kNo) return ShieldView::kRedacted;
  // Only a user with child protection duties may override, with a reason, for this view.
  if (caller.principal.role != domain::Role::kSafeguardingLead) {
    return Status(StatusCode::kPermissionDenied, "only a safeguarding lead may override shielding",
                  "override_shielding");
  }
  if (reason.empty()) {
    return Status(StatusCode::kPermissionDenied, "state a reason to override shielding", "reason");
  }
  return ShieldView::kOverridden;
}

namespace {
constexpr std::int64_t kOverrideViewSeconds = 15 * 60;  // one sitting with the child's page
}  // namespace

Status ChildRecords::RecordShieldOverride(const AuthContext& caller, PersonId child, const std::string& reason,
                                          const std::string& resource) {
  return store_.Write([&](store::Transaction& tx) -> Status {
    domain::MisuseReview review;
    review.user = caller.principal.user;
    review.username = caller.principal.username;
    review.child = child;
    review.reason = reason.substr(0, kMaxStatedReasonLength);
    review.opened_at = clock_.Now();
    // One view of a child reads several resources (record, chronology, alerts): overrides by
    // the same person, of the same child, for the same reason, within minutes of each other
    // are one item for the reviewer. Every read is still audited on its own.
    ASSIGN_OR_RETURN(auto open, tx.ListMisuseReviews(store::ReviewSelection::kOpenOnly));
    for (const auto& r : open) {
      if (r.user == review.user && r.child == child && r.reason == review.reason &&
          review.opened_at - r.opened_at <= kOverrideViewSeconds && review.opened_at >= r.opened_at) {
        return Audit(tx, caller, "override_shielding", resource, child, reason, AccessBasis::kNone,
                     AuditOutcome::kAllowed, "part of misuse review " + r.id.ToString());
      }
    }
    ASSIGN_OR_RETURN(auto id, tx.InsertMisuseReview(review));
    return Audit(tx, caller, "override_shielding", resource, child, reason, AccessBasis::kNone,
                 AuditOutcome::kAllowed, "misuse review " + id.ToString() + " opened");
  });
}

Status ChildRecords::Audit(store::Transaction& tx, const AuthContext& caller, const std::string& action,
                           const std::string& resource, PersonId child, const std::string& reason,
                           AccessBasis basis, AuditOutcome outcome, const std::string& detail) {
  return audit_.Append(tx, ChildAccessEntry(caller, action, resource, child, reason, basis, outcome, detail));
}

Result<AccessBasis> ChildRecords::Authorise(store::Transaction& tx, const AuthContext& caller, PersonId child,
                                            const std::string& reason) {
  return AuthoriseChildAccess(tx, caller, child, reason, clock_.Today());
}

template <typename T>
Result<T> ChildRecords::AuditedRead(const AuthContext& caller, PersonId child, const std::string& reason,
                                    const std::string& action, const std::string& resource,
                                    const std::function<Result<T>(store::Transaction&, AccessBasis,
                                                                  const ChildSnapshot&)>& read,
                                    const std::function<std::string(const T&)>& detail) {
  std::optional<T> value;
  AccessBasis basis = AccessBasis::kNone;
  Status refusal;
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto snapshot = cache_.Facts(tx, child, clock_.Today());
    if (!snapshot.ok()) {
      refusal = snapshot.status();  // kNotFound: no such child
      return Status::Ok();
    }
    auto decided = AuthoriseChildAccess(caller, child, reason, snapshot->facts->reach);
    if (!decided.ok()) {
      refusal = decided.status();
      return Status::Ok();
    }
    basis = *decided;
    auto data = read(tx, basis, *snapshot);
    if (!data.ok()) {
      // A refusal found while reading (a shielded child) is audited like any other.
      if (data.status().code() != StatusCode::kPermissionDenied) return data.status();
      refusal = data.status();
      return Status::Ok();
    }
    value = std::move(data).value();
    return Status::Ok();
  }));
  if (!refusal.ok() && refusal.code() != StatusCode::kPermissionDenied) return refusal;
  // The entry is written before anything leaves: where the caller can wait for the commit
  // without a thread (the HTTP server), the answer is held until it is durable.
  const bool allowed = value.has_value();
  RETURN_IF_ERROR(store::DeferredCommits::WriteOwned(
      store_, [this, caller, action, resource, child, reason, allowed, basis,
               detail_text = allowed ? detail(*value) : refusal.message()](store::Transaction& tx) {
        return allowed ? Audit(tx, caller, action, resource, child, reason, basis, AuditOutcome::kAllowed, detail_text)
                       : Audit(tx, caller, action, resource, child, reason, AccessBasis::kNone, AuditOutcome::kDenied,
                               detail_text);
      }));
  if (!value) return refusal;
  return std::move(*value);
}

template <typename T>
Result<T> ChildRecords::AuditedWrite(const AuthContext& caller, PersonId child, const std::string& action,
                                     const std::string& resource,
                                     const std::function<Result<T>(store::Transaction&)>& write,
                                     const std::function<std::string(const T&)>& detail) {
  std::optional<T> value;
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    auto basis = Authorise(tx, caller, child, "");
    if (!basis.ok()) {
      refusal = basis.status();
      if (refusal.code() != StatusCode::kPermissionDenied) return Status::Ok();
      return Audit(tx, caller, action, resource, child, "", AccessBasis::kNone, AuditOutcome::kDenied,
                   refusal.message());
    }
    ASSIGN_OR_RETURN(T written, write(tx));
    RETURN_IF_ERROR(Audit(tx, caller, action, resource, child, "", *basis, AuditOutcome::kAllowed, detail(written)));
    value = std::move(written);
    return Status::Ok();
  }));
  if (!value) return refusal;
  return std::move(*value);
}

Result<ChildRecord> ChildRecords::GetChild(const AuthContext& caller, PersonId child, const std::string& reason,
                                           ShieldOverride shield_override) {
  bool overridden = false;
  auto record = AuditedRead<ChildRecord>(
      caller, child, reason, "read_child", ChildResource(child),
      [&](store::Transaction& tx, AccessBasis basis, const ChildSnapshot& snapshot) -> Result<ChildRecord> {
        ChildRecord record;
        record.basis = basis;
        record.person = snapshot.facts->person;
        ASSIGN_OR_RETURN(auto family, cache_.Family(tx, child, snapshot));
        // A merged person's own rows are only part of the child: point at the whole record.
        if (family->survivor != child) record.merged_into = family->survivor;
        ASSIGN_OR_RETURN(ShieldView view, DecideShieldView(caller, record.person, basis, reason, shield_override));
        if (view == ShieldView::kRedacted) {
          // Who to contact, nothing else: team, agency and office number of each involvement.
          record.shielded_view = true;
          RedactShielded(record.person);
          for (const auto& [i, team, agency, practitioner] : family->involvements) {
            if (!i.IsActiveOn(clock_.Today())) continue;
            InvolvementView contact;
            contact.involvement.id = i.id;
            contact.involvement.team = i.team;
            contact.involvement.started_on = i.started_on;
            contact.involvement.service = "contact through this team";
            contact.masked = true;
            contact.team_name = team.name;
            contact.agency = agency.id;
            contact.agency_name = agency.name;
            contact.agency_kind = agency.kind;
            contact.contact_phone = team.office_phone;
            record.involvements.push_back(std::move(contact));
          }
          return record;
        }
        record.shield_overridden = overridden = view == ShieldView::kOverridden;
        for (const auto& d : family->involvements) {
          const domain::Involvement& i = d.involvement;
          InvolvementView view;
          view.involvement = i;
          view.team_name = d.team.name;
          view.agency = d.agency.id;
          view.agency_name = d.agency.name;
          view.agency_kind = d.agency.kind;
          view.contact_phone = d.team.office_phone;
          view.practitioner_name = d.practitioner_name;
          // Sensitive services: contact through the providing team only, nothing else shown.
          if (i.sensitive_service != domain::SensitiveService::kNone && caller.principal.team != i.team) {
            view.masked = true;
            view.involvement.service = "a sensitive service is involved";
            view.involvement.role.clear();
            view.practitioner_name.clear();
            view.involvement.practitioner = PractitionerId();
          }
          record.involvements.push_back(std::move(view));
        }
        record.households = family->households;
        record.relationships = family->relationships;
        return record;
      },
      [](const ChildRecord& r) {
        return r.shielded_view ? std::string("shielded view") : r.shield_overridden ? "shielding overridden" : "";
      });
  if (record.ok() && overridden) RETURN_IF_ERROR(RecordShieldOverride(caller, child, reason, ChildResource(child)));
  return record;
}

Result<std::vector<domain::Event>> ChildRecords::ListEvents(const AuthContext& caller, PersonId child,
                                                            const std::string& reason, std::optional<Date> from,
                                                            std::optional<Date> to, ShieldOverride shield_override) {
  using Events = std::vector<domain::Event>;
  bool overridden = false;
  auto events = AuditedRead<Events>(
      caller, child, reason, "read_events", ChildResource(child, "/events"),
      [&](store::Transaction& tx, AccessBasis basis, const ChildSnapshot& snapshot) -> Result<Events> {
        ASSIGN_OR_RETURN(ShieldView view,
                         DecideShieldView(caller, snapshot.facts->person, basis, reason, shield_override));
        if (view == ShieldView::kRedacted) {
          return Status(StatusCode::kPermissionDenied,
                        "child " + child.ToString() + " is shielded: contact through the teams on the child's record",
                        "shielding");
        }
        overridden = view == ShieldView::kOverridden;
        return tx.EventsOf(child, from, to);
      },
      [](const Events& events) { return std::to_string(events.size()) + " events"; });
  if (events.ok() && overridden) {
    RETURN_IF_ERROR(RecordShieldOverride(caller, child, reason, ChildResource(child, "/events")));
  }
  return events;
}

Result<std::vector<domain::ConcernAlert>> ChildRecords::ListAlerts(const AuthContext& caller, PersonId child,
                                                                   const std::string& reason) {
  using Alerts = std::vector<domain::ConcernAlert>;
  return AuditedRead<Alerts>(
      caller, child, reason, "read_alerts", ChildResource(child, "/alerts"),
      [&](store::Transaction& tx, AccessBasis basis, const ChildSnapshot& snapshot) -> Result<Alerts> {
        // Alerts list the child's events, so a shielded child's are refused as its events are.
        ASSIGN_OR_RETURN(ShieldView view,
                         DecideShieldView(caller, snapshot.facts->person, basis, reason, ShieldOverride::kNo));
        if (view == ShieldView::kRedacted) {
          return Status(StatusCode::kPermissionDenied,
                        "child " + child.ToString() + " is shielded: contact through the teams on the child's record",
                        "shielding");
        }
        ASSIGN_OR_RETURN(Alerts alerts, tx.AlertsAboutChild(child));
        // A household alert also rests on siblings' events; access to this child is not
        // access to theirs, so only this child's events are listed (the explanation keeps
        // the counts).
        for (domain::ConcernAlert& a : alerts) {
          std::erase_if(a.evidence, [&](const domain::AlertEvidence& e) { return e.child != child; });
        }
        return alerts;
      },
      [](const Alerts& alerts) { return std::to_string(alerts.size()) + " alerts"; });
}

Status ChildRecords::SetShielding(const AuthContext& caller, PersonId child, domain::Shielding shielding) {
  return AuditedWrite<bool>(
             caller, child, "set_shielding", ChildResource(child, "/shielding"),
             [&](store::Transaction& tx) -> Result<bool> {
               ASSIGN_OR_RETURN(auto reach, ChildReachOf(tx, child, clock_.Today()));
               const AccessBasis basis = domain::DecideChildAccess(caller.principal, reach);
               const bool involved = IsInvolved(basis);
               if (!involved && caller.principal.role != domain::Role::kSafeguardingLead) {
                 return Status(StatusCode::kPermissionDenied,
                               "only a practitioner working with the child or a safeguarding lead may change shielding",
                               "shielding");
               }
               ASSIGN_OR_RETURN(auto person, tx.GetPerson(child));
               person.shielding = shielding;
               RETURN_IF_ERROR(tx.UpdatePerson(person));
               return true;
             },
             [&](const bool&) { return "shielding " + std::string(domain::ToString(shielding)); })
      .status();
}

Result<SharingDecisionId> ChildRecords::RecordSharingDecision(const AuthContext& caller,
                                                              domain::SharingDecision decision) {
  if (!caller.principal.agency.valid()) {
    return PermissionDenied("only a practitioner in an agency can record a sharing decision");
  }
  decision.from_agency = caller.principal.agency;
  decision.decided_by = caller.principal.practitioner;
  decision.decided_at = clock_.Now();
  // Rule 4: the decision and its basis are recorded whether or not anything is shared;
  // a share without a basis that allows it is refused here.
  RETURN_IF_ERROR(domain::Validate(decision));
  return AuditedWrite<SharingDecisionId>(
      caller, decision.child, "record_sharing_decision", ChildResource(decision.child, "/sharing-decisions"),
      [&](store::Transaction& tx) { return tx.InsertSharingDecision(decision); },
      [&](const SharingDecisionId& id) {
        return "decision " + id.ToString() + ": " + std::string(domain::ToString(decision.outcome)) + " with agency " +
               decision.to_agency.ToString() + " on basis " + std::string(domain::ToString(decision.basis));
      });
}

Result<std::vector<domain::SharingDecision>> ChildRecords::ListSharingDecisions(const AuthContext& caller,
                                                                                PersonId child,
                                                                                const std::string& reason) {
  using Decisions = std::vector<domain::SharingDecision>;
  return AuditedRead<Decisions>(
      caller, child, reason, "read_sharing_decisions", ChildResource(child, "/sharing-decisions"),
      [&](store::Transaction& tx, AccessBasis, const ChildSnapshot&) -> Result<Decisions> {
        return tx.SharingDecisionsOf(child);
      },
      [](const Decisions& d) { return std::to_string(d.size()) + " decisions"; });
}

Result<ChildSearchResult> ChildRecords::Search(const AuthContext& caller, const store::PersonQuery& query) {
  if (!domain::RoleReadsChildren(caller.principal.role)) {
    return PermissionDenied("your role does not search children's records");
  }
  ChildSearchResult result;
  const Date today = clock_.Today();
  RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    // Page through matches until a screenful of children the caller may open is found (adults
    // and children outside scope are skipped), scanning at most kMaxScanned people.
    constexpr int kMaxScanned = 1000;
    const int wanted = std::max(1, query.limit);
    store::PersonQuery page = query;
    page.limit = 100;
    std::set<std::int64_t> listed;
    for (page.offset = query.offset; page.offset < query.offset + kMaxScanned; page.offset += page.limit) {
      ASSIGN_OR_RETURN(auto people, tx.FindPeople(page));
      for (auto& p : people) {
        if (p.kind == domain::PersonKind::kAdult) continue;
        // A person merged into another is found as that child, once (store/link_review_repository.h).
        ASSIGN_OR_RETURN(auto child, ChildFoundAs(tx, p, page));
        if (!child) continue;
        p = std::move(*child);
        if (!listed.insert(p.id.value).second) continue;
        ASSIGN_OR_RETURN(auto reach, ChildReachOf(tx, p.id, today));
        const AccessBasis basis = domain::DecideChildAccess(caller.principal, reach);
        if (basis == AccessBasis::kNone) {
          ++result.hidden;
          continue;
        }
        if (static_cast<int>(result.people.size()) >= wanted) continue;  // counted, not shown
        if (p.IsShielded() && basis != AccessBasis::kOwnInvolvement && basis != AccessBasis::kTeamInvolvement) {
          RedactShielded(p);
        }
        result.people.push_back(std::move(p));
      }
      if (static_cast<int>(people.size()) < page.limit || static_cast<int>(result.people.size()) >= wanted) break;
    }
    return Status::Ok();
  }));
  // The criteria are personal data too; record which kinds were used, not their values.
  std::string detail = std::to_string(result.people.size()) + " shown, " + std::to_string(result.hidden) +
                       " outside scope; by";
  if (!query.name_contains.empty()) detail += " name";
  if (query.date_of_birth) detail += " date_of_birth";
  if (!query.nhs_number.empty()) detail += " nhs_number";
  if (!query.upn.empty()) detail += " upn";
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return Audit(tx, caller, "search_children", "/api/v1/children", PersonId(), "", AccessBasis::kNone,
                 AuditOutcome::kAllowed, detail);
  }));
  return result;
}

Result<PersonId> ChildRecords::CreateChild(const AuthContext& caller, domain::Person person,
                                           const std::string& service) {
  if (!domain::RoleReadsChildren(caller.principal.role) || !caller.principal.practitioner.valid()) {
    return PermissionDenied("only a practitioner in a team can record a child");
  }
  if (person.kind == domain::PersonKind::kAdult) {
    return InvalidArgument("record adults through their household, not as children", "kind");
  }
  const Date today = clock_.Today();
  RETURN_IF_ERROR(domain::Validate(person, today));
  if (service.empty()) return InvalidArgument("service is required: what your team does with this child", "service");
  PersonId id;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (person.mother.valid()) {
      ASSIGN_OR_RETURN(auto mother, tx.GetPerson(person.mother));
      (void)mother;
    }
    ASSIGN_OR_RETURN(id, tx.InsertPerson(person));
    domain::Involvement involvement;
    involvement.child = id;
    involvement.team = caller.principal.team;
    involvement.practitioner = caller.principal.practitioner;
    involvement.service = service;
    involvement.role = "recorded the child";
    involvement.started_on = today;
    RETURN_IF_ERROR(domain::Validate(involvement, today));
    RETURN_IF_ERROR(tx.InsertInvolvement(involvement));
    return Audit(tx, caller, "create_child", ChildResource(id), id, "", AccessBasis::kOwnInvolvement,
                 AuditOutcome::kAllowed, "");
  }));
  return id;
}

Result<EventId> ChildRecords::RecordEvent(const AuthContext& caller, domain::Event event) {
  if (!caller.principal.agency.valid()) return PermissionDenied("only a practitioner in an agency can record events");
  event.agency = caller.principal.agency;
  event.recorded_by = caller.principal.practitioner;
  event.recorded_at = clock_.Now();
  RETURN_IF_ERROR(domain::Validate(event, clock_.Today()));
  return AuditedWrite<EventId>(
      caller, event.child, "create_event", ChildResource(event.child, "/events"),
      [&](store::Transaction& tx) { return tx.InsertEvent(event); },
      [&](const EventId& id) { return "event " + id.ToString() + " " + event.kind; });
}

Result<InvolvementId> ChildRecords::RecordInvolvement(const AuthContext& caller, domain::Involvement involvement) {
  RETURN_IF_ERROR(domain::Validate(involvement, clock_.Today()));
  return AuditedWrite<InvolvementId>(
      caller, involvement.child, "create_involvement", ChildResource(involvement.child, "/involvements"),
      [&](store::Transaction& tx) { return tx.InsertInvolvement(involvement); },
      [](const InvolvementId& id) { return "involvement " + id.ToString(); });
}

}  // namespace safehub::app
