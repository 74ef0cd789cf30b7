// The server's view of one HTTP exchange, independent of Boost.Beast so handlers and their
// tests need no network types. Plain value types.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace safehub::http {

struct Request {
  std::string method;                              // "GET", "POST", ...
  std::string path;                                // "/api/v1/children/42", no query
  std::map<std::string, std::string> query;        // decoded query parameters
  std::map<std::string, std::string> headers;      // names lower-cased
  std::map<std::string, std::string> path_params;  // filled by the router
  std::string body;
  std::string remote_address;

  // The header's value, or "" when absent. `name` in lower case.
  std::string Header(const std::string& name) const;
  // The named cookie from the Cookie header, or "".
  std::string Cookie(const std::string& name) const;
  std::string Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Decodes %XX and '+' in a query component; invalid escapes are kept literally.
std::string UrlDecode(const std::string& s);
// Splits "a=1&b=2" into decoded pairs (the last of a repeated name wins).
std::map<std::string, std::string> ParseQuery(const std::string& query);

}  // namespace safehub::http
