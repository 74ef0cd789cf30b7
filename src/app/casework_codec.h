// A workflow step <-> JSON: the form in which casework steps are stored (casework_step.payload)
// and sent to the API ({"step": "hold strategy discussion", "held_on": "2024-05-03", ...}).
// The field names are the members of the step structs in domain/workflow/steps.h, enums are
// their ToString words (codes for closure reasons), ids are integers (0 or absent: "the
// current one"). Decoding is strict: unknown fields, wrong types and unknown words are all
// reported at once, each naming its field ("record.participants[1].attendance"). The
// workflow rules themselves are checked by domain::CaseHistory, not here. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/workflow/steps.h"

namespace safehub::app {

// The step as a JSON object with "step" set to its name (domain::NameOf).
nlohmann::json StepToJson(const domain::Step& step);
// kInvalidArgument (record "step") listing every violation.
Result<domain::Step> StepFromJson(const nlohmann::json& object);

// A conference or core group record as it appears inside a step (for reading a case).
nlohmann::json MeetingRecordToJson(const domain::MeetingRecord& record);

// The compact text stored in the database, and back (kInvalidArgument for text that is not
// a JSON object, or a step that does not decode).
std::string EncodeStep(const domain::Step& step);
Result<domain::Step> DecodeStep(std::string_view text);

}  // namespace safehub::app
