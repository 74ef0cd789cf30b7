#include "http/json_io.h"

#include <charconv>

namespace safehub::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kDataLoss: return 500;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response TextJsonResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response ErrorResponse(int status, std::string_view code, const std::string& message, const std::string& field) {
  Json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return JsonResponse(status, Json{{"error", std::move(error)}});
}

Response StatusResponse(const Status& status) {
  // Internal details stay in the server log; the caller gets a stable, safe message.
  const bool internal = status.code() == StatusCode::kInternal || status.code() == StatusCode::kDataLoss;
  Response r = ErrorResponse(HttpStatusFor(status.code()), StatusCodeName(status.code()),
                             internal ? "internal error; the administrator can find details in the server log"
                                      : status.message(),
                             status.field());
  if (!status.violations().empty()) {
    Json body = Json::parse(r.body);
    Json list = Json::array();
    for (const Violation& v : status.violations()) list.push_back({{"field", v.field}, {"message", v.message}});
    body["error"]["violations"] = list;
    r.body = body.dump();
  }
  return r;
}

Result<Json> ParseJsonObject(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return InvalidArgument("request body is not valid JSON", "body");
  if (!parsed.is_object()) return InvalidArgument("request body must be a JSON object", "body");
  return parsed;
}

const Json* JsonReader::Find(const std::string& field, bool required) {
  seen_.insert(field);
  auto it = object_.find(field);
  if (it == object_.end() || it->is_null()) {
    if (required) violations_.push_back({field, "is required"});
    return nullptr;
  }
  return &*it;
}

std::string JsonReader::String(const std::string& field, bool required, size_t max_length) {
  const Json* v = Find(field, required);
  if (v == nullptr) return {};
  if (!v->is_string()) {
    violations_.push_back({field, "must be a string"});
    return {};
  }
  std::string s = v->get<std::string>();
  if (s.size() > max_length) {
    violations_.push_back({field, "must be at most " + std::to_string(max_length) + " characters"});
    return {};
  }
  if (required && s.empty()) violations_.push_back({field, "must not be empty"});
  return s;
}

std::optional<Date> JsonReader::DateField(const std::string& field, bool required) {
  const Json* v = Find(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    violations_.push_back({field, "must be a date string YYYY-MM-DD"});
    return std::nullopt;
  }
  auto d = Date::Parse(v->get<std::string>());
  if (!d.ok()) {
    violations_.push_back({field, d.status().message()});
    return std::nullopt;
  }
  return *d;
}

std::optional<std::int64_t> JsonReader::Integer(const std::string& field, bool required) {
  const Json* v = Find(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    violations_.push_back({field, "must be an integer"});
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<bool> JsonReader::Boolean(const std::string& field, bool required) {
  const Json* v = Find(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    violations_.push_back({field, "must be true or false"});
    return std::nullopt;
  }
  return v->get<bool>();
}

void JsonReader::Check(const std::string& field, const Status& status) {
  if (!status.ok()) violations_.push_back({field, status.message()});
}

Status JsonReader::Finish() {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!seen_.count(it.key())) violations_.push_back({it.key().substr(0, 64), "is not a known field"});
  }
  if (violations_.empty()) return Status::Ok();
  return Status::Invalid(record_, violations_);
}

Result<std::int64_t> ParseId(const Request& request, const std::string& param) {
  auto it = request.path_params.find(param);
  const std::string text = it == request.path_params.end() ? "" : it->second;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return InvalidArgument("'" + text.substr(0, 30) + "' is not a valid id", param);
  }
  return value;
}

}  // namespace safehub::http
