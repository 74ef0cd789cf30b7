// Collects every broken rule of one record, so a person fixing input sees all of them at once.
// Not thread-safe; one per validation.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace safehub::domain {

class Violations {
 public:
  explicit Violations(std::string record) : record_(std::move(record)) {}
  void Add(std::string field, std::string message) {
    list_.push_back({std::move(field), std::move(message)});
  }
  // Adds the message of a failed status against field; ignores OK.
  void AddIfError(const std::string& field, const Status& status) {
    if (!status.ok()) Add(field, status.message());
  }
  bool empty() const { return list_.empty(); }
  // OK when nothing was added, else kInvalidArgument listing every violation.
  Status ToStatus() const { return list_.empty() ? Status::Ok() : Status::Invalid(record_, list_); }

 private:
  std::string record_;
  std::vector<Violation> list_;
};

}  // namespace safehub::domain
