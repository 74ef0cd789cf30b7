// Tests of the store's generations (IdentityGeneration, ChildRecordGeneration): whether one
// moved since the last look, read in a unit of its own.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>

#include "store/store.h"

namespace safehub::store {

// Watches one of the store's generations (IdentityGeneration, ChildRecordGeneration).
class GenerationWatch {
 public:
  using Reader = Result<std::int64_t> (Transaction::*)();
  GenerationWatch(Store& store, Reader read) : store_(store), read_(read), last_(Read()) {}
  // Whether it moved since the last call (or construction); remembers where it is now.
  bool Moved() {
    const std::int64_t now = Read();
    const bool grew = now > last_;
    last_ = now;
    return grew;
  }
  std::int64_t last() const { return last_; }

 private:
  std::int64_t Read() {
    std::int64_t g = -1;
    EXPECT_TRUE(store_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(g, (tx.*read_)());
      return Status::Ok();
    }).ok());
    return g;
  }
  Store& store_;
  Reader read_;
  std::int64_t last_;
};

}  // namespace safehub::store
