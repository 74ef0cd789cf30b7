// SqliteTransaction's repositories for what agencies share and how they are watched:
// sharing decisions, misuse reviews, signposting plan periods and notifications, the MASH.
#include "store/sqlite/sqlite_transaction.h"

#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

using namespace safehub::domain;

// ---- sharing decisions and misuse reviews ----

namespace {

constexpr const char* kSharingColumns =
    "id, child_id, from_agency_id, to_agency_id, decided_by, decided_at, information, purpose, basis, outcome, "
    "parents_informed, parents_informed_note";

SharingDecision ReadSharingDecision(const Statement& q) {
  SharingDecision d;
  d.id = SharingDecisionId(q.Int(0));
  d.child = PersonId(q.Int(1));
  d.from_agency = AgencyId(q.Int(2));
  d.to_agency = AgencyId(q.Int(3));
  d.decided_by = PractitionerId(q.IsNull(4) ? 0 : q.Int(4));
  d.decided_at = q.Int(5);
  d.information = q.Text(6);
  d.purpose = q.Text(7);
  d.basis = Or(ParseSharingBasis(q.Text(8)), SharingBasis::kConsentRefused);
  d.outcome = Or(ParseSharingOutcome(q.Text(9)), SharingOutcome::kNotShared);
  d.parents_informed = Or(ParseParentsInformed(q.Text(10)), ParentsInformed::kNotYetInformed);
  d.parents_informed_note = q.Text(11);
  return d;
}

constexpr const char* kReviewColumns =
    "id, user_id, username, child_id, reason, opened_at, finding, reviewed_by, reviewed_at, review_note";

MisuseReview ReadMisuseReview(const Statement& q) {
  MisuseReview r;
  r.id = MisuseReviewId(q.Int(0));
  r.user = UserId(q.Int(1));
  r.username = q.Text(2);
  r.child = PersonId(q.Int(3));
  r.reason = q.Text(4);
  r.opened_at = q.Int(5);
  r.finding = Or(ParseReviewFinding(q.Text(6)), ReviewFinding::kOpen);
  r.reviewed_by = UserId(q.IsNull(7) ? 0 : q.Int(7));
  r.reviewed_at = q.Int(8);
  r.review_note = q.Text(9);
  return r;
}

}  // namespace

Result<SharingDecisionId> SqliteTransaction::InsertSharingDecision(const SharingDecision& d) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", d.child.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", d.to_agency.value, "agency"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO sharing_decision(child_id, from_agency_id, to_agency_id, decided_by, decided_at, information, "
      "purpose, basis, outcome, parents_informed, parents_informed_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, d.child.value).Bind(2, d.from_agency.value).Bind(3, d.to_agency.value)
                      .BindId(4, d.decided_by.value).Bind(5, d.decided_at).Bind(6, d.information)
                      .Bind(7, d.purpose).Bind(8, ToString(d.basis)).Bind(9, ToString(d.outcome))
                      .Bind(10, ToString(d.parents_informed)).Bind(11, d.parents_informed_note).Run());
  return SharingDecisionId(c_.LastInsertId());
}

Result<std::vector<SharingDecision>> SqliteTransaction::SharingDecisionsOf(PersonId child) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kSharingColumns + " FROM sharing_decision WHERE " +
                                      AnyOf("child_id", ids.size()) + " ORDER BY id DESC"));
  BindIds(*q, 1, ids);
  return CollectRows<SharingDecision>(*q, ReadSharingDecision);
}

Result<MisuseReviewId> SqliteTransaction::InsertMisuseReview(const MisuseReview& r) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM app_user WHERE id = ?", r.user.value, "user"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", r.child.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO misuse_review(user_id, username, child_id, reason, opened_at, finding, reviewed_by, reviewed_at, "
      "review_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, r.user.value).Bind(2, r.username).Bind(3, r.child.value).Bind(4, r.reason)
                      .Bind(5, r.opened_at).Bind(6, ToString(r.finding)).BindId(7, r.reviewed_by.value)
                      .Bind(8, r.reviewed_at).Bind(9, r.review_note).Run());
  return MisuseReviewId(c_.LastInsertId());
}

