// A chronology generated, never typed (serious case reviews: "no accurate chronology"): the
// dated events of every agency and every step of the statutory workflow for a child or for
// everyone in a household, merged in date order and filterable by agency and significance.
// Pure functions over plain values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/ids.h"
#include "domain/event.h"
#include "domain/workflow/case_history.h"

namespace safehub::domain {

enum class ChronologySource { kAgencyEvent, kCasework };
std::string_view ToString(ChronologySource source);  // "agency event", "casework"

struct ChronologyEntry {
  Date date;
  PersonId person;          // whose entry it is (a household chronology mixes members)
  std::string person_name;
  AgencyId agency;
  std::string agency_name;
  std::string kind;         // the event kind ("police_incident") or the record ("icpc")
  std::string summary;
  Significance significance = Significance::kLow;
  ChronologySource source = ChronologySource::kAgencyEvent;
  std::string reference;    // "event 12", "strategy discussion 1"
};

// One person's material: their agency events and, when they have one, their case.
struct ChronologyInput {
  PersonId person;
  std::string person_name;
  std::span<const Event> events;
  const CaseHistory* casework = nullptr;
};

struct ChronologyFilter {
  std::optional<AgencyId> agency;                 // only this agency's entries
  Significance at_least = Significance::kLow;     // only entries this significant or more
};

// The entries of every input, by date (then person, events before casework, reference).
// Casework entries are attributed to `casework_agency` (children's social care); agency
// names come from `agency_names` ("agency 7" when unknown). Each workflow record gives an
// entry for each dated thing that happened to it (a referral received, then decided,
// then closed), and each timescale met late gives one naming its reason.
std::vector<ChronologyEntry> BuildChronology(std::span<const ChronologyInput> inputs,
                                             const std::map<AgencyId, std::string>& agency_names,
                                             AgencyId casework_agency, const ChronologyFilter& filter = {});

}  // namespace safehub::domain
