// Casework as API JSON: timescales (with their state as of a day), the records of a case,
// the result of recording a step and a work list. Output only; steps are read by
// app/casework_codec. Stateless; thread-safe.
#pragma once

#include "app/casework.h"
#include "http/json_io.h"

namespace safehub::http {

// A timescale with "status": "overdue" / "open" / "met" / "late" / "not required" as of
// `today`, and "working_days_overdue" counted on `calendar` (bank holidays excluded), so the
// UI never counts days itself.
Json TimescaleToJson(const domain::Timescale& timescale, Date today, const domain::WorkingDayCalendar& calendar);
Json ToJson(const app::RecordedStep& recorded, Date today, const domain::WorkingDayCalendar& calendar);
// {"child", "as_of", "records": {...}, "steps": [...], "timescales": [...], "open_timescales",
//  "next_due"}
Json ToJson(const app::CaseRead& read);
Json ToJson(const app::WorkList& list);

}  // namespace safehub::http
