// The in-memory fake Store for unit tests. Write() runs on a copy of the whole state and
// swaps it in only on success, which gives all-or-nothing units of work for free. The
// repositories over that state are MemoryTransaction's, in memory_store_state.h.
#include <atomic>
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
    writers_waiting_.fetch_add(1, std::memory_order_relaxed);
    std::unique_lock lock(mu_);
    writers_waiting_.fetch_sub(1, std::memory_order_relaxed);
    State copy = state_;
    MemoryTransaction tx(copy, /*read_only=*/false, ++write_sequence_, &writers_waiting_);
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
  std::atomic<int> writers_waiting_{0};  // Write() calls waiting for mu_
};

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace safehub::store
