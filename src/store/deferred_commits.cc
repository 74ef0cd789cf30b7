#include "store/deferred_commits.h"

#include <utility>

namespace safehub::store {
namespace {
thread_local DeferredCommits* current = nullptr;
}  // namespace

DeferredCommits::DeferredCommits() : state_(std::make_shared<State>()) {}

DeferredCommits::Scope::Scope(DeferredCommits& commits) : previous_(current) { current = &commits; }

DeferredCommits::Scope::~Scope() { current = previous_; }

Status DeferredCommits::WriteOwned(Store& store, Work work) {
  if (current == nullptr) return store.Write(work);
  std::shared_ptr<State> state = current->state_;
  {
    std::lock_guard lock(state->mu);
    ++state->outstanding;
    state->any = true;
  }
  store.SubmitBookkeeping(std::move(work), [state](Status result) {
    std::function<void(Status)> done;
    Status outcome;
    {
      std::lock_guard lock(state->mu);
      if (!result.ok() && state->first_failure.ok()) state->first_failure = result;
      if (--state->outstanding > 0 || !state->done) return;
      done = std::move(state->done);
      outcome = state->first_failure;
    }
    done(outcome);
  });
  return Status::Ok();
}

bool DeferredCommits::empty() const {
  std::lock_guard lock(state_->mu);
  return !state_->any;
}

void DeferredCommits::WhenCommitted(std::function<void(Status)> done) {
  Status outcome;
  {
    std::lock_guard lock(state_->mu);
    if (state_->outstanding > 0) {
      state_->done = std::move(done);
      return;
    }
    outcome = state_->first_failure;
  }
  done(outcome);
}

}  // namespace safehub::store
