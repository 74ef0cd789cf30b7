// JSON in and out at the API boundary: the one Status -> HTTP status table, error bodies
// with a stable code, message and field, and a strict reader for request bodies that
// rejects unknown fields and wrong types and reports every problem at once.
// Stateless functions; JsonReader is single-use and not thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "http/message.h"

namespace safehub::http {

using Json = nlohmann::json;

// The HTTP status for a Status code: the single table every handler uses.
int HttpStatusFor(StatusCode code);

Response JsonResponse(int status, const Json& body);
// A body already written as JSON text (http/json_writer.h).
Response TextJsonResponse(int status, std::string body);
// {"error": {"code", "message", "field"}}
Response ErrorResponse(int status, std::string_view code, const std::string& message, const std::string& field);
// The error response for a non-OK Status, with "violations" when it carries several.
Response StatusResponse(const Status& status);

// Parses a request body as one JSON object. kInvalidArgument naming the problem.
Result<Json> ParseJsonObject(const std::string& body);

// Reads typed fields out of a JSON object, collecting every violation; Finish() also
// reports fields the caller did not ask for (unknown fields are refused, not ignored).
class JsonReader {
 public:
  JsonReader(const Json& object, std::string record) : object_(object), record_(std::move(record)) {}

  std::string String(const std::string& field, bool required, size_t max_length = 1000);
  std::optional<Date> DateField(const std::string& field, bool required);
  std::optional<std::int64_t> Integer(const std::string& field, bool required);
  std::optional<bool> Boolean(const std::string& field, bool required);
  // Marks a field as known without reading it (read elsewhere).
  void Known(const std::string& field) { seen_.insert(field); }
  void AddViolation(const std::string& field, const std::string& message) { violations_.push_back({field, message}); }
  // Adds the message of a failed parse (e.g. an enum) against its field.
  void Check(const std::string& field, const Status& status);

  // OK, or kInvalidArgument listing every violation and unknown field.
  Status Finish();

 private:
  const Json* Find(const std::string& field, bool required);
  const Json& object_;
  std::string record_;
  std::set<std::string> seen_;
  std::vector<Violation> violations_;
};

// Parses a positive id from a path parameter; kInvalidArgument naming the parameter.
Result<std::int64_t> ParseId(const Request& request, const std::string& param);

}  // namespace safehub::http
