// Writes a file all at once or not at all: a temporary file beside the target, flushed to
// disk, then renamed over it (rename is atomic on POSIX), so a reader or a crash never sees
// half a return. Thread-safe for different paths.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace safehub::returns {

// kInvalidArgument when the directory does not exist or cannot be written (naming the path);
// the target is untouched on any failure.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace safehub::returns
