#include "http/json_io.h"

#include <gtest/gtest.h>

#include "http/json_mapping.h"

namespace safehub::http {
namespace {

TEST(JsonIoTest, MapsEveryStatusCodeToOneHttpStatus) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

TEST(JsonIoTest, ErrorBodyNamesCodeMessageFieldAndViolations) {
  Response r = StatusResponse(Status::Invalid("child", {{"surname", "is required"}, {"sex", "is wrong"}}));
  EXPECT_EQ(r.status, 400);
  Json body = Json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_EQ(body["error"]["field"], "surname");
  EXPECT_EQ(body["error"]["violations"].size(), 2u);
}

TEST(JsonIoTest, InternalErrorsDoNotLeakDetails) {
  Response r = StatusResponse(Internal("sqlite step: disk I/O error at /var/lib/secret"));
  EXPECT_EQ(r.body.find("/var/lib"), std::string::npos);
}

TEST(JsonIoTest, RejectsMalformedAndNonObjectBodies) {
  EXPECT_EQ(ParseJsonObject("{\"a\":").status().field(), "body");
  EXPECT_EQ(ParseJsonObject("[1,2]").status().field(), "body");
  EXPECT_TRUE(ParseJsonObject("{}").ok());
}

TEST(JsonMappingTest, PersonReaderReportsWrongTypesUnknownFieldsAndBadValuesTogether) {
  Json body = Json::parse(R"({"first_name": 7, "surname": "Reid", "date_of_birth": "2015-13-01",
                              "sex": "X", "favourite_colour": "blue"})");
  auto person = PersonFromJson(body);
  ASSERT_FALSE(person.ok());
  std::set<std::string> fields;
  for (const auto& v : person.status().violations()) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"first_name", "date_of_birth", "sex", "favourite_colour"}))
      << person.status().message();
}

TEST(JsonMappingTest, PersonReaderAcceptsAValidChild) {
  Json body = Json::parse(R"({"first_name": "Ava", "surname": "Reid", "date_of_birth": "2015-02-03",
                              "sex": "F", "nhs_number": "9434765919"})");
  auto person = PersonFromJson(body);
  ASSERT_TRUE(person.ok()) << person.status().message();
  EXPECT_EQ(person->date_of_birth->ToString(), "2015-02-03");
  EXPECT_EQ(ToJson(*person)["sex"], "F");
}

TEST(JsonMappingTest, UserJsonNeverCarriesSecrets) {
  domain::User u;
  u.username = "jo";
  u.password_hash = "$argon2id$secret";
  u.totp_secret = "JBSWY3DPEHPK3PXP";
  const std::string out = ToJson(u).dump();
  EXPECT_EQ(out.find("argon2id"), std::string::npos);
  EXPECT_EQ(out.find("JBSWY3DP"), std::string::npos);
}

}  // namespace
}  // namespace safehub::http
