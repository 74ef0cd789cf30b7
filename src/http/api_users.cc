// User administration beyond listing and adding (those are in api_session.cc): moving a user
// to another role, scope or team, disabling and re-enabling, and temporary passwords.
// Administrators only (the app layer refuses and audits anyone else); CSRF as every
// state-changing route.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

Response UserResponse(const Result<domain::User>& user) {
  if (!user.ok()) return StatusResponse(user.status());
  return JsonResponse(200, {{"user", ToJson(*user)}});
}

}  // namespace

void RegisterUserRoutes(Router& router, ApiContext& api) {
  router.Add("PUT", "/api/v1/users/{user_id}",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto id = ParseId(request, "user_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               auto placement = UserPlacementFromJson(*body);
               if (!placement.ok()) return StatusResponse(placement.status());
               return UserResponse(api.auth.ChangeUser(&caller, UserId(*id), *placement));
             }));

  for (const bool disable : {true, false}) {
    router.Add("POST", disable ? "/api/v1/users/{user_id}/disable" : "/api/v1/users/{user_id}/enable",
               RequireSession(api, [&api, disable](Request& request, const app::AuthContext& caller) {
                 auto id = ParseId(request, "user_id");
                 if (!id.ok()) return StatusResponse(id.status());
                 return UserResponse(api.auth.SetUserDisabled(&caller, UserId(*id), disable));
               }));
  }

  // The password is in this one response only (Cache-Control: no-store, as every API
  // response); the server keeps its hash and the user must replace it at the next login.
  router.Add("POST", "/api/v1/users/{user_id}/temporary-password",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto id = ParseId(request, "user_id");
               if (!id.ok()) return StatusResponse(id.status());
               auto issued = api.auth.IssueTemporaryPassword(&caller, UserId(*id));
               if (!issued.ok()) return StatusResponse(issued.status());
               return JsonResponse(200, {{"temporary_password", issued->password},
                                         {"must_change_password", true},
                                         {"expires_at", FormatTimestamp(issued->expires_at)}});
             }));
}

}  // namespace safehub::http
