// Repository interfaces: what the application may ask of storage, one per aggregate.
// They are reached only through a Transaction (store.h), so every call belongs to exactly
// one unit of work. Implementations: MemoryStore (tests) and SqliteStore (the default);
// a PostgreSQL store will implement the same. Not thread-safe: a transaction is used by
// one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/event.h"
#include "domain/household.h"
#include "domain/involvement.h"
#include "domain/mash.h"
#include "domain/misuse_review.h"
#include "domain/organisation.h"
#include "domain/person.h"
#include "domain/sharing.h"
#include "domain/signposting.h"
#include "domain/user.h"

namespace safehub::store {

// Whether shielded people may match on hidden fields: never for a user's search; only for
// the child index linking an agency's record to the person it is about.
enum class ShieldedMatching { kExclude, kIncludeForLinkage };

struct PersonQuery {
  std::string name_contains;  // matches first name or surname, case-insensitive
  std::string surname_equals;  // the whole surname, case-insensitive (indexed with the birth date)
  std::string first_name_equals;  // the whole first name, case-insensitive
  std::optional<Date> date_of_birth;
  // Hidden fields: a shielded person never matches a query that uses them.
  std::string nhs_number;
  std::string upn;
  int limit = 50;
  int offset = 0;
  ShieldedMatching shielded = ShieldedMatching::kExclude;
  // The caller only counts the matches (the child index: exactly one?), so any order will
  // do and a store may skip sorting them (SQLite sorted even one row in a temporary b-tree).
  bool any_order = false;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  // Stores a new person and returns its id (the `id` field is ignored).
  virtual Result<PersonId> InsertPerson(const domain::Person& person) = 0;
  // kNotFound when no such person.
  virtual Result<domain::Person> GetPerson(PersonId id) = 0;
  // Several people in one read (a child's family), in the order asked, each once even if
  // asked twice; kNotFound naming the first id that does not exist.
  virtual Result<std::vector<domain::Person>> GetPeople(const std::vector<PersonId>& ids) = 0;
  // Replaces every field of an existing person; kNotFound when absent.
  virtual Status UpdatePerson(const domain::Person& person) = 0;
  // People matching every non-empty criterion, ordered by surname, first name, id (unless
  // `any_order`).
  virtual Result<std::vector<domain::Person>> FindPeople(const PersonQuery& query) = 0;
  // A number that moves whenever a person is added, changed or removed or a merge is made
  // or undone, by this process or any other, and never otherwise: a lookup of people by
  // identifier read at one generation gives the same answer at the same generation (a feed
  // finds children on a read snapshot ahead of its unit of work and trusts the answers only
  // while the generation says nobody else changed who is who). It only grows.
  virtual Result<std::int64_t> IdentityGeneration() = 0;
  // A number that moves whenever anything a child's record shows, or its access rule reads,
  // changes, by this process or any other: a person's details (not a new person), a merge,
  // an involvement, a household, a membership, a relationship, or a team's, agency's or
  // practitioner's details. It may move for other writes too; it only grows. Reads of a
  // child kept at one generation are still true at the same generation (audited reads keep
  // them: app/child_record_cache.h).
  virtual Result<std::int64_t> ChildRecordGeneration() = 0;
};

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Result<AgencyId> InsertAgency(const domain::Agency& agency) = 0;
  virtual Result<domain::Agency> GetAgency(AgencyId id) = 0;  // kNotFound
  // An agency's name and code change (its kind does not): kNotFound when it does not exist.
  virtual Status UpdateAgency(const domain::Agency& agency) = 0;
  virtual Result<std::vector<domain::Agency>> ListAgencies() = 0;
  virtual Result<TeamId> InsertTeam(const domain::Team& team) = 0;  // kNotFound: agency
  virtual Result<domain::Team> GetTeam(TeamId id) = 0;
  // A team's name and phones change (its agency does not): kNotFound when it does not exist.
  virtual Status UpdateTeam(const domain::Team& team) = 0;
  virtual Result<std::vector<domain::Team>> ListTeams(AgencyId agency) = 0;
  virtual Result<PractitionerId> InsertPractitioner(const domain::Practitioner& p) = 0;
  virtual Result<domain::Practitioner> GetPractitioner(PractitionerId id) = 0;
  // A practitioner's team, name, job title and contacts change: kNotFound when the practitioner
  // or the team does not exist.
  virtual Status UpdatePractitioner(const domain::Practitioner& p) = 0;
  virtual Result<std::vector<domain::Practitioner>> ListPractitioners(TeamId team) = 0;
};

