#include <gtest/gtest.h>

#include "app/auth_service.h"
#include "app/test_area.h"

namespace safehub::app {
namespace {

using domain::Role;
using domain::Scope;
using testing::kPassword;
using testing::TestArea;

UserId IdOf(TestArea& area, const char* username) {
  UserId id;
  (void)area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto u, tx.GetUserByUsername(username));
    id = u.id;
    return Status::Ok();
  });
  return id;
}

domain::User UserNamed(TestArea& area, const char* username) {
  domain::User user;
  (void)area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(user, tx.GetUserByUsername(username));
    return Status::Ok();
  });
  return user;
}

// The newest audit entry (the one a change just wrote).
domain::AuditEntry LastAudit(TestArea& area) {
  domain::AuditEntry last;
  (void)area.store->Read([&](store::Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto e, tx.LastAudit());
    last = e.value_or(domain::AuditEntry{});
    return Status::Ok();
  });
  return last;
}

TEST(UserAdministrationTest, AdministratorMovesAUserToAnotherRoleScopeAndTeam) {
  TestArea area;
  auto admin = area.Login("admin");
  auto bo = area.Login("bo");
  ASSERT_EQ(bo.principal.team, area.police_response);
  auto changed = area.auth.ChangeUser(&admin, IdOf(area, "bo"), {Role::kManager, Scope::kTeam, area.social_worker});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->role, Role::kManager);
  domain::AuditEntry e = LastAudit(area);
  EXPECT_EQ(e.action, "change_user");
  EXPECT_EQ(e.username, "admin");
  EXPECT_NE(e.detail.find("practitioner with own scope"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("manager with team scope"), std::string::npos) << e.detail;
  // Bo's open session sees the new place on the next request.
  auto again = area.auth.Authenticate(area.auth.Login({"bo", kPassword, ""})->session_token);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->principal.team, area.assessment_team);
  EXPECT_EQ(again->principal.agency, area.council);
  EXPECT_EQ(again->principal.role, Role::kManager);
}

