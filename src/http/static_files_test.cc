#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace safehub::http {
namespace {

namespace fs = std::filesystem;

std::string HeaderValue(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("safehub-static-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "web";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>Safehub</title>");
    Write(root_ / "assets" / "index-abc123.js", "console.log(1)");
    Write(root_ / "assets" / "index-abc123.css", "body{}");
    Write(root_ / "assets" / "index-abc123.js.map", "{}");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(root_ / "icon.png", "PNG");
    Write(root_ / "favicon.ico", "ICO");
    Write(root_ / "manifest.json", "{}");
    Write(root_ / "assets" / "font.woff2", "WOFF2");
    Write(root_ / "data.bin", "BIN");
    Write(root_ / ".env", "SECRET=1");
    Write(base_ / "secret.txt", "outside the root");
    handler_ = StaticFilesHandler(root_.string());
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
  }

  Response Get(const std::string& path, const std::string& method = "GET") {
    Request q;
    q.method = method;
    q.path = path;
    return handler_(q);
  }

  fs::path base_;
  fs::path root_;
  Handler handler_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentTypes) {
  struct Case {
    const char* path;
    const char* type;
    const char* body;
  };
  const Case cases[] = {
      {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>Safehub</title>"},
      {"/assets/index-abc123.js", "text/javascript; charset=utf-8", "console.log(1)"},
      {"/assets/index-abc123.css", "text/css; charset=utf-8", "body{}"},
      {"/assets/index-abc123.js.map", "application/json", "{}"},
      {"/favicon.svg", "image/svg+xml", "<svg/>"},
      {"/icon.png", "image/png", "PNG"},
      {"/favicon.ico", "image/x-icon", "ICO"},
      {"/manifest.json", "application/json", "{}"},
      {"/assets/font.woff2", "font/woff2", "WOFF2"},
      {"/data.bin", "application/octet-stream", "BIN"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    const Response r = Get(c.path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, c.type);
    EXPECT_EQ(r.body, c.body);
  }
}

TEST_F(StaticFilesTest, HeadIsAnsweredLikeGet) {
  const Response r = Get("/assets/index-abc123.js", "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, OtherMethodsAreRefused) {
  const Response r = Get("/index.html", "POST");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderValue(r, "Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndexHtml) {
  for (const char* path : {"/", "/search", "/children/42", "/children/42/audit", "/assets", "/login/"}) {
    SCOPED_TRACE(path);
    const Response r = Get(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.body, "<!doctype html><title>Safehub</title>");
  }
}

TEST_F(StaticFilesTest, MissingFilesWithAnExtensionAre404NotIndex) {
  for (const char* path : {"/missing.js", "/assets/gone-123.css", "/favicon.png"}) {
    SCOPED_TRACE(path);
    const Response r = Get(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.content_type, "application/json");
  }
}

TEST_F(StaticFilesTest, TraversalAttemptsAreRefused) {
  const char* attempts[] = {
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/..%5c..%5csecret.txt",
      "/./index.html",
      "//etc/passwd",
      "/assets//index-abc123.js",
      "/index.html%00.png",
      "/index%00",
      "/%0aindex.html",
      "/assets\\..\\..\\secret.txt",
      "/bad%zzescape.js",
      "/truncated%2",
      "etc/passwd",
      "",
      "http://example.invalid/index.html",
  };
  for (const char* path : attempts) {
    SCOPED_TRACE(path);
    const Response r = Get(path);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body.find("outside the root"), std::string::npos);
  }
}

TEST_F(StaticFilesTest, AbsolutePathsAfterDecodingStayUnderTheRoot) {
  // "%2f" decodes to "/", giving an empty segment: refused rather than read from "/".
  EXPECT_EQ(Get("/%2fetc%2fpasswd").status, 400);
  // An encoded absolute path inside one segment is a file name under the root: not found.
  const std::string outside = "/" + (base_ / "secret.txt").string().substr(1);
  const Response r = Get(outside + ".txt");
  EXPECT_EQ(r.status, 404);
}

TEST_F(StaticFilesTest, HiddenFilesAreNotServed) {
  EXPECT_EQ(Get("/.env").status, 404);
  EXPECT_EQ(Get("/%2eenv").status, 404);
}

TEST_F(StaticFilesTest, SymlinksLeadingOutsideTheRootAreNotFollowed) {
  std::error_code ec;
  fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt", ec);
  if (ec) GTEST_SKIP() << "cannot create symlinks here";
  const Response r = Get("/leak.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("outside the root"), std::string::npos);
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedAndIndexIsLeftToNoStore) {
  const Response asset = Get("/assets/index-abc123.js");
  EXPECT_EQ(HeaderValue(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  // index.html and client routes add nothing: the server's "no-store" applies.
  EXPECT_EQ(HeaderValue(Get("/index.html"), "Cache-Control"), "");
  EXPECT_EQ(HeaderValue(Get("/children/42"), "Cache-Control"), "");
  EXPECT_EQ(HeaderValue(Get("/favicon.svg"), "Cache-Control"), "");
}

TEST(StaticFilesNoRootTest, AMissingBuildIs404) {
  Handler h = StaticFilesHandler("/nonexistent/safehub/web");
  Request q;
  q.method = "GET";
  q.path = "/children/1";
  EXPECT_EQ(h(q).status, 404);
  q.path = "/assets/app.js";
  EXPECT_EQ(h(q).status, 404);
}

}  // namespace
}  // namespace safehub::http
