// The in-memory fake Store's insides, private to src/store: the tables (`State`) and the one
// transaction class over them; memory_store.cc holds the store itself.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
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
};

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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
  MemoryTransaction(State& s, bool read_only, std::uint64_t write_sequence = 0)
      : s_(s), read_only_(read_only), write_sequence_(write_sequence) {}
  std::uint64_t WriteSequence() const override { return write_sequence_; }

  Result<PersonId> InsertPerson(const Person& p) override {
    RETURN_IF_ERROR(Writable());
    return InsertRow(s_.people, s_.next_id, p, &Person::id);
  }
  Result<Person> GetPerson(PersonId id) override { return FindRow(s_.people, id, "person"); }
  Result<std::vector<Person>> GetPeople(const std::vector<PersonId>& ids) override {
    std::vector<Person> out;
    std::set<std::int64_t> seen;
    for (PersonId id : ids) {
      if (!seen.insert(id.value).second) continue;
      ASSIGN_OR_RETURN(Person p, GetPerson(id));
      out.push_back(std::move(p));
    }
    return out;
  }
  Status UpdatePerson(const Person& p) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(p.id.value)) return NotFound("person " + p.id.ToString() + " does not exist");
    s_.people[p.id.value] = p;
    return Status::Ok();
  }
  Result<std::vector<Person>> FindPeople(const PersonQuery& q) override {
    std::vector<Person> out;
    const std::string needle = Lower(q.name_contains);
    for (const auto& [id, p] : s_.people) {
      if (!needle.empty() && Lower(p.first_name).find(needle) == std::string::npos &&
          Lower(p.surname).find(needle) == std::string::npos) {
        continue;
      }
      if (!q.surname_equals.empty() && Lower(p.surname) != Lower(q.surname_equals)) continue;
      if (!q.first_name_equals.empty() && Lower(p.first_name) != Lower(q.first_name_equals)) continue;
      if (q.date_of_birth && p.date_of_birth != q.date_of_birth) continue;
      if (!q.nhs_number.empty() && p.nhs_number != q.nhs_number) continue;
      if (!q.upn.empty() && p.upn != q.upn) continue;
      // Shielding: hidden fields never match.
      if (p.IsShielded() && q.shielded == ShieldedMatching::kExclude && (!q.nhs_number.empty() || !q.upn.empty())) {
        continue;
      }
      out.push_back(p);
    }
    std::sort(out.begin(), out.end(), [](const Person& a, const Person& b) {
      return std::tie(a.surname, a.first_name, a.id) < std::tie(b.surname, b.first_name, b.id);
    });
    const size_t begin = std::min(out.size(), static_cast<size_t>(std::max(0, q.offset)));
    const size_t end = std::min(out.size(), begin + static_cast<size_t>(std::max(0, q.limit)));
    return std::vector<Person>(out.begin() + begin, out.begin() + end);
  }

  Result<AgencyId> InsertAgency(const Agency& a) override {
    RETURN_IF_ERROR(Writable());
    return InsertRow(s_.agencies, s_.next_id, a, &Agency::id);
  }
  Result<Agency> GetAgency(AgencyId id) override { return FindRow(s_.agencies, id, "agency"); }
  Result<std::vector<Agency>> ListAgencies() override { return Values(s_.agencies); }
  Result<TeamId> InsertTeam(const Team& t) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.agencies.count(t.agency.value)) return NotFound("agency " + t.agency.ToString() + " does not exist");
    return InsertRow(s_.teams, s_.next_id, t, &Team::id);
  }
  Result<Team> GetTeam(TeamId id) override { return FindRow(s_.teams, id, "team"); }
  Result<std::vector<Team>> ListTeams(AgencyId agency) override {
    std::vector<Team> out;
    for (const auto& [id, t] : s_.teams) {
      if (t.agency == agency) out.push_back(t);
    }
    return out;
  }
  Result<PractitionerId> InsertPractitioner(const Practitioner& p) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.teams.count(p.team.value)) return NotFound("team " + p.team.ToString() + " does not exist");
    return InsertRow(s_.practitioners, s_.next_id, p, &Practitioner::id);
  }
  Result<Practitioner> GetPractitioner(PractitionerId id) override { return FindRow(s_.practitioners, id, "practitioner"); }
  Result<std::vector<Practitioner>> ListPractitioners(TeamId team) override {
    std::vector<Practitioner> out;
    for (const auto& [id, p] : s_.practitioners) {
      if (p.team == team) out.push_back(p);
    }
    return out;
  }

  Result<HouseholdId> InsertHousehold(const Household& h) override {
    RETURN_IF_ERROR(Writable());
    return InsertRow(s_.households, s_.next_id, h, &Household::id);
  }
  Result<Household> GetHousehold(HouseholdId id) override { return FindRow(s_.households, id, "household"); }
  Status AddMember(const HouseholdMember& m) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.households.count(m.household.value)) return NotFound("household " + m.household.ToString() + " does not exist");
    if (!s_.people.count(m.person.value)) return NotFound("person " + m.person.ToString() + " does not exist");
    s_.members.push_back(m);
    return Status::Ok();
  }
  Result<std::vector<HouseholdMember>> MembershipsOf(PersonId person) override {
    std::vector<HouseholdMember> out;
    for (const auto& m : s_.members) {
      if (ReadsAs(m.person, person)) out.push_back(m);
    }
    return out;
  }
  Result<std::vector<HouseholdMember>> MembersOf(HouseholdId household) override {
    std::vector<HouseholdMember> out;
    for (const auto& m : s_.members) {
      if (m.household == household) out.push_back(m);
    }
    return out;
  }
  Status AddRelationship(const Relationship& r) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(r.person.value) || !s_.people.count(r.other.value)) {
      return NotFound("relationship names a person who does not exist");
    }
    s_.relationships.push_back(r);
    return Status::Ok();
  }
  Result<std::vector<Relationship>> RelationshipsOf(PersonId person) override {
    std::vector<Relationship> out;
    for (const auto& r : s_.relationships) {
      if (ReadsAs(r.person, person) || ReadsAs(r.other, person)) out.push_back(r);
    }
    return out;
  }

  Result<InvolvementId> InsertInvolvement(const Involvement& i) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(i.child.value)) return NotFound("person " + i.child.ToString() + " does not exist");
    if (!s_.teams.count(i.team.value)) return NotFound("team " + i.team.ToString() + " does not exist");
    return InsertRow(s_.involvements, s_.next_id, i, &Involvement::id);
  }
  Status EndInvolvement(InvolvementId id, Date ended_on) override {
    RETURN_IF_ERROR(Writable());
    auto it = s_.involvements.find(id.value);
    if (it == s_.involvements.end()) return NotFound("involvement " + id.ToString() + " does not exist");
    if (ended_on < it->second.started_on) {
      return InvalidArgument("involvement " + id.ToString() + " cannot end before its start", "ended_on");
    }
    it->second.ended_on = ended_on;
    return Status::Ok();
  }
  Result<std::vector<Involvement>> InvolvementsOf(PersonId child) override {
    std::vector<Involvement> out;
    for (const auto& [id, i] : s_.involvements) {
      if (ReadsAs(i.child, child)) out.push_back(i);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Involvement& a, const Involvement& b) { return a.started_on < b.started_on; });
    return out;
  }
  Result<std::vector<InvolvementDetail>> InvolvementDetailsOf(PersonId child) override {
    std::vector<InvolvementDetail> out;
    ASSIGN_OR_RETURN(auto involvements, InvolvementsOf(child));
    std::stable_sort(involvements.begin(), involvements.end(),
                     [](const Involvement& a, const Involvement& b) { return a.started_on < b.started_on; });
    for (auto& i : involvements) {
      InvolvementDetail d;
      ASSIGN_OR_RETURN(d.team, GetTeam(i.team));
      ASSIGN_OR_RETURN(d.agency, GetAgency(d.team.agency));
      if (i.practitioner.valid()) {
        ASSIGN_OR_RETURN(auto p, GetPractitioner(i.practitioner));
        d.practitioner_name = p.name;
      }
      d.involvement = std::move(i);
      out.push_back(std::move(d));
    }
    return out;
  }
  Result<std::vector<domain::InvolvementReach>> InvolvementReachOf(PersonId child, Date today) override {
    std::vector<domain::InvolvementReach> out;
    for (const auto& [id, i] : s_.involvements) {
      if (!ReadsAs(i.child, child)) continue;
      ASSIGN_OR_RETURN(auto team, GetTeam(i.team));
      out.push_back({i.practitioner, i.team, team.agency, i.IsActiveOn(today)});
    }
    return out;
  }
  Result<std::vector<Involvement>> InvolvementsOfPractitioner(PractitionerId p) override {
    std::vector<Involvement> out;
    for (const auto& [id, i] : s_.involvements) {
      if (i.practitioner == p) out.push_back(i);
    }
    return out;
  }

  Result<EventId> InsertEvent(const Event& e) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(e.child.value)) return NotFound("person " + e.child.ToString() + " does not exist");
    if (!s_.agencies.count(e.agency.value)) return NotFound("agency " + e.agency.ToString() + " does not exist");
    if (!e.source_reference.empty()) {
      for (const auto& [id, other] : s_.events) {
        if (other.agency == e.agency && other.source_reference == e.source_reference) {
          return AlreadyExists("event " + e.source_reference + " of agency " + e.agency.ToString() +
                                   " is already recorded as event " + other.id.ToString(),
                               "source_reference");
        }
      }
    }
    return InsertRow(s_.events, s_.next_id, e, &Event::id);
  }
  Result<Event> GetEvent(EventId id) override { return FindRow(s_.events, id, "event"); }
  Result<std::vector<Event>> EventsOf(PersonId child, std::optional<Date> from, std::optional<Date> to) override {
    std::vector<Event> out;
    for (const auto& [id, e] : s_.events) {
      if (!ReadsAs(e.child, child)) continue;
      if (from && e.occurred_on < *from) continue;
      if (to && e.occurred_on > *to) continue;
      out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Event& a, const Event& b) { return a.occurred_on < b.occurred_on; });
    return out;
  }

  Result<UserId> InsertUser(const User& u) override {
    RETURN_IF_ERROR(Writable());
    for (const auto& [id, other] : s_.users) {
      if (other.username == u.username) return AlreadyExists("user " + u.username + " already exists", "username");
    }
    return InsertRow(s_.users, s_.next_id, u, &User::id);
  }
  Result<User> GetUser(UserId id) override { return FindRow(s_.users, id, "user"); }
  Result<User> GetUserByUsername(const std::string& username) override {
    for (const auto& [id, u] : s_.users) {
      if (u.username == username) return u;
    }
    return NotFound("user " + username + " does not exist");
  }
  Status UpdateUser(const User& u) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.users.count(u.id.value)) return NotFound("user " + u.id.ToString() + " does not exist");
    s_.users[u.id.value] = u;
    return Status::Ok();
  }
  Result<std::vector<User>> ListUsers() override { return Values(s_.users); }
  Status InsertSession(const Session& session) override {
    RETURN_IF_ERROR(Writable());
    s_.sessions[session.token_hash] = session;
    return Status::Ok();
  }
  Result<Session> GetSession(const std::string& token_hash) override {
    auto it = s_.sessions.find(token_hash);
    if (it == s_.sessions.end()) return NotFound("no such session");
    return it->second;
  }
  Status TouchSession(const std::string& token_hash, UnixSeconds last_seen_at) override {
    RETURN_IF_ERROR(Writable());
    auto it = s_.sessions.find(token_hash);
    if (it == s_.sessions.end()) return NotFound("no such session");
    it->second.last_seen_at = last_seen_at;
    return Status::Ok();
  }
  Status DeleteSession(const std::string& token_hash) override {
    RETURN_IF_ERROR(Writable());
    s_.sessions.erase(token_hash);
    return Status::Ok();
  }
  Status DeleteSessionsOf(UserId user) override {
    RETURN_IF_ERROR(Writable());
    std::erase_if(s_.sessions, [&](const auto& kv) { return kv.second.user == user; });
    return Status::Ok();
  }

  Result<SharingDecisionId> InsertSharingDecision(const SharingDecision& d) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(d.child.value)) return NotFound("person " + d.child.ToString() + " does not exist");
    if (!s_.agencies.count(d.to_agency.value)) return NotFound("agency " + d.to_agency.ToString() + " does not exist");
    return InsertRow(s_.sharing_decisions, s_.next_id, d, &SharingDecision::id);
  }
  Result<std::vector<SharingDecision>> SharingDecisionsOf(PersonId child) override {
    std::vector<SharingDecision> out;
    for (auto it = s_.sharing_decisions.rbegin(); it != s_.sharing_decisions.rend(); ++it) {
      if (ReadsAs(it->second.child, child)) out.push_back(it->second);
    }
    return out;
  }

  Result<MisuseReviewId> InsertMisuseReview(const MisuseReview& r) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.users.count(r.user.value)) return NotFound("user " + r.user.ToString() + " does not exist");
    if (!s_.people.count(r.child.value)) return NotFound("person " + r.child.ToString() + " does not exist");
    return InsertRow(s_.misuse_reviews, s_.next_id, r, &MisuseReview::id);
  }
  Result<MisuseReview> GetMisuseReview(MisuseReviewId id) override {
    return FindRow(s_.misuse_reviews, id, "misuse review");
  }
  Result<std::vector<MisuseReview>> ListMisuseReviews(ReviewSelection selection) override {
    std::vector<MisuseReview> out;
    for (const auto& [id, r] : s_.misuse_reviews) {
      if (selection == ReviewSelection::kAll || r.finding == ReviewFinding::kOpen) out.push_back(r);
    }
    return out;
  }
  Status UpdateMisuseReview(const MisuseReview& r) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.misuse_reviews.count(r.id.value)) return NotFound("misuse review " + r.id.ToString() + " does not exist");
    s_.misuse_reviews[r.id.value] = r;
    return Status::Ok();
  }

  Result<PlanPeriodId> InsertPlanPeriod(const PlanPeriod& p) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(p.child.value)) return NotFound("person " + p.child.ToString() + " does not exist");
    if (!s_.teams.count(p.responsible_team.value)) return NotFound("team " + p.responsible_team.ToString() + " does not exist");
    if (!s_.practitioners.count(p.key_worker.value)) {
      return NotFound("practitioner " + p.key_worker.ToString() + " does not exist");
    }
    return InsertRow(s_.plan_periods, s_.next_id, p, &PlanPeriod::id);
  }
  Status EndPlanPeriod(PlanPeriodId id, Date end) override {
    RETURN_IF_ERROR(Writable());
    auto it = s_.plan_periods.find(id.value);
    if (it == s_.plan_periods.end()) return NotFound("plan period " + id.ToString() + " does not exist");
    if (end < it->second.start) {
      return InvalidArgument("plan period " + id.ToString() + " cannot end before its start", "end");
    }
    it->second.end = end;
    return Status::Ok();
  }
  Result<std::vector<PlanPeriod>> PlanPeriodsOf(PersonId child) override {
    std::vector<PlanPeriod> out;
    for (const auto& [id, p] : s_.plan_periods) {
      if (ReadsAs(p.child, child)) out.push_back(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const PlanPeriod& a, const PlanPeriod& b) { return a.start < b.start; });
    return out;
  }
  Result<NotificationId> InsertNotification(const SignpostingNotification& n) override {
    RETURN_IF_ERROR(Writable());
    return InsertRow(s_.notifications, s_.next_id, n, &SignpostingNotification::id);
  }
  Result<std::vector<SignpostingNotification>> NotificationsOfChild(PersonId child, int limit) override {
    std::vector<SignpostingNotification> out;
    for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && static_cast<int>(out.size()) < limit; ++it) {
      if (ReadsAs(it->second.child, child)) out.push_back(it->second);
    }
    return out;
  }
  Result<std::vector<SignpostingNotification>> NotificationsFor(PractitionerId key_worker, int limit) override {
    std::vector<SignpostingNotification> out;
    for (auto it = s_.notifications.rbegin(); it != s_.notifications.rend() && static_cast<int>(out.size()) < limit; ++it) {
      if (it->second.key_worker == key_worker) out.push_back(it->second);
    }
    return out;
  }

  Result<MashContactId> InsertContact(const MashContact& c) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(c.child.value)) return NotFound("person " + c.child.ToString() + " does not exist");
    return InsertRow(s_.contacts, s_.next_id, c, &MashContact::id);
  }
  Result<MashContact> GetContact(MashContactId id) override { return FindRow(s_.contacts, id, "contact"); }
  Status UpdateContact(const MashContact& c) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.contacts.count(c.id.value)) return NotFound("contact " + c.id.ToString() + " does not exist");
    s_.contacts[c.id.value] = c;
    return Status::Ok();
  }
  Result<std::vector<MashContact>> OpenContacts() override {
    std::vector<MashContact> out;
    for (const auto& [id, c] : s_.contacts) {
      if (c.status == ContactStatus::kOpen) out.push_back(c);
    }
    return out;
  }
  Result<std::vector<MashContact>> ContactsOfChild(PersonId child) override {
    std::vector<MashContact> out;
    for (const auto& [id, c] : s_.contacts) {
      if (ReadsAs(c.child, child)) out.push_back(c);
    }
    return out;
  }
  Result<AgencyCheckId> InsertCheck(const AgencyCheck& c) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.contacts.count(c.contact.value)) return NotFound("contact " + c.contact.ToString() + " does not exist");
    if (!s_.agencies.count(c.agency.value)) return NotFound("agency " + c.agency.ToString() + " does not exist");
    return InsertRow(s_.checks, s_.next_id, c, &AgencyCheck::id);
  }
  Result<AgencyCheck> GetCheck(AgencyCheckId id) override { return FindRow(s_.checks, id, "agency check"); }
  Status UpdateCheck(const AgencyCheck& c) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.checks.count(c.id.value)) return NotFound("agency check " + c.id.ToString() + " does not exist");
    s_.checks[c.id.value] = c;
    return Status::Ok();
  }
  Result<std::vector<AgencyCheck>> ChecksOf(MashContactId contact) override {
    std::vector<AgencyCheck> out;
    for (const auto& [id, c] : s_.checks) {
      if (c.contact == contact) out.push_back(c);
    }
    return out;
  }

  Status AppendCaseworkStep(const StoredStep& step) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.people.count(step.child.value)) return NotFound("person " + step.child.ToString() + " does not exist");
    if (step.recorded_by.valid() && !s_.users.count(step.recorded_by.value)) {
      return NotFound("user " + step.recorded_by.ToString() + " does not exist");
    }
    auto& steps = s_.casework[step.child.value];
    const std::int64_t next = static_cast<std::int64_t>(steps.size()) + 1;
    if (step.sequence >= 1 && step.sequence < next) {
      return AlreadyExists("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                               " is already recorded", "sequence");
    }
    if (step.sequence != next) {
      return InvalidArgument("step " + std::to_string(step.sequence) + " of child " + step.child.ToString() +
                                 " does not follow its last step " + std::to_string(next - 1), "sequence");
    }
    steps.push_back(step);
    return Status::Ok();
  }
  Result<std::vector<StoredStep>> CaseworkStepsOf(PersonId child) override {
    auto it = s_.casework.find(child.value);
    if (it == s_.casework.end()) return std::vector<StoredStep>();
    return it->second;
  }
  Result<std::vector<PersonId>> ChildrenWithCasework() override {
    std::vector<PersonId> out;
    for (const auto& [child, steps] : s_.casework) {
      if (!steps.empty()) out.push_back(PersonId(child));
    }
    return out;
  }

  Status ReplaceOpenTimescales(PersonId child, std::int64_t through_sequence,
                               std::span<const OpenTimescaleRow> rows) override {
    RETURN_IF_ERROR(Writable());
    RETURN_IF_ERROR(CheckOpenTimescaleRows(child, rows));
    if (through_sequence < 0) {
      return InvalidArgument("open timescales of child " + child.ToString() + ": through_sequence is negative",
                             "through_sequence");
    }
    if (!s_.people.count(child.value)) return NotFound("person " + child.ToString() + " does not exist");
    for (const auto& r : rows) {
      if (r.key_worker.valid() && !s_.practitioners.count(r.key_worker.value)) {
        return NotFound("practitioner " + r.key_worker.ToString() + " does not exist");
      }
    }
    std::vector<OpenTimescaleRow> sorted(rows.begin(), rows.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const OpenTimescaleRow& a, const OpenTimescaleRow& b) { return a.timescale < b.timescale; });
    s_.open_timescales[child.value] = std::move(sorted);
    s_.open_timescales_through[child.value] = through_sequence;
    return Status::Ok();
  }
  Result<std::vector<OpenTimescaleRow>> OpenTimescalesOf(PersonId child) override {
    auto it = s_.open_timescales.find(child.value);
    if (it == s_.open_timescales.end()) return std::vector<OpenTimescaleRow>();
    return it->second;
  }
  Result<DueTimescales> OpenTimescalesDue(const DueFilter& filter) override {
    // The same scope as the SQLite query: active involvements of the practitioner, or of
    // the practitioners of the team or of the agency's teams.
    auto in_scope = [&](PractitionerId p) {
      auto it = s_.practitioners.find(p.value);
      if (it == s_.practitioners.end()) return false;
      switch (filter.scope) {
        case WorkScope::kWorker: return p.value == filter.id;
        case WorkScope::kTeam: return it->second.team.value == filter.id;
        case WorkScope::kAgency: {
          auto team = s_.teams.find(it->second.team.value);
          return team != s_.teams.end() && team->second.agency.value == filter.id;
        }
      }
      return false;
    };
    std::set<std::int64_t> children;
    for (const auto& [id, i] : s_.involvements) {
      if (i.practitioner.valid() && i.IsActiveOn(filter.as_of) && in_scope(i.practitioner)) children.insert(i.child.value);
    }
    DueTimescales out;
    for (std::int64_t child : children) {
      auto steps = s_.casework.find(child);
      if (steps != s_.casework.end() && !steps->second.empty()) ++out.cases;
      auto rows = s_.open_timescales.find(child);
      if (rows == s_.open_timescales.end()) continue;
      for (const auto& r : rows->second) {
        if (r.due <= filter.due_by) out.due.push_back({r, s_.people.at(child).FullName()});
      }
    }
    std::sort(out.due.begin(), out.due.end(), [](const DueTimescale& a, const DueTimescale& b) {
      return std::tie(a.timescale.due, a.timescale.child, a.timescale.timescale) <
             std::tie(b.timescale.due, b.timescale.child, b.timescale.timescale);
    });
    return out;
  }
  Result<std::vector<PersonId>> ChildrenWithStaleOpenTimescales() override {
    std::vector<PersonId> out;
    for (const auto& [child, steps] : s_.casework) {
      if (steps.empty()) continue;
      auto through = s_.open_timescales_through.find(child);
      if (through == s_.open_timescales_through.end() || through->second != steps.back().sequence) {
        out.push_back(PersonId(child));
      }
    }
    return out;
  }

  Status AppendAudit(const AuditEntry& e) override {
    RETURN_IF_ERROR(Writable());
    if (s_.audit.count(e.sequence)) return AlreadyExists("audit sequence " + std::to_string(e.sequence) + " is taken");
    s_.audit[e.sequence] = e;
    return Status::Ok();
  }
  Result<std::optional<AuditEntry>> LastAudit() override {
    if (s_.audit.empty()) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(s_.audit.rbegin()->second);
  }
  Result<std::vector<AuditEntry>> ScanAudit(std::int64_t after, int limit) override {
    std::vector<AuditEntry> out;
    for (auto it = s_.audit.upper_bound(after); it != s_.audit.end() && static_cast<int>(out.size()) < limit; ++it) {
      out.push_back(it->second);
    }
    return out;
  }
  Result<std::vector<AuditEntry>> AuditOfChild(PersonId child, int limit) override {
    std::vector<AuditEntry> out;
    for (auto it = s_.audit.rbegin(); it != s_.audit.rend() && static_cast<int>(out.size()) < limit; ++it) {
      if (it->second.child == child) out.push_back(it->second);
    }
    return out;
  }

  Result<AlertId> InsertAlert(const ConcernAlert& a) override {
    RETURN_IF_ERROR(Writable());
    RETURN_IF_ERROR(AlertReferencesExist(a));
    return InsertRow(s_.alerts, s_.next_id, a, &ConcernAlert::id);
  }
  Status UpdateAlert(const ConcernAlert& a) override {
    RETURN_IF_ERROR(Writable());
    if (!s_.alerts.count(a.id.value)) return NotFound("alert " + a.id.ToString() + " does not exist");
    RETURN_IF_ERROR(AlertReferencesExist(a));
    s_.alerts[a.id.value] = a;
    return Status::Ok();
  }
  Result<ConcernAlert> GetAlert(AlertId id) override { return FindRow(s_.alerts, id, "alert"); }
  Result<std::vector<ConcernAlert>> AlertsOfSubject(const std::string& rule_id, const std::string& subject_key) override {
    std::vector<ConcernAlert> out;
    for (const auto& [id, a] : s_.alerts) {
      if (a.rule_id == rule_id && a.subject_key == subject_key) out.push_back(a);
    }
    return out;
  }
  Result<std::vector<ConcernAlert>> AlertsAboutChild(PersonId child) override {
    std::vector<ConcernAlert> out;
    for (auto it = s_.alerts.rbegin(); it != s_.alerts.rend(); ++it) {
      const ConcernAlert& a = it->second;
      if (a.status == AlertStatus::kMerged) continue;
      const auto children = a.Children();
      if (std::any_of(children.begin(), children.end(), [&](PersonId c) { return ReadsAs(c, child); })) out.push_back(a);
    }
    return out;
  }
  Result<std::vector<ConcernAlert>> OpenAlerts() override {
    std::vector<ConcernAlert> out;
    for (const auto& [id, a] : s_.alerts) {
      if (a.status == AlertStatus::kOpen) out.push_back(a);
    }
    return out;
  }
  Result<std::vector<PersonId>> ChildrenWithEvents() override {
    std::set<std::int64_t> ids;
    for (const auto& [id, e] : s_.events) ids.insert(e.child.value);
    std::vector<PersonId> out;
    for (std::int64_t id : ids) out.push_back(PersonId(id));
    return out;
  }

  Result<LinkReviewId> InsertLinkReview(const LinkReview& r) override {
    RETURN_IF_ERROR(Writable());
    for (PersonId p : {r.arriving, r.existing}) {
      if (!s_.people.count(p.value)) return NotFound("person " + p.ToString() + " does not exist");
    }
    if (r.agency.valid() && !s_.agencies.count(r.agency.value)) {
      return NotFound("agency " + r.agency.ToString() + " does not exist");
    }
    LinkReview stored = r;
    stored.status = LinkReviewStatus::kOpen;
    stored.decided_by = UserId();
    stored.decided_at = 0;
    stored.reason.clear();
    stored.probability = static_cast<double>(std::llround(r.probability * 1e6)) / 1e6;  // as SQLite keeps it
    return InsertRow(s_.link_reviews, s_.next_id, stored, &LinkReview::id);
  }
  Result<LinkReview> GetLinkReview(LinkReviewId id) override { return FindRow(s_.link_reviews, id, "link review"); }
  Status DecideLinkReview(const LinkReview& r) override {
    RETURN_IF_ERROR(Writable());
    auto it = s_.link_reviews.find(r.id.value);
    if (it == s_.link_reviews.end()) return NotFound("link review " + r.id.ToString() + " does not exist");
    if (it->second.status != LinkReviewStatus::kOpen) {
      return FailedPrecondition("link review " + r.id.ToString() + " is already decided (" +
                                    std::string(ToString(it->second.status)) + ")", "decision");
    }
    if (r.decided_by.valid() && !s_.users.count(r.decided_by.value)) {
      return NotFound("user " + r.decided_by.ToString() + " does not exist");
    }
    it->second.status = r.status;
    it->second.decided_by = r.decided_by;
    it->second.decided_at = r.decided_at;
    it->second.reason = r.reason;
    return Status::Ok();
  }
  Result<std::vector<LinkReview>> ListLinkReviews(LinkReviewStatus status, int limit, int offset) override {
    std::vector<LinkReview> out;
    int skipped = 0;
    for (const auto& [id, r] : s_.link_reviews) {
      if (r.status != status) continue;
      if (skipped++ < offset) continue;
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(r);
    }
    return out;
  }
  Result<std::int64_t> CountLinkReviews(LinkReviewStatus status) override {
    return static_cast<std::int64_t>(std::count_if(s_.link_reviews.begin(), s_.link_reviews.end(),
                                                   [&](const auto& row) { return row.second.status == status; }));
  }
  Result<std::vector<LinkReview>> LinkReviewsOf(PersonId person) override {
    std::vector<LinkReview> out;
    for (const auto& [id, r] : s_.link_reviews) {
      if (r.arriving == person || r.existing == person) out.push_back(r);
    }
    return out;
  }
  Result<PersonMergeId> InsertPersonMerge(const PersonMerge& m) override {
    RETURN_IF_ERROR(Writable());
    if (m.merged == m.surviving) {
      return InvalidArgument("person " + m.merged.ToString() + " cannot be merged into itself", "person_id");
    }
    for (PersonId p : {m.merged, m.surviving}) {
      if (!s_.people.count(p.value)) return NotFound("person " + p.ToString() + " does not exist");
    }
    ASSIGN_OR_RETURN(auto standing, StandingMergeOf(m.merged));
    if (standing) {
      return AlreadyExists("person " + m.merged.ToString() + " is already merged into person " +
                               standing->surviving.ToString(), "person_id");
    }
    ASSIGN_OR_RETURN(PersonId end, SurvivorOf(m.surviving));
    if (end == m.merged) return MergeCycleError(m);
    PersonMerge stored = m;
    stored.undone_by = UserId();
    stored.undone_at = 0;
    stored.undo_reason.clear();
    return InsertRow(s_.merges, s_.next_id, stored, &PersonMerge::id);
  }
  Result<PersonMerge> GetPersonMerge(PersonMergeId id) override { return FindRow(s_.merges, id, "person merge"); }
  Status UndoPersonMerge(const PersonMerge& m) override {
    RETURN_IF_ERROR(Writable());
    auto it = s_.merges.find(m.id.value);
    if (it == s_.merges.end()) return NotFound("person merge " + m.id.ToString() + " does not exist");
    if (it->second.undone_at != 0) {
      return FailedPrecondition("person merge " + m.id.ToString() + " is already undone", "person_id");
    }
    it->second.undone_by = m.undone_by;
    it->second.undone_at = m.undone_at;
    it->second.undo_reason = m.undo_reason;
    return Status::Ok();
  }
  Result<std::optional<PersonMerge>> StandingMergeOf(PersonId person) override {
    for (const auto& [id, m] : s_.merges) {
      if (m.merged == person && m.undone_at == 0) return std::optional<PersonMerge>(m);
    }
    return std::optional<PersonMerge>();
  }
  Result<std::vector<PersonMerge>> StandingMergesInto(PersonId person) override {
    std::vector<PersonMerge> out;
    for (const auto& [id, m] : s_.merges) {
      if (m.surviving == person && m.undone_at == 0) out.push_back(m);
    }
    return out;
  }
  Result<PersonId> SurvivorOf(PersonId person) override { return SurvivorIn(person); }
  Result<std::vector<PersonId>> AbsorbedInto(PersonId survivor) override {
    std::vector<PersonId> out;
    for (const auto& [id, p] : s_.people) {
      if (p.id != survivor && ReadsAs(p.id, survivor)) out.push_back(p.id);
    }
    std::sort(out.begin(), out.end(), [](PersonId a, PersonId b) { return a.value < b.value; });
    return out;
  }
  Result<std::vector<PersonMerge>> MergesOf(PersonId person) override {
    std::vector<PersonMerge> out;
    for (const auto& [id, m] : s_.merges) {
      if (m.merged == person || m.surviving == person) out.push_back(m);
    }
    return out;
  }

 private:
  // A row recorded against `owner` is read as `reader`'s when it is theirs or `owner` stands
  // merged into `reader`, directly or through others (as the SQLite store's kAbsorbedInto).
  bool ReadsAs(PersonId owner, PersonId reader) const {
    for (std::size_t hop = 0; hop <= s_.merges.size(); ++hop) {
      if (owner == reader) return true;
      const PersonMerge* standing = StandingIn(owner);
      if (standing == nullptr) return false;
      owner = standing->surviving;
    }
    return false;
  }
  const PersonMerge* StandingIn(PersonId person) const {
    for (const auto& [id, m] : s_.merges) {
      if (m.merged == person && m.undone_at == 0) return &m;
    }
    return nullptr;
  }
  PersonId SurvivorIn(PersonId person) const {
    for (std::size_t hop = 0; hop <= s_.merges.size(); ++hop) {
      const PersonMerge* standing = StandingIn(person);
      if (standing == nullptr) break;
      person = standing->surviving;
    }
    return person;
  }
  // The same foreign keys the SQLite schema enforces.
  Status AlertReferencesExist(const ConcernAlert& a) const {
    if (a.child.valid() && !s_.people.count(a.child.value)) return NotFound("person " + a.child.ToString() + " does not exist");
    for (const AlertEvidence& e : a.evidence) {
      if (!s_.events.count(e.event.value)) return NotFound("event " + e.event.ToString() + " does not exist");
    }
    return Status::Ok();
  }
  Status Writable() const {
    return read_only_ ? Internal("write attempted in a read-only transaction") : Status::Ok();
  }
  State& s_;
  bool read_only_;
  std::uint64_t write_sequence_;
};

}  // namespace safehub::store::memory
