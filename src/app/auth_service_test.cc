#include "app/auth_service.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::kPassword;
using testing::TestArea;

TEST(AuthServiceTest, LogsInAndAuthenticatesASession) {
  TestArea area;
  auto login = area.auth.Login({"jo", kPassword, ""});
  ASSERT_TRUE(login.ok()) << login.status().message();
  EXPECT_FALSE(login->session_token.empty());
  EXPECT_FALSE(login->csrf_token.empty());
  auto context = area.auth.Authenticate(login->session_token);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->principal.username, "jo");
  EXPECT_EQ(context->principal.team, area.public_protection);
  EXPECT_EQ(context->principal.agency, area.police);
}

TEST(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
  TestArea area;
  auto wrong = area.auth.Login({"jo", "not-the-password", ""});
  auto unknown = area.auth.Login({"nobody", kPassword, ""});
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST(AuthServiceTest, LocksAfterRepeatedFailuresAndUnlocksLater) {
  TestArea area;
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(area.auth.Login({"jo", "wrong-password", ""}).ok());
  auto locked = area.auth.Login({"jo", kPassword, ""});
  ASSERT_FALSE(locked.ok());
  EXPECT_NE(locked.status().message().find("locked"), std::string::npos);
  area.clock.Advance(15 * 60 + 1);
  EXPECT_TRUE(area.auth.Login({"jo", kPassword, ""}).ok());
}

TEST(AuthServiceTest, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  TestArea area;
  auto login = *area.auth.Login({"jo", kPassword, ""});
  area.clock.Advance(29 * 60);
  EXPECT_TRUE(area.auth.Authenticate(login.session_token).ok());
  area.clock.Advance(31 * 60);
  EXPECT_EQ(area.auth.Authenticate(login.session_token).status().code(), StatusCode::kUnauthenticated);

  auto second = *area.auth.Login({"jo", kPassword, ""});
  for (int i = 0; i < 25; ++i) {  // active every 29 minutes for 12 hours
    area.clock.Advance(29 * 60);
    (void)area.auth.Authenticate(second.session_token);
  }
  EXPECT_EQ(area.auth.Authenticate(second.session_token).status().code(), StatusCode::kUnauthenticated);
}

TEST(AuthServiceTest, LogoutEndsTheSession) {
  TestArea area;
  auto login = *area.auth.Login({"jo", kPassword, ""});
  auto context = *area.auth.Authenticate(login.session_token);
  ASSERT_TRUE(area.auth.Logout(context).ok());
  EXPECT_FALSE(area.auth.Authenticate(login.session_token).ok());
}

TEST(AuthServiceTest, SecondFactorIsRequiredOnceEnabled) {
  TestArea area;
  auto context = area.Login("jo");
  auto secret = area.auth.BeginTotpEnrolment(context);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(area.auth.ConfirmTotp(context, "000000").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(area.auth.ConfirmTotp(context, *security::TotpCode(*secret, area.clock.Now())).ok());
  auto without = area.auth.Login({"jo", kPassword, ""});
  ASSERT_FALSE(without.ok());
  EXPECT_NE(without.status().message().find("second factor"), std::string::npos);
  auto with = area.auth.Login({"jo", kPassword, *security::TotpCode(*secret, area.clock.Now())});
  EXPECT_TRUE(with.ok()) << with.status().message();
}

TEST(AuthServiceTest, OnlyAdministratorsCreateUsersAndRulesAreChecked) {
  TestArea area;
  auto jo = area.Login("jo");
  NewUser u{"new.user", "New User", kPassword, domain::Role::kPractitioner, domain::Scope::kOwn, area.officer};
  EXPECT_EQ(area.auth.CreateUser(&jo, u).status().code(), StatusCode::kPermissionDenied);
  auto admin = area.Login("admin");
  EXPECT_TRUE(area.auth.CreateUser(&admin, u).ok());
  EXPECT_EQ(area.auth.CreateUser(&admin, u).status().code(), StatusCode::kAlreadyExists);
  NewUser weak{"weak", "Weak", "short", domain::Role::kPractitioner, domain::Scope::kOwn, area.officer};
  EXPECT_EQ(area.auth.CreateUser(&admin, weak).status().field(), "password");
  NewUser nobody{"Bad Name", "", kPassword, domain::Role::kPractitioner, domain::Scope::kOwn, PractitionerId()};
  Status s = area.auth.CreateUser(&admin, nobody).status();
  EXPECT_EQ(s.violations().size(), 3u) << s.message();
}

}  // namespace
}  // namespace safehub::app
