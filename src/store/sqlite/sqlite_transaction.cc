#include "store/sqlite/sqlite_transaction.h"

#include <algorithm>
#include <functional>
#include <map>

#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

using namespace safehub::domain;

namespace {

constexpr const char* kInvolvementColumns =
    "id, child_id, team_id, practitioner_id, service, role, started_on, ended_on, "
    "sensitive_service, consent_recorded";

Involvement ReadInvolvement(const Statement& q) {
  Involvement i;
  i.id = InvolvementId(q.Int(0));
  i.child = PersonId(q.Int(1));
  i.team = TeamId(q.Int(2));
  i.practitioner = PractitionerId(q.IsNull(3) ? 0 : q.Int(3));
  i.service = q.Text(4);
  i.role = q.Text(5);
  i.started_on = q.DateAt(6);
  i.ended_on = q.OptionalDate(7);
  i.sensitive_service = Or(ParseSensitiveService(q.Text(8)), SensitiveService::kMentalHealth);
  i.consent_recorded = q.Int(9) != 0;
  return i;
}

constexpr const char* kEventColumns =
    "id, child_id, agency_id, recorded_by, kind, occurred_on, recorded_at, summary, significance, "
    "source_reference, attributes";

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '&' || c == '=') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 15];
      out += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      out += c;
    }
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 1]) * 16 + HexDigit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string EncodeAttributes(const std::map<std::string, std::string>& attributes) {
  std::string out;
  for (const auto& [name, value] : attributes) {
    if (!out.empty()) out += '&';
    out += Escape(name) + "=" + Escape(value);
  }
  return out;
}

std::map<std::string, std::string> DecodeAttributes(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('&', pos);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(pos, end - pos);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos) out[Unescape(pair.substr(0, eq))] = Unescape(pair.substr(eq + 1));
    pos = end + 1;
  }
  return out;
}

Event ReadEvent(const Statement& q) {
  Event e;
  e.id = EventId(q.Int(0));
  e.child = PersonId(q.Int(1));
  e.agency = AgencyId(q.Int(2));
  e.recorded_by = PractitionerId(q.IsNull(3) ? 0 : q.Int(3));
  e.kind = q.Text(4);
  e.occurred_on = q.DateAt(5);
  e.recorded_at = q.Int(6);
  e.summary = q.Text(7);
  e.significance = Or(ParseSignificance(q.Text(8)), Significance::kMedium);
  e.source_reference = q.Text(9);
  e.attributes = DecodeAttributes(q.Text(10));
  return e;
}


}  // namespace

Result<std::vector<std::int64_t>> SqliteTransaction::ReadAs(PersonId person) {
  if (auto it = read_as_.find(person.value); it != read_as_.end()) return it->second;
  std::vector<std::int64_t> ids{person.value};
  ASSIGN_OR_RETURN(auto absorbed, AbsorbedInto(person));
  for (PersonId p : absorbed) ids.push_back(p.value);
  return read_as_.emplace(person.value, std::move(ids)).first->second;
}

Status SqliteTransaction::RequireRow(const char* exists_sql, std::int64_t id, const std::string& what) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(exists_sql));
  q->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, q->Step());
  return row ? Status::Ok() : NotFound(what + " " + std::to_string(id) + " does not exist");
}

// ---- organisations ----

Result<AgencyId> SqliteTransaction::InsertAgency(const Agency& a) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("INSERT INTO agency(name, kind, code) VALUES (?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, a.name).Bind(2, ToString(a.kind)).Bind(3, a.code).Run());
  return AgencyId(c_.LastInsertId());
}

namespace {
Agency ReadAgency(const Statement& q) {
  return Agency{AgencyId(q.Int(0)), q.Text(1), Or(ParseAgencyKind(q.Text(2)), AgencyKind::kOther), q.Text(3)};
}
Team ReadTeam(const Statement& q) {
  return Team{TeamId(q.Int(0)), AgencyId(q.Int(1)), q.Text(2), q.Text(3), q.Text(4)};
}
Practitioner ReadPractitioner(const Statement& q) {
  return Practitioner{PractitionerId(q.Int(0)), TeamId(q.Int(1)), q.Text(2), q.Text(3), q.Text(4), q.Text(5)};
}
}  // namespace

Result<Agency> SqliteTransaction::GetAgency(AgencyId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT id, name, kind, code FROM agency WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("agency " + id.ToString() + " does not exist");
  return ReadAgency(*q);
}

