// The child index's clerical review and person merges of SqliteTransaction
// (store/link_review_repository.h): tables link_review and person_merge, migration 9.
#include <algorithm>
#include <cmath>

#include "store/sqlite/sqlite_transaction.h"
#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {
namespace {

// Probabilities are stored as integer parts per million: exact, portable, and no REAL
// binding needed.
std::int64_t ToPpm(double p) { return static_cast<std::int64_t>(std::llround(p * 1e6)); }

constexpr const char* kReviewColumns =
    "id, arriving_person_id, existing_person_id, probability_ppm, evidence, agency_id, source_reference, "
    "created_at, status, decided_by, decided_at, reason";

LinkReview ReadReview(const Statement& q) {
  LinkReview r;
  r.id = LinkReviewId(q.Int(0));
  r.arriving = PersonId(q.Int(1));
  r.existing = PersonId(q.Int(2));
  r.probability = static_cast<double>(q.Int(3)) / 1e6;
  r.evidence_json = q.Text(4);
  r.agency = AgencyId(q.IsNull(5) ? 0 : q.Int(5));
  r.source_reference = q.Text(6);
  r.created_at = q.Int(7);
  r.status = Or(ParseLinkReviewStatus(q.Text(8)), LinkReviewStatus::kOpen);  // unknown: still to review
  r.decided_by = UserId(q.IsNull(9) ? 0 : q.Int(9));
  r.decided_at = q.Int(10);
  r.reason = q.Text(11);
  return r;
}

constexpr const char* kMergeColumns =
    "id, merged_person_id, surviving_person_id, link_review_id, merged_by, merged_at, reason, undone_by, "
    "undone_at, undo_reason";

PersonMerge ReadMerge(const Statement& q) {
  PersonMerge m;
  m.id = PersonMergeId(q.Int(0));
  m.merged = PersonId(q.Int(1));
  m.surviving = PersonId(q.Int(2));
  m.review = LinkReviewId(q.IsNull(3) ? 0 : q.Int(3));
  m.merged_by = UserId(q.IsNull(4) ? 0 : q.Int(4));
  m.merged_at = q.Int(5);
  m.reason = q.Text(6);
  m.undone_by = UserId(q.IsNull(7) ? 0 : q.Int(7));
  m.undone_at = q.Int(8);
  m.undo_reason = q.Text(9);
  return m;
}

}  // namespace

Result<LinkReviewId> SqliteTransaction::InsertLinkReview(const LinkReview& r) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", r.arriving.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", r.existing.value, "person"));
  if (r.agency.valid()) RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", r.agency.value, "agency"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO link_review(arriving_person_id, existing_person_id, probability_ppm, evidence, agency_id, "
      "source_reference, created_at, status, decided_by, decided_at, reason) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', NULL, 0, '')"));
  RETURN_IF_ERROR(q->Bind(1, r.arriving.value).Bind(2, r.existing.value).Bind(3, ToPpm(r.probability))
                      .Bind(4, r.evidence_json).BindId(5, r.agency.value).Bind(6, r.source_reference)
                      .Bind(7, r.created_at).Run());
  return LinkReviewId(c_.LastInsertId());
}

Result<LinkReview> SqliteTransaction::GetLinkReview(LinkReviewId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kReviewColumns + " FROM link_review WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("link review " + id.ToString() + " does not exist");
  return ReadReview(*q);
}

Status SqliteTransaction::DecideLinkReview(const LinkReview& r) {
  ASSIGN_OR_RETURN(LinkReview stored, GetLinkReview(r.id));
  if (stored.status != LinkReviewStatus::kOpen) {
    return FailedPrecondition("link review " + r.id.ToString() + " is already decided (" +
                                  std::string(ToString(stored.status)) + ")", "decision");
  }
  if (r.decided_by.valid()) RETURN_IF_ERROR(RequireRow("SELECT 1 FROM app_user WHERE id = ?", r.decided_by.value, "user"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE link_review SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND status = 'open'"));
  return q->Bind(1, ToString(r.status)).BindId(2, r.decided_by.value).Bind(3, r.decided_at).Bind(4, r.reason)
      .Bind(5, r.id.value).Run();
}

Result<std::vector<LinkReview>> SqliteTransaction::ListLinkReviews(LinkReviewStatus status, int limit, int offset) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kReviewColumns +
                                      " FROM link_review WHERE status = ? ORDER BY id LIMIT ? OFFSET ?"));
  q->Bind(1, ToString(status)).Bind(2, std::int64_t{std::max(0, limit)}).Bind(3, std::int64_t{std::max(0, offset)});
  return CollectRows<LinkReview>(*q, ReadReview);
}

Result<std::int64_t> SqliteTransaction::CountLinkReviews(LinkReviewStatus status) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT COUNT(*) FROM link_review WHERE status = ?"));
  q->Bind(1, ToString(status));
  ASSIGN_OR_RETURN(bool row, q->Step());
  return row ? q->Int(0) : 0;
}

