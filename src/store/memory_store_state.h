// The in-memory fake Store's insides, shared by its files and private to src/store: the
// tables (`State`) and the one transaction class over them. Each memory_*.cc defines the
// methods of one or two repository interfaces; memory_store.cc holds the store itself.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace safehub::store::memory {

using namespace safehub::domain;

struct State {
  std::int64_t next_id = 1;
  std::map<std::int64_t, Person> people;
  std::map<std::int64_t, Agency> agencies;
  std::map<std::int64_t, Team> teams;
  std::map<std::int64_t, Practitioner> practitioners;
  std::map<std::int64_t, Household> households;
  std::vector<HouseholdMember> members;
  std::vector<Relationship> relationships;
  std::map<std::int64_t, Involvement> involvements;
  std::map<std::int64_t, Event> events;
  // (agency, source reference) -> event: the UNIQUE constraint, without a scan per insert.
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> event_references;
  std::map<std::int64_t, User> users;
  std::map<std::string, Session> sessions;
  std::map<std::int64_t, AuditEntry> audit;
  std::map<std::int64_t, SharingDecision> sharing_decisions;
  std::map<std::int64_t, MisuseReview> misuse_reviews;
  std::map<std::int64_t, PlanPeriod> plan_periods;
  std::map<std::int64_t, SignpostingNotification> notifications;
  std::map<std::int64_t, MashContact> contacts;
  std::map<std::int64_t, AgencyCheck> checks;
  std::map<std::int64_t, std::vector<StoredStep>> casework;  // by child id, in sequence order
  std::map<std::int64_t, std::vector<OpenTimescaleRow>> open_timescales;  // by child id, by number
  std::map<std::int64_t, std::int64_t> open_timescales_through;          // child id -> sequence
  std::map<std::int64_t, ConcernAlert> alerts;
  std::map<std::int64_t, LinkReview> link_reviews;
  std::map<std::int64_t, PersonMerge> merges;
  std::int64_t identity_generation = 1;  // moved by every change to people or merges
  std::int64_t child_record_generation = 1;  // moved by every change a child's record shows
};

template <typename T>
std::vector<T> Values(const std::map<std::int64_t, T>& m) {
  std::vector<T> out;
  for (const auto& [k, v] : m) out.push_back(v);
  return out;
}

// The row with this id, or kNotFound naming the record kind ("person 7 does not exist").
template <typename T, typename IdT>
Result<T> FindRow(const std::map<std::int64_t, T>& rows, IdT id, const char* what) {
  auto it = rows.find(id.value);
  if (it == rows.end()) return NotFound(std::string(what) + " " + id.ToString() + " does not exist");
  return it->second;
}

// Stores a copy of `value` under the next id and returns that id.
template <typename T, typename IdT>
IdT InsertRow(std::map<std::int64_t, T>& rows, std::int64_t& next_id, T value, IdT T::*id_member) {
  value.*id_member = IdT(next_id++);
  const IdT id = value.*id_member;
  rows[id.value] = std::move(value);
  return id;
}

class MemoryTransaction final : public Transaction {
 public:
  // `writers_waiting`: the store's count of writers waiting for its lock (null in a read).
  MemoryTransaction(State& s, bool read_only, std::uint64_t write_sequence = 0,
                    const std::atomic<int>* writers_waiting = nullptr)
      : s_(s), read_only_(read_only), write_sequence_(write_sequence), writers_waiting_(writers_waiting) {}
  std::uint64_t WriteSequence() const override { return write_sequence_; }
  bool OtherWritersWaiting() const override {
    return writers_waiting_ != nullptr && writers_waiting_->load(std::memory_order_relaxed) > 0;
  }

  // memory_people.cc: people, households and relationships
  Result<PersonId> InsertPerson(const Person& p) override;
  Result<Person> GetPerson(PersonId id) override;
  Result<std::vector<Person>> GetPeople(const std::vector<PersonId>& ids) override;
  Status UpdatePerson(const Person& p) override;
  Result<std::vector<Person>> FindPeople(const PersonQuery& q) override;
  Result<std::int64_t> IdentityGeneration() override { return s_.identity_generation; }
  Result<std::int64_t> ChildRecordGeneration() override { return s_.child_record_generation; }
  Result<HouseholdId> InsertHousehold(const Household& h) override;
  Result<Household> GetHousehold(HouseholdId id) override;
  Status AddMember(const HouseholdMember& m) override;
  Result<std::vector<HouseholdMember>> MembershipsOf(PersonId person) override;
  Result<std::vector<HouseholdMember>> MembersOf(HouseholdId household) override;
  Status AddRelationship(const Relationship& r) override;
  Result<std::vector<Relationship>> RelationshipsOf(PersonId person) override;

