#include "linkage/comparators.h"

#include <gtest/gtest.h>

#include "domain/identifiers.h"
#include "linkage/nicknames.h"
#include "linkage/phonetic.h"
#include "linkage/record.h"

namespace safehub::linkage {
namespace {

int Forenames(const char* a, const char* b) {
  return CompareForenames(a, b, HashText(Nysiis(a)), HashText(Nysiis(b)));
}

struct LevelCase {
  const char* a;
  const char* b;
  int expected;
};

TEST(CompareForenamesTest, LevelsFollowTheTable) {
  const LevelCase cases[] = {
      {"william", "william", level::kExact},        {"bill", "william", level::kForenameNickname},
      {"peggy", "margaret", level::kForenameNickname}, {"jon", "jonathan", level::kForenameNickname},
      {"jonathon", "jonathan", level::kForenameTypo}, {"olivia", "oliiva", level::kForenameTypo},
      {"catherine", "katherine", level::kForenameNickname}, {"jaden", "jayden", level::kForenameTypo},
      {"amelia", "olivia", level::kForenameElse},   {"jack", "harry", level::kForenameElse},
      {"", "jack", level::kNull},                   {"isabel", "isabelle", level::kForenameSimilar}, {"sofia", "sophia", level::kForenameSimilar},
  };
  for (const auto& c : cases) EXPECT_EQ(Forenames(c.a, c.b), c.expected) << c.a << " / " << c.b;
}

TEST(NicknamesTest, SharedGroupOnlyAndNeverSelf) {
  EXPECT_TRUE(AreNicknames("bill", "william"));
  EXPECT_TRUE(AreNicknames("liam", "will"));
  EXPECT_TRUE(AreNicknames("alex", "alexandra"));
  EXPECT_FALSE(AreNicknames("alexander", "alexandra"));  // share "alex", not a group
  EXPECT_FALSE(AreNicknames("william", "william"));
  EXPECT_FALSE(AreNicknames("zzz", "william"));
}

TEST(CompareNamesTest, LevelsFollowTheTable) {
  const LevelCase cases[] = {
      {"smith", "smith", level::kExact},   {"smith", "smiht", level::kNameTypo},
      {"smith", "smyth", level::kNameTypo}, {"macdonald", "mcdonald", level::kNameTypo},
      {"thompson", "thomsen", level::kNameSimilar}, {"brown", "green", level::kNameElse},
      {"smith", "", level::kNull},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompareNames(c.a, c.b, HashText(Nysiis(c.a)), HashText(Nysiis(c.b))), c.expected) << c.a << " / " << c.b;
  }
}

TEST(CompareMiddleNamesTest, InitialMatchesFullName) {
  EXPECT_EQ(CompareMiddleNames("james", "j"), level::kMiddleInitial);
  EXPECT_EQ(CompareMiddleNames("james", "james"), level::kExact);
  EXPECT_EQ(CompareMiddleNames("james", "k"), level::kMiddleElse);
  EXPECT_EQ(CompareMiddleNames("", "k"), level::kNull);
}

struct DateCase {
  DateParts a;
  DateParts b;
  int expected;
};

TEST(CompareDatesTest, LevelsFollowTheTable) {
  const DateCase cases[] = {
      {{2015, 3, 7}, {2015, 3, 7}, level::kExact},
      {{2015, 3, 7}, {2015, 7, 3}, level::kDateSwap},
      {{2015, 3, 17}, {2015, 3, 18}, level::kDateTypo},     // one digit
      {{2015, 3, 12}, {2015, 3, 21}, level::kDateTypo},     // adjacent digits transposed
      {{2015, 3, 7}, {2016, 3, 7}, level::kDateTypo},       // year digit
      {{2015, 3, 7}, {2015, 11, 29}, level::kDateSameYear},
      {{2015, 3, 7}, {2012, 8, 1}, level::kDateElse},
      {{2015, 3, 7}, {0, 0, 0}, level::kNull},
      {{2015, 2, 30}, {2015, 2, 30}, level::kExact},       // off-calendar dates still compare
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompareDates(c.a, c.b), c.expected) << c.a.year << "-" << c.a.month << "-" << c.a.day << " vs "
                                                  << c.b.year << "-" << c.b.month << "-" << c.b.day;
    EXPECT_EQ(CompareDates(c.b, c.a), c.expected) << "symmetry";
  }
}

