// The SQLite store's people (store/repositories.h PersonRepository): children, adults and
// unborn children, found by name, birth date and identifiers, and the identity generation
// that every change to them moves (migration 12).
#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_transaction.h"
#include "store/sqlite/stored_codes.h"

namespace safehub::store::sqlite {

using namespace safehub::domain;

namespace {

constexpr const char* kPersonColumns =
    "id, kind, first_name, middle_names, surname, sex, date_of_birth, expected_birth_date, "
    "date_of_death, mother_id, nhs_number, upn, ethnicity, shielding";

Person ReadPerson(const Statement& q) {
  Person p;
  p.id = PersonId(q.Int(0));
  p.kind = Or(ParsePersonKind(q.Text(1)), PersonKind::kChild);
  p.first_name = q.Text(2);
  p.middle_names = q.Text(3);
  p.surname = q.Text(4);
  p.sex = Or(ParseSex(q.Text(5)), Sex::kUnknown);
  p.date_of_birth = q.OptionalDate(6);
  p.expected_birth_date = q.OptionalDate(7);
  p.date_of_death = q.OptionalDate(8);
  p.mother = PersonId(q.IsNull(9) ? 0 : q.Int(9));
  p.nhs_number = q.Text(10);
  p.upn = q.Text(11);
  p.ethnicity = q.Text(12);
  p.shielding = Or(ParseShielding(q.Text(13)), Shielding::kOther);
  return p;
}

void BindPersonFields(Statement& q, const Person& p) {
  q.Bind(1, ToString(p.kind))
      .Bind(2, p.first_name)
      .Bind(3, p.middle_names)
      .Bind(4, p.surname)
      .Bind(5, ToCode(p.sex))
      .Bind(6, p.date_of_birth)
      .Bind(7, p.expected_birth_date)
      .Bind(8, p.date_of_death)
      .BindId(9, p.mother.value)
      .Bind(10, p.nhs_number)
      .Bind(11, p.upn)
      .Bind(12, p.ethnicity)
      .Bind(13, ToString(p.shielding));
}

std::string EscapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

Result<PersonId> SqliteTransaction::InsertPerson(const Person& p) {
  if (p.mother.valid()) RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", p.mother.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "INSERT INTO person(kind, first_name, middle_names, surname, sex, date_of_birth, "
      "expected_birth_date, date_of_death, mother_id, nhs_number, upn, ethnicity, shielding) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindPersonFields(*q, p);
  RETURN_IF_ERROR(q->Run());
  return PersonId(c_.LastInsertId());
}

Result<Person> SqliteTransaction::GetPerson(PersonId id) {
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kPersonColumns + " FROM person WHERE id = ?"));
  q->Bind(1, id.value);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return NotFound("person " + id.ToString() + " does not exist");
  return ReadPerson(*q);
}

Result<std::vector<Person>> SqliteTransaction::GetPeople(const std::vector<PersonId>& ids) {
  std::vector<std::int64_t> wanted;
  for (PersonId id : ids) {
    if (std::find(wanted.begin(), wanted.end(), id.value) == wanted.end()) wanted.push_back(id.value);
  }
  if (wanted.empty()) return std::vector<Person>();
  // One statement for the lot: a family is a handful of people, and each statement costs
  // more than its rows. One prepared statement per count of ids.
  ASSIGN_OR_RETURN(auto q, c_.Prepare(std::string("SELECT ") + kPersonColumns + " FROM person WHERE " +
                                      AnyOf("id", wanted.size())));
  BindIds(*q, 1, wanted);
  std::map<std::int64_t, Person> found;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    Person p = ReadPerson(*q);
    found.emplace(p.id.value, std::move(p));
  }
  std::vector<Person> out;
  out.reserve(wanted.size());
  for (std::int64_t id : wanted) {
    auto it = found.find(id);
    if (it == found.end()) return NotFound("person " + std::to_string(id) + " does not exist");
    out.push_back(std::move(it->second));
  }
  return out;
}