Result<std::vector<LinkReview>> SqliteTransaction::LinkReviewsOf(PersonId person) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kReviewColumns +
                                      " FROM link_review WHERE arriving_person_id = ? OR existing_person_id = ? "
                                      "ORDER BY id"));
  q->Bind(1, person.value).Bind(2, person.value);
  return CollectRows<LinkReview>(*q, ReadReview);
}

Result<PersonMergeId> SqliteTransaction::InsertPersonMerge(const PersonMerge& m) {
  read_as_.clear();  // who is read as whom changes with this unit
  if (m.merged == m.surviving) {
    return InvalidArgument("person " + m.merged.ToString() + " cannot be merged into itself", "person_id");
  }
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", m.merged.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", m.surviving.value, "person"));
  ASSIGN_OR_RETURN(auto standing, StandingMergeOf(m.merged));
  if (standing) {
    return AlreadyExists("person " + m.merged.ToString() + " is already merged into person " +
                             standing->surviving.ToString(), "person_id");
  }
  ASSIGN_OR_RETURN(PersonId end, SurvivorOf(m.surviving));
  if (end == m.merged) return MergeCycleError(m);
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO person_merge(merged_person_id, surviving_person_id, link_review_id, merged_by, merged_at, reason, "
      "undone_by, undone_at, undo_reason) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, '')"));
  RETURN_IF_ERROR(q->Bind(1, m.merged.value).Bind(2, m.surviving.value).BindId(3, m.review.value)
                      .BindId(4, m.merged_by.value).Bind(5, m.merged_at).Bind(6, m.reason).Run());
  return PersonMergeId(c_.LastInsertId());
}

Result<PersonMerge> SqliteTransaction::GetPersonMerge(PersonMergeId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kMergeColumns + " FROM person_merge WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("person merge " + id.ToString() + " does not exist");
  return ReadMerge(*q);
}

Status SqliteTransaction::UndoPersonMerge(const PersonMerge& m) {
  read_as_.clear();  // who is read as whom changes with this unit
  ASSIGN_OR_RETURN(PersonMerge stored, GetPersonMerge(m.id));
  if (stored.undone_at != 0) {
    return FailedPrecondition("person merge " + m.id.ToString() + " is already undone", "person_id");
  }
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE person_merge SET undone_by = ?, undone_at = ?, undo_reason = ? WHERE id = ? AND undone_at = 0"));
  return q->BindId(1, m.undone_by.value).Bind(2, m.undone_at).Bind(3, m.undo_reason).Bind(4, m.id.value).Run();
}

Result<std::optional<PersonMerge>> SqliteTransaction::StandingMergeOf(PersonId person) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kMergeColumns +
                                      " FROM person_merge WHERE merged_person_id = ? AND undone_at = 0"));
  q->Bind(1, person.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<PersonMerge>();
  return std::optional<PersonMerge>(ReadMerge(*q));
}

Result<std::vector<PersonMerge>> SqliteTransaction::StandingMergesInto(PersonId person) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kMergeColumns +
                                      " FROM person_merge WHERE surviving_person_id = ? AND undone_at = 0 ORDER BY id"));
  q->Bind(1, person.value);
  return CollectRows<PersonMerge>(*q, ReadMerge);
}

Result<PersonId> SqliteTransaction::SurvivorOf(PersonId person) {
  // One standing merge per person (a unique index) and no cycles (InsertPersonMerge): the
  // walk ends. The bound guards a store edited by hand.
  for (int hop = 0; hop < 100000; ++hop) {
    // Each borrow of the cached statement is reset when `q` goes out of scope.
    ASSIGN_OR_RETURN(auto q, c_.Prepare(
        "SELECT surviving_person_id FROM person_merge WHERE merged_person_id = ? AND undone_at = 0"));
    q->Bind(1, person.value);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return person;
    person = PersonId(q->Int(0));
  }
  return Internal("person merges of person " + person.ToString() + " form a cycle");
}

Result<std::vector<PersonId>> SqliteTransaction::AbsorbedInto(PersonId survivor) {
  // Almost nobody has absorbed anyone: an indexed probe answers them without the recursive
  // query, which costs far more (concern detection asks for every person it reads).
  ASSIGN_OR_RETURN(auto probe, c_.Prepare(
      "SELECT 1 FROM person_merge WHERE surviving_person_id = ? AND undone_at = 0 LIMIT 1"));
  probe->Bind(1, survivor.value);
  ASSIGN_OR_RETURN(bool any, probe->Step());
  if (!any) return std::vector<PersonId>();
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT id FROM ") + kAbsorbedInto + " AS a ORDER BY id"));
  q->Bind(1, survivor.value);
  return CollectRows<PersonId>(*q, [](const Statement& r) { return PersonId(r.Int(0)); });
}

Result<std::vector<PersonMerge>> SqliteTransaction::MergesOf(PersonId person) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kMergeColumns +
                                      " FROM person_merge WHERE merged_person_id = ? OR surviving_person_id = ? "
                                      "ORDER BY id"));
  q->Bind(1, person.value).Bind(2, person.value);
  return CollectRows<PersonMerge>(*q, ReadMerge);
}

}  // namespace safehub::store::sqlite
