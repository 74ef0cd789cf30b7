#include "common/status.h"

namespace safehub {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kDataLoss: return "data_loss";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

Status Status::Invalid(std::string record, std::vector<Violation> violations) {
  std::string message = record + ":";
  for (size_t i = 0; i < violations.size(); ++i) {
    message += (i == 0 ? " " : "; ") + violations[i].field + " " + violations[i].message;
  }
  Status s(StatusCode::kInvalidArgument, std::move(message),
           violations.empty() ? std::string() : violations.front().field);
  s.violations_ = std::move(violations);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace safehub
