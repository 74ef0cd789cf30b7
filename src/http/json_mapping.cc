#include "http/json_mapping.h"

#include "http/json_writer.h"

namespace safehub::http {

using namespace safehub::domain;

namespace {

Json OptionalId(std::int64_t id) { return id > 0 ? Json(id) : Json(nullptr); }

// Reads an enum field with its parser, reporting a bad value against the field.
template <typename T, typename Parse>
T EnumField(JsonReader& r, const std::string& field, bool required, T fallback, Parse parse) {
  const std::string text = r.String(field, required, 40);
  if (text.empty()) return fallback;
  auto parsed = parse(text);
  if (!parsed.ok()) {
    r.AddViolation(field, parsed.status().message());
    return fallback;
  }
  return *parsed;
}

}  // namespace

namespace {

std::optional<std::string> DateOrNull(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(d->ToString()) : std::nullopt;
}
std::optional<std::int64_t> IdOrNull(std::int64_t id) { return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt; }

// Field lists written once for both outputs (http/json_writer.h): the child's record is
// written as text on its hot path; search, chronology and tests build trees.
template <typename Out>
void PersonFields(Out& o, const Person& p) {
  o.Field("id", p.id.value);
  o.Field("kind", ToString(p.kind));
  o.Field("first_name", p.first_name);
  o.Field("middle_names", p.middle_names);
  o.Field("surname", p.surname);
  o.Field("sex", ToCode(p.sex));
  o.Field("date_of_birth", DateOrNull(p.date_of_birth));
  o.Field("expected_birth_date", DateOrNull(p.expected_birth_date));
  o.Field("date_of_death", DateOrNull(p.date_of_death));
  o.Field("mother_id", IdOrNull(p.mother.value));
  o.Field("nhs_number", p.nhs_number);
  o.Field("upn", p.upn);
  o.Field("ethnicity", p.ethnicity);
  o.Field("shielding", ToString(p.shielding));
}

template <typename Out>
void EventFields(Out& o, const Event& e) {
  o.Field("id", e.id.value);
  o.Field("child_id", e.child.value);
  o.Field("agency_id", e.agency.value);
  o.Field("recorded_by", IdOrNull(e.recorded_by.value));
  o.Field("kind", e.kind);
  o.Field("occurred_on", e.occurred_on.ToString());
  o.Field("recorded_at", FormatTimestamp(e.recorded_at));
  o.Field("summary", e.summary);
  o.Field("significance", ToString(e.significance));
  o.Field("source_reference", e.source_reference);
}

template <typename Out>
void InvolvementFields(Out& o, const app::InvolvementView& v) {
  const Involvement& i = v.involvement;
  o.Field("id", i.id.value);
  o.Field("team_id", i.team.value);
  o.Field("team_name", v.team_name);
  o.Field("agency_id", v.agency.value);
  o.Field("agency_name", v.agency_name);
  o.Field("agency_kind", ToString(v.agency_kind));
  o.Field("practitioner_id", IdOrNull(i.practitioner.value));
  o.Field("practitioner_name", v.practitioner_name);
  o.Field("contact_phone", v.contact_phone);
  o.Field("service", i.service);
  o.Field("role", i.role);
  o.Field("started_on", i.started_on.ToString());
  o.Field("ended_on", DateOrNull(i.ended_on));
  o.Field("sensitive", v.masked || i.sensitive_service != SensitiveService::kNone);
  o.Field("masked", v.masked);
}

template <typename Out>
void ChildRecordFields(Out& o, const app::ChildRecord& r) {
  o.Nested("person", [&](auto& p) { PersonFields(p, r.person); });
  o.Field("access_basis", ToString(r.basis));
  o.Field("shielded_view", r.shielded_view);
  o.Field("shield_overridden", r.shield_overridden);
  o.Field("merged_into", IdOrNull(r.merged_into.value));
  o.Array("involvements", r.involvements, [](auto& out, const app::InvolvementView& v) { InvolvementFields(out, v); });
  o.Array("households", r.households, [](auto& out, const auto& h) {
    out.Field("id", h.household.id.value);
    out.Field("address", h.household.address);
    out.Field("postcode", h.household.postcode);
    out.Field("from", h.membership.from.ToString());
    out.Field("to", DateOrNull(h.membership.to));
    out.Array("members", h.members, [](auto& member, const auto& entry) {
      const auto& [m, person] = entry;
      member.Nested("person", [&](auto& p) { PersonFields(p, person); });
      member.Field("from", m.from.ToString());
      member.Field("to", DateOrNull(m.to));
    });
  });
  o.Array("relationships", r.relationships, [](auto& out, const auto& rel) {
    out.Field("person_id", rel.relationship.person.value);
    out.Field("other_id", rel.relationship.other.value);
    out.Field("kind", ToString(rel.relationship.kind));
    out.Field("from", rel.relationship.from.ToString());
    out.Field("to", DateOrNull(rel.relationship.to));
    out.Nested("other", [&](auto& p) { PersonFields(p, rel.other); });
  });
}

template <typename T, typename Fields>
Json Tree(const T& value, Fields fields) {
  Json j = Json::object();
  JsonObjectOut out(j);
  fields(out, value);
  return j;
}

}  // namespace

Json ToJson(const Person& p) {
  return Tree(p, [](JsonObjectOut& o, const Person& v) { PersonFields(o, v); });
}

Json ToJson(const Agency& a) {
  return {{"id", a.id.value}, {"name", a.name}, {"kind", ToString(a.kind)}, {"code", a.code}};
}

Json ToJson(const Team& t) {
  return {{"id", t.id.value},
          {"agency_id", t.agency.value},
          {"name", t.name},
          {"office_phone", t.office_phone},
          {"out_of_hours_phone", t.out_of_hours_phone}};
}

Json ToJson(const Practitioner& p) {
  return {{"id", p.id.value}, {"team_id", p.team.value}, {"name", p.name},
          {"job_title", p.job_title}, {"email", p.email}, {"phone", p.phone}};
}

Json ToJson(const Event& e) {
  return Tree(e, [](JsonObjectOut& o, const Event& v) { EventFields(o, v); });
}

std::string EventListText(const std::vector<Event>& events) {
  return JsonWriter::WriteObject([&](JsonWriter::Object& o) {
    o.Array("events", events, [](auto& out, const Event& e) { EventFields(out, e); });
  });
}

Json ToJson(const AuditEntry& e) {
  return {{"sequence", e.sequence},
          {"at", FormatTimestamp(e.at)},
          {"user_id", OptionalId(e.user.value)},
          {"username", e.username},
          {"role", e.role},
          {"action", e.action},
          {"resource", e.resource},
          {"child_id", OptionalId(e.child.value)},
          {"reason", e.reason},
          {"basis", e.basis},
          {"outcome", ToString(e.outcome)},
          {"detail", e.detail},
          {"hash", e.hash}};
}

Json ToJson(const User& u) {
  return {{"id", u.id.value},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", ToString(u.role)},
          {"scope", ToString(u.scope)},
          {"practitioner_id", OptionalId(u.practitioner.value)},
          {"totp_enabled", u.totp_enabled},
          {"locked", u.locked_until > 0},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password}};
}

