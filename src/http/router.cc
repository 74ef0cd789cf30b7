#include "http/router.h"

#include "http/json_io.h"

namespace safehub::http {
namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool Matches(const Route& route, const std::vector<std::string>& path, std::map<std::string, std::string>& params) {
  const auto& t = route.segments;
  if (t.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].size() > 2 && t[i].front() == '{' && t[i].back() == '}') {
      if (path[i].empty()) return false;
      found[t[i].substr(1, t[i].size() - 2)] = UrlDecode(path[i]);
    } else if (t[i] != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string path_template, Handler handler, RunOn run_on) {
  auto segments = Segments(path_template);
  routes_.push_back({std::move(method), std::move(path_template), std::move(handler), run_on, std::move(segments)});
}

const Route* Router::Match(Request& request) const {
  const auto path = Segments(request.path);
  for (const Route& route : routes_) {
    if (route.method != request.method) continue;
    std::map<std::string, std::string> params;
    if (!Matches(route, path, params)) continue;
    request.path_params = std::move(params);
    return &route;
  }
  return nullptr;
}

Response Router::Run(const Route* route, Request& request) const {
  if (route != nullptr) return route->handler(request);
  std::string allowed;
  const auto path = Segments(request.path);
  for (const Route& other : routes_) {
    std::map<std::string, std::string> params;
    if (Matches(other, path, params)) allowed += (allowed.empty() ? "" : ", ") + other.method;
  }
  if (!allowed.empty()) {
    Response r = ErrorResponse(405, "method_not_allowed", request.method + " is not allowed on " + request.path, "");
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  const bool api = request.path.rfind("/api/", 0) == 0;
  if (fallback_ && !api && (request.method == "GET" || request.method == "HEAD")) return fallback_(request);
  return ErrorResponse(404, "not_found", "no such resource: " + request.path, "");
}

}  // namespace safehub::http
