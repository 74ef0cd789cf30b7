// Reading and recording a child's information. Every call checks the caller's legitimate
// relationship to the child (an involvement in scope, or an all-scope role), requires a
// stated reason when access rests on a wide scope, and audits the access, allowed or
// denied, before any data is returned. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "app/child_record_cache.h"
#include "common/clock.h"
#include "domain/access.h"
#include "domain/alert.h"
#include "domain/sharing.h"
#include "store/store.h"

namespace safehub::app {

// How an involvement is shown: a sensitive service is shown only as "a sensitive service
// is involved, contact through <team>" to anyone outside the providing team.
struct InvolvementView {
  domain::Involvement involvement;
  std::string team_name;
  AgencyId agency;  // the team's: where a reallocation may take the case
  std::string agency_name;
  domain::AgencyKind agency_kind = domain::AgencyKind::kOther;
  std::string practitioner_name;
  std::string contact_phone;
  bool masked = false;
};

// Whether the caller asks to see a shielded child's hidden details (child protection duties
// only; needs a reason; opens a misuse review item and lasts for this one view).
enum class ShieldOverride { kNo, kYes };

struct ChildRecord {
  domain::Person person;
  domain::AccessBasis basis = domain::AccessBasis::kNone;
  bool shielded_view = false;      // hidden fields withheld: contact through the teams listed
  bool shield_overridden = false;  // hidden fields shown under an override: warn the user
  PersonId merged_into;  // set when a reviewer merged this person into another: read that one
  std::vector<InvolvementView> involvements;
  std::vector<HouseholdView> households;
  std::vector<RelationshipView> relationships;
};

struct ChildSearchResult {
  std::vector<domain::Person> people;  // only those the caller may open
  int hidden = 0;                      // matches outside the caller's scope (count only)
};

class ChildRecords {
 public:
  ChildRecords(store::Store& store, const Clock& clock) : store_(store), clock_(clock), audit_(clock) {}

  // Errors: kNotFound (no such child), kPermissionDenied (no legitimate relationship, or a
  // reason is required and missing; field "reason").
  // A shielded child is shown without hidden fields to anyone whose access does not rest
  // on their own or their team's involvement, unless they override; a refused override is
  // kPermissionDenied naming the field "override_shielding".
  Result<ChildRecord> GetChild(const AuthContext& caller, PersonId child, const std::string& reason,
                               ShieldOverride shield_override = ShieldOverride::kNo);
  // Events of a shielded child are refused (kPermissionDenied, field "shielding") to the
  // same people, unless they override.
  Result<std::vector<domain::Event>> ListEvents(const AuthContext& caller, PersonId child,
                                                const std::string& reason, std::optional<Date> from,
                                                std::optional<Date> to,
                                                ShieldOverride shield_override = ShieldOverride::kNo);
  // Cumulative-concern alerts about the child (its own and its household's), newest first,
  // under the same access rule, shielding and audit as its events.
  Result<std::vector<domain::ConcernAlert>> ListAlerts(const AuthContext& caller, PersonId child,
                                                       const std::string& reason);
  // Marks a child shielded (refuge, MARAC) or unshielded. Only someone whose access rests on
  // their own or their team's involvement, or a safeguarding lead, may change it.
  Status SetShielding(const AuthContext& caller, PersonId child, domain::Shielding shielding);
  // Records a decision to share or not to share, from the caller's agency, with its basis;
  // refused (kInvalidArgument) when the basis does not allow it (domain::Validate).
  Result<domain::SharingDecisionId> RecordSharingDecision(const AuthContext& caller,
                                                          domain::SharingDecision decision);
  Result<std::vector<domain::SharingDecision>> ListSharingDecisions(const AuthContext& caller, PersonId child,
                                                                    const std::string& reason);
  // Children matching the query that the caller may open; audited as a search.
  Result<ChildSearchResult> Search(const AuthContext& caller, const store::PersonQuery& query);
  // What audited reads keep of the children they read (tests and benches read its counts).
  const ChildRecordCache& cache() const { return cache_; }

