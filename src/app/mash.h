// The MASH front door as a use case. Hub staff (practitioners of the designated MASH team)
// record contacts, ask agencies to check their own records, rate contacts red, amber or
// green (managers and safeguarding leads), and decide them. An agency's answer stays inside
// the hub until that agency releases it. A rating starts a clock in working hours; open
// contacts past their clock are shown as escalated. Every step is audited. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/audit_trail.h"
#include "app/auth_service.h"
#include "domain/calendar/working_day_calendar.h"
#include "domain/mash.h"
#include "store/store.h"

namespace safehub::app {

struct MashSettings {
  TeamId hub_team;  // whose members work inside the hub
  domain::RagClock clock;
  // England and Wales bank holidays are not working days for the hub's clocks either.
  domain::WorkingDayRule is_working_day = [](Date d) {
    return domain::WorkingDayCalendar::EnglandAndWales().IsWorkingDay(d);
  };
};

struct ContactInQueue {
  domain::MashContact contact;
  std::string child_name;             // who the contact is about: name and date of birth only
  std::optional<Date> child_date_of_birth;
  std::vector<domain::AgencyCheck> checks;
  bool escalated = false;            // open past its clock
  std::int64_t seconds_left = 0;     // negative when overdue; 0 when not yet rated
};

struct CheckToAnswer {
  domain::AgencyCheck check;
  std::string child_name;             // who to look up: name and date of birth only
  std::optional<Date> child_date_of_birth;
};

// An agency's answer after its release, as the child's record shows it.
struct ReleasedCheck {
  domain::AgencyCheck check;
  std::string agency_name;
  std::string released_by_name;   // display name of the user who released it
  UnixSeconds contact_received_at = 0;
};

// A child found by the hub's area-wide search: only what is needed to start a contact.
struct AreaSearchHit {
  PersonId child;
  std::string name;
  std::optional<Date> date_of_birth;
};

struct AreaSearchResult {
  std::vector<AreaSearchHit> children;
  bool more = false;  // more matched than shown: narrow the search
};

class Mash {
 public:
  Mash(store::Store& store, const Clock& clock, MashSettings settings)
      : store_(store), clock_(clock), audit_(clock), settings_(std::move(settings)) {}

  Result<domain::MashContactId> RecordContact(const AuthContext& caller, domain::MashContact contact);
  // One check per agency; kFailedPrecondition once the contact is decided.
  Result<std::vector<domain::AgencyCheckId>> RequestChecks(const AuthContext& caller, domain::MashContactId contact,
                                                           const std::vector<AgencyId>& agencies);
  // The owning agency answers, then (separately) releases its answer beyond the hub.
  Status AnswerCheck(const AuthContext& caller, domain::AgencyCheckId check, const std::string& findings);
  Status ReleaseCheck(const AuthContext& caller, domain::AgencyCheckId check);
  // A manager or safeguarding lead in the hub rates the contact; the clock starts now.
  Result<domain::MashContact> Rate(const AuthContext& caller, domain::MashContactId contact, domain::RagRating rating);
  Status Decide(const AuthContext& caller, domain::MashContactId contact, const std::string& decision);
  // The hub's queue: open contacts, most urgent first, with their checks and the child's name
  // and date of birth (each child named is audited, as for agency checks).
  Result<std::vector<ContactInQueue>> Queue(const AuthContext& caller);
  // An agency's own outstanding checks (what it is asked to look up), each with the child it
  // is about: the agency cannot search its records for an id. Each child named is audited.
  Result<std::vector<CheckToAnswer>> ChecksForMyAgency(const AuthContext& caller);
  // Area-wide search for the hub (mash_search.cc): only members of the configured MASH team,
  // only with a stated reason (field "reason"), a name, NHS number or UPN to search by, and
  // only name and date of birth back, so a contact can be started about a child the hub has
  // no involvement with. Hidden fields of a shielded child never match (the store's rule).
  // The search and each child it names are audited with the reason.
  Result<AreaSearchResult> SearchArea(const AuthContext& caller, const store::PersonQuery& query,
                                      const std::string& reason);
  // The released answers about a child, newest release first, for anyone who may open the
  // child's record (mash_released.cc): the access rule, a reason on a wide scope, shielding,
  // one audit entry. Unreleased answers never leave the hub, so they are not read here.
  Result<std::vector<ReleasedCheck>> ReleasedChecksOf(const AuthContext& caller, PersonId child,
                                                      const std::string& reason);

 private:
  Status RequireHub(const AuthContext& caller) const;
  store::Store& store_;
  const Clock& clock_;
  AuditTrail audit_;
  MashSettings settings_;
};

}  // namespace safehub::app