TEST(CompareUkPostcodesTest, LevelsFollowTheTable) {
  auto level_of = [](const char* a, const char* b) {
    return CompareUkPostcodes(a, UkPostcodeOutwardLength(a), b, UkPostcodeOutwardLength(b));
  };
  const LevelCase cases[] = {
      {"SW1A1AA", "SW1A1AA", level::kExact},          {"SW1A1AA", "SW1A1AB", level::kPostcodeSector},
      {"SW1A1AA", "SW1A2AA", level::kPostcodeDistrict}, {"SW1A1AA", "SW1B1AA", level::kPostcodeElse},
      {"M11AE", "M12AE", level::kPostcodeDistrict},   {"M11AE", "M111AE", level::kPostcodeElse},
      {"2119", "2119", level::kExact},                {"2119", "2118", level::kPostcodeElse},
      {"", "M11AE", level::kNull},
  };
  for (const auto& c : cases) EXPECT_EQ(level_of(c.a, c.b), c.expected) << c.a << " / " << c.b;
  EXPECT_EQ(UkPostcodeOutwardLength("SW1A1AA"), 4);
  EXPECT_EQ(UkPostcodeOutwardLength("M11AE"), 2);
  EXPECT_EQ(UkPostcodeOutwardLength("2119"), 0);
}

TEST(CompareCodesTest, ExactTypoElse) {
  EXPECT_EQ(CompareCodes("2119", "2119"), level::kExact);
  EXPECT_EQ(CompareCodes("2119", "2191"), level::kCodeTypo);
  EXPECT_EQ(CompareCodes("2119", "3165"), level::kCodeElse);
}

TEST(AddressSimilarityTest, TokenSimilarityToleratesOrderAndTyposNotNumbers) {
  EXPECT_DOUBLE_EQ(AddressSimilarity("12 high street", "12 high street"), 1.0);
  EXPECT_NEAR(AddressSimilarity("12 high street", "high street 12"), 1.0, 1e-9);
  EXPECT_GT(AddressSimilarity("12 high street", "12 hihg street"), 0.9);
  EXPECT_LT(AddressSimilarity("12 high street", "14 high street"), 0.7);
  EXPECT_LT(AddressSimilarity("12 high street", "3 mill lane"), 0.5);
  EXPECT_EQ(CompareAddresses("12 high street", "12 high st"), level::kAddress90);
  EXPECT_EQ(CompareAddresses("flat 2 12 high street", "12 high street"), level::kAddress70);
  EXPECT_EQ(CompareAddresses("", "12 high street"), level::kNull);
}

TEST(CompareIdentifiersTest, InvalidCheckDigitLowersTrust) {
  // 9434765919 is valid (modulus 11); 9434765910 differs in the check digit only.
  ASSERT_TRUE(domain::ValidateNhsNumber("9434765919").ok());
  ASSERT_FALSE(domain::ValidateNhsNumber("9434765910").ok());
  EXPECT_EQ(CompareIdentifiers("9434765919", true, "9434765919", true), level::kExact);
  EXPECT_EQ(CompareIdentifiers("9434765910", false, "9434765910", false), level::kIdentifierExactInvalid);
  EXPECT_EQ(CompareIdentifiers("9434765919", true, "9434765910", false), level::kIdentifierTypo);
  EXPECT_EQ(CompareIdentifiers("9434765919", true, "9434765991", false), level::kIdentifierTypo);
  EXPECT_EQ(CompareIdentifiers("9434765919", true, "4010232137", true), level::kIdentifierElse);
  EXPECT_EQ(CompareIdentifiers("", true, "4010232137", true), level::kNull);
}

TEST(AreSwappedNamesTest, DetectsExchangedForenameAndSurname) {
  auto named = [](const char* first, const char* surname) {
    Record r;
    r.first_name = first;
    r.surname = surname;
    return r;
  };
  const Record a = named("John", "Smith");
  const Record b = named("Smith", "John");
  const Record c = named("John", "Smith");
  EXPECT_TRUE(AreSwappedNames(Prepare(a), Prepare(b)));
  EXPECT_FALSE(AreSwappedNames(Prepare(a), Prepare(c)));
}

}  // namespace
}  // namespace safehub::linkage