Json ToJson(const Principal& p) {
  return {{"user_id", p.user.value},
          {"username", p.username},
          {"role", ToString(p.role)},
          {"scope", ToString(p.scope)},
          {"practitioner_id", OptionalId(p.practitioner.value)},
          {"team_id", OptionalId(p.team.value)},
          {"agency_id", OptionalId(p.agency.value)}};
}

Json ToJson(const app::InvolvementView& v) {
  return Tree(v, [](JsonObjectOut& o, const app::InvolvementView& x) { InvolvementFields(o, x); });
}

Json ToJson(const app::ChildRecord& r) {
  return Tree(r, [](JsonObjectOut& o, const app::ChildRecord& x) { ChildRecordFields(o, x); });
}

std::string ChildRecordText(const app::ChildRecord& r) {
  return JsonWriter::WriteObject([&](JsonWriter::Object& o) { ChildRecordFields(o, r); });
}

Json ToJson(const SharingDecision& d) {
  return {{"id", d.id.value},
          {"child_id", d.child.value},
          {"from_agency_id", d.from_agency.value},
          {"to_agency_id", d.to_agency.value},
          {"decided_by", OptionalId(d.decided_by.value)},
          {"decided_at", FormatTimestamp(d.decided_at)},
          {"information", d.information},
          {"purpose", d.purpose},
          {"basis", ToString(d.basis)},
          {"outcome", ToString(d.outcome)},
          {"parents_informed", ToString(d.parents_informed)},
          {"parents_informed_note", d.parents_informed_note}};
}

