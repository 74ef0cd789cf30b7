#include "app/link_review.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace safehub::app {
namespace {

using store::LinkReview;
using store::LinkReviewStatus;
using store::PersonMerge;

const char* kQueueResource = "/api/v1/link-reviews";

std::string ReviewResource(store::LinkReviewId id) { return std::string(kQueueResource) + "/" + id.ToString(); }
std::string PersonResource(PersonId id) { return "/api/v1/people/" + id.ToString(); }

Status CheckReason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("a reason is required: what the decision rests on", "reason");
  }
  if (reason.size() > LinkReviews::kMaxReason) {
    return InvalidArgument("must be at most " + std::to_string(LinkReviews::kMaxReason) + " characters", "reason");
  }
  return Status::Ok();
}

Result<ReviewedPerson> Describe(store::Transaction& tx, PersonId id) {
  ReviewedPerson out;
  ASSIGN_OR_RETURN(out.person, tx.GetPerson(id));
  out.shielded = out.person.IsShielded();
  if (out.shielded) {
    // Names and birth date are what a reviewer compares; hidden identifiers stay hidden.
    out.person.nhs_number.clear();
    out.person.upn.clear();
  }
  ASSIGN_OR_RETURN(auto events, tx.EventsOf(id, std::nullopt, std::nullopt));
  out.events = events.size();
  return out;
}

}  // namespace

Status LinkReviews::QueuePossibleMatch(store::Transaction& tx, const LinkResult& link, AgencyId agency,
                                       const std::string& source_reference, UnixSeconds now) {
  if (!link.possible) return Status::Ok();
  ASSIGN_OR_RETURN(auto existing, tx.LinkReviewsOf(link.child));
  for (const auto& r : existing) {
    if (r.arriving == link.possible->existing || r.existing == link.possible->existing) return Status::Ok();
  }
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : link.possible->evidence) {
    evidence.push_back({{"field", e.field}, {"level", e.level}, {"weight", std::round(e.weight * 100) / 100}});
  }
  LinkReview r;
  r.arriving = link.child;
  r.existing = link.possible->existing;
  r.probability = link.possible->probability;
  r.evidence_json = evidence.dump();
  r.agency = agency;
  r.source_reference = source_reference;
  r.created_at = now;
  return tx.InsertLinkReview(r).status();
}

Result<std::vector<LinkReview>> LinkReviews::ReviewsOfChild(store::Transaction& tx, PersonId child) {
  ASSIGN_OR_RETURN(auto out, tx.LinkReviewsOf(child));
  ASSIGN_OR_RETURN(auto absorbed, tx.AbsorbedInto(child));
  for (PersonId person : absorbed) {
    ASSIGN_OR_RETURN(auto of_person, tx.LinkReviewsOf(person));
    for (auto& r : of_person) {
      // A review between two people both read as `child` is listed once.
      const bool listed = std::any_of(out.begin(), out.end(), [&](const LinkReview& x) { return x.id == r.id; });
      if (!listed) out.push_back(std::move(r));
    }
  }
  std::sort(out.begin(), out.end(), [](const LinkReview& a, const LinkReview& b) { return a.id.value < b.id.value; });
  return out;
}

Status LinkReviews::RequireReviewer(store::Transaction& tx, const AuthContext& caller) const {
  const domain::Principal& p = caller.principal;
  const Status refused = PermissionDenied(
      "only a manager or safeguarding lead of children's social care (agency scope) or of the MASH reviews "
      "possible matches");
  if (p.role != domain::Role::kManager && p.role != domain::Role::kSafeguardingLead) return refused;
  if (hub_team_.valid() && p.team == hub_team_) return Status::Ok();
  if (p.scope != domain::Scope::kAgency && p.scope != domain::Scope::kAll) return refused;
  if (!p.agency.valid()) return refused;
  ASSIGN_OR_RETURN(auto agency, tx.GetAgency(p.agency));
  return agency.kind == domain::AgencyKind::kSocialCare ? Status::Ok() : refused;
}

