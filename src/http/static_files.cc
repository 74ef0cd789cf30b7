// Static files of the web UI. See static_files.h for the rules; the order of checks is:
// decode strictly, refuse anything that could climb or hide, then resolve under the root
// and confirm the resolved file is still inside it.
#include "http/static_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/status.h"
#include "http/json_io.h"

namespace safehub::http {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX once. Unlike UrlDecode (query strings) a bad escape is refused, '+' stays.
Result<std::string> DecodePath(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') {
      out.push_back(raw[i]);
      continue;
    }
    if (i + 2 >= raw.size()) return InvalidArgument("bad percent escape in path", "path");
    const int hi = HexValue(raw[i + 1]);
    const int lo = HexValue(raw[i + 2]);
    if (hi < 0 || lo < 0) return InvalidArgument("bad percent escape in path", "path");
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

// The path's segments after decoding, or kInvalidArgument for anything that could escape
// the root or name something other than a plain file below it.
Result<std::vector<std::string>> SafeSegments(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return InvalidArgument("path must start with /", "path");
  ASSIGN_OR_RETURN(std::string path, DecodePath(raw));
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return InvalidArgument("control character in path", "path");
    if (c == '\\') return InvalidArgument("backslash in path", "path");
  }
  std::vector<std::string> segments;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(pos, end - pos);
    const bool last = end == path.size();
    if (segment.empty() && !last) return InvalidArgument("empty segment in path", "path");
    if (segment == "." || segment == "..") return InvalidArgument("relative segment in path", "path");
    if (!segment.empty()) segments.push_back(std::move(segment));
    pos = end + 1;
  }
  return segments;
}

std::string_view ExtensionOf(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot + 1);
}

std::string ContentTypeFor(std::string_view extension) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
  };
  std::string lower(extension);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const Entry& e : kTypes) {
    if (e.extension == lower) return std::string(e.type);
  }
  return "application/octet-stream";
}

Result<std::string> ReadWholeFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound("no such file");
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return Internal("could not read a static file");
  return out.str();
}

// The regular file `relative` names under `root`, or kNotFound when it is missing, not a
// regular file, or resolves (through a symlink) outside the root.
Result<fs::path> ResolveUnder(const fs::path& root, const fs::path& relative) {
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return NotFound("the web UI is not installed on this server");
  const fs::path candidate = fs::canonical(canonical_root / relative, ec);
  if (ec) return NotFound("no such file");
  const auto [root_end, unused] = std::mismatch(canonical_root.begin(), canonical_root.end(), candidate.begin(),
                                                candidate.end());
  (void)unused;
  if (root_end != canonical_root.end()) return NotFound("no such file");
  if (!fs::is_regular_file(candidate, ec) || ec) return NotFound("no such file");
  return candidate;
}

Response FileResponse(const fs::path& file, std::string content_type) {
  auto body = ReadWholeFile(file);
  if (!body.ok()) return StatusResponse(body.status());
  Response r;
  r.status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(*body);
  return r;
}

Response NotFoundResponse(const std::string& path) {
  return ErrorResponse(404, "not_found", "no such resource: " + path, "");
}

}  // namespace

Handler StaticFilesHandler(std::string root_directory) {
  return [root = fs::path(std::move(root_directory))](Request& request) -> Response {
    if (request.method != "GET" && request.method != "HEAD") {
      Response r = ErrorResponse(405, "method_not_allowed", request.method + " is not allowed here", "");
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    auto segments = SafeSegments(request.path);
    if (!segments.ok()) return ErrorResponse(400, "invalid_argument", segments.status().message(), "path");

    for (const std::string& segment : *segments) {
      if (segment.front() == '.') return NotFoundResponse(request.path);  // .env, .git, ...
    }
    const bool client_route = segments->empty() || ExtensionOf(segments->back()).empty();
    if (client_route) {
      // "/", "/children/42", "/search": the single page application decides.
      auto index = ResolveUnder(root, fs::path(kIndex));
      if (!index.ok()) return ErrorResponse(404, "not_found", index.status().message(), "");
      return FileResponse(*index, ContentTypeFor("html"));
    }

    fs::path relative;
    for (const std::string& segment : *segments) relative /= segment;
    auto file = ResolveUnder(root, relative);
    if (!file.ok()) return NotFoundResponse(request.path);
    Response r = FileResponse(*file, ContentTypeFor(ExtensionOf(segments->back())));
    // Hashed build output holds no personal data and never changes under one name.
    if (r.status == 200 && request.path.rfind(kAssetsPrefix, 0) == 0) {
      r.headers.emplace_back("Cache-Control", std::string(kImmutable));
    }
    return r;
  };
}

}  // namespace safehub::http
