// Where returns and indicators get their casework from: one ChildCase per child with the
// person fields the CIN census needs and the child's CaseHistory. Built against this
// interface so the census and the indicators do not depend on how casework is stored
// (the store's casework repository lands separately; StoreCaseSource adapts it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"
#include "common/status.h"
#include "domain/person.h"
#include "domain/workflow/case_history.h"

namespace safehub::returns {

// The local authority making the return (CIN census header).
struct LocalAuthority {
  std::string code;  // 3-digit LA number ("891"), the census <LEA>
  std::string name;
};

// One child's casework with what the census and the indicators need beside it.
struct ChildCase {
  domain::Person person;             // sex, birth/expected/death dates, UPN, ethnicity
  std::string upn_unknown_reason;    // UN1-UN7 when the child has no UPN
  std::vector<std::string> disabilities;  // census codes (NONE, MOB, ...); empty: not recorded
  TeamId team;                       // the responsible team (indicators by team)
  PractitionerId worker;             // the allocated social worker (indicators by worker)
  domain::CaseHistory history;
  // The census LAchildID: the person's id, which is digits and at most 20 characters.
  std::string LaChildId() const { return person.id.ToString(); }
};

class CaseSource {
 public:
  virtual ~CaseSource() = default;
  virtual Result<LocalAuthority> Authority() = 0;
  // Every child with casework (children with no steps may be included; they are never in
  // need and count nowhere), in a stable order.
  virtual Result<std::vector<ChildCase>> Cases() = 0;
};

// A fixed list (tests, benchmarks, and anything that already holds the cases).
class CaseList : public CaseSource {
 public:
  CaseList(LocalAuthority authority, std::vector<ChildCase> cases)
      : authority_(std::move(authority)), cases_(std::move(cases)) {}
  Result<LocalAuthority> Authority() override { return authority_; }
  Result<std::vector<ChildCase>> Cases() override { return cases_; }

 private:
  LocalAuthority authority_;
  std::vector<ChildCase> cases_;
};

}  // namespace safehub::returns
