// Fuzzes the API's request-body readers: any bytes must yield a value or a clean error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto parsed = safehub::http::ParseJsonObject(body);
  if (!parsed.ok()) return 0;
  (void)safehub::http::PersonFromJson(*parsed);
  (void)safehub::http::EventFromJson(*parsed, safehub::PersonId(1));
  (void)safehub::http::InvolvementFromJson(*parsed, safehub::PersonId(1));
  (void)safehub::http::NewUserFromJson(*parsed);
  (void)safehub::http::LoginFromJson(*parsed);
  (void)safehub::http::UserPlacementFromJson(*parsed);
  auto person = safehub::http::PersonFromJson(*parsed);
  if (person.ok()) (void)safehub::domain::Validate(*person, safehub::Date::FromDays(20000));
  return 0;
}
