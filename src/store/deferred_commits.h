// Lets a caller that can answer later (the HTTP server) stop blocking a thread on the
// commits its answer depends on. Inside a DeferredCommits::Scope on this thread,
// WriteOwned() hands the unit to Store::Submit and returns at once; the scope's owner then
// calls WhenCommitted() and releases the answer only when every such unit has committed (or
// answers with the error if one failed). Outside a scope WriteOwned() is Store::Write.
//
// Why a thread-local scope rather than a parameter: the units that matter (the audit entry of
// an audited read) are written deep inside application services whose results are plain
// values; the scope lets them defer without every signature between carrying a callback.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "store/store.h"

namespace safehub::store {

class DeferredCommits {
 public:
  DeferredCommits();

  // Installs `commits` as this thread's for the scope's lifetime (scopes nest).
  class Scope {
   public:
    explicit Scope(DeferredCommits& commits);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    DeferredCommits* previous_;
  };

  // Runs `work` (which must own everything it uses) through Store::SubmitBookkeeping in the
  // current scope, or through store.Write() when there is none. So `work` may only append
  // audit entries and signposting notifications and touch sessions: what an audited read
  // writes. Returns the unit's status when it was written at once; OK when it was deferred
  // (its fate reaches WhenCommitted's callback).
  static Status WriteOwned(Store& store, Work work);

  // True when no unit was deferred through this object.
  bool empty() const;
  // Calls `done` once: OK when every deferred unit committed, else the first failure. At
  // once (on this thread) if none is outstanding; otherwise on the thread that made the last
  // commit. Call at most once, after the scope has ended.
  void WhenCommitted(std::function<void(Status)> done);

 private:
  struct State {
    std::mutex mu;
    int outstanding = 0;
    bool any = false;
    Status first_failure;
    std::function<void(Status)> done;
  };
  std::shared_ptr<State> state_;
};

}  // namespace safehub::store