Status LinkReviews::ReviewerWrite(const AuthContext& caller, const std::string& action, const std::string& resource,
                                  const std::function<Status(store::Transaction&)>& work) {
  Status refusal;
  RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    refusal = RequireReviewer(tx, caller);
    if (!refusal.ok()) {
      if (refusal.code() != StatusCode::kPermissionDenied) return refusal;
      auto e = EntryBy(&caller.principal, action, resource);
      e.outcome = domain::AuditOutcome::kDenied;
      e.detail = refusal.message();
      return audit_.Append(tx, e);  // the refusal is kept; nothing else is done
    }
    return work(tx);
  }));
  return refusal;
}

Result<ReviewPage> LinkReviews::ListOpen(const AuthContext& caller, int limit, int offset) {
  if (limit < 1 || limit > kMaxPage) {
    return InvalidArgument("limit must be between 1 and " + std::to_string(kMaxPage), "limit");
  }
  if (offset < 0) return InvalidArgument("offset must not be negative", "offset");
  ReviewPage page;
  RETURN_IF_ERROR(ReviewerWrite(caller, "read_link_reviews", kQueueResource, [&](store::Transaction& tx) -> Status {
    page = ReviewPage{};
    ASSIGN_OR_RETURN(page.total_open, tx.CountLinkReviews(LinkReviewStatus::kOpen));
    ASSIGN_OR_RETURN(auto open, tx.ListLinkReviews(LinkReviewStatus::kOpen, limit, offset));
    std::vector<domain::AuditEntry> entries;
    for (auto& r : open) {
      ReviewItem item;
      ASSIGN_OR_RETURN(item.arriving, Describe(tx, r.arriving));
      ASSIGN_OR_RETURN(item.existing, Describe(tx, r.existing));
      // Each child shown is a read of that child's identifying details.
      for (PersonId child : {r.arriving, r.existing}) {
        auto e = EntryBy(&caller.principal, "read_link_review", ReviewResource(r.id));
        e.child = child;
        e.basis = "clerical_review";
        e.detail = "possible match " + r.arriving.ToString() + " ~ " + r.existing.ToString();
        entries.push_back(std::move(e));
      }
      item.review = std::move(r);
      page.items.push_back(std::move(item));
    }
    if (entries.empty()) {
      auto e = EntryBy(&caller.principal, "read_link_reviews", kQueueResource);
      e.detail = "no open reviews on this page";
      entries.push_back(std::move(e));
    }
    return audit_.AppendAll(tx, std::move(entries));
  }));
  return page;
}

Result<ReviewOutcome> LinkReviews::Decide(const AuthContext& caller, store::LinkReviewId id, LinkReviewStatus decision,
                                          const std::string& reason) {
  if (decision == LinkReviewStatus::kOpen) {
    return InvalidArgument("'open' is not a decision: use match or not_match", "decision");
  }
  RETURN_IF_ERROR(CheckReason(reason));
  ReviewOutcome out;
  RETURN_IF_ERROR(ReviewerWrite(caller, "decide_link_review", ReviewResource(id), [&](store::Transaction& tx) -> Status {
    out = ReviewOutcome{};
    ASSIGN_OR_RETURN(out.review, tx.GetLinkReview(id));
    LinkReview& r = out.review;
    if (r.status != LinkReviewStatus::kOpen) {
      return FailedPrecondition("link review " + id.ToString() + " is already decided (" +
                                    std::string(store::ToString(r.status)) + ")", "decision");
    }
    r.status = decision;
    r.decided_by = caller.principal.user;
    r.decided_at = clock_.Now();
    r.reason = reason;
    RETURN_IF_ERROR(tx.DecideLinkReview(r));
    std::vector<domain::AuditEntry> entries;
    for (PersonId child : {r.arriving, r.existing}) {
      auto e = EntryBy(&caller.principal, "decide_link_review", ReviewResource(id));
      e.child = child;
      e.reason = reason;
      e.basis = "clerical_review";
      e.detail = std::string(store::ToString(decision)) + ": " + r.arriving.ToString() + " ~ " + r.existing.ToString();
      entries.push_back(std::move(e));
    }
    // Either side may already be part of a merge: the decision is about the children the two
    // are read as now, each the end of its chain of merges.
    ASSIGN_OR_RETURN(PersonId arriving_child, tx.SurvivorOf(r.arriving));
    ASSIGN_OR_RETURN(PersonId existing_child, tx.SurvivorOf(r.existing));
    if (decision == LinkReviewStatus::kNotMatch && arriving_child == existing_child) {
      return FailedPrecondition("person " + r.arriving.ToString() + " and person " + r.existing.ToString() +
                                    " are already read as one child (person " + existing_child.ToString() +
                                    ") through a merge; undo that merge before deciding they are different",
                                "decision");
    }
    if (decision == LinkReviewStatus::kMatch && arriving_child != existing_child) {
      // The arriving side's child (with everyone merged into it) joins the existing side's.
      // Both are ends of chains, so this cannot make a cycle; the store refuses one anyway.
      ASSIGN_OR_RETURN(out.merge, MergeInto(tx, caller, arriving_child, existing_child, r, entries));
    }
    // Matching two already read as one child records the decision and merges nothing.
    return audit_.AppendAll(tx, std::move(entries));
  }));
  if (out.merge && reading_changed_) reading_changed_({out.merge->surviving});
  return out;
}