Result<MisuseReview> SqliteTransaction::GetMisuseReview(MisuseReviewId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kReviewColumns + " FROM misuse_review WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("misuse review " + id.ToString() + " does not exist");
  return ReadMisuseReview(*q);
}

Result<std::vector<MisuseReview>> SqliteTransaction::ListMisuseReviews(ReviewSelection selection) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kReviewColumns +
                                      " FROM misuse_review WHERE (? = 0 OR finding = 'open') ORDER BY id"));
  q->Bind(1, std::int64_t{selection == ReviewSelection::kOpenOnly});
  return CollectRows<MisuseReview>(*q, ReadMisuseReview);
}

Status SqliteTransaction::UpdateMisuseReview(const MisuseReview& r) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM misuse_review WHERE id = ?", r.id.value, "misuse review"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE misuse_review SET finding = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? WHERE id = ?"));
  return q->Bind(1, ToString(r.finding)).BindId(2, r.reviewed_by.value).Bind(3, r.reviewed_at)
      .Bind(4, r.review_note).Bind(5, r.id.value).Run();
}

// ---- signposting ----

namespace {

PlanPeriod ReadPlanPeriod(const Statement& q) {
  PlanPeriod p;
  p.id = PlanPeriodId(q.Int(0));
  p.child = PersonId(q.Int(1));
  p.type = Or(ParsePlanType(q.Text(2)), PlanType::kChildProtectionPlan);
  p.start = q.DateAt(3);
  p.end = q.OptionalDate(4);
  p.responsible_team = TeamId(q.Int(5));
  p.key_worker = PractitionerId(q.Int(6));
  return p;
}

SignpostingNotification ReadNotification(const Statement& q) {
  return SignpostingNotification{NotificationId(q.Int(0)), PersonId(q.Int(1)), PractitionerId(q.Int(2)),
                                 UserId(q.Int(3)), q.Text(4), q.Text(5), q.Text(6), q.Int(7)};
}

constexpr const char* kNotificationColumns =
    "id, child_id, key_worker_id, looked_up_by, username, agency_name, reason, at";

}  // namespace

Result<PlanPeriodId> SqliteTransaction::InsertPlanPeriod(const PlanPeriod& p) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", p.child.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", p.responsible_team.value, "team"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", p.key_worker.value, "practitioner"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO plan_period(child_id, type, start_date, end_date, responsible_team_id, key_worker_id) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, p.child.value).Bind(2, ToString(p.type)).Bind(3, p.start).Bind(4, p.end)
                      .Bind(5, p.responsible_team.value).Bind(6, p.key_worker.value).Run());
  return PlanPeriodId(c_.LastInsertId());
}

Status SqliteTransaction::EndPlanPeriod(PlanPeriodId id, Date end) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT start_date FROM plan_period WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("plan period " + id.ToString() + " does not exist");
  if (end < q->DateAt(0)) return InvalidArgument("plan period " + id.ToString() + " cannot end before its start", "end");
  ASSIGN_OR_RETURN(auto update, c_.Prepare("UPDATE plan_period SET end_date = ? WHERE id = ?"));
  return update->Bind(1, end).Bind(2, id.value).Run();
}

Status SqliteTransaction::SetPlanPeriodKeyWorker(PlanPeriodId id, PractitionerId key_worker, TeamId team) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM plan_period WHERE id = ?", id.value, "plan period"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", key_worker.value, "practitioner"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", team.value, "team"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("UPDATE plan_period SET key_worker_id = ?, responsible_team_id = ? WHERE id = ?"));
  return q->Bind(1, key_worker.value).Bind(2, team.value).Bind(3, id.value).Run();
}