Json ToJson(const MisuseReview& r) {
  return {{"id", r.id.value},
          {"user_id", r.user.value},
          {"username", r.username},
          {"child_id", r.child.value},
          {"reason", r.reason},
          {"opened_at", FormatTimestamp(r.opened_at)},
          {"finding", ToString(r.finding)},
          {"reviewed_by", OptionalId(r.reviewed_by.value)},
          {"reviewed_at", r.reviewed_at > 0 ? Json(FormatTimestamp(r.reviewed_at)) : Json(nullptr)},
          {"review_note", r.review_note}};
}

Result<SharingDecision> SharingDecisionFromJson(const Json& body, PersonId child) {
  JsonReader r(body, "sharing decision");
  SharingDecision d;
  d.child = child;
  d.to_agency = AgencyId(r.Integer("to_agency_id", true).value_or(0));
  d.information = r.String("information", true, 4000);
  d.purpose = r.String("purpose", true, 4000);
  d.basis = EnumField(r, "basis", true, SharingBasis::kConsentGiven, ParseSharingBasis);
  d.outcome = EnumField(r, "outcome", true, SharingOutcome::kShared, ParseSharingOutcome);
  d.parents_informed = EnumField(r, "parents_informed", true, ParentsInformed::kNotYetInformed, ParseParentsInformed);
  d.parents_informed_note = r.String("parents_informed_note", false, 2000);
  RETURN_IF_ERROR(r.Finish());
  return d;
}

