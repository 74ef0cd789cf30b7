#include "domain/identifiers.h"

#include <gtest/gtest.h>

namespace safehub::domain {
namespace {

TEST(NhsNumberTest, AcceptsValidNumbers) {
  // 943 476 5919 is NHS Digital's published example. 401 023 2137: weighted sum 92,
  // 92 mod 11 = 4, 11 - 4 = 7. 999 000 0026: sum 247, 247 mod 11 = 5, 11 - 5 = 6.
  const char* accepted[] = {"9434765919", "943 476 5919", "4010232137", "9990000026"};
  for (const char* n : accepted) EXPECT_TRUE(ValidateNhsNumber(n).ok()) << n << ": " << ValidateNhsNumber(n).message();
}

TEST(NhsNumberTest, RejectsWrongCheckDigitLengthAndCharacters) {
  struct Case {
    const char* number;
    const char* message_part;
  };
  const Case rejected[] = {
      {"9434765918", "fails the modulus 11 check"},
      {"943476591", "must have 10 digits"},
      {"94347659190", "must have 10 digits"},
      {"943476591X", "only digits"},
      {"", "must have 10 digits"},
      // Weighted sum 12, remainder 1, so the check digit would be 10: never issued.
      {"1000000010", "cannot exist"},
  };
  for (const Case& c : rejected) {
    Status s = ValidateNhsNumber(c.number);
    EXPECT_FALSE(s.ok()) << c.number;
    EXPECT_NE(s.message().find(c.message_part), std::string::npos) << c.number << ": " << s.message();
  }
}

TEST(NhsNumberTest, NormalisesSpaces) { EXPECT_EQ(*NormaliseNhsNumber("943 476 5919"), "9434765919"); }

TEST(UpnTest, AcceptsDfeExamples) {
  // The DfE UPN guidance examples: a permanent and a temporary (letter-final) UPN.
  EXPECT_TRUE(ValidateUpn("H801200001001").ok());
  EXPECT_TRUE(ValidateUpn("G80120000101A").ok());
}

TEST(UpnTest, RejectsWrongCheckLetterAndShape) {
  const char* rejected[] = {"Z801200001001", "H80120000100", "H8012000010011", "H80120000100I",
                            "H8012X0001001", "h801200001001", ""};
  for (const char* upn : rejected) EXPECT_FALSE(ValidateUpn(upn).ok()) << upn;
}

TEST(UpnTest, ComputesCheckLetter) {
  EXPECT_EQ(*UpnCheckLetter("801200001001"), 'H');
  EXPECT_EQ(*UpnCheckLetter("80120000101A"), 'G');
}

}  // namespace
}  // namespace safehub::domain
