#include "http/router.h"

#include <gtest/gtest.h>

namespace safehub::http {
namespace {

Router Sample() {
  Router r;
  r.Add("GET", "/api/v1/children/{child_id}", [](Request& q) {
    Response out;
    out.body = "child " + q.path_params["child_id"];
    return out;
  });
  r.Add("POST", "/api/v1/children/{child_id}/events", [](Request& q) {
    Response out;
    out.status = 201;
    out.body = "event for " + q.path_params["child_id"];
    return out;
  });
  return r;
}

Response Call(const Router& r, const char* method, const char* path) {
  Request q;
  q.method = method;
  q.path = path;
  return r.Dispatch(q);
}

TEST(RouterTest, MatchesTemplatesAndFillsParameters) {
  Router r = Sample();
  EXPECT_EQ(Call(r, "GET", "/api/v1/children/42").body, "child 42");
  EXPECT_EQ(Call(r, "POST", "/api/v1/children/7/events").body, "event for 7");
}

TEST(RouterTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Router r = Sample();
  EXPECT_EQ(Call(r, "GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(Call(r, "GET", "/api/v1/children/").status, 404);
  EXPECT_EQ(Call(r, "GET", "/api/v1/children/42/events/9").status, 404);
  Response wrong = Call(r, "DELETE", "/api/v1/children/42");
  EXPECT_EQ(wrong.status, 405);
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].second, "GET");
}

TEST(RouterTest, FallbackServesNonApiGetsOnly) {
  Router r = Sample();
  r.SetFallback([](Request& q) {
    Response out;
    out.body = "static " + q.path;
    return out;
  });
  EXPECT_EQ(Call(r, "GET", "/children/42").body, "static /children/42");
  EXPECT_EQ(Call(r, "GET", "/api/v1/unknown").status, 404);
  EXPECT_EQ(Call(r, "POST", "/children/42").status, 404);
}

TEST(MessageTest, ParsesQueryAndCookies) {
  auto q = ParseQuery("name=Ava+Reid&dob=2015-02-03&x=%41%zz");
  EXPECT_EQ(q["name"], "Ava Reid");
  EXPECT_EQ(q["dob"], "2015-02-03");
  EXPECT_EQ(q["x"], "A%zz");
  Request req;
  req.headers["cookie"] = "theme=dark; safehub_session=abc123; other=1";
  EXPECT_EQ(req.Cookie("safehub_session"), "abc123");
  EXPECT_EQ(req.Cookie("missing"), "");
}

}  // namespace
}  // namespace safehub::http