Status SqliteTransaction::UpdateAgency(const Agency& a) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", a.id.value, "agency"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("UPDATE agency SET name = ?, code = ? WHERE id = ?"));
  return q->Bind(1, a.name).Bind(2, a.code).Bind(3, a.id.value).Run();
}

Result<std::vector<Agency>> SqliteTransaction::ListAgencies() {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT id, name, kind, code FROM agency ORDER BY id"));
  return CollectRows<Agency>(*q, ReadAgency);
}

Result<TeamId> SqliteTransaction::InsertTeam(const Team& t) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", t.agency.value, "agency"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO team(agency_id, name, office_phone, out_of_hours_phone) VALUES (?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, t.agency.value).Bind(2, t.name).Bind(3, t.office_phone).Bind(4, t.out_of_hours_phone).Run());
  return TeamId(c_.LastInsertId());
}

Status SqliteTransaction::UpdateTeam(const Team& t) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", t.id.value, "team"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("UPDATE team SET name = ?, office_phone = ?, out_of_hours_phone = ? WHERE id = ?"));
  return q->Bind(1, t.name).Bind(2, t.office_phone).Bind(3, t.out_of_hours_phone).Bind(4, t.id.value).Run();
}

Result<Team> SqliteTransaction::GetTeam(TeamId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, agency_id, name, office_phone, out_of_hours_phone FROM team WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("team " + id.ToString() + " does not exist");
  return ReadTeam(*q);
}

Result<std::vector<Team>> SqliteTransaction::ListTeams(AgencyId agency) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, agency_id, name, office_phone, out_of_hours_phone FROM team WHERE agency_id = ? ORDER BY id"));
  q->Bind(1, agency.value);
  return CollectRows<Team>(*q, ReadTeam);
}

Result<PractitionerId> SqliteTransaction::InsertPractitioner(const Practitioner& p) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", p.team.value, "team"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO practitioner(team_id, name, job_title, email, phone) VALUES (?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, p.team.value).Bind(2, p.name).Bind(3, p.job_title).Bind(4, p.email).Bind(5, p.phone).Run());
  return PractitionerId(c_.LastInsertId());
}

Status SqliteTransaction::UpdatePractitioner(const Practitioner& p) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", p.id.value, "practitioner"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", p.team.value, "team"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE practitioner SET team_id = ?, name = ?, job_title = ?, email = ?, phone = ? WHERE id = ?"));
  return q->Bind(1, p.team.value).Bind(2, p.name).Bind(3, p.job_title).Bind(4, p.email).Bind(5, p.phone)
      .Bind(6, p.id.value).Run();
}

Result<Practitioner> SqliteTransaction::GetPractitioner(PractitionerId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, team_id, name, job_title, email, phone FROM practitioner WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("practitioner " + id.ToString() + " does not exist");
  return ReadPractitioner(*q);
}

Result<std::vector<Practitioner>> SqliteTransaction::ListPractitioners(TeamId team) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT id, team_id, name, job_title, email, phone FROM practitioner WHERE team_id = ? ORDER BY id"));
  q->Bind(1, team.value);
  return CollectRows<Practitioner>(*q, ReadPractitioner);
}

// ---- households ----

Result<HouseholdId> SqliteTransaction::InsertHousehold(const Household& h) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("INSERT INTO household(address, postcode) VALUES (?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, h.address).Bind(2, h.postcode).Run());
  return HouseholdId(c_.LastInsertId());
}

Result<Household> SqliteTransaction::GetHousehold(HouseholdId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT id, address, postcode FROM household WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("household " + id.ToString() + " does not exist");
  return Household{HouseholdId(q->Int(0)), q->Text(1), q->Text(2)};
}

namespace {
HouseholdMember ReadMember(const Statement& q) {
  return HouseholdMember{HouseholdId(q.Int(0)), PersonId(q.Int(1)), q.DateAt(2), q.OptionalDate(3)};
}
Relationship ReadRelationship(const Statement& q) {
  return Relationship{PersonId(q.Int(0)), PersonId(q.Int(1)), Or(ParseRelationshipKind(q.Text(2)), RelationshipKind::kOther),
                      q.DateAt(3), q.OptionalDate(4)};
}
}  // namespace

Status SqliteTransaction::AddMember(const HouseholdMember& m) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM household WHERE id = ?", m.household.value, "household"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", m.person.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO household_member(household_id, person_id, date_from, date_to) VALUES (?, ?, ?, ?)"));
  return q->Bind(1, m.household.value).Bind(2, m.person.value).Bind(3, m.from).Bind(4, m.to).Run();
}