Status SqliteTransaction::UpdatePerson(const Person& p) {
  RETURN_IF_ERROR(RequireRow("SELECT 1 FROM person WHERE id = ?", p.id.value, "person"));
  ASSIGN_OR_RETURN(auto q, c_.Prepare(
      "UPDATE person SET kind = ?, first_name = ?, middle_names = ?, surname = ?, sex = ?, "
      "date_of_birth = ?, expected_birth_date = ?, date_of_death = ?, mother_id = ?, "
      "nhs_number = ?, upn = ?, ethnicity = ?, shielding = ? WHERE id = ?"));
  BindPersonFields(*q, p);
  q->Bind(14, p.id.value);
  return q->Run();
}

Result<std::vector<Person>> SqliteTransaction::FindPeople(const PersonQuery& query) {
  // The WHERE clause is assembled from fixed fragments for the criteria given (values are
  // always bound), so each combination gets a plan that can use its index; the statement
  // cache keeps one prepared statement per combination.
  std::string sql = std::string("SELECT ") + kPersonColumns + " FROM person WHERE 1 = 1";
  const std::string like = "%" + EscapeLike(query.name_contains) + "%";
  std::vector<std::function<void(Statement&, int)>> binds;
  if (!query.name_contains.empty()) {
    sql += " AND (lower(first_name) LIKE ? ESCAPE '\\' OR lower(surname) LIKE ? ESCAPE '\\')";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, like); });
    binds.push_back([&](Statement& q, int i) { q.Bind(i, like); });
  }
  if (!query.surname_equals.empty()) {
    sql += " AND lower(surname) = lower(?)";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, query.surname_equals); });
  }
  if (!query.first_name_equals.empty()) {
    sql += " AND lower(first_name) = lower(?)";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, query.first_name_equals); });
  }
  if (query.date_of_birth) {
    sql += " AND date_of_birth = ?";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, *query.date_of_birth); });
  }
  if (!query.nhs_number.empty()) {
    sql += " AND nhs_number = ?";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, query.nhs_number); });
  }
  if (!query.upn.empty()) {
    sql += " AND upn = ?";
    binds.push_back([&](Statement& q, int i) { q.Bind(i, query.upn); });
  }
  // Shielding: a query on hidden fields never matches a shielded person, except for linkage.
  if ((!query.nhs_number.empty() || !query.upn.empty()) && query.shielded == ShieldedMatching::kExclude) {
    sql += " AND shielding = 'none'";
  }
  if (!query.any_order) sql += " ORDER BY surname, first_name, id";
  sql += " LIMIT ? OFFSET ?";
  binds.push_back([&](Statement& q, int i) { q.Bind(i, static_cast<std::int64_t>(query.limit)); });
  binds.push_back([&](Statement& q, int i) { q.Bind(i, static_cast<std::int64_t>(query.offset)); });
  ASSIGN_OR_RETURN(auto q, c_.Prepare(sql));
  for (size_t i = 0; i < binds.size(); ++i) binds[i](*q, static_cast<int>(i + 1));
  return CollectRows<Person>(*q, ReadPerson);
}

namespace {

// A one-row generation table kept by a migration's triggers, so any connection's writes count.
Result<std::int64_t> ReadGeneration(Connection& c, const std::string& table, const char* what) {
  ASSIGN_OR_RETURN(auto q, c.Prepare("SELECT generation FROM " + table + " WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return Internal(std::string("the ") + what + " is missing");
  return q->Int(0);
}

}  // namespace

// Migration 12: triggers on person and person_merge.
Result<std::int64_t> SqliteTransaction::IdentityGeneration() {
  return ReadGeneration(c_, "identity_generation", "identity generation (migration 12)");
}

// Migration 13: triggers on everything a child's record shows.
Result<std::int64_t> SqliteTransaction::ChildRecordGeneration() {
  return ReadGeneration(c_, "child_record_generation", "child record generation (migration 13)");
}

}  // namespace safehub::store::sqlite
