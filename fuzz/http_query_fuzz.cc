// Fuzzes query-string, cookie and route parsing of request targets.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/message.h"
#include "http/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)safehub::http::ParseQuery(text);
  (void)safehub::http::UrlDecode(text);
  safehub::http::Request request;
  request.headers["cookie"] = text;
  (void)request.Cookie("safehub_session");
  static safehub::http::Router router = [] {
    safehub::http::Router r;
    r.Add("GET", "/api/v1/children/{child_id}/events", [](safehub::http::Request&) { return safehub::http::Response{}; });
    return r;
  }();
  request.method = "GET";
  request.path = text;
  (void)router.Dispatch(request);
  return 0;
}