Result<std::vector<HouseholdMember>> SqliteTransaction::MembershipsOf(PersonId person) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(person));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT household_id, person_id, date_from, date_to FROM household_member WHERE " +
                                      AnyOf("person_id", ids.size()) + " ORDER BY date_from"));
  BindIds(*q, 1, ids);
  return CollectRows<HouseholdMember>(*q, ReadMember);
}

Result<std::vector<HouseholdMember>> SqliteTransaction::MembersOf(HouseholdId household) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "SELECT household_id, person_id, date_from, date_to FROM household_member WHERE household_id = ? "
      "ORDER BY date_from, person_id"));
  q->Bind(1, household.value);
  return CollectRows<HouseholdMember>(*q, ReadMember);
}

Status SqliteTransaction::AddRelationship(const Relationship& r) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", r.person.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", r.other.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO relationship(person_id, other_id, kind, date_from, date_to) VALUES (?, ?, ?, ?, ?)"));
  return q->Bind(1, r.person.value).Bind(2, r.other.value).Bind(3, ToString(r.kind)).Bind(4, r.from).Bind(5, r.to).Run();
}

Result<std::vector<Relationship>> SqliteTransaction::RelationshipsOf(PersonId person) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(person));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT person_id, other_id, kind, date_from, date_to FROM relationship WHERE " +
                                      AnyOf("person_id", ids.size()) + " OR " + AnyOf("other_id", ids.size()) +
                                      " ORDER BY date_from"));
  BindIds(*q, BindIds(*q, 1, ids), ids);
  return CollectRows<Relationship>(*q, ReadRelationship);
}

// ---- involvements ----

Result<InvolvementId> SqliteTransaction::InsertInvolvement(const Involvement& i) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", i.child.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM team WHERE id = ?", i.team.value, "team"));
  if (i.practitioner.valid()) {
    RETURN_IF_ERROR(RequireRow("SELECT 1 FROM practitioner WHERE id = ?", i.practitioner.value, "practitioner"));
  }
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO involvement(child_id, team_id, practitioner_id, service, role, started_on, ended_on, "
      "sensitive_service, consent_recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  RETURN_IF_ERROR(q->Bind(1, i.child.value).Bind(2, i.team.value).BindId(3, i.practitioner.value)
                      .Bind(4, i.service).Bind(5, i.role).Bind(6, i.started_on).Bind(7, i.ended_on)
                      .Bind(8, ToString(i.sensitive_service)).Bind(9, std::int64_t{i.consent_recorded})
                      .Run());
  return InvolvementId(c_.LastInsertId());
}

Result<std::vector<Involvement>> SqliteTransaction::InvolvementsOf(PersonId child) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kInvolvementColumns + " FROM involvement WHERE " +
                                      AnyOf("child_id", ids.size()) + " ORDER BY started_on, id"));
  BindIds(*q, 1, ids);
  return CollectRows<Involvement>(*q, ReadInvolvement);
}

Result<std::vector<InvolvementDetail>> SqliteTransaction::InvolvementDetailsOf(PersonId child) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string(
      "SELECT i.id, i.child_id, i.team_id, i.practitioner_id, i.service, i.role, i.started_on, i.ended_on, "
      "i.sensitive_service, i.consent_recorded, "
      "t.id, t.agency_id, t.name, t.office_phone, t.out_of_hours_phone, "
      "a.id, a.name, a.kind, a.code, COALESCE(p.name, '') "
      "FROM involvement i JOIN team t ON t.id = i.team_id JOIN agency a ON a.id = t.agency_id "
      "LEFT JOIN practitioner p ON p.id = i.practitioner_id WHERE ") +
      AnyOf("i.child_id", ids.size()) + " ORDER BY i.started_on, i.id"));
  BindIds(*q, 1, ids);
  return CollectRows<InvolvementDetail>(*q, [](const Statement& r) {
    InvolvementDetail d;
    d.involvement = ReadInvolvement(r);
    d.team = Team{TeamId(r.Int(10)), AgencyId(r.Int(11)), r.Text(12), r.Text(13), r.Text(14)};
    d.agency = Agency{AgencyId(r.Int(15)), r.Text(16), Or(ParseAgencyKind(r.Text(17)), AgencyKind::kOther), r.Text(18)};
    d.practitioner_name = r.Text(19);
    return d;
  });
}

