// The JSON API under /api/v1: registers every route on a Router. Every route but health and
// login requires a session cookie; every state-changing route also requires the session's
// CSRF token in X-CSRF-Token. Refusals are audited. Thread-safe once registered.
#pragma once

#include <functional>
#include <string>

#include "app/auth_service.h"
#include "app/caseloads.h"
#include "app/casework.h"
#include "app/chronology.h"
#include "app/child_records.h"
#include "app/concern_detection.h"
#include "app/feed_ingest.h"
#include "app/link_review.h"
#include "app/mash.h"
#include "app/performance.h"
#include "app/signposting.h"
#include "app/organisations.h"
#include "http/json_io.h"
#include "http/router.h"

namespace safehub::http {

inline constexpr const char* kSessionCookie = "safehub_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";
inline constexpr const char* kReasonHeader = "x-access-reason";

struct ApiContext {
  app::AuthService& auth;
  app::ChildRecords& records;
  app::Organisations& organisations;
  const Clock& clock;
  bool secure_cookies = true;  // false only when serving on loopback without TLS
  std::string version = "0.1.0";
  app::FeedIngest* feeds = nullptr;  // agency feeds; routes answer 503 without one
  app::Signposting* signposting = nullptr;  // likewise
  app::Mash* mash = nullptr;                // likewise
  app::Casework* casework = nullptr;        // statutory casework; likewise
  app::ConcernDetection* alerts = nullptr;  // likewise (the caller's alerts, acknowledging)
  app::Performance* performance = nullptr;  // likewise
  app::Chronologies* chronologies = nullptr;  // likewise
  app::LinkReviews* link_reviews = nullptr;  // the child index's clerical review; likewise
  app::Caseloads* caseloads = nullptr;       // handing a whole caseload on; likewise
};

using AuthedHandler = std::function<Response(Request&, const app::AuthContext&)>;

// Wraps a handler: resolves the session, checks CSRF on unsafe methods, audits refusals.
Handler RequireSession(ApiContext& api, AuthedHandler handler);

void RegisterApi(Router& router, ApiContext& api);

// The pieces of RegisterApi, one per resource family.
void RegisterSessionRoutes(Router& router, ApiContext& api);
void RegisterUserRoutes(Router& router, ApiContext& api);
void RegisterDirectoryRoutes(Router& router, ApiContext& api);
void RegisterChildRoutes(Router& router, ApiContext& api);
void RegisterAuditRoutes(Router& router, ApiContext& api);
void RegisterFeedRoutes(Router& router, ApiContext& api);
void RegisterSignpostingRoutes(Router& router, ApiContext& api);
void RegisterMashRoutes(Router& router, ApiContext& api);
void RegisterCaseworkRoutes(Router& router, ApiContext& api);
void RegisterAlertRoutes(Router& router, ApiContext& api);
void RegisterPerformanceRoutes(Router& router, ApiContext& api);
void RegisterChronologyRoutes(Router& router, ApiContext& api);
void RegisterLinkReviewRoutes(Router& router, ApiContext& api);
void RegisterCaseloadRoutes(Router& router, ApiContext& api);

// The reason a user gives for opening a record: the X-Access-Reason header (API clients) or
// the `reason` query parameter (links), at most 500 characters.
std::string StatedReason(const Request& request);

// Reads the request body as a JSON object or returns the 400 response to send.
Result<Json> BodyObject(const Request& request);

}  // namespace safehub::http
