// The repositories over one SQLite connection inside an open transaction (BEGIN/COMMIT
// are the store's job). Not thread-safe; lives for one unit of work.
#pragma once

#include <atomic>
#include <map>

#include <functional>

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace safehub::store::sqlite {

// The audit chain's head as the writer last wrote or read it, so that appending an entry
// does not first read the one before it (a query per audited request). Only the store's
// writer has one; it is forgotten whenever it might be stale (another connection committed,
// a unit or a commit failed).
struct KnownAuditHead {
  bool known = false;
  std::optional<AuditHead> head;  // nullopt: the trail is empty
};

class SqliteTransaction final : public Transaction {
 public:
  // `write_sequence`: the unit's number among the store's writes, 0 for a read.
  // `known_head`: the writer's; kept up to date by this transaction's appends.
  // `writers_waiting`: the store's flag that other units are queued for the writer.
  explicit SqliteTransaction(Connection& c, std::uint64_t write_sequence = 0, KnownAuditHead* known_head = nullptr,
                             const std::atomic<bool>* writers_waiting = nullptr)
      : c_(c), write_sequence_(write_sequence), known_head_(known_head), writers_waiting_(writers_waiting) {}
  std::uint64_t WriteSequence() const override { return write_sequence_; }
  bool OtherWritersWaiting() const override {
    return writers_waiting_ != nullptr && writers_waiting_->load(std::memory_order_relaxed);
  }

  Result<PersonId> InsertPerson(const domain::Person& person) override;
  Result<domain::Person> GetPerson(PersonId id) override;
  Result<std::vector<domain::Person>> GetPeople(const std::vector<PersonId>& ids) override;
  Status UpdatePerson(const domain::Person& person) override;
  Result<std::vector<domain::Person>> FindPeople(const PersonQuery& query) override;
  Result<std::int64_t> IdentityGeneration() override;
  Result<std::int64_t> ChildRecordGeneration() override;

  Result<AgencyId> InsertAgency(const domain::Agency& agency) override;
  Result<domain::Agency> GetAgency(AgencyId id) override;
  Status UpdateAgency(const domain::Agency& agency) override;
  Result<std::vector<domain::Agency>> ListAgencies() override;
  Result<TeamId> InsertTeam(const domain::Team& team) override;
  Result<domain::Team> GetTeam(TeamId id) override;
  Status UpdateTeam(const domain::Team& team) override;
  Result<std::vector<domain::Team>> ListTeams(AgencyId agency) override;
  Result<PractitionerId> InsertPractitioner(const domain::Practitioner& p) override;
  Result<domain::Practitioner> GetPractitioner(PractitionerId id) override;
  Status UpdatePractitioner(const domain::Practitioner& p) override;
  Result<std::vector<domain::Practitioner>> ListPractitioners(TeamId team) override;

  Result<HouseholdId> InsertHousehold(const domain::Household& household) override;
  Result<domain::Household> GetHousehold(HouseholdId id) override;
  Status AddMember(const domain::HouseholdMember& member) override;
  Result<std::vector<domain::HouseholdMember>> MembershipsOf(PersonId person) override;
  Result<std::vector<domain::HouseholdMember>> MembersOf(HouseholdId household) override;
  Status AddRelationship(const domain::Relationship& relationship) override;
  Result<std::vector<domain::Relationship>> RelationshipsOf(PersonId person) override;

  Result<InvolvementId> InsertInvolvement(const domain::Involvement& involvement) override;
  Result<std::vector<domain::Involvement>> InvolvementsOf(PersonId child) override;
  Result<std::vector<domain::Involvement>> InvolvementsOfPractitioner(PractitionerId p) override;
  Result<std::vector<InvolvementDetail>> InvolvementDetailsOf(PersonId child) override;
  Result<std::vector<domain::InvolvementReach>> InvolvementReachOf(PersonId child, Date today) override;
  Status EndInvolvement(InvolvementId id, Date ended_on) override;

  Result<EventId> InsertEvent(const domain::Event& event) override;
  Result<domain::Event> GetEvent(EventId id) override;
  Result<std::vector<domain::Event>> EventsOf(PersonId child, std::optional<Date> from,
                                              std::optional<Date> to) override;

  Result<UserId> InsertUser(const domain::User& user) override;
  Result<domain::User> GetUser(UserId id) override;
  Result<domain::User> GetUserByUsername(const std::string& username) override;
  Status UpdateUser(const domain::User& user) override;
  Result<std::vector<domain::User>> ListUsers() override;
  Status InsertSession(const domain::Session& session) override;
  Result<domain::Session> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsOf(UserId user) override;

  Result<domain::SharingDecisionId> InsertSharingDecision(const domain::SharingDecision& decision) override;
  Result<std::vector<domain::SharingDecision>> SharingDecisionsOf(PersonId child) override;

  Result<domain::MisuseReviewId> InsertMisuseReview(const domain::MisuseReview& review) override;
  Result<domain::MisuseReview> GetMisuseReview(domain::MisuseReviewId id) override;
  Result<std::vector<domain::MisuseReview>> ListMisuseReviews(ReviewSelection selection) override;
  Status UpdateMisuseReview(const domain::MisuseReview& review) override;

  Result<domain::PlanPeriodId> InsertPlanPeriod(const domain::PlanPeriod& period) override;
  Status EndPlanPeriod(domain::PlanPeriodId id, Date end) override;
  Status SetPlanPeriodKeyWorker(domain::PlanPeriodId id, PractitionerId key_worker, TeamId team) override;
  Result<std::vector<domain::PlanPeriod>> PlanPeriodsOf(PersonId child) override;
  Result<std::vector<PersonId>> ChildrenWithUnsplitPreBirthPlans() override;
  Result<domain::NotificationId> InsertNotification(const domain::SignpostingNotification& n) override;
  Result<std::vector<domain::SignpostingNotification>> NotificationsOfChild(PersonId child, int limit) override;
  Result<std::vector<domain::SignpostingNotification>> NotificationsFor(PractitionerId key_worker,
                                                                       int limit) override;

  Result<domain::MashContactId> InsertContact(const domain::MashContact& contact) override;
  Result<domain::MashContact> GetContact(domain::MashContactId id) override;
  Status UpdateContact(const domain::MashContact& contact) override;
  Result<std::vector<domain::MashContact>> OpenContacts() override;
  Result<std::vector<domain::MashContact>> ContactsOfChild(PersonId child) override;
  Result<domain::AgencyCheckId> InsertCheck(const domain::AgencyCheck& check) override;
  Result<domain::AgencyCheck> GetCheck(domain::AgencyCheckId id) override;
  Status UpdateCheck(const domain::AgencyCheck& check) override;
  Result<std::vector<domain::AgencyCheck>> ChecksOf(domain::MashContactId contact) override;

  // sqlite_casework.cc
  Status AppendCaseworkStep(const StoredStep& step) override;
  Result<std::vector<StoredStep>> CaseworkStepsOf(PersonId child) override;
  Result<std::vector<PersonId>> ChildrenWithCasework() override;
  // sqlite_open_timescales.cc
  Status ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                               std::span<const OpenTimescaleRow> rows) override;
  Result<std::vector<OpenTimescaleRow>> OpenTimescalesOf(PersonId child) override;
  Result<DueTimescales> OpenTimescalesDue(const DueFilter& filter) override;
  Result<std::vector<PersonId>> ChildrenWithStaleOpenTimescales() override;

  // sqlite_link_review.cc
  Result<LinkReviewId> InsertLinkReview(const LinkReview& review) override;
  Result<LinkReview> GetLinkReview(LinkReviewId id) override;
  Status DecideLinkReview(const LinkReview& review) override;
  Result<std::vector<LinkReview>> ListLinkReviews(LinkReviewStatus status, int limit, int offset) override;
  Result<std::int64_t> CountLinkReviews(LinkReviewStatus status) override;
  Result<std::vector<LinkReview>> LinkReviewsOf(PersonId person) override;
  Result<PersonMergeId> InsertPersonMerge(const PersonMerge& merge) override;
  Result<PersonMerge> GetPersonMerge(PersonMergeId id) override;
  Status UndoPersonMerge(const PersonMerge& merge) override;
  Result<std::optional<PersonMerge>> StandingMergeOf(PersonId person) override;
  Result<std::vector<PersonMerge>> StandingMergesInto(PersonId person) override;
  Result<PersonId> SurvivorOf(PersonId person) override;
  Result<std::vector<PersonId>> AbsorbedInto(PersonId survivor) override;
  Result<std::vector<PersonMerge>> MergesOf(PersonId person) override;

  Status AppendAudit(const domain::AuditEntry& entry) override;
  Result<std::optional<domain::AuditEntry>> LastAudit() override;
  Result<std::optional<AuditHead>> AuditChainHead() override;
  Result<std::vector<domain::AuditEntry>> ScanAudit(std::int64_t after, int limit) override;
  Result<std::vector<domain::AuditEntry>> AuditOfChild(PersonId child, int limit) override;

  // sqlite_alerts.cc
  Result<domain::AlertId> InsertAlert(const domain::ConcernAlert& alert) override;
  Status UpdateAlert(const domain::ConcernAlert& alert) override;
  Result<domain::ConcernAlert> GetAlert(domain::AlertId id) override;
  Result<std::vector<domain::ConcernAlert>> AlertsOfSubject(const std::string& rule_id,
                                                            const std::string& subject_key) override;
  Result<std::vector<domain::ConcernAlert>> AlertsAboutChild(PersonId child) override;
  Result<std::vector<domain::ConcernAlert>> OpenAlerts() override;
  Result<std::vector<PersonId>> ChildrenWithEvents() override;

 private:
  // Alerts selected by `where_sql` (binding `bind`), each with its evidence.
  Result<std::vector<domain::ConcernAlert>> SelectAlerts(const std::string& where_sql,
                                                         const std::function<void(Statement&)>& bind);
  Status WriteEvidence(const domain::ConcernAlert& alert);
  // kNotFound naming `what` unless a row with this id exists in `table`.
  Status RequireRow(const char* exists_sql, std::int64_t id, const std::string& what);
  // Who `person` is read as: itself, then everyone merged into it through chains. Almost
  // nobody has anyone merged into them and one indexed probe says so; the recursive chain
  // query (whose temporary tables cost more than the rest of a child's read) runs only then.
  // Remembered for the unit of work (a child's record asks it of every statement), and
  // forgotten when the unit merges or unmerges someone.
  Result<std::vector<std::int64_t>> ReadAs(PersonId person);
  std::map<std::int64_t, std::vector<std::int64_t>> read_as_;
  Connection& c_;
  std::uint64_t write_sequence_;
  KnownAuditHead* known_head_;
  const std::atomic<bool>* writers_waiting_;
};

}  // namespace safehub::store::sqlite
