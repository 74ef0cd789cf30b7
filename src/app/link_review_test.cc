#include "app/link_review.h"

#include <tuple>

#include <gtest/gtest.h>

#include "app/feed_ingest.h"
#include "app/probabilistic_child_index.h"
#include "app/test_area.h"

namespace safehub::app {
namespace {

using store::LinkReviewStatus;
using testing::TestArea;

// Feeds through the real linkage model; Maisie and "Maisy" Okonkwo-Hart, same birthday and
// nothing else to go on, score between the review and match thresholds.
class LinkReviewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { model_ = new linkage::LinkageModel(DefaultChildLinkageModel()); }
  static void TearDownTestSuite() { delete model_; }

  void SetUp() override {
    ASSERT_TRUE(index.Load(*area.store).ok());
    // A head of children's social care (agency scope) and a MASH manager (team scope).
    area.AddUser("head", domain::Role::kManager, domain::Scope::kAgency, area.social_worker);
    area.AddUser("hub", domain::Role::kManager, domain::Scope::kTeam, area.social_worker);
    existing = Feed("P-1", "Maisie", "2024-05-01");
    ASSERT_TRUE(existing.valid());
    arriving = Feed("P-2", "Maisy", "2024-05-02");
    ASSERT_TRUE(arriving.valid());
  }

  // Ingests one police row; returns the child its event was recorded against.
  PersonId Feed(const char* ref, const char* first, const char* occurred, const char* surname = "Okonkwo-Hart") {
    FeedRow row;
    row.line = 1;
    row.fields = {{"source_reference", ref},  {"first_name", first},        {"surname", surname},
                  {"date_of_birth", "2019-07-21"}, {"kind", "police_incident"}, {"occurred_on", occurred},
                  {"risk", "low"}, {"notification", "information_only"}};
    auto report = feeds.Ingest({area.police, nullptr}, std::span<const FeedRow>(&row, 1));
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.ok() ? report->rejected : 1, 0);
    PersonId child;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto people, tx.FindPeople({}));
      for (const auto& p : people) {
        ASSIGN_OR_RETURN(auto events, tx.EventsOf(p.id, std::nullopt, std::nullopt));
        for (const auto& e : events) {
          if (e.source_reference == ref && e.child == p.id) child = p.id;
        }
      }
      return Status::Ok();
    });
    return child;
  }

  std::vector<store::LinkReview> Reviews(LinkReviewStatus status) {
    std::vector<store::LinkReview> out;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.ListLinkReviews(status, 100, 0));
      return Status::Ok();
    });
    return out;
  }

  std::vector<std::string> EventRefsOf(PersonId child) {
    std::vector<std::string> out;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto events, tx.EventsOf(child, std::nullopt, std::nullopt));
      for (const auto& e : events) out.push_back(e.source_reference);
      return Status::Ok();
    });
    return out;
  }

  store::LinkReviewId TheOpenReview() {
    auto open = Reviews(LinkReviewStatus::kOpen);
    EXPECT_EQ(open.size(), 1u);
    return open.empty() ? store::LinkReviewId() : open[0].id;
  }

  store::LinkReviewId TheOpenReviewOf(PersonId existing_person, PersonId arriving_person) {
    for (const auto& r : Reviews(LinkReviewStatus::kOpen)) {
      if (r.existing == existing_person && r.arriving == arriving_person) return r.id;
    }
    ADD_FAILURE() << "no open review of " << arriving_person.ToString() << " ~ " << existing_person.ToString();
    return store::LinkReviewId();
  }

  static linkage::LinkageModel* model_;
  TestArea area;
  ProbabilisticChildIndex index{*model_};
  FeedIngest feeds{*area.store, area.clock, index};
  LinkReviews reviews{*area.store, area.clock, area.assessment_team};
  PersonId existing, arriving;
};
linkage::LinkageModel* LinkReviewTest::model_ = nullptr;

TEST_F(LinkReviewTest, APossibleMatchIsQueuedWithTheRecordThatRaisedIt) {
  EXPECT_NE(arriving, existing);
  auto open = Reviews(LinkReviewStatus::kOpen);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].arriving, arriving);
  EXPECT_EQ(open[0].existing, existing);
  EXPECT_EQ(open[0].agency, area.police);
  EXPECT_EQ(open[0].source_reference, "P-2");
  EXPECT_GE(open[0].probability, model_->review_threshold());
  EXPECT_LT(open[0].probability, model_->match_threshold());
  EXPECT_NE(open[0].evidence_json.find("\"field\":\"first_name\""), std::string::npos) << open[0].evidence_json;
  // Re-sending the record neither duplicates the event nor queues the pair again.
  Feed("P-2", "Maisy", "2024-05-02");
  EXPECT_EQ(Reviews(LinkReviewStatus::kOpen).size(), 1u);
}