Result<Person> PersonFromJson(const Json& body) {
  JsonReader r(body, "child");
  Person p;
  p.kind = EnumField(r, "kind", false, PersonKind::kChild, ParsePersonKind);
  p.first_name = r.String("first_name", false, 100);
  p.middle_names = r.String("middle_names", false, 100);
  p.surname = r.String("surname", true, 100);
  p.sex = EnumField(r, "sex", false, Sex::kUnknown, ParseSex);
  p.date_of_birth = r.DateField("date_of_birth", false);
  p.expected_birth_date = r.DateField("expected_birth_date", false);
  p.mother = PersonId(r.Integer("mother_id", false).value_or(0));
  p.nhs_number = r.String("nhs_number", false, 20);
  p.upn = r.String("upn", false, 20);
  p.ethnicity = r.String("ethnicity", false, 8);
  p.shielding = EnumField(r, "shielding", false, Shielding::kNone, ParseShielding);
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<Event> EventFromJson(const Json& body, PersonId child) {
  JsonReader r(body, "event");
  Event e;
  e.child = child;
  e.kind = r.String("kind", true, 64);
  e.occurred_on = r.DateField("occurred_on", true).value_or(Date());
  e.summary = r.String("summary", true, 4000);
  e.significance = EnumField(r, "significance", false, Significance::kLow, ParseSignificance);
  e.source_reference = r.String("source_reference", false, 100);
  RETURN_IF_ERROR(r.Finish());
  return e;
}

Result<Involvement> InvolvementFromJson(const Json& body, PersonId child) {
  JsonReader r(body, "involvement");
  Involvement i;
  i.child = child;
  i.team = TeamId(r.Integer("team_id", true).value_or(0));
  i.practitioner = PractitionerId(r.Integer("practitioner_id", false).value_or(0));
  i.service = r.String("service", true, 200);
  i.role = r.String("role", false, 200);
  i.started_on = r.DateField("started_on", true).value_or(Date());
  i.ended_on = r.DateField("ended_on", false);
  i.sensitive_service = EnumField(r, "sensitive_service", false, SensitiveService::kNone, ParseSensitiveService);
  i.consent_recorded = r.Boolean("consent_recorded", false).value_or(false);
  RETURN_IF_ERROR(r.Finish());
  return i;
}

Result<Agency> AgencyFromJson(const Json& body) {
  JsonReader r(body, "agency");
  Agency a;
  a.name = r.String("name", true, 200);
  a.kind = EnumField(r, "kind", true, AgencyKind::kOther, ParseAgencyKind);
  a.code = r.String("code", false, 20);
  RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<Team> TeamFromJson(const Json& body, AgencyId agency) {
  JsonReader r(body, "team");
  Team t;
  t.agency = agency;
  t.name = r.String("name", true, 200);
  t.office_phone = r.String("office_phone", false, 40);
  t.out_of_hours_phone = r.String("out_of_hours_phone", false, 40);
  RETURN_IF_ERROR(r.Finish());
  return t;
}

namespace {
// A practitioner's own fields, as both adding and changing one read them.
void ReadPractitionerFields(JsonReader& r, Practitioner& p) {
  p.name = r.String("name", true, 200);
  p.job_title = r.String("job_title", false, 200);
  p.email = r.String("email", false, 254);
  p.phone = r.String("phone", false, 40);
}
}  // namespace

Result<Practitioner> PractitionerFromJson(const Json& body, TeamId team) {
  JsonReader r(body, "practitioner");
  Practitioner p;
  p.team = team;
  ReadPractitionerFields(r, p);
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<Agency> AgencyChangeFromJson(const Json& body) {
  JsonReader r(body, "agency");
  Agency a;
  a.name = r.String("name", true, 200);
  a.code = r.String("code", false, 20);
  if (body.contains("kind")) {
    r.Known("kind");
    r.AddViolation("kind", "an agency's kind does not change: an agency of another kind is a new agency");
  }
  RETURN_IF_ERROR(r.Finish());
  return a;
}

Result<Practitioner> PractitionerChangeFromJson(const Json& body) {
  JsonReader r(body, "practitioner");
  Practitioner p;
  p.team = TeamId(r.Integer("team_id", true).value_or(0));
  ReadPractitionerFields(r, p);
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<app::NewUser> NewUserFromJson(const Json& body) {
  JsonReader r(body, "user");
  app::NewUser u;
  u.username = r.String("username", true, 64);
  u.display_name = r.String("display_name", true, 200);
  u.password = r.String("password", true, 1024);
  u.role = EnumField(r, "role", true, Role::kPractitioner, ParseRole);
  u.scope = EnumField(r, "scope", true, Scope::kOwn, ParseScope);
  u.practitioner = PractitionerId(r.Integer("practitioner_id", false).value_or(0));
  RETURN_IF_ERROR(r.Finish());
  return u;
}

Result<app::UserPlacement> UserPlacementFromJson(const Json& body) {
  JsonReader r(body, "user");
  app::UserPlacement p;
  p.role = EnumField(r, "role", true, Role::kPractitioner, ParseRole);
  p.scope = EnumField(r, "scope", true, Scope::kOwn, ParseScope);
  p.practitioner = PractitionerId(r.Integer("practitioner_id", false).value_or(0));
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<app::LoginRequest> LoginFromJson(const Json& body) {
  JsonReader r(body, "login");
  app::LoginRequest l;
  l.username = r.String("username", true, 64);
  l.password = r.String("password", true, 1024);
  l.totp_code = r.String("totp_code", false, 10);
  RETURN_IF_ERROR(r.Finish());
  return l;
}

}  // namespace safehub::http
