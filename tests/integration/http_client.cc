#include "tests/integration/http_client.h"

#include <utility>  // before Boost: asio 1.74 awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace safehub::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

HttpReply HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                           std::map<std::string, std::string> headers) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  if (!cookie_.empty()) request.set(bhttp::field::cookie, cookie_);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();
  beast::error_code ec;
  // A server may answer (413) and stop reading before the body is sent: read the answer
  // even when the write fails part way.
  bhttp::write(stream, request, ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser, ec);
  HttpReply reply;
  if (ec) {
    reply.status = -1;
    reply.body = ec.message();
    return reply;
  }
  const auto& response = parser.get();
  reply.status = static_cast<int>(response.result_int());
  for (const auto& field : response) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    reply.headers[name] += (reply.headers[name].empty() ? "" : "\n") + std::string(field.value());
  }
  reply.body = response.body();
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return reply;
}

HttpReply HttpClient::Post(const std::string& target, const std::string& json, bool with_csrf) {
  std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
  if (with_csrf && !csrf_.empty()) headers["X-CSRF-Token"] = csrf_;
  return Send("POST", target, json, headers);
}

HttpReply HttpClient::Login(const std::string& username, const std::string& password) {
  nlohmann::json body = {{"username", username}, {"password", password}};
  HttpReply reply = Post("/api/v1/session", body.dump(), false);
  if (reply.status == 200) {
    const std::string set_cookie = reply.headers["set-cookie"];
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = nlohmann::json::parse(reply.body)["csrf_token"];
  }
  return reply;
}

}  // namespace safehub::testing