TEST_F(LinkReviewTest, TheQueueShowsBothPeopleAndAuditsEachChildShown) {
  auto page = reviews.ListOpen(area.Login("head"), 10, 0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->total_open, 1);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].arriving.person.first_name, "Maisy");
  EXPECT_EQ(page->items[0].existing.person.first_name, "Maisie");
  EXPECT_EQ(page->items[0].existing.events, 1u);
  for (PersonId child : {existing, arriving}) {
    auto audit = area.AuditOf(child);
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit.front().action, "read_link_review");
    EXPECT_EQ(audit.front().username, "head");
  }
  EXPECT_EQ(reviews.ListOpen(area.Login("head"), 0, 0).status().field(), "limit");
  EXPECT_EQ(reviews.ListOpen(area.Login("head"), 10, -1).status().field(), "offset");
}

TEST_F(LinkReviewTest, OnlyManagersAndLeadsOfSocialCareOrTheHubReviewAndRefusalsAreAudited) {
  EXPECT_TRUE(reviews.ListOpen(area.Login("hub"), 10, 0).ok());  // MASH manager, team scope
  for (const char* who : {"jo", "sam", "ali", "lead", "admin", "auditor"}) {
    auto page = reviews.ListOpen(area.Login(who), 10, 0);
    EXPECT_EQ(page.status().code(), StatusCode::kPermissionDenied) << who;
  }
  auto decided = reviews.Decide(area.Login("admin"), TheOpenReview(), LinkReviewStatus::kMatch, "looks the same");
  EXPECT_EQ(decided.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Reviews(LinkReviewStatus::kOpen).size(), 1u);  // nothing decided
  std::vector<domain::AuditEntry> denied;
  ASSERT_TRUE(area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, tx.ScanAudit(0, 10000));
    for (auto& e : all) {
      if (e.outcome == domain::AuditOutcome::kDenied && e.action.find("link_review") != std::string::npos) {
        denied.push_back(e);
      }
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(denied.size(), 7u);  // six listings and one decision
}

TEST_F(LinkReviewTest, ADecisionNeedsAReasonAndIsTakenOnce) {
  const auto id = TheOpenReview();
  auto no_reason = reviews.Decide(area.Login("head"), id, LinkReviewStatus::kNotMatch, "  ");
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.status().field(), "reason");
  ASSERT_TRUE(reviews.Decide(area.Login("head"), id, LinkReviewStatus::kNotMatch, "different mothers").ok());
  auto again = reviews.Decide(area.Login("hub"), id, LinkReviewStatus::kMatch, "same child");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  auto missing = reviews.Decide(area.Login("head"), store::LinkReviewId(9999), LinkReviewStatus::kMatch, "x");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(LinkReviewTest, NotAMatchIsRespectedByLaterRecords) {
  auto decided = reviews.Decide(area.Login("head"), TheOpenReview(), LinkReviewStatus::kNotMatch, "different mothers");
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  EXPECT_FALSE(decided->merge.has_value());
  EXPECT_EQ(area.AuditOf(arriving).front().action, "decide_link_review");
  EXPECT_EQ(area.AuditOf(existing).front().reason, "different mothers");
  // The next event for the same identity joins the arriving child, never the other.
  EXPECT_EQ(Feed("P-3", "Maisy", "2024-05-03"), arriving);
  // A variant the model has to score is still not put on, or proposed for, the other child.
  const PersonId variant = Feed("P-4", "Maisy", "2024-05-04", "Okonkwo Hart");
  EXPECT_NE(variant, existing);
  // (It may be proposed as the arriving child's: a pair nobody has decided.)
  for (const auto& r : Reviews(LinkReviewStatus::kOpen)) {
    EXPECT_NE(r.existing, existing) << r.evidence_json;
    EXPECT_NE(r.arriving, existing) << r.evidence_json;
  }
  // "Maisi" is one letter from each: the index ties them and prefers the older child, but a
  // record as like the child a reviewer set apart is that child's, not the other's.
  const PersonId tied = Feed("P-5", "Maisi", "2024-05-05");
  EXPECT_NE(tied, existing);
  for (const auto& r : Reviews(LinkReviewStatus::kOpen)) {
    EXPECT_NE(r.existing, existing) << r.evidence_json;
    EXPECT_NE(r.arriving, existing) << r.evidence_json;
  }
  EXPECT_EQ(EventRefsOf(existing), std::vector<std::string>{"P-1"});
}

// A "not a match" stays with the children after either is merged into another: the index
// reads the decisions of everyone merged into a candidate.
TEST_F(LinkReviewTest, NotAMatchIsRespectedAfterAMergeIntoAnotherChild) {
  ASSERT_TRUE(reviews.Decide(area.Login("head"), TheOpenReview(), LinkReviewStatus::kNotMatch, "different mothers").ok());
  PersonId later;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    domain::Person p;
    p.first_name = "M";
    p.surname = "Hart";
    p.date_of_birth = *Date::Parse("2019-07-21");
    ASSIGN_OR_RETURN(later, tx.InsertPerson(p));
    store::PersonMerge m;
    m.merged = existing;
    m.surviving = later;
    m.merged_at = 1;
    m.reason = "same child";
    return tx.InsertPersonMerge(m).status();
  }).ok());
  // "Maisi" ties the two and the index prefers the older child, now read as `later`; the
  // reviewer set the arriving child apart from it, so the record is not put on or proposed
  // for `later`.
  const PersonId tied = Feed("P-5", "Maisi", "2024-05-05");
  EXPECT_NE(tied, later);
  EXPECT_NE(tied, existing);
  for (const auto& r : Reviews(LinkReviewStatus::kOpen)) {
    EXPECT_NE(r.existing, later) << r.evidence_json;
    EXPECT_NE(r.existing, existing) << r.evidence_json;
  }
}

