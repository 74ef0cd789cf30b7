// Validates an XML document against an XML Schema with libxml2: the check every census
// file passes before it is written. Network access and entity expansion are off (the
// document is ours, but the validator must not be a way out). Thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

namespace safehub::returns {

// OK when `xml` is well-formed and valid against `xsd`; otherwise kInvalidArgument listing
// each error with its line (the first 20), or naming a DTD, which is refused. kInternal
// when the schema itself does not parse.
Status ValidateAgainstSchema(std::string_view xml, std::string_view xsd);

}  // namespace safehub::returns
