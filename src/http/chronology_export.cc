#include "http/chronology_export.h"

namespace safehub::http {

using domain::ChronologyEntry;

Json ChronologyToJson(std::span<const ChronologyEntry> entries) {
  Json list = Json::array();
  for (const auto& e : entries) {
    list.push_back({{"date", e.date.ToString()},
                    {"person", e.person.value},
                    {"person_name", e.person_name},
                    {"agency", e.agency.valid() ? Json(e.agency.value) : Json(nullptr)},
                    {"agency_name", e.agency_name},
                    {"kind", e.kind},
                    {"summary", e.summary},
                    {"significance", domain::ToString(e.significance)},
                    {"source", domain::ToString(e.source)},
                    {"reference", e.reference}});
  }
  return list;
}

std::string CsvField(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ChronologyToCsv(std::span<const ChronologyEntry> entries) {
  std::string out = "date,person,person_name,agency,kind,summary,significance,source,reference\r\n";
  for (const auto& e : entries) {
    const std::string fields[] = {e.date.ToString(), e.person.ToString(), e.person_name, e.agency_name, e.kind,
                                  e.summary, std::string(domain::ToString(e.significance)),
                                  std::string(domain::ToString(e.source)), e.reference};
    for (size_t i = 0; i < std::size(fields); ++i) out += (i ? "," : "") + CsvField(fields[i]);
    out += "\r\n";
  }
  return out;
}

std::string HtmlEscape(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ChronologyToHtml(std::span<const ChronologyEntry> entries, const std::string& title,
                             const std::string& generated) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
      // No inline style: the server's Content-Security-Policy (default-src 'self') would block
      // it; table attributes give a readable printout without weakening the policy.
      "</title></head>\n<body>\n<h1>" +
      HtmlEscape(title) + "</h1>\n<p>OFFICIAL-SENSITIVE. " + HtmlEscape(generated) + ". " +
      std::to_string(entries.size()) +
      " entries.</p>\n<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\">\n<thead><tr><th>Date</th><th>Person</th><th>Agency</th><th>What</th><th>Summary</th>"
      "<th>Significance</th><th>Source</th></tr></thead>\n<tbody>\n";
  for (const auto& e : entries) {
    out += "<tr valign=\"top\"><td>" + e.date.ToString() +
           "</td><td>" + HtmlEscape(e.person_name) + "</td><td>" + HtmlEscape(e.agency_name) + "</td><td>" +
           HtmlEscape(e.kind) + "</td><td>" + HtmlEscape(e.summary) + "</td><td>" +
           (e.significance == domain::Significance::kHigh ? "<strong>high</strong>"
                                                           : std::string(domain::ToString(e.significance))) +
           "</td><td>" + HtmlEscape(e.reference) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</body></html>\n";
}

}  // namespace safehub::http