TEST_F(LinkReviewTest, MatchMergesSoLaterRecordsReachTheSurvivorAndUnmergeRestoresBoth) {
  // Whoever listens (concern detection, in the server) hears whose reading changed, once
  // each decision has committed; refusals change nothing and say nothing.
  std::vector<std::vector<PersonId>> changed;
  reviews.SetReadingChangedListener([&](const std::vector<PersonId>& children) { changed.push_back(children); });
  auto decided = reviews.Decide(area.Login("hub"), TheOpenReview(), LinkReviewStatus::kMatch, "same school, same GP");
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  EXPECT_EQ(changed, (std::vector<std::vector<PersonId>>{{existing}}));
  ASSERT_TRUE(decided->merge.has_value());
  EXPECT_EQ(decided->merge->merged, arriving);
  EXPECT_EQ(decided->merge->surviving, existing);
  EXPECT_EQ(area.AuditOf(arriving).front().action, "merge_person");
  // The survivor reads both people's records; the merged person's own are untouched.
  EXPECT_EQ(EventRefsOf(existing), (std::vector<std::string>{"P-1", "P-2"}));
  EXPECT_EQ(EventRefsOf(arriving), std::vector<std::string>{"P-2"});
  // A later record for the merged identity links to the survivor.
  EXPECT_EQ(Feed("P-3", "Maisy", "2024-05-03"), existing);
  EXPECT_TRUE(Reviews(LinkReviewStatus::kOpen).empty());

  EXPECT_EQ(reviews.Unmerge(area.Login("jo"), arriving, "wrong").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(reviews.Unmerge(area.Login("head"), arriving, "").status().field(), "reason");
  EXPECT_EQ(reviews.Unmerge(area.Login("head"), existing, "x").status().code(), StatusCode::kFailedPrecondition);
  auto undone = reviews.Unmerge(area.Login("head"), arriving, "health records show two children");
  ASSERT_TRUE(undone.ok()) << undone.status().message();
  EXPECT_EQ(undone->undo_reason, "health records show two children");
  EXPECT_EQ(changed, (std::vector<std::vector<PersonId>>{{existing}, {arriving, existing}}));
  EXPECT_EQ(area.AuditOf(existing).front().action, "unmerge_person");
  // Both separate again, each with its own records.
  EXPECT_EQ(EventRefsOf(arriving), std::vector<std::string>{"P-2"});
  EXPECT_EQ(EventRefsOf(existing), (std::vector<std::string>{"P-1", "P-3"}));
  EXPECT_EQ(Feed("P-5", "Maisy", "2024-05-05"), arriving);
  EXPECT_EQ(reviews.Unmerge(area.Login("head"), arriving, "again").status().code(), StatusCode::kFailedPrecondition);
}

// Reviews queued against people already part of a merge resolve to the child each side is
// read as: a chain builds (B and C into A, then A into D), a contradiction is refused naming
// the people, and undoing the middle merge leaves the rest standing.
TEST_F(LinkReviewTest, MatchesResolveThroughMergeChainsAndUnmergeUndoesOne) {
  PersonId a = existing, b = arriving, c, d;
  store::LinkReviewId ca, ad, cd;
  ASSERT_TRUE(area.store->Write([&](store::Transaction& tx) -> Status {
    for (PersonId* who : {&c, &d}) {
      domain::Person p;
      p.first_name = who == &c ? "Maisy-Leigh" : "M";
      p.surname = "Okonkwo-Hart";
      p.date_of_birth = *Date::Parse("2019-07-21");
      ASSIGN_OR_RETURN(*who, tx.InsertPerson(p));
    }
    store::LinkReview r;
    r.probability = 0.5;
    r.evidence_json = "[]";
    r.created_at = 1;
    for (auto [arr, ex, id] : {std::tuple{c, b, &ca}, std::tuple{a, d, &ad}, std::tuple{c, d, &cd}}) {
      r.arriving = arr;
      r.existing = ex;
      ASSIGN_OR_RETURN(*id, tx.InsertLinkReview(r));
    }
    return Status::Ok();
  }).ok());
  const auto hub = area.Login("hub");
  auto survivor = [&](PersonId p) {
    PersonId out;
    (void)area.store->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, tx.SurvivorOf(p));
      return Status::Ok();
    });
    return out;
  };
  ASSERT_TRUE(reviews.Decide(hub, TheOpenReviewOf(a, b), LinkReviewStatus::kMatch, "same GP").ok());
  // C matches B, which is merged into A: C joins A.
  auto c_into_a = reviews.Decide(hub, ca, LinkReviewStatus::kMatch, "same school");
  ASSERT_TRUE(c_into_a.ok()) << c_into_a.status().message();
  ASSERT_TRUE(c_into_a->merge.has_value());
  EXPECT_EQ(c_into_a->merge->merged, c);
  EXPECT_EQ(c_into_a->merge->surviving, a);
  // A, which has absorbed B and C, matches D: A (with both) joins D.
  auto a_into_d = reviews.Decide(hub, ad, LinkReviewStatus::kMatch, "same NHS number on the health record");
  ASSERT_TRUE(a_into_d.ok()) << a_into_d.status().message();
  ASSERT_TRUE(a_into_d->merge.has_value());
  EXPECT_EQ(a_into_d->merge->merged, a);
  EXPECT_EQ(a_into_d->merge->surviving, d);
  EXPECT_EQ(EventRefsOf(d), (std::vector<std::string>{"P-1", "P-2"}));
  EXPECT_EQ(survivor(b), d);
  EXPECT_EQ(survivor(c), d);
  EXPECT_EQ(area.AuditOf(d).front().action, "merge_person");
  // C and D are one child now: "different children" contradicts a standing merge.
  auto contradiction = reviews.Decide(hub, cd, LinkReviewStatus::kNotMatch, "different mothers");
  EXPECT_EQ(contradiction.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(contradiction.status().message().find("already read as one child (person " + d.ToString() + ")"),
            std::string::npos) << contradiction.status().message();
  EXPECT_EQ(Reviews(LinkReviewStatus::kOpen).size(), 1u);  // nothing half-written

  // Undo A -> D, the middle of the chain: D alone again; B and C stay with A.
  auto undone = reviews.Unmerge(hub, a, "the health record was another child's");
  ASSERT_TRUE(undone.ok()) << undone.status().message();
  EXPECT_EQ(undone->surviving, d);
  EXPECT_EQ(survivor(b), a);
  EXPECT_EQ(survivor(c), a);
  EXPECT_EQ(survivor(d), d);
  EXPECT_TRUE(EventRefsOf(d).empty());
  EXPECT_EQ(EventRefsOf(a), (std::vector<std::string>{"P-1", "P-2"}));
  // Now the C ~ D pair may be called different children.
  EXPECT_TRUE(reviews.Decide(hub, cd, LinkReviewStatus::kNotMatch, "different mothers").ok());
}

TEST_F(LinkReviewTest, TheCommandLineActsAsANamedReviewer) {
  auto head = LinkReviews::ActingAs(*area.store, "head");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->principal.agency, area.council);
  EXPECT_TRUE(reviews.ListOpen(*head, 10, 0).ok());
  EXPECT_EQ(LinkReviews::ActingAs(*area.store, "nobody").status().code(), StatusCode::kNotFound);
  auto admin = LinkReviews::ActingAs(*area.store, "admin");
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(reviews.ListOpen(*admin, 10, 0).status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace safehub::app
