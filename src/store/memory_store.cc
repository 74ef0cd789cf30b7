// The in-memory fake Store for unit tests. Write() runs on a copy of the whole state and
// swaps it in only on success, which gives all-or-nothing units of work for free. The
// repositories over that state are MemoryTransaction's, in memory_store_state.h.
#include <memory>
#include <mutex>
#include <shared_mutex>

#include "store/memory_store_state.h"
#include "store/store.h"

namespace safehub::store {
namespace {

using memory::MemoryTransaction;
using memory::State;

class MemoryStore final : public Store {
 public:
  Status Write(const Work& work) override {
    std::unique_lock lock(mu_);
    State copy = state_;
    MemoryTransaction tx(copy, /*read_only=*/false, ++write_sequence_);
    Status s = work(tx);
    if (s.ok()) state_ = std::move(copy);
    return s;
  }
  Status Read(const Work& work) override {
    std::shared_lock lock(mu_);
    MemoryTransaction tx(state_, /*read_only=*/true);
    return work(tx);
  }

 private:
  std::shared_mutex mu_;
  State state_;
  std::uint64_t write_sequence_ = 0;  // under mu_ held exclusively
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace safehub::store
