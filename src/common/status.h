// Status and Result<T>: expected failures as values. No exceptions cross module boundaries.
// A Status is a code, a message for a person and, where the failure is about one input
// field, that field's name (so the HTTP layer can name it). Immutable; safe to share.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace safehub {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // bad input: names the record, field and rule
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // a rule of the workflow refuses the step
  kUnauthenticated,     // no valid session, wrong password
  kPermissionDenied,    // authenticated, but outside the user's scope
  kResourceExhausted,   // locked out, too large
  kDataLoss,            // tamper detected, corrupt store
  kUnavailable,
  kInternal,
};

// The stable machine-readable name of a code ("invalid_argument"): part of the API contract.
std::string_view StatusCodeName(StatusCode code);

// One broken rule: which field and why. Validation collects all of them.
struct Violation {
  std::string field;
  std::string message;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }
  // A validation failure carrying every violation; message lists them all.
  static Status Invalid(std::string record, std::vector<Violation> violations);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::vector<Violation>& violations() const { return violations_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  std::vector<Violation> violations_;
};

inline Status InvalidArgument(std::string m, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(m), std::move(field)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m, std::string field = {}) {
  return {StatusCode::kAlreadyExists, std::move(m), std::move(field)};
}
inline Status FailedPrecondition(std::string m, std::string field = {}) {
  return {StatusCode::kFailedPrecondition, std::move(m), std::move(field)};
}
inline Status Unauthenticated(std::string m) {
  return {StatusCode::kUnauthenticated, std::move(m)};
}
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }

// Result<T>: a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: must not be OK

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

namespace internal {
inline Status AsStatus(Status s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) { return r.status(); }
}  // namespace internal

}  // namespace safehub

#define SAFEHUB_CONCAT_INNER(a, b) a##b
#define SAFEHUB_CONCAT(a, b) SAFEHUB_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                            \
  do {                                                                   \
    ::safehub::Status _st = ::safehub::internal::AsStatus((expr));       \
    if (!_st.ok()) return _st;                                           \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(SAFEHUB_CONCAT(_result_, __LINE__), lhs, expr)
