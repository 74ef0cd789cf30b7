// The store contract suite's fixture: one suite, two stores (the in-memory fake must behave
// like SQLite). The tests are split by subject across store_contract*_test.cc; the suite is
// instantiated once, in store_contract_test.cc.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "store/generation_watch_test.h"
#include "store/store.h"

namespace safehub::store::contract {

using namespace safehub::domain;

struct StoreFactory {
  const char* name;
  std::function<std::unique_ptr<Store>(const std::string& path)> make;
};

inline void PrintTo(const StoreFactory& factory, std::ostream* os) { *os << factory.name; }

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test_name.begin(), test_name.end(), '/', '_');
    path_ = ::testing::TempDir() + "/store_contract_" + test_name + ".db";
    std::filesystem::remove(path_);
    store_ = GetParam().make(path_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_ + "-wal");
    std::filesystem::remove(path_ + "-shm");
  }

  // Agency -> team -> practitioner -> child, returned as ids.
  struct Fixture {
    AgencyId agency;
    TeamId team;
    PractitionerId practitioner;
    PersonId child;
  };
  Fixture Seed() {
    Fixture f;
    EXPECT_TRUE(store_->Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(f.agency, tx.InsertAgency({AgencyId(), "Northshire Police", AgencyKind::kPolice, "NP"}));
      ASSIGN_OR_RETURN(f.team, tx.InsertTeam({TeamId(), f.agency, "Public Protection", "0100", "0999"}));
      ASSIGN_OR_RETURN(f.practitioner, tx.InsertPractitioner({PractitionerId(), f.team, "DC Jo Reyes", "", "", ""}));
      Person child;
      child.first_name = "Ava";
      child.surname = "Reid";
      child.date_of_birth = *Date::Parse("2015-02-03");
      child.nhs_number = "9434765919";
      ASSIGN_OR_RETURN(f.child, tx.InsertPerson(child));
      return Status::Ok();
    }).ok());
    return f;
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};


// A police incident notification about `child` from `agency`: the event most cases need.
inline Event PoliceIncident(PersonId child, AgencyId agency, const char* occurred_on, std::string reference) {
  Event e;
  e.child = child;
  e.agency = agency;
  e.kind = "police_incident";
  e.occurred_on = *Date::Parse(occurred_on);
  e.summary = "incident";
  e.source_reference = std::move(reference);
  return e;
}

// The value of a read, or `fallback` after failing the test.
template <typename T>
T Or(Result<T> r, T fallback) {
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : fallback;
}

}  // namespace safehub::store::contract
