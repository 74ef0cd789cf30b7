#include "domain/person.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

const Date kToday = *Date::Parse("2024-06-01");

Person Child() {
  Person p;
  p.kind = PersonKind::kChild;
  p.first_name = "Amara";
  p.surname = "Okafor";
  p.sex = Sex::kFemale;
  p.date_of_birth = *Date::Parse("2016-03-14");
  p.nhs_number = "9434765919";
  return p;
}

TEST(PersonTest, AcceptsValidPeople) {
  EXPECT_TRUE(Validate(Child(), kToday).ok());
  Person unborn;
  unborn.kind = PersonKind::kUnbornChild;
  unborn.surname = "Okafor";
  unborn.expected_birth_date = *Date::Parse("2024-09-01");
  unborn.mother = PersonId(7);
  EXPECT_TRUE(Validate(unborn, kToday).ok()) << Validate(unborn, kToday).message();
  Person adult;
  adult.kind = PersonKind::kAdult;
  adult.first_name = "Grace";
  adult.surname = "Okafor";
  EXPECT_TRUE(Validate(adult, kToday).ok());
}

TEST(PersonTest, ReportsEveryViolationAtOnce) {
  Person p = Child();
  p.first_name = "";
  p.surname = "";
  p.date_of_birth = *Date::Parse("2025-01-01");
  p.nhs_number = "1234567890";
  p.upn = "Z801200001001";
  Status s = Validate(p, kToday);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.violations().size(), 5u) << s.message();
  EXPECT_EQ(s.violations()[0].field, "first_name");
  EXPECT_EQ(s.violations()[1].field, "surname");
  EXPECT_EQ(s.violations()[2].field, "date_of_birth");
  EXPECT_EQ(s.violations()[3].field, "nhs_number");
  EXPECT_EQ(s.violations()[4].field, "upn");
}

TEST(PersonTest, UnbornChildNeedsExpectedDateAndMotherNotBirthDate) {
  Person p;
  p.kind = PersonKind::kUnbornChild;
  p.surname = "Okafor";
  p.date_of_birth = *Date::Parse("2024-01-01");
  Status s = Validate(p, kToday);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("date_of_birth must be empty for an unborn child"), std::string::npos);
  EXPECT_NE(s.message().find("expected_birth_date is required"), std::string::npos);
  EXPECT_NE(s.message().find("mother_id is required"), std::string::npos);
}

TEST(PersonTest, ChildNeedsBirthDate) {
  Person p = Child();
  p.date_of_birth.reset();
  EXPECT_EQ(Validate(p, kToday).field(), "date_of_birth");
}

TEST(PersonTest, AgeCountsBirthdays) {
  Person p = Child();  // born 2016-03-14
  EXPECT_EQ(AgeInYears(p, *Date::Parse("2024-03-13")), 7);
  EXPECT_EQ(AgeInYears(p, *Date::Parse("2024-03-14")), 8);
}

TEST(PersonTest, ParsesCodes) {
  EXPECT_EQ(*ParseSex("M"), Sex::kMale);
  EXPECT_FALSE(ParseSex("X").ok());
  EXPECT_EQ(*ParsePersonKind("unborn_child"), PersonKind::kUnbornChild);
  EXPECT_FALSE(ParsePersonKind("baby").ok());
}

}  // namespace
}  // namespace safehub::domain
