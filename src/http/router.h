// Maps (method, path template) to handlers. Templates are literal segments and {name}
// parameters: "/api/v1/children/{child_id}/events". The route table is public so a test
// can hold it against docs/openapi.yaml. Build the table before serving; lookups are then
// thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace safehub::http {

using Handler = std::function<Response(Request&)>;

// Where the server runs a route's handler. Most handlers may block (a write waits for its
// commit, a report reads the whole area) and run on the handler pool. A handler that only
// reads a little and defers its writes (store::DeferredCommits) runs on the I/O thread that
// read the request: no hand-over between threads, which is most of a small read's cost.
enum class RunOn { kHandlerPool, kIoThread };

struct Route {
  std::string method;
  std::string path_template;
  Handler handler;
  RunOn run_on = RunOn::kHandlerPool;
  std::vector<std::string> segments;  // path_template split at '/', for matching
};

class Router {
 public:
  void Add(std::string method, std::string path_template, Handler handler, RunOn run_on = RunOn::kHandlerPool);
  // Finds the route, fills request.path_params and runs it. 404 for an unknown path,
  // 405 (with Allow) for a known path with another method.
  Response Dispatch(Request& request) const { return Run(Match(request), request); }
  // The route for the request's method and path (filling request.path_params), or null.
  const Route* Match(Request& request) const;
  // Runs a route Match() found; given null, answers as Dispatch() does for no route.
  Response Run(const Route* route, Request& request) const;
  // Handles GET and HEAD requests that match no route and lie outside /api/ (the web UI's
  // static files and its client-side routes). Without one they are 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace safehub::http
