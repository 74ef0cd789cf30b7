#include "http/json_writer.h"

#include <gtest/gtest.h>

#include <random>

#include "http/json_mapping.h"

namespace safehub::http {
namespace {

std::string NlohmannText(const std::string& s) { return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string WriterText(const std::string& s) {
  JsonWriter w;
  w.String(s);
  return w.text();
}

TEST(JsonWriterTest, WritesNestedObjectsAndArrays) {
  struct Item {
    std::int64_t n;
  };
  std::vector<Item> items{{1}, {2}};
  const std::string text = JsonWriter::WriteObject([&](JsonWriter::Object& o) {
    o.Field("a", std::string("x"));
    o.Field("n", std::int64_t{-42});
    o.Field("t", true);
    o.Field("none", std::optional<std::string>());
    o.Nested("inner", [](JsonWriter::Object& i) { i.Field("k", "v"); });
    o.Array("items", items, [](JsonWriter::Object& i, const Item& item) { i.Field("n", item.n); });
    o.Array("empty", std::vector<Item>(), [](JsonWriter::Object&, const Item&) {});
  });
  EXPECT_EQ(text, R"({"a":"x","n":-42,"t":true,"none":null,"inner":{"k":"v"},"items":[{"n":1},{"n":2}],"empty":[]})");
  EXPECT_TRUE(Json::accept(text));
}

TEST(JsonWriterTest, EscapesAsNlohmannDoes) {
  for (const std::string& s : {std::string("plain"), std::string("quote \" and \\ backslash"),
                              std::string("\b\f\n\r\t"), std::string("\x01\x1f\x7f", 3), std::string("\0", 1),
                              std::string("Zoë Ní Bhriain 😀"), std::string("bad \xff byte"),
                              std::string("cut \xe2\x82"), std::string("cut \xe2\x82 then A"),
                              std::string("overlong \xc0\xaf \xe0\x80\xaf"), std::string("surrogate \xed\xa0\x80"),
                              std::string("too high \xf4\x90\x80\x80"), std::string("\x80\x80 lone")}) {
    EXPECT_EQ(WriterText(s), NlohmannText(s)) << "input: " << s;
  }
}

// Random bytes weighted towards the awkward ones (UTF-8 lead and continuation bytes,
// control characters, quotes): the writer's text must equal nlohmann's for every one.
TEST(JsonWriterTest, RandomStringsMatchNlohmann) {
  std::mt19937 rng(20261129);
  const unsigned char interesting[] = {0x00, 0x01, 0x1f, '"', '\\', 'a', ' ', 0x7f, 0x80, 0xbf, 0xc0, 0xc1,
                                       0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int length = static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) {
      s.push_back(static_cast<char>(rng() % 3 == 0 ? rng() % 256 : interesting[rng() % sizeof interesting]));
    }
    ASSERT_EQ(WriterText(s), NlohmannText(s)) << "round " << round;
  }
}

TEST(JsonWriterTest, ChildRecordTextIsTheRecordsJson) {
  app::ChildRecord r;
  r.person.id = PersonId(7);
  r.person.first_name = "Ava";
  r.person.surname = "Reid \"Junior\"";
  r.person.date_of_birth = *Date::Parse("2015-02-03");
  r.person.mother = PersonId(3);
  r.person.nhs_number = "9434765919";
  r.basis = domain::AccessBasis::kTeamInvolvement;
  r.shield_overridden = true;
  app::InvolvementView v;
  v.involvement.id = InvolvementId(11);
  v.involvement.team = TeamId(2);
  v.involvement.service = "school nursing";
  v.involvement.started_on = *Date::Parse("2024-01-01");
  v.involvement.ended_on = *Date::Parse("2024-05-01");
  v.team_name = "Health visiting";
  v.masked = true;
  r.involvements.push_back(v);
  r.involvements.push_back(v);
  r.involvements.back().involvement.practitioner = PractitionerId(5);
  app::HouseholdView h;
  h.household.id = HouseholdId(4);
  h.household.address = "1 High St";
  h.membership.from = *Date::Parse("2020-01-01");
  domain::Person mother;
  mother.id = PersonId(3);
  mother.kind = domain::PersonKind::kAdult;
  mother.first_name = "Lena";
  domain::HouseholdMember m;
  m.from = *Date::Parse("2020-01-01");
  m.to = *Date::Parse("2023-01-01");
  h.members.push_back({m, mother});
  r.households.push_back(h);
  app::RelationshipView rel;
  rel.relationship.person = PersonId(7);
  rel.relationship.other = PersonId(3);
  rel.relationship.from = *Date::Parse("2015-02-03");
  rel.other = mother;
  r.relationships.push_back(rel);
  EXPECT_EQ(Json::parse(ChildRecordText(r)), ToJson(r));
  app::ChildRecord empty;
  EXPECT_EQ(Json::parse(ChildRecordText(empty)), ToJson(empty));
}

TEST(JsonWriterTest, EventListTextIsTheEventsJson) {
  domain::Event e;
  e.id = EventId(9);
  e.child = PersonId(7);
  e.agency = AgencyId(2);
  e.kind = "police_incident";
  e.occurred_on = *Date::Parse("2024-03-04");
  e.recorded_at = 1717236000;
  e.summary = "Call-out: \"shouting\"\nneighbour's report";
  e.significance = domain::Significance::kHigh;
  e.source_reference = "NP-1";
  domain::Event by = e;
  by.id = EventId(10);
  by.recorded_by = PractitionerId(4);
  const Json expected = Json::parse(R"({"events": [
    {"id": 9, "child_id": 7, "agency_id": 2, "recorded_by": null, "kind": "police_incident",
     "occurred_on": "2024-03-04", "recorded_at": "2024-06-01T10:00:00Z",
     "summary": "Call-out: \"shouting\"\nneighbour's report", "significance": "high",
     "source_reference": "NP-1"},
    {"id": 10, "child_id": 7, "agency_id": 2, "recorded_by": 4, "kind": "police_incident",
     "occurred_on": "2024-03-04", "recorded_at": "2024-06-01T10:00:00Z",
     "summary": "Call-out: \"shouting\"\nneighbour's report", "significance": "high",
     "source_reference": "NP-1"}]})");
  EXPECT_EQ(Json::parse(EventListText({e, by})), expected);
  EXPECT_EQ(ToJson(by), expected["events"][1]);
  EXPECT_EQ(Json::parse(EventListText({})), Json::parse(R"({"events": []})"));
}

}  // namespace
}  // namespace safehub::http
