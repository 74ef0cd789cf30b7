// Login, logout, the current user, TOTP enrolment, and user administration.
#include "http/api.h"
#include "http/json_mapping.h"

namespace safehub::http {

namespace {

std::string SessionCookie(const ApiContext& api, const std::string& value, std::int64_t max_age) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                       std::to_string(max_age);
  if (api.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace

void RegisterSessionRoutes(Router& router, ApiContext& api) {
  router.Add("POST", "/api/v1/session", [&api](Request& request) {
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    auto login = LoginFromJson(*body);
    if (!login.ok()) return StatusResponse(login.status());
    auto result = api.auth.Login(*login);
    if (!result.ok()) return StatusResponse(result.status());
    Response r = JsonResponse(200, {{"user", ToJson(result->principal)},
                                    {"csrf_token", result->csrf_token},
                                    {"expires_at", FormatTimestamp(result->expires_at)},
                                    {"must_change_password", result->must_change_password}});
    r.headers.emplace_back("Set-Cookie", SessionCookie(api, result->session_token,
                                                       api.auth.settings().absolute_timeout_seconds));
    return r;
  });

  router.Add("GET", "/api/v1/session", RequireSession(api, [](Request&, const app::AuthContext& caller) {
    return JsonResponse(200, {{"user", ToJson(caller.principal)},
                              {"csrf_token", caller.csrf_token},
                              {"must_change_password", caller.must_change_password}});
  }), RunOn::kIoThread);

  // The caller's own password: after a temporary one (the only route such a session may
  // use besides reading and ending itself) or at will.
  router.Add("POST", "/api/v1/session/password",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "password change");
               const std::string current = r.String("current_password", true, 1024);
               const std::string replacement = r.String("new_password", true, 1024);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               Status s = api.auth.ChangeOwnPassword(caller, current, replacement);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"must_change_password", false}});
             }));

  router.Add("DELETE", "/api/v1/session", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    Status s = api.auth.Logout(caller);
    if (!s.ok()) return StatusResponse(s);
    Response r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", SessionCookie(api, "", 0));
    return r;
  }));

  router.Add("POST", "/api/v1/session/totp", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    auto secret = api.auth.BeginTotpEnrolment(caller);
    if (!secret.ok()) return StatusResponse(secret.status());
    const std::string uri = "otpauth://totp/Safehub:" + caller.principal.username + "?secret=" + *secret +
                            "&issuer=Safehub&algorithm=SHA1&digits=6&period=30";
    return JsonResponse(200, {{"secret", *secret}, {"otpauth_uri", uri}});
  }));

  router.Add("POST", "/api/v1/session/totp/confirm",
             RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
               auto body = BodyObject(request);
               if (!body.ok()) return StatusResponse(body.status());
               JsonReader r(*body, "totp confirmation");
               const std::string code = r.String("code", true, 10);
               if (Status s = r.Finish(); !s.ok()) return StatusResponse(s);
               Status s = api.auth.ConfirmTotp(caller, code);
               if (!s.ok()) return StatusResponse(s);
               return JsonResponse(200, {{"totp_enabled", true}});
             }));

  router.Add("GET", "/api/v1/users", RequireSession(api, [&api](Request&, const app::AuthContext& caller) {
    auto users = api.auth.ListUsers(caller);
    if (!users.ok()) return StatusResponse(users.status());
    Json list = Json::array();
    for (const auto& u : *users) list.push_back(ToJson(u));
    return JsonResponse(200, {{"users", std::move(list)}});
  }));

  router.Add("POST", "/api/v1/users", RequireSession(api, [&api](Request& request, const app::AuthContext& caller) {
    auto body = BodyObject(request);
    if (!body.ok()) return StatusResponse(body.status());
    auto user = NewUserFromJson(*body);
    if (!user.ok()) return StatusResponse(user.status());
    auto id = api.auth.CreateUser(&caller, *user);
    if (!id.ok()) return StatusResponse(id.status());
    return JsonResponse(201, {{"id", id->value}});
  }));
}

}  // namespace safehub::http
