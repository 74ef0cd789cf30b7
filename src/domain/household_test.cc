#include "domain/household.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

TEST(PostcodeTest, NormalisesValidPostcodes) {
  const std::pair<const char*, const char*> accepted[] = {
      {"sw1a1aa", "SW1A 1AA"}, {"M1 1AE", "M1 1AE"}, {"b33 8th", "B33 8TH"}, {"CR2 6XH", "CR2 6XH"},
      {"DN55 1PT", "DN55 1PT"}, {" ec1a 1bb ", "EC1A 1BB"}};
  for (const auto& [in, out] : accepted) {
    auto r = NormalisePostcode(in);
    ASSERT_TRUE(r.ok()) << in;
    EXPECT_EQ(*r, out);
  }
}

TEST(PostcodeTest, RejectsNonPostcodes) {
  const char* rejected[] = {"", "12345", "SW1A", "1SW 1AA", "SW1A 1A1", "SW1A-1AA", "ABCDEFGHIJ"};
  for (const char* in : rejected) EXPECT_FALSE(NormalisePostcode(in).ok()) << in;
}

TEST(RelationshipTest, RefusesSelfAndBackwardsDates) {
  Relationship r{PersonId(1), PersonId(1), RelationshipKind::kParent, *Date::Parse("2020-01-01"),
                 *Date::Parse("2019-01-01")};
  Status s = Validate(r);
  ASSERT_EQ(s.violations().size(), 2u) << s.message();
  EXPECT_EQ(s.violations()[0].field, "other_id");
  EXPECT_EQ(s.violations()[1].field, "to");
}

TEST(RelationshipTest, ParsesKinds) {
  EXPECT_EQ(*ParseRelationshipKind("adult_posing_risk"), RelationshipKind::kAdultPosingRisk);
  EXPECT_FALSE(ParseRelationshipKind("neighbour").ok());
}

}  // namespace
}  // namespace safehub::domain
