// A chronology in the forms people take away: JSON for the API, CSV (RFC 4180, with cells
// that a spreadsheet would run as a formula neutralised) and a printable HTML page (all
// text escaped). Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>

#include "domain/workflow/chronology.h"
#include "http/json_io.h"

namespace safehub::http {

Json ChronologyToJson(std::span<const domain::ChronologyEntry> entries);
std::string ChronologyToCsv(std::span<const domain::ChronologyEntry> entries);
// `title` names whose chronology it is; `generated` says when and by whom (both escaped).
std::string ChronologyToHtml(std::span<const domain::ChronologyEntry> entries, const std::string& title,
                             const std::string& generated);

// One CSV field: quoted when it holds a comma, quote, CR or LF; a leading = + - @ or tab
// is prefixed with ' so spreadsheets show it as text (CSV injection).
std::string CsvField(const std::string& value);
// & < > " ' as entities.
std::string HtmlEscape(const std::string& value);

}  // namespace safehub::http