Result<PersonMerge> LinkReviews::MergeInto(store::Transaction& tx, const AuthContext& caller, PersonId merged,
                                           PersonId surviving, const LinkReview& review,
                                           std::vector<domain::AuditEntry>& entries) {
  PersonMerge m;
  m.merged = merged;
  m.surviving = surviving;
  m.review = review.id;
  m.merged_by = caller.principal.user;
  m.merged_at = review.decided_at;
  m.reason = review.reason;
  ASSIGN_OR_RETURN(m.id, tx.InsertPersonMerge(m));
  for (PersonId child : {m.merged, m.surviving}) {
    auto e = EntryBy(&caller.principal, "merge_person", PersonResource(m.merged));
    e.child = child;
    e.reason = review.reason;
    e.detail = "person " + m.merged.ToString() + " merged into person " + m.surviving.ToString() + " (merge " +
               m.id.ToString() + ", link review " + review.id.ToString() + ": " + review.arriving.ToString() + " ~ " +
               review.existing.ToString() + ")";
    entries.push_back(std::move(e));
  }
  return m;
}

Result<PersonMerge> LinkReviews::Unmerge(const AuthContext& caller, PersonId merged, const std::string& reason) {
  RETURN_IF_ERROR(CheckReason(reason));
  PersonMerge out;
  RETURN_IF_ERROR(ReviewerWrite(caller, "unmerge_person", PersonResource(merged), [&](store::Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.GetPerson(merged).status());
    ASSIGN_OR_RETURN(auto standing, tx.StandingMergeOf(merged));
    if (!standing) {
      return FailedPrecondition("person " + merged.ToString() + " is not merged into anyone", "person_id");
    }
    out = *standing;
    out.undone_by = caller.principal.user;
    out.undone_at = clock_.Now();
    out.undo_reason = reason;
    RETURN_IF_ERROR(tx.UndoPersonMerge(out));
    std::vector<domain::AuditEntry> entries;
    for (PersonId child : {out.merged, out.surviving}) {
      auto e = EntryBy(&caller.principal, "unmerge_person", PersonResource(merged));
      e.child = child;
      e.reason = reason;
      e.detail = "person " + out.merged.ToString() + " no longer merged into person " + out.surviving.ToString() +
                 " (merge " + out.id.ToString() + ")";
      entries.push_back(std::move(e));
    }
    return audit_.AppendAll(tx, std::move(entries));
  }));
  if (reading_changed_) reading_changed_({out.merged, out.surviving});
  return out;
}

Result<AuthContext> LinkReviews::ActingAs(store::Store& store, const std::string& username) {
  AuthContext context;
  RETURN_IF_ERROR(store.Read([&](store::Transaction& tx) -> Status {
    auto user = tx.GetUserByUsername(username);
    if (!user.ok()) return NotFound("--by: no user '" + username + "'");
    if (user->disabled) return PermissionDenied("--by: user '" + username + "' is disabled");
    domain::Principal& p = context.principal;
    p.user = user->id;
    p.username = user->username;
    p.role = user->role;
    p.scope = user->scope;
    p.practitioner = user->practitioner;
    if (user->practitioner.valid()) {
      ASSIGN_OR_RETURN(auto practitioner, tx.GetPractitioner(user->practitioner));
      ASSIGN_OR_RETURN(auto team, tx.GetTeam(practitioner.team));
      p.team = team.id;
      p.agency = team.agency;
    }
    return Status::Ok();
  }));
  return context;
}

}  // namespace safehub::app
