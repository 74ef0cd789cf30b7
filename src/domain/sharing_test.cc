#include "domain/sharing.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

SharingDecision Share(SharingBasis basis, SharingOutcome outcome, ParentsInformed informed) {
  SharingDecision d;
  d.child = PersonId(1);
  d.from_agency = AgencyId(2);
  d.to_agency = AgencyId(3);
  d.information = "two A&E attendances with unexplained bruising";
  d.purpose = "strategy discussion";
  d.basis = basis;
  d.outcome = outcome;
  d.parents_informed = informed;
  if (informed == ParentsInformed::kNotInformedIncreasedRisk) d.parents_informed_note = "father is the alleged abuser";
  return d;
}

TEST(SharingDecisionTest, AcceptsDecisionsTheRulesAllow) {
  const SharingDecision accepted[] = {
      Share(SharingBasis::kConsentGiven, SharingOutcome::kShared, ParentsInformed::kInformed),
      Share(SharingBasis::kConsentRefused, SharingOutcome::kNotShared, ParentsInformed::kInformed),
      Share(SharingBasis::kSignificantHarm, SharingOutcome::kShared, ParentsInformed::kNotInformedIncreasedRisk),
      Share(SharingBasis::kConsentNotSoughtIncreasedRisk, SharingOutcome::kShared,
            ParentsInformed::kNotInformedIncreasedRisk),
      Share(SharingBasis::kSignificantHarm, SharingOutcome::kShared, ParentsInformed::kNotYetInformed),
  };
  for (const auto& d : accepted) EXPECT_TRUE(Validate(d).ok()) << Validate(d).message();
}

TEST(SharingDecisionTest, RefusesSharingAgainstARefusalOfConsent) {
  Status s = Validate(Share(SharingBasis::kConsentRefused, SharingOutcome::kShared, ParentsInformed::kInformed));
  EXPECT_EQ(s.field(), "outcome");
  EXPECT_NE(s.message().find("rule 1"), std::string::npos);
}

TEST(SharingDecisionTest, NotTellingParentsNeedsTheIncreasedRiskReason) {
  SharingDecision d = Share(SharingBasis::kConsentGiven, SharingOutcome::kShared, ParentsInformed::kNotInformedIncreasedRisk);
  EXPECT_EQ(Validate(d).field(), "parents_informed");
  d = Share(SharingBasis::kSignificantHarm, SharingOutcome::kShared, ParentsInformed::kNotInformedIncreasedRisk);
  d.parents_informed_note.clear();
  EXPECT_EQ(Validate(d).field(), "parents_informed_note");
}

TEST(SharingDecisionTest, ReportsEveryMissingPart) {
  SharingDecision d;
  Status s = Validate(d);
  EXPECT_EQ(s.violations().size(), 5u) << s.message();
}

TEST(SharingDecisionTest, ParsesCodes) {
  EXPECT_EQ(*ParseSharingBasis("significant_harm"), SharingBasis::kSignificantHarm);
  EXPECT_FALSE(ParseSharingBasis("because").ok());
  EXPECT_EQ(*ParseSharingOutcome("not_shared"), SharingOutcome::kNotShared);
  EXPECT_EQ(*ParseParentsInformed("informed"), ParentsInformed::kInformed);
}

}  // namespace
}  // namespace safehub::domain