Result<std::vector<PlanPeriod>> SqliteTransaction::PlanPeriodsOf(PersonId child) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      std::string("SELECT id, child_id, type, start_date, end_date, responsible_team_id, key_worker_id FROM plan_period "
                  "WHERE ") + AnyOf("child_id", ids.size()) + " ORDER BY start_date, id"));
  BindIds(*q, 1, ids);
  return CollectRows<PlanPeriod>(*q, ReadPlanPeriod);
}

Result<std::vector<PersonId>> SqliteTransaction::ChildrenWithUnsplitPreBirthPlans() {
  // ISO dates compare as text.
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT DISTINCT pp.child_id FROM plan_period pp JOIN person p ON p.id = pp.child_id "
      "WHERE pp.type = 'unborn_child_protection_plan' AND p.date_of_birth IS NOT NULL "
      "AND p.date_of_birth > pp.start_date AND (pp.end_date IS NULL OR pp.end_date > p.date_of_birth) "
      "ORDER BY pp.child_id"));
  return CollectRows<PersonId>(*q, [](const Statement& r) { return PersonId(r.Int(0)); });
}

Result<NotificationId> SqliteTransaction::InsertNotification(const SignpostingNotification& n) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO signposting_notification(child_id, key_worker_id, looked_up_by, username, agency_name, reason, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, n.child.value).Bind(2, n.key_worker.value).Bind(3, n.looked_up_by.value)
                      .Bind(4, n.username).Bind(5, n.agency_name).Bind(6, n.reason).Bind(7, n.at).Run());
  return NotificationId(c_.LastInsertId());
}

Result<std::vector<SignpostingNotification>> SqliteTransaction::NotificationsOfChild(PersonId child, int limit) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kNotificationColumns +
                                      " FROM signposting_notification WHERE " + AnyOf("child_id", ids.size()) +
                                      " ORDER BY id DESC LIMIT ?"));
  q->Bind(BindIds(*q, 1, ids), static_cast<std::int64_t>(limit));
  return CollectRows<SignpostingNotification>(*q, ReadNotification);
}

Result<std::vector<SignpostingNotification>> SqliteTransaction::NotificationsFor(PractitionerId key_worker, int limit) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kNotificationColumns +
                                      " FROM signposting_notification WHERE key_worker_id = ? ORDER BY id DESC LIMIT ?"));
  q->Bind(1, key_worker.value).Bind(2, static_cast<std::int64_t>(limit));
  return CollectRows<SignpostingNotification>(*q, ReadNotification);
}

// ---- MASH ----

namespace {

constexpr const char* kContactColumns =
    "id, child_id, source, summary, received_at, rating, rated_at, due_at, status, decision, decided_at";

MashContact ReadContact(const Statement& q) {
  MashContact c;
  c.id = MashContactId(q.Int(0));
  c.child = PersonId(q.Int(1));
  c.source = q.Text(2);
  c.summary = q.Text(3);
  c.received_at = q.Int(4);
  if (!q.IsNull(5)) c.rating = Or(ParseRagRating(q.Text(5)), RagRating::kRed);
  c.rated_at = q.Int(6);
  c.due_at = q.Int(7);
  c.status = q.Text(8) == "decided" ? ContactStatus::kDecided : ContactStatus::kOpen;
  c.decision = q.Text(9);
  c.decided_at = q.Int(10);
  return c;
}

AgencyCheck ReadCheck(const Statement& q) {
  AgencyCheck c;
  c.id = AgencyCheckId(q.Int(0));
  c.contact = MashContactId(q.Int(1));
  c.agency = AgencyId(q.Int(2));
  const std::string status = q.Text(3);
  c.status = status == "released" ? CheckStatus::kReleased
             : status == "answered" ? CheckStatus::kAnswered
                                    : CheckStatus::kRequested;
  c.findings = q.Text(4);
  c.answered_at = q.Int(5);
  c.released_at = q.Int(6);
  c.released_by = UserId(q.IsNull(7) ? 0 : q.Int(7));
  return c;
}

void BindContact(Statement& q, const MashContact& c) {
  q.Bind(1, c.child.value).Bind(2, c.source).Bind(3, c.summary).Bind(4, c.received_at);
  if (c.rating) {
    q.Bind(5, ToString(*c.rating));
  } else {
    q.BindNull(5);
  }
  q.Bind(6, c.rated_at).Bind(7, c.due_at).Bind(8, ToString(c.status)).Bind(9, c.decision).Bind(10, c.decided_at);
}

}  // namespace

