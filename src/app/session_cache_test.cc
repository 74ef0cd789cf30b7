#include "app/session_cache.h"

#include <gtest/gtest.h>

#include "app/test_area.h"

namespace safehub::app {
namespace {

using testing::kPassword;
using testing::TestArea;

AuthContext Caller(const char* token_hash, std::int64_t user) {
  AuthContext c;
  c.token_hash = token_hash;
  c.principal.user = UserId(user);
  c.principal.username = "u" + std::to_string(user);
  return c;
}

TEST(SessionCacheTest, RemembersForTheTtlAndNeverPastTheSessionsExpiry) {
  SessionCache cache(2);
  cache.Remember(Caller("a", 1), /*expires_at=*/1000, /*now=*/100);
  ASSERT_TRUE(cache.Find("a", 100).has_value());
  EXPECT_EQ(cache.Find("a", 101)->principal.username, "u1");
  EXPECT_FALSE(cache.Find("a", 102).has_value());  // ttl over: read the store again
  EXPECT_FALSE(cache.Find("a", 99).has_value());   // the clock went back
  EXPECT_FALSE(cache.Find("b", 100).has_value());
  cache.Remember(Caller("c", 2), /*expires_at=*/101, /*now=*/100);
  EXPECT_TRUE(cache.Find("c", 100).has_value());
  EXPECT_FALSE(cache.Find("c", 101).has_value());  // the session itself has expired
}

TEST(SessionCacheTest, ForgetsOneSessionOrEverySessionOfAUser) {
  SessionCache cache(60);
  cache.Remember(Caller("a", 1), 1000, 100);
  cache.Remember(Caller("b", 1), 1000, 100);
  cache.Remember(Caller("c", 2), 1000, 100);
  cache.ForgetSession("a");
  EXPECT_FALSE(cache.Find("a", 100).has_value());
  EXPECT_TRUE(cache.Find("b", 100).has_value());
  cache.ForgetUser(UserId(1));
  EXPECT_FALSE(cache.Find("b", 100).has_value());
  EXPECT_TRUE(cache.Find("c", 100).has_value());
}

TEST(SessionCacheTest, ZeroTtlRemembersNothing) {
  SessionCache cache(0);
  cache.Remember(Caller("a", 1), 1000, 100);
  EXPECT_FALSE(cache.Find("a", 100).has_value());
}

// The service forgets at once what it changes itself: no second of grace for a disabled
// user, a logged-out session, a new role or a replaced password.
TEST(SessionCacheTest, ChangesMadeHereTakeEffectOnTheNextRequest) {
  TestArea area;
  auto admin = area.Login("admin");
  auto jo = *area.auth.Login({"jo", kPassword, ""});
  auto context = area.auth.Authenticate(jo.session_token);
  ASSERT_TRUE(context.ok());
  ASSERT_TRUE(area.auth.ChangeUser(&admin, context->principal.user,
                                   {domain::Role::kManager, domain::Scope::kTeam, area.officer}).ok());
  auto changed = area.auth.Authenticate(jo.session_token);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->principal.role, domain::Role::kManager);
  ASSERT_TRUE(area.auth.SetUserDisabled(&admin, context->principal.user, true).ok());
  EXPECT_EQ(area.auth.Authenticate(jo.session_token).status().code(), StatusCode::kUnauthenticated);

  auto sam = *area.auth.Login({"sam", kPassword, ""});
  auto sam_context = area.auth.Authenticate(sam.session_token);
  ASSERT_TRUE(sam_context.ok());
  ASSERT_TRUE(area.auth.Logout(*sam_context).ok());
  EXPECT_EQ(area.auth.Authenticate(sam.session_token).status().code(), StatusCode::kUnauthenticated);
}

// Another process (the command line on the same database) has its own service: its change
// reaches this one once the cached entry is older than the ttl.
TEST(SessionCacheTest, ChangesMadeElsewhereTakeEffectWithinTheTtl) {
  TestArea area;
  AuthSettings settings;
  settings.hash_strength = security::HashStrength::kFastForTestsOnly;
  AuthService command_line(*area.store, area.clock, settings);
  auto jo = *area.auth.Login({"jo", kPassword, ""});
  auto context = area.auth.Authenticate(jo.session_token);
  ASSERT_TRUE(context.ok());
  ASSERT_TRUE(command_line.SetUserDisabled(nullptr, context->principal.user, true).ok());
  area.clock.Advance(settings.session_cache_seconds);
  EXPECT_EQ(area.auth.Authenticate(jo.session_token).status().code(), StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace safehub::app
