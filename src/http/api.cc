#include "http/api.h"

#include "security/crypto.h"

namespace safehub::http {

namespace {

bool IsUnsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool MayUseBeforePasswordChange(const Request& request) {
  if (request.path == "/api/v1/session") return request.method == "GET" || request.method == "DELETE";
  return request.path == "/api/v1/session/password" && request.method == "POST";
}

}  // namespace

std::string StatedReason(const Request& request) {
  std::string reason = request.Header(kReasonHeader);
  if (reason.empty()) reason = request.Query("reason");
  return reason.substr(0, 500);
}

Result<Json> BodyObject(const Request& request) {
  const std::string type = request.Header("content-type");
  if (type.rfind("application/json", 0) != 0) {
    return InvalidArgument("send the body as application/json", "content-type");
  }
  return ParseJsonObject(request.body);
}

Handler RequireSession(ApiContext& api, AuthedHandler handler) {
  return [&api, handler = std::move(handler)](Request& request) -> Response {
    const std::string resource = request.method + " " + request.path;
    auto context = api.auth.Authenticate(request.Cookie(kSessionCookie));
    if (!context.ok()) {
      if (context.status().code() != StatusCode::kUnauthenticated) return StatusResponse(context.status());
      (void)api.auth.RecordRefusal(nullptr, resource, context.status().message());
      return StatusResponse(context.status());
    }
    // SameSite=Strict already stops cross-site requests carrying the cookie; the CSRF token
    // is the second lock for browsers or proxies that do not honour it.
    if (IsUnsafe(request.method) && !security::ConstantTimeEquals(request.Header(kCsrfHeader), context->csrf_token)) {
      (void)api.auth.RecordRefusal(&*context, resource, "missing or wrong CSRF token");
      return ErrorResponse(403, "csrf_token_invalid", "send the session's CSRF token in the X-CSRF-Token header",
                           "X-CSRF-Token");
    }
    // After a temporary password the session may only change it, read itself or end.
    if (context->must_change_password && !MayUseBeforePasswordChange(request)) {
      (void)api.auth.RecordRefusal(&*context, resource, "password change required first");
      return ErrorResponse(403, "password_change_required",
                           "choose a new password first (POST /api/v1/session/password)", "");
    }
    return handler(request, *context);
  };
}

void RegisterApi(Router& router, ApiContext& api) {
  router.Add("GET", "/api/v1/health", [&api](Request&) {
    return JsonResponse(200, {{"status", "ok"}, {"version", api.version}});
  }, RunOn::kIoThread);
  RegisterSessionRoutes(router, api);
  RegisterUserRoutes(router, api);
  RegisterDirectoryRoutes(router, api);
  RegisterChildRoutes(router, api);
  RegisterAuditRoutes(router, api);
  RegisterFeedRoutes(router, api);
  RegisterSignpostingRoutes(router, api);
  RegisterMashRoutes(router, api);
  RegisterCaseworkRoutes(router, api);
  RegisterCaseloadRoutes(router, api);
  RegisterAlertRoutes(router, api);
  RegisterPerformanceRoutes(router, api);
  RegisterChronologyRoutes(router, api);
  RegisterLinkReviewRoutes(router, api);
}

}  // namespace safehub::http