Result<std::vector<domain::InvolvementReach>> SqliteTransaction::InvolvementReachOf(PersonId child, Date today) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT i.practitioner_id, i.team_id, t.agency_id, i.started_on, i.ended_on "
                                      "FROM involvement i JOIN team t ON t.id = i.team_id WHERE " +
                                      AnyOf("i.child_id", ids.size())));
  BindIds(*q, 1, ids);
  return CollectRows<domain::InvolvementReach>(*q, [today](const Statement& r) {
    Involvement dates;  // the domain's rule for "active on a day"
    dates.started_on = r.DateAt(3);
    dates.ended_on = r.OptionalDate(4);
    return domain::InvolvementReach{PractitionerId(r.IsNull(0) ? 0 : r.Int(0)), TeamId(r.Int(1)), AgencyId(r.Int(2)),
                                    dates.IsActiveOn(today)};
  });
}

Result<std::vector<Involvement>> SqliteTransaction::InvolvementsOfPractitioner(PractitionerId p) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kInvolvementColumns +
                                      " FROM involvement WHERE practitioner_id = ? ORDER BY started_on, id"));
  q->Bind(1, p.value);
  return CollectRows<Involvement>(*q, ReadInvolvement);
}

Status SqliteTransaction::EndInvolvement(InvolvementId id, Date ended_on) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare("SELECT started_on FROM involvement WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("involvement " + id.ToString() + " does not exist");
  if (ended_on < q->DateAt(0)) {
    return InvalidArgument("involvement " + id.ToString() + " cannot end before its start", "ended_on");
  }
  ASSIGN_OR_RETURN(auto update, c_.Prepare("UPDATE involvement SET ended_on = ? WHERE id = ?"));
  return update->Bind(1, ended_on).Bind(2, id.value).Run();
}

// ---- events ----

Result<EventId> SqliteTransaction::InsertEvent(const Event& e) {
  // Feeds insert hundreds of thousands of events: the insert goes first and the foreign
  // key and UNIQUE(agency_id, source_reference) constraints guard it; only when one refuses
  // do the lookups below find which, to name it as they always have (person, then agency,
  // then the event already recorded).
  // The event's own text is bound in place (it outlives the statement); only the date and
  // the attributes are made here, before the statement, so they outlive its bindings too.
  const std::string occurred_on = e.occurred_on.ToString();
  const std::string attributes = EncodeAttributes(e.attributes);
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO event(child_id, agency_id, recorded_by, kind, occurred_on, recorded_at, summary, "
      "significance, source_reference, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  q->Bind(1, e.child.value).Bind(2, e.agency.value).BindId(3, e.recorded_by.value).BindView(4, e.kind)
      .BindView(5, occurred_on).Bind(6, e.recorded_at).BindView(7, e.summary).BindView(8, ToString(e.significance));
  if (e.source_reference.empty()) {
    q->BindNull(9);
  } else {
    q->BindView(9, e.source_reference);
  }
  q->BindView(10, attributes);
  Status inserted = q->Run();
  if (inserted.ok()) return EventId(c_.LastInsertId());
  q.reset();  // release the statement before asking why
  if (inserted.code() != StatusCode::kNotFound && inserted.code() != StatusCode::kAlreadyExists) return inserted;
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", e.child.value, "person"));
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM agency WHERE id = ?", e.agency.value, "agency"));
  if (inserted.code() == StatusCode::kAlreadyExists && !e.source_reference.empty()) {
    ASSIGN_OR_RETURN(auto dup, c_.Prepare("SELECT id FROM event WHERE agency_id = ? AND source_reference = ?"));
    dup->Bind(1, e.agency.value).Bind(2, e.source_reference);
    ASSIGN_OR_RETURN(bool row, dup->Step());
    if (row) {
      return AlreadyExists("event " + e.source_reference + " of agency " + e.agency.ToString() +
                               " is already recorded as event " + std::to_string(dup->Int(0)),
                           "source_reference");
    }
  }
  return inserted;
}

Result<Event> SqliteTransaction::GetEvent(EventId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kEventColumns + " FROM event WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("event " + id.ToString() + " does not exist");
  return ReadEvent(*q);
}

Result<std::vector<Event>> SqliteTransaction::EventsOf(PersonId child, std::optional<Date> from,
                                                       std::optional<Date> to) {
  ASSIGN_OR_RETURN(auto ids, ReadAs(child));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kEventColumns + " FROM event WHERE (" +
      AnyOf("child_id", ids.size()) + ")"
      " AND (? IS NULL OR occurred_on >= ?) AND (? IS NULL OR occurred_on <= ?) ORDER BY occurred_on, id"));
  const int next = BindIds(*q, 1, ids);
  q->Bind(next, from).Bind(next + 1, from).Bind(next + 2, to).Bind(next + 3, to);
  return CollectRows<Event>(*q, ReadEvent);
}

}  // namespace safehub::store::sqlite