  // memory_organisations.cc: agencies, teams, practitioners and their involvements with children
  Result<AgencyId> InsertAgency(const Agency& a) override;
  Result<Agency> GetAgency(AgencyId id) override;
  Status UpdateAgency(const Agency& agency) override;
  Result<std::vector<Agency>> ListAgencies() override;
  Result<TeamId> InsertTeam(const Team& t) override;
  Result<Team> GetTeam(TeamId id) override;
  Status UpdateTeam(const Team& t) override;
  Result<std::vector<Team>> ListTeams(AgencyId agency) override;
  Result<PractitionerId> InsertPractitioner(const Practitioner& p) override;
  Result<Practitioner> GetPractitioner(PractitionerId id) override;
  Status UpdatePractitioner(const Practitioner& p) override;
  Result<std::vector<Practitioner>> ListPractitioners(TeamId team) override;
  Result<InvolvementId> InsertInvolvement(const Involvement& i) override;
  Status EndInvolvement(InvolvementId id, Date ended_on) override;
  Result<std::vector<Involvement>> InvolvementsOf(PersonId child) override;
  Result<std::vector<InvolvementDetail>> InvolvementDetailsOf(PersonId child) override;
  Result<std::vector<domain::InvolvementReach>> InvolvementReachOf(PersonId child, Date today) override;
  Result<std::vector<Involvement>> InvolvementsOfPractitioner(PractitionerId p) override;

  // memory_events.cc: events agencies record, and the concern alerts raised over them
  Result<EventId> InsertEvent(const Event& e) override;
  Result<Event> GetEvent(EventId id) override;
  Result<std::vector<Event>> EventsOf(PersonId child, std::optional<Date> from, std::optional<Date> to) override;
  Result<AlertId> InsertAlert(const ConcernAlert& a) override;
  Status UpdateAlert(const ConcernAlert& a) override;
  Result<ConcernAlert> GetAlert(AlertId id) override;
  Result<std::vector<ConcernAlert>> AlertsOfSubject(const std::string& rule_id, const std::string& subject_key) override;
  Result<std::vector<ConcernAlert>> AlertsAboutChild(PersonId child) override;
  Result<std::vector<ConcernAlert>> OpenAlerts() override;
  Result<std::vector<PersonId>> ChildrenWithEvents() override;

