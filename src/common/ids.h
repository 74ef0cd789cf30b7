// Strong id types: a PersonId cannot be passed where an AgencyId is expected.
// Values are the store's 64-bit keys; 0 means "not yet stored". Trivially copyable.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace safehub {

template <typename Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  auto operator<=>(const Id&) const = default;
  std::string ToString() const { return std::to_string(value); }
};

using PersonId = Id<struct PersonTag>;
using HouseholdId = Id<struct HouseholdTag>;
using AgencyId = Id<struct AgencyTag>;
using TeamId = Id<struct TeamTag>;
using PractitionerId = Id<struct PractitionerTag>;
using InvolvementId = Id<struct InvolvementTag>;
using EventId = Id<struct EventTag>;
using UserId = Id<struct UserTag>;

}  // namespace safehub

template <typename Tag>
struct std::hash<safehub::Id<Tag>> {
  size_t operator()(const safehub::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>()(id.value);
  }
};