Result<MashContactId> SqliteTransaction::InsertContact(const MashContact& c) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", c.child.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO mash_contact(child_id, source, summary, received_at, rating, rated_at, due_at, status, decision, "
      "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindContact(*q, c);
  RETURN_IF_ERROR(q->Run());
  return MashContactId(c_.LastInsertId());
}

Result<MashContact> SqliteTransaction::GetContact(MashContactId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kContactColumns + " FROM mash_contact WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("contact " + id.ToString() + " does not exist");
  return ReadContact(*q);
}

Status SqliteTransaction::UpdateContact(const MashContact& c) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM mash_contact WHERE id = ?", c.id.value, "contact"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE mash_contact SET child_id = ?, source = ?, summary = ?, received_at = ?, rating = ?, rated_at = ?, "
      "due_at = ?, status = ?, decision = ?, decided_at = ? WHERE id = ?"));
  BindContact(*q, c);
  q->Bind(11, c.id.value);
  return q->Run();
}

Result<std::vector<MashContact>> SqliteTransaction::OpenContacts() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kContactColumns +
                                      " FROM mash_contact WHERE status = 'open' ORDER BY id"));
  return CollectRows<MashContact>(*q, ReadContact);
}

Result<std::vector<MashContact>> SqliteTransaction::ContactsOfChild(PersonId child) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kContactColumns + " FROM mash_contact WHERE " +
                                      AnyOf("child_id", ids.size()) + " ORDER BY id"));
  BindIds(*q, 1, ids);
  return CollectRows<MashContact>(*q, ReadContact);
}

Result<AgencyCheckId> SqliteTransaction::InsertCheck(const AgencyCheck& c) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM mash_contact WHERE id = ?", c.contact.value, "contact"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", c.agency.value, "agency"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO mash_check(contact_id, agency_id, status, findings, answered_at, released_at, released_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, c.contact.value).Bind(2, c.agency.value).Bind(3, ToString(c.status))
                      .Bind(4, c.findings).Bind(5, c.answered_at).Bind(6, c.released_at)
                      .BindId(7, c.released_by.value).Run());
  return AgencyCheckId(c_.LastInsertId());
}

Result<AgencyCheck> SqliteTransaction::GetCheck(AgencyCheckId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, contact_id, agency_id, status, findings, answered_at, released_at, released_by FROM mash_check WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("agency check " + id.ToString() + " does not exist");
  return ReadCheck(*q);
}

Status SqliteTransaction::UpdateCheck(const AgencyCheck& c) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM mash_check WHERE id = ?", c.id.value, "agency check"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE mash_check SET status = ?, findings = ?, answered_at = ?, released_at = ?, released_by = ? "
      "WHERE id = ?"));
  return q->Bind(1, ToString(c.status)).Bind(2, c.findings).Bind(3, c.answered_at).Bind(4, c.released_at)
      .BindId(5, c.released_by.value).Bind(6, c.id.value).Run();
}

Result<std::vector<AgencyCheck>> SqliteTransaction::ChecksOf(MashContactId contact) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, contact_id, agency_id, status, findings, answered_at, released_at, released_by FROM mash_check "
      "WHERE contact_id = ? ORDER BY id"));
  q->Bind(1, contact.value);
  return CollectRows<AgencyCheck>(*q, ReadCheck);
}

}  // namespace safehub::store::sqlite