  // memory_casework.cc: casework steps and the open timescales derived from them
  Status AppendCaseworkStep(const StoredStep& step) override;
  Result<std::vector<StoredStep>> CaseworkStepsOf(PersonId child) override;
  Result<std::vector<PersonId>> ChildrenWithCasework() override;
  Status ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                               std::span<const OpenTimescaleRow> rows) override;
  Result<std::vector<OpenTimescaleRow>> OpenTimescalesOf(PersonId child) override;
  Result<DueTimescales> OpenTimescalesDue(const DueFilter& filter) override;
  Result<std::vector<PersonId>> ChildrenWithStaleOpenTimescales() override;

  // memory_sharing.cc: sharing decisions, plan periods and signposting notifications
  Result<SharingDecisionId> InsertSharingDecision(const SharingDecision& d) override;
  Result<std::vector<SharingDecision>> SharingDecisionsOf(PersonId child) override;
  Result<PlanPeriodId> InsertPlanPeriod(const PlanPeriod& p) override;
  Status EndPlanPeriod(PlanPeriodId id, Date end) override;
  Status SetPlanPeriodKeyWorker(PlanPeriodId id, PractitionerId key_worker, TeamId team) override;
  Result<std::vector<PlanPeriod>> PlanPeriodsOf(PersonId child) override;
  Result<std::vector<PersonId>> ChildrenWithUnsplitPreBirthPlans() override;
  Result<NotificationId> InsertNotification(const SignpostingNotification& n) override;
  Result<std::vector<SignpostingNotification>> NotificationsOfChild(PersonId child, int limit) override;
  Result<std::vector<SignpostingNotification>> NotificationsFor(PractitionerId key_worker, int limit) override;

  // memory_mash.cc: MASH contacts and agency checks, and misuse reviews
  Result<MisuseReviewId> InsertMisuseReview(const MisuseReview& r) override;
  Result<MisuseReview> GetMisuseReview(MisuseReviewId id) override;
  Result<std::vector<MisuseReview>> ListMisuseReviews(ReviewSelection selection) override;
  Status UpdateMisuseReview(const MisuseReview& r) override;
  Result<MashContactId> InsertContact(const MashContact& c) override;
  Result<MashContact> GetContact(MashContactId id) override;
  Status UpdateContact(const MashContact& c) override;
  Result<std::vector<MashContact>> OpenContacts() override;
  Result<std::vector<MashContact>> ContactsOfChild(PersonId child) override;
  Result<AgencyCheckId> InsertCheck(const AgencyCheck& c) override;
  Result<AgencyCheck> GetCheck(AgencyCheckId id) override;
  Status UpdateCheck(const AgencyCheck& c) override;
  Result<std::vector<AgencyCheck>> ChecksOf(MashContactId contact) override;

  // memory_audit_users.cc: users, sessions and the audit trail
  Result<UserId> InsertUser(const User& u) override;
  Result<User> GetUser(UserId id) override;
  Result<User> GetUserByUsername(const std::string& username) override;
  Status UpdateUser(const User& u) override;
  Result<std::vector<User>> ListUsers() override;
  Status InsertSession(const Session& session) override;
  Result<Session> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(UserId user) override;
  Status AppendAudit(const AuditEntry& e) override;
  Result<std::optional<AuditEntry>> LastAudit() override;
  Result<std::vector<AuditEntry>> ScanAudit(std::int64_t after, int limit) override;
  Result<std::vector<AuditEntry>> AuditOfChild(PersonId child, int limit) override;

  // memory_link_reviews.cc: link reviews (the clerical review queue)
  Result<LinkReviewId> InsertLinkReview(const LinkReview& r) override;
  Result<LinkReview> GetLinkReview(LinkReviewId id) override;
  Status DecideLinkReview(const LinkReview& r) override;
  Result<std::vector<LinkReview>> ListLinkReviews(LinkReviewStatus status, int limit, int offset) override;
  Result<std::int64_t> CountLinkReviews(LinkReviewStatus status) override;
  Result<std::vector<LinkReview>> LinkReviewsOf(PersonId person) override;

  // memory_merges.cc: person merges, and how a merge makes one person's rows read as another's
  Result<PersonMergeId> InsertPersonMerge(const PersonMerge& m) override;
  Result<PersonMerge> GetPersonMerge(PersonMergeId id) override;
  Status UndoPersonMerge(const PersonMerge& m) override;
  Result<std::optional<PersonMerge>> StandingMergeOf(PersonId person) override;
  Result<std::vector<PersonMerge>> StandingMergesInto(PersonId person) override;
  Result<PersonId> SurvivorOf(PersonId person) override;
  Result<std::vector<PersonId>> AbsorbedInto(PersonId survivor) override;
  Result<std::vector<PersonMerge>> MergesOf(PersonId person) override;

 private:
  // A row recorded against `owner` is read as `reader`'s when it is theirs or `owner` stands
  // merged into `reader`, directly or through others (as the SQLite store's kAbsorbedInto).
  bool ReadsAs(PersonId owner, PersonId reader) const;
  const PersonMerge* StandingIn(PersonId person) const;
  PersonId SurvivorIn(PersonId person) const;
  // The same foreign keys the SQLite schema enforces.
  Status AlertReferencesExist(const ConcernAlert& a) const;
  Status Writable() const {
    return read_only_ ? Internal("write attempted in a read-only transaction") : Status::Ok();
  }
  State& s_;
  bool read_only_;
  std::uint64_t write_sequence_;
  const std::atomic<int>* writers_waiting_;
};

}  // namespace safehub::store::memory