TEST(UserAdministrationTest, ChangesAreValidatedAndNameTheField) {
  TestArea area;
  auto admin = area.Login("admin");
  // A team-scope practitioner must be someone in the directory.
  Status none = area.auth.ChangeUser(&admin, IdOf(area, "bo"), {Role::kPractitioner, Scope::kTeam, PractitionerId()})
                    .status();
  EXPECT_EQ(none.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(none.violations().size(), 1u) << none.message();
  EXPECT_NE(none.message().find("practitioner_id"), std::string::npos) << none.message();
  Status missing =
      area.auth.ChangeUser(&admin, IdOf(area, "bo"), {Role::kPractitioner, Scope::kTeam, PractitionerId(999)})
          .status();
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.field(), "practitioner_id");
  EXPECT_EQ(area.auth.ChangeUser(&admin, UserId(999), {Role::kAuditor, Scope::kAll, PractitionerId()}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(UserNamed(area, "bo").role, Role::kPractitioner);  // nothing half-written
}

TEST(UserAdministrationTest, OnlyAdministratorsAndTheAttemptIsAudited) {
  TestArea area;
  auto ali = area.Login("ali");
  const UserId bo = IdOf(area, "bo");
  EXPECT_EQ(area.auth.ChangeUser(&ali, bo, {Role::kManager, Scope::kAll, PractitionerId()}).status().code(),
            StatusCode::kPermissionDenied);
  domain::AuditEntry e = LastAudit(area);
  EXPECT_EQ(e.action, "change_user");
  EXPECT_EQ(e.outcome, domain::AuditOutcome::kDenied);
  EXPECT_EQ(e.username, "ali");
  EXPECT_EQ(area.auth.SetUserDisabled(&ali, bo, true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(area.auth.IssueTemporaryPassword(&ali, bo).status().code(), StatusCode::kPermissionDenied);
  auto auditor = area.Login("auditor");
  EXPECT_EQ(area.auth.SetUserDisabled(&auditor, bo, true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_FALSE(UserNamed(area, "bo").disabled);
  EXPECT_EQ(UserNamed(area, "bo").role, Role::kPractitioner);
}

TEST(UserAdministrationTest, DisablingEndsSessionsAndBlocksLoginUntilEnabled) {
  TestArea area;
  auto admin = area.Login("admin");
  auto jo_login = *area.auth.Login({"jo", kPassword, ""});
  const UserId jo = IdOf(area, "jo");
  for (int i = 0; i < 5; ++i) (void)area.auth.Login({"jo", "wrong-password", ""});  // locked, too
  ASSERT_TRUE(area.auth.SetUserDisabled(&admin, jo, true).ok());
  EXPECT_EQ(area.auth.Authenticate(jo_login.session_token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(area.auth.Login({"jo", kPassword, ""}).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(LastAudit(area).detail, "account disabled");  // the refused login
  // Enabling also lifts the lockout.
  auto enabled = area.auth.SetUserDisabled(&admin, jo, false);
  ASSERT_TRUE(enabled.ok());
  EXPECT_FALSE(enabled->disabled);
  EXPECT_EQ(LastAudit(area).action, "enable_user");
  EXPECT_TRUE(area.auth.Login({"jo", kPassword, ""}).ok());
}

TEST(UserAdministrationTest, AdministratorsCannotDisableThemselvesOrLoseTheLastAdministrator) {
  TestArea area;
  auto admin = area.Login("admin");
  const UserId admin_id = IdOf(area, "admin");
  Status self = area.auth.SetUserDisabled(&admin, admin_id, true).status();
  EXPECT_EQ(self.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(self.field(), "disabled");
  EXPECT_EQ(area.auth.ChangeUser(&admin, admin_id, {Role::kAuditor, Scope::kAll, PractitionerId()}).status().field(),
            "role");
  // The command line has no self, but the last administrator still stays.
  Status last = area.auth.SetUserDisabled(nullptr, admin_id, true).status();
  EXPECT_EQ(last.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(last.message().find("last active administrator"), std::string::npos) << last.message();
  EXPECT_EQ(area.auth.ChangeUser(nullptr, admin_id, {Role::kAuditor, Scope::kAll, PractitionerId()}).status().code(),
            StatusCode::kFailedPrecondition);
  // With a second administrator, either may be moved by the other.
  area.AddUser("admin2", Role::kAdministrator, Scope::kAll, PractitionerId());
  auto admin2 = area.Login("admin2");
  EXPECT_TRUE(area.auth.ChangeUser(&admin2, admin_id, {Role::kAuditor, Scope::kAll, PractitionerId()}).ok());
  // Now admin2 is the last one again.
  EXPECT_EQ(area.auth.SetUserDisabled(nullptr, IdOf(area, "admin2"), true).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(UserNamed(area, "admin2").disabled);
}

TEST(UserAdministrationTest, TemporaryPasswordMustBeChangedBeforeAnythingElse) {
  TestArea area;
  auto admin = area.Login("admin");
  auto old_session = *area.auth.Login({"jo", kPassword, ""});
  auto issued = area.auth.IssueTemporaryPassword(&admin, IdOf(area, "jo"));
  ASSERT_TRUE(issued.ok());
  const std::string* temporary = &issued->password;
  EXPECT_GE(temporary->size(), 12u);
  domain::AuditEntry e = LastAudit(area);
  EXPECT_EQ(e.action, "issue_temporary_password");
  EXPECT_EQ(e.detail.find(*temporary), std::string::npos);  // never in the trail
  EXPECT_FALSE(area.auth.Authenticate(old_session.session_token).ok());
  EXPECT_FALSE(area.auth.Login({"jo", kPassword, ""}).ok());  // the old password is gone

  auto login = area.auth.Login({"jo", *temporary, ""});
  ASSERT_TRUE(login.ok());
  EXPECT_TRUE(login->must_change_password);
  auto context = *area.auth.Authenticate(login->session_token);
  EXPECT_TRUE(context.must_change_password);

  EXPECT_EQ(area.auth.ChangeOwnPassword(context, "wrong-current-1", "Brand-New-Pass-7").field(), "current_password");
  EXPECT_EQ(area.auth.ChangeOwnPassword(context, *temporary, "short").field(), "new_password");
  EXPECT_EQ(area.auth.ChangeOwnPassword(context, *temporary, *temporary).field(), "new_password");
  auto other_session = *area.auth.Login({"jo", *temporary, ""});
  ASSERT_TRUE(area.auth.ChangeOwnPassword(context, *temporary, "Brand-New-Pass-7").ok());
  EXPECT_EQ(LastAudit(area).detail, "replaced a temporary password");
  auto after = area.auth.Authenticate(login->session_token);  // this session carries on
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->must_change_password);
  EXPECT_FALSE(area.auth.Authenticate(other_session.session_token).ok());
  EXPECT_FALSE(area.auth.Login({"jo", *temporary, ""}).ok());
  EXPECT_TRUE(area.auth.Login({"jo", "Brand-New-Pass-7", ""}).ok());
}

// An issued temporary password that nobody uses must not stay a way in: it works for
// temporary_password_seconds (three days by default), then login is refused until an
// administrator issues another. A password the user chose has no such limit.
TEST(UserAdministrationTest, TemporaryPasswordStopsWorkingWhenItExpires) {
  TestArea area;
  auto admin = area.Login("admin");
  const std::int64_t lifetime = area.auth.settings().temporary_password_seconds;
  EXPECT_EQ(lifetime, 72 * 3600);
  auto issued = area.auth.IssueTemporaryPassword(&admin, IdOf(area, "jo"));
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->expires_at, area.clock.Now() + lifetime);
  EXPECT_NE(LastAudit(area).detail.find("works until " + FormatTimestamp(issued->expires_at)), std::string::npos);

  area.clock.Advance(lifetime - 1);
  EXPECT_TRUE(area.auth.Login({"jo", issued->password, ""}).ok());  // still (just) in time
  area.clock.Advance(1);
  auto late = area.auth.Login({"jo", issued->password, ""});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("temporary password has expired"), std::string::npos);
  domain::AuditEntry refused = LastAudit(area);
  EXPECT_EQ(refused.action, "login");
  EXPECT_EQ(refused.outcome, domain::AuditOutcome::kDenied);
  EXPECT_NE(refused.detail.find("temporary password expired"), std::string::npos);
  // A wrong password says nothing about expiry: only the holder of the password learns it.
  auto guess = area.auth.Login({"jo", "Not-The-Password-9", ""});
  ASSERT_FALSE(guess.ok());
  EXPECT_EQ(guess.status().message().find("expired"), std::string::npos);

  // A new one works; once replaced by the user's own, time no longer matters.
  auto again = area.auth.IssueTemporaryPassword(&admin, IdOf(area, "jo"));
  ASSERT_TRUE(again.ok());
  auto login = area.auth.Login({"jo", again->password, ""});
  ASSERT_TRUE(login.ok());
  auto context = *area.auth.Authenticate(login->session_token);
  ASSERT_TRUE(area.auth.ChangeOwnPassword(context, again->password, "Chosen-By-Jo-42").ok());
  EXPECT_EQ(UserNamed(area, "jo").temporary_password_expires_at, 0);
  area.clock.Advance(lifetime * 10);
  EXPECT_TRUE(area.auth.Login({"jo", "Chosen-By-Jo-42", ""}).ok());
}

}  // namespace
}  // namespace safehub::app