class HouseholdRepository {
 public:
  virtual ~HouseholdRepository() = default;
  virtual Result<HouseholdId> InsertHousehold(const domain::Household& household) = 0;
  virtual Result<domain::Household> GetHousehold(HouseholdId id) = 0;
  virtual Status AddMember(const domain::HouseholdMember& member) = 0;
  virtual Result<std::vector<domain::HouseholdMember>> MembershipsOf(PersonId person) = 0;
  virtual Result<std::vector<domain::HouseholdMember>> MembersOf(HouseholdId household) = 0;
  virtual Status AddRelationship(const domain::Relationship& relationship) = 0;
  // Relationships in which the person is either side.
  virtual Result<std::vector<domain::Relationship>> RelationshipsOf(PersonId person) = 0;
};

// An involvement with who provides it, read in one query (the record and access checks
// need all of it on every read of a child).
struct InvolvementDetail {
  domain::Involvement involvement;
  domain::Team team;
  domain::Agency agency;
  std::string practitioner_name;  // empty when no named practitioner
};

class InvolvementRepository {
 public:
  virtual ~InvolvementRepository() = default;
  virtual Result<InvolvementId> InsertInvolvement(const domain::Involvement& involvement) = 0;
  virtual Result<std::vector<domain::Involvement>> InvolvementsOf(PersonId child) = 0;
  // The child's involvements with their teams, agencies and practitioners, ordered as
  // InvolvementsOf.
  virtual Result<std::vector<InvolvementDetail>> InvolvementDetailsOf(PersonId child) = 0;
  // Who works with the child as the access rule sees it (domain/access.h), active or not on
  // `today`, in no particular order. Every read of a child asks this first, so it is one
  // light query without the names and phone numbers the record shows.
  virtual Result<std::vector<domain::InvolvementReach>> InvolvementReachOf(PersonId child, Date today) = 0;
  virtual Result<std::vector<domain::Involvement>> InvolvementsOfPractitioner(PractitionerId p) = 0;
  // Records the last day of an involvement (a key worker's plan ended). kNotFound when
  // absent; kInvalidArgument when `ended_on` is before its start.
  virtual Status EndInvolvement(InvolvementId id, Date ended_on) = 0;
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  // kAlreadyExists when (agency, source_reference) is already stored.
  virtual Result<EventId> InsertEvent(const domain::Event& event) = 0;
  virtual Result<domain::Event> GetEvent(EventId id) = 0;
  // Events about the child ordered by occurred_on then id, optionally in [from, to].
  virtual Result<std::vector<domain::Event>> EventsOf(PersonId child, std::optional<Date> from,
                                                      std::optional<Date> to) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<UserId> InsertUser(const domain::User& user) = 0;  // kAlreadyExists
  virtual Result<domain::User> GetUser(UserId id) = 0;
  virtual Result<domain::User> GetUserByUsername(const std::string& username) = 0;
  virtual Status UpdateUser(const domain::User& user) = 0;
  virtual Result<std::vector<domain::User>> ListUsers() = 0;

  virtual Status InsertSession(const domain::Session& session) = 0;
  virtual Result<domain::Session> GetSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Status DeleteSessionsOf(UserId user) = 0;
};

class SharingRepository {
 public:
  virtual ~SharingRepository() = default;
  virtual Result<domain::SharingDecisionId> InsertSharingDecision(const domain::SharingDecision& decision) = 0;
  // The child's sharing decisions, newest first.
  virtual Result<std::vector<domain::SharingDecision>> SharingDecisionsOf(PersonId child) = 0;
};

