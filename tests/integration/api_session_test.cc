// Sessions and the request boundary over real HTTP: login, cookies, CSRF, expiry, malformed,
// oversized and unknown requests.
#include "tests/integration/api_fixture.h"

namespace safehub::api_test {
namespace {

TEST_F(ApiTest, HealthNeedsNoLoginAndCarriesSecurityHeaders) {
  HttpClient client(port_);
  HttpReply reply = client.Get("/api/v1/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(Json::parse(reply.body)["status"], "ok");
  EXPECT_EQ(reply.headers["cache-control"], "no-store");
  EXPECT_EQ(reply.headers["x-content-type-options"], "nosniff");
}

TEST_F(ApiTest, LoginSetsAnHttpOnlyStrictCookieAndReturnsACsrfToken) {
  HttpClient client(port_);
  HttpReply reply = client.Login("worker", kPassword);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string cookie = reply.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(Json::parse(reply.body)["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(client.Get("/api/v1/session").status, 200);
}

TEST_F(ApiTest, WrongPasswordIs401AndAudited) {
  const auto before = AuditCount();
  HttpClient client(port_);
  HttpReply reply = client.Login("worker", "not-the-password");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "unauthenticated");
  EXPECT_EQ(AuditCount(), before + 1);
}

TEST_F(ApiTest, RequestsWithoutAValidSessionAre401AndAudited) {
  HttpClient client(port_);
  const auto before = AuditCount();
  EXPECT_EQ(client.Get("/api/v1/children/1").status, 401);
  EXPECT_EQ(client.Get("/api/v1/children/1", {{"Cookie", "safehub_session=forged"}}).status, 401);
  EXPECT_EQ(AuditCount(), before + 2);
}

TEST_F(ApiTest, ExpiredSessionIs401) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  clock_.Advance(31 * 60);
  EXPECT_EQ(client.Get("/api/v1/session").status, 401);
}

TEST_F(ApiTest, WritesWithoutTheCsrfTokenAre403AndWriteNothing) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const PersonId child = ChildInScope();
  const std::string event = R"({"kind":"school_exclusion","occurred_on":"2024-05-01","summary":"fixed term"})";
  HttpReply reply = client.Post("/api/v1/children/" + child.ToString() + "/events", event, /*with_csrf=*/false);
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "csrf_token_invalid");
  HttpReply list = client.Get("/api/v1/children/" + child.ToString() + "/events");
  const Json events = Json::parse(list.body);
  ASSERT_TRUE(events["events"].is_array());
  for (const auto& e : events["events"]) EXPECT_NE(e["kind"], "school_exclusion");
  EXPECT_EQ(client.Post("/api/v1/children/" + child.ToString() + "/events", event).status, 201);
}

TEST_F(ApiTest, MalformedBodiesAre400NamingTheFieldAndWriteNothing) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::string target = "/api/v1/children/" + ChildInScope().ToString() + "/events";
  HttpReply broken = client.Post(target, "{\"kind\": ");
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(Json::parse(broken.body)["error"]["field"], "body");
  HttpReply wrong = client.Post(target, R"({"kind": 5, "occurred_on": "yesterday", "summary": "x", "colour": "red"})");
  EXPECT_EQ(wrong.status, 400);
  std::set<std::string> fields;
  const Json wrong_body = Json::parse(wrong.body);
  for (const auto& v : wrong_body["error"]["violations"]) fields.insert(v["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "occurred_on", "colour"})) << wrong.body;
  HttpReply bad_id = client.Get("/api/v1/children/abc");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(Json::parse(bad_id.body)["error"]["field"], "child_id");
  HttpReply not_json = client.Send("POST", target, "kind=x", {{"Content-Type", "text/plain"}});
  EXPECT_NE(not_json.status, 201);
}

TEST_F(ApiTest, OversizedBodiesAreRefusedWith413) {
  HttpClient client(port_);
  ASSERT_EQ(client.Login("worker", kPassword).status, 200);
  const std::string huge = "{\"summary\": \"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  HttpReply reply = client.Post("/api/v1/children/1/events", huge);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "payload_too_large");
}

TEST_F(ApiTest, UnknownRoutesAndMethodsAreJsonErrors) {
  HttpClient client(port_);
  EXPECT_EQ(client.Get("/api/v1/nothing-here").status, 404);
  HttpReply wrong = client.Send("PUT", "/api/v1/health");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "GET");
}

}  // namespace
}  // namespace safehub::api_test
