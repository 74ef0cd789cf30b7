// The web UI's static files (the Vite build: index.html, /assets/*, favicon), served by the
// router's fallback for GET and HEAD requests outside /api/. A path is percent-decoded once
// and then refused (400) if it holds "." or ".." segments, empty segments ("//"), a NUL or
// other control character, a backslash, or does not start with "/"; a file that resolves
// outside the root (through a symlink) or starts with "." is not found. Paths whose last
// segment has no extension are client-side routes and get index.html. index.html carries
// the server's "Cache-Control: no-store"; files under /assets/ (content-hashed names, no
// personal data) add "Cache-Control: public, max-age=31536000, immutable".
// The handler holds only the root path and reads files per request; thread-safe.
#pragma once

#include <string>

#include "http/router.h"

namespace safehub::http {

Handler StaticFilesHandler(std::string root_directory);

}  // namespace safehub::http
