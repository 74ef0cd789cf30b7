#include "security/crypto.h"

#include <gtest/gtest.h>

namespace safehub::security {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Initialise().ok()); }
};

TEST_F(CryptoTest, PasswordHashIsArgon2idAndVerifies) {
  auto hash = HashPassword("correct horse battery", HashStrength::kFastForTestsOnly);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("anything", ""));
}

TEST_F(CryptoTest, InteractiveStrengthUses64MiB) {
  auto hash = HashPassword("correct horse battery", HashStrength::kInteractive);
  ASSERT_TRUE(hash.ok());
  EXPECT_NE(hash->find("m=65536"), std::string::npos) << *hash;
}

TEST_F(CryptoTest, PasswordStrengthRules) {
  EXPECT_TRUE(CheckPasswordStrength("Safeguarding2024").ok());
  EXPECT_FALSE(CheckPasswordStrength("short1A").ok());
  EXPECT_FALSE(CheckPasswordStrength("allonelowercaseclass").ok());
}

TEST_F(CryptoTest, Blake2bMatchesReferenceVector) {
  // BLAKE2b-256 of the empty string (RFC 7693 reference implementation).
  EXPECT_EQ(Blake2bHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_NE(Blake2bHex("a"), Blake2bHex("b"));
}

TEST_F(CryptoTest, RandomTokensAreDistinctAndUrlSafe) {
  const std::string a = RandomToken(32), b = RandomToken(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
}

TEST_F(CryptoTest, Base32RoundTripsRfc4648Vectors) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(*Base32Decode("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(*Base32Decode("mzxw6ytboi======"), "foobar");
  EXPECT_FALSE(Base32Decode("M1").ok());
}

TEST_F(CryptoTest, TotpMatchesRfc6238Sha1Vectors) {
  const std::string secret = Base32Encode("12345678901234567890");
  const std::pair<UnixSeconds, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [t, code] : vectors) EXPECT_EQ(*TotpCode(secret, t, 8), code) << t;
  EXPECT_EQ(*TotpCode(secret, 59, 6), "287082");
}

TEST_F(CryptoTest, TotpAcceptsOneStepOfDriftOnly) {
  const std::string secret = NewTotpSecret();
  const std::string code = *TotpCode(secret, 1000000);
  EXPECT_TRUE(VerifyTotp(secret, code, 1000000));
  EXPECT_TRUE(VerifyTotp(secret, code, 1000000 + 30));
  EXPECT_FALSE(VerifyTotp(secret, code, 1000000 + 120));
  EXPECT_FALSE(VerifyTotp(secret, "", 1000000));
}

TEST_F(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace safehub::security