  // Records a new child (or unborn child) and the caller's involvement with them, which is
  // the legitimate relationship that lets the caller read the record afterwards.
  // kInvalidArgument listing every violation.
  Result<PersonId> CreateChild(const AuthContext& caller, domain::Person person, const std::string& service);
  // Records an event from the caller's agency. kAlreadyExists when the agency's
  // source_reference was already recorded (re-sending is harmless).
  Result<EventId> RecordEvent(const AuthContext& caller, domain::Event event);
  Result<InvolvementId> RecordInvolvement(const AuthContext& caller, domain::Involvement involvement);
  // Ends one of the child's involvements on `ended_on` (not after today): the practitioner
  // named on it, or a manager whose scope covers its team (involvement_changes.cc).
  // `reason`: as for reading the record when the caller's access rests on a wide scope.
  // kNotFound: no such involvement of this child; kFailedPrecondition: already ended;
  // kPermissionDenied (audited); kInvalidArgument naming the field.
  Status EndInvolvement(const AuthContext& caller, PersonId child, InvolvementId id, Date ended_on,
                        const std::string& reason);
  // A manager hands the involvement to another practitioner of the same agency from `on`
  // (not after today): the old one ends that day and a new one, with the same service and
  // role, starts it with the practitioner's team. Only a manager whose scope covers its team.
  // Errors as EndInvolvement; a practitioner of another agency is kInvalidArgument
  // (practitioner_id). Returns the new involvement.
  Result<InvolvementId> ReallocateInvolvement(const AuthContext& caller, PersonId child, InvolvementId id,
                                              PractitionerId to, Date on, const std::string& reason);

 private:
  // Decides access inside the transaction: the basis, or kNotFound / kPermissionDenied.
  Result<domain::AccessBasis> Authorise(store::Transaction& tx, const AuthContext& caller, PersonId child,
                                        const std::string& reason);
  // How a shielded child is shown to this caller: in full (not shielded, or the caller's own
  // or team's involvement), redacted, or under an override (checked: role and reason).
  // kPermissionDenied for a refused override.
  enum class ShieldView { kFull, kRedacted, kOverridden };
  Result<ShieldView> DecideShieldView(const AuthContext& caller, const domain::Person& child,
                                      domain::AccessBasis basis, const std::string& reason,
                                      ShieldOverride shield_override) const;
  // One change to one of the child's involvements, in one unit of work: authorises access to
  // the child, finds the involvement, checks the caller may change it (a manager covering its
  // team, or with `named_may` the practitioner named on it), runs `change` (which returns the
  // audit detail) and audits it; a refusal is audited and changes nothing.
  Status ChangeInvolvement(const AuthContext& caller, PersonId child, InvolvementId id, const std::string& action,
                           const std::string& reason, bool named_may,
                           const std::function<Result<std::string>(store::Transaction&, const domain::Involvement&,
                                                                   const domain::Team&)>& change);
  // Opens a misuse review item and audits the override, in one unit of work.
  Status RecordShieldOverride(const AuthContext& caller, PersonId child, const std::string& reason,
                              const std::string& resource);
  // The audited read: authorises and reads on a snapshot (readers run in parallel), then
  // appends the audit entry, allowed or denied; the data is returned only once its entry
  // has committed.
  // `read` is given the child's facts on the same snapshot (kept between reads: cache_).
  template <typename T>
  Result<T> AuditedRead(const AuthContext& caller, PersonId child, const std::string& reason,
                        const std::string& action, const std::string& resource,
                        const std::function<Result<T>(store::Transaction&, domain::AccessBasis,
                                                      const ChildSnapshot&)>& read,
                        const std::function<std::string(const T&)>& detail);
  // The audited write: authorise, write and audit in one unit of work; a refusal is
  // audited in that same unit and nothing else is written.
  template <typename T>
  Result<T> AuditedWrite(const AuthContext& caller, PersonId child, const std::string& action,
                         const std::string& resource,
                         const std::function<Result<T>(store::Transaction&)>& write,
                         const std::function<std::string(const T&)>& detail);
  Status Audit(store::Transaction& tx, const AuthContext& caller, const std::string& action,
               const std::string& resource, PersonId child, const std::string& reason,
               domain::AccessBasis basis, domain::AuditOutcome outcome, const std::string& detail);

  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  ChildRecordCache cache_;
};

}  // namespace safehub::app
