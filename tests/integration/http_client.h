// A small synchronous HTTP/1.1 client for integration tests (Boost.Beast), with a cookie
// jar of one session cookie. Not for production use. Not thread-safe.
#pragma once

#include <map>
#include <string>

namespace safehub::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie joined
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port) {}
  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 std::map<std::string, std::string> headers = {});
  HttpReply Get(const std::string& target, std::map<std::string, std::string> headers = {}) {
    return Send("GET", target, "", std::move(headers));
  }
  // JSON POST carrying the CSRF token (when known).
  HttpReply Post(const std::string& target, const std::string& json, bool with_csrf = true);
  // Logs in and keeps the session cookie and CSRF token.
  HttpReply Login(const std::string& username, const std::string& password);
  void ForgetSession() {
    cookie_.clear();
    csrf_.clear();
  }
  const std::string& cookie() const { return cookie_; }

 private:
  unsigned short port_;
  std::string cookie_;  // "safehub_session=..."
  std::string csrf_;
};

}  // namespace safehub::testing