class SignpostingRepository {
 public:
  virtual ~SignpostingRepository() = default;
  virtual Result<domain::PlanPeriodId> InsertPlanPeriod(const domain::PlanPeriod& period) = 0;
  // Sets the period's end (a plan ended through casework). kNotFound; kInvalidArgument
  // (field "end") when it would end before its start.
  virtual Status EndPlanPeriod(domain::PlanPeriodId id, Date end) = 0;
  // Passes the period to another key worker and their team (the plan's key worker changed):
  // signposting then notifies them. kNotFound naming the period, practitioner or team.
  virtual Status SetPlanPeriodKeyWorker(domain::PlanPeriodId id, PractitionerId key_worker, TeamId team) = 0;
  // The child's plan periods, oldest first.
  virtual Result<std::vector<domain::PlanPeriod>> PlanPeriodsOf(PersonId child) = 0;
  // Children born after an unborn child protection plan period of theirs began whose period
  // still runs past the birth (written before such periods split at the birth), ascending.
  virtual Result<std::vector<PersonId>> ChildrenWithUnsplitPreBirthPlans() = 0;
  virtual Result<domain::NotificationId> InsertNotification(const domain::SignpostingNotification& n) = 0;
  // The newest `limit` lookups of a child, newest first (CP-IS shows the last 25).
  virtual Result<std::vector<domain::SignpostingNotification>> NotificationsOfChild(PersonId child, int limit) = 0;
  // The newest `limit` notices for a key worker, newest first.
  virtual Result<std::vector<domain::SignpostingNotification>> NotificationsFor(PractitionerId key_worker,
                                                                               int limit) = 0;
};

class MashRepository {
 public:
  virtual ~MashRepository() = default;
  virtual Result<domain::MashContactId> InsertContact(const domain::MashContact& contact) = 0;
  virtual Result<domain::MashContact> GetContact(domain::MashContactId id) = 0;  // kNotFound
  virtual Status UpdateContact(const domain::MashContact& contact) = 0;          // kNotFound
  // Open contacts, oldest first.
  virtual Result<std::vector<domain::MashContact>> OpenContacts() = 0;
  // Every contact about one child, open or decided, oldest first.
  virtual Result<std::vector<domain::MashContact>> ContactsOfChild(PersonId child) = 0;
  virtual Result<domain::AgencyCheckId> InsertCheck(const domain::AgencyCheck& check) = 0;
  virtual Result<domain::AgencyCheck> GetCheck(domain::AgencyCheckId id) = 0;    // kNotFound
  virtual Status UpdateCheck(const domain::AgencyCheck& check) = 0;
  virtual Result<std::vector<domain::AgencyCheck>> ChecksOf(domain::MashContactId contact) = 0;
};

enum class ReviewSelection { kOpenOnly, kAll };

class MisuseReviewRepository {
 public:
  virtual ~MisuseReviewRepository() = default;
  virtual Result<domain::MisuseReviewId> InsertMisuseReview(const domain::MisuseReview& review) = 0;
  virtual Result<domain::MisuseReview> GetMisuseReview(domain::MisuseReviewId id) = 0;  // kNotFound
  // Items oldest first: only those still open (finding kOpen), or all.
  virtual Result<std::vector<domain::MisuseReview>> ListMisuseReviews(ReviewSelection selection) = 0;
  virtual Status UpdateMisuseReview(const domain::MisuseReview& review) = 0;  // kNotFound
};

// What the next audit entry links to: the last entry's sequence and hash.
struct AuditHead {
  std::int64_t sequence = 0;
  std::string hash;
};

// The audit trail is append-only: there is no update and no delete.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Stores the entry as given (sequence and hashes are set by the caller, who holds the
  // write transaction). kAlreadyExists when the sequence is taken.
  virtual Status AppendAudit(const domain::AuditEntry& entry) = 0;
  // The entry with the highest sequence, or nullopt when the trail is empty.
  virtual Result<std::optional<domain::AuditEntry>> LastAudit() = 0;
  // The last entry's sequence and hash, or nullopt when the trail is empty: what a new entry
  // links to. A store may answer from what it already knows instead of reading the entry.
  virtual Result<std::optional<AuditHead>> AuditChainHead() {
    ASSIGN_OR_RETURN(auto last, LastAudit());
    if (!last) return std::optional<AuditHead>();
    return std::optional<AuditHead>(AuditHead{last->sequence, std::move(last->hash)});
  }
  // Up to `limit` entries with sequence > after, in sequence order.
  virtual Result<std::vector<domain::AuditEntry>> ScanAudit(std::int64_t after, int limit) = 0;
  // The newest `limit` entries about a child, newest first.
  virtual Result<std::vector<domain::AuditEntry>> AuditOfChild(PersonId child, int limit) = 0;
};

}  // namespace safehub::store
