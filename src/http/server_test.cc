#include "http/server.h"

#include <utility>  // before Boost.Asio

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <filesystem>
#include <vector>

#include "store/deferred_commits.h"
#include "store/sqlite/sqlite_store.h"

namespace safehub::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// GETs each of `targets` in turn on one keep-alive connection; the bodies, or "error".
std::vector<std::string> GetAll(unsigned short port, const std::vector<std::string>& targets) {
  asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  std::vector<std::string> bodies;
  for (const auto& target : targets) {
    bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
    request.set(bhttp::field::host, "127.0.0.1");
    request.keep_alive(true);
    if (!ec) bhttp::write(socket, request, ec);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    if (!ec) bhttp::read(socket, buffer, response, ec);
    bodies.push_back(ec ? "error" : response.body());
  }
  return bodies;
}

std::string Get(unsigned short port, const std::string& target) { return GetAll(port, {target})[0]; }

// One GET on its own connection: "status body", or "error".
std::string StatusAndBody(unsigned short port, const std::string& target) {
  asio::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  bhttp::request<bhttp::empty_body> request(bhttp::verb::get, target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  if (!ec) bhttp::write(socket, request, ec);
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  if (!ec) bhttp::read(socket, buffer, response, ec);
  return ec ? "error" : std::to_string(response.result_int()) + " " + response.body();
}

// Requests that block until `blocking` of them are inside their handler at once and a quick
// request has been answered meanwhile: possible only if handlers run side by side and do
// not hold up the I/O thread. Each answers "together", or "alone" after a timeout.
class Rendezvous {
 public:
  Rendezvous(int blocking, std::chrono::milliseconds patience) : blocking_(blocking), patience_(patience) {}

  Response Block() {
    std::unique_lock lock(mu_);
    ++inside_;
    cv_.notify_all();
    const bool met = cv_.wait_for(lock, patience_, [&] { return inside_ >= blocking_ && quick_served_; });
    Response r;
    r.content_type = "text/plain";
    r.body = met ? "together" : "alone";
    return r;
  }

  Response Quick() {
    {
      std::lock_guard lock(mu_);
      quick_served_ = true;
    }
    cv_.notify_all();
    Response r;
    r.content_type = "text/plain";
    r.body = "quick";
    return r;
  }

  bool AllInside() {
    std::lock_guard lock(mu_);
    return inside_ >= blocking_;
  }

 private:
  const int blocking_;
  const std::chrono::milliseconds patience_;
  std::mutex mu_;
  std::condition_variable cv_;
  int inside_ = 0;
  bool quick_served_ = false;
};

struct Outcome {
  std::vector<std::string> blocked;
  std::string quick;
};

Outcome RunRendezvous(int io_threads, int handler_threads, std::chrono::milliseconds patience) {
  constexpr int kBlocking = 4;
  Rendezvous meet(kBlocking, patience);
  Router router;
  router.Add("GET", "/block", [&](Request&) { return meet.Block(); });
  router.Add("GET", "/quick", [&](Request&) { return meet.Quick(); });
  ServerOptions options;
  options.threads = io_threads;
  options.handler_threads = handler_threads;
  Server server(router, options);
  auto port = server.Start();
  Outcome out;
  EXPECT_TRUE(port.ok());
  if (!port.ok()) return out;
  out.blocked.resize(kBlocking);
  std::vector<std::thread> clients;
  for (int i = 0; i < kBlocking; ++i) {
    clients.emplace_back([&, i] { out.blocked[static_cast<size_t>(i)] = Get(*port, "/block"); });
  }
  // The quick request goes in once the blocking ones are inside (or have had time to be).
  for (auto waited = std::chrono::milliseconds(0); waited < patience && !meet.AllInside();
       waited += std::chrono::milliseconds(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  out.quick = Get(*port, "/quick");
  for (auto& c : clients) c.join();
  server.Stop();
  return out;
}

TEST(ServerTest, HandlerPoolRunsBlockingHandlersSideBySideWhileIoGoesOn) {
  // One I/O thread: without the pool each blocking handler would hold it.
  Outcome out = RunRendezvous(/*io_threads=*/1, /*handler_threads=*/8, std::chrono::seconds(10));
  EXPECT_EQ(out.quick, "quick");
  for (const auto& body : out.blocked) EXPECT_EQ(body, "together");
}

TEST(ServerTest, WithoutAPoolAHandlerHoldsItsIoThread) {
  // The control for the test above: it can fail. Handlers on the only I/O thread run one
  // at a time, so none of the blocking ones ever meets the others.
  Outcome out = RunRendezvous(/*io_threads=*/1, /*handler_threads=*/0, std::chrono::milliseconds(200));
  for (const auto& body : out.blocked) EXPECT_EQ(body, "alone");
}

TEST(ServerTest, PooledHandlersAnswerAKeepAliveConnectionInOrder) {
  Router router;
  router.Add("GET", "/echo/{n}", [](Request& q) {
    // Later requests are quicker, so answers out of order would show.
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * (5 - std::stoi(q.path_params["n"]))));
    Response r;
    r.content_type = "text/plain";
    r.body = q.path_params["n"];
    return r;
  });
  ServerOptions options;
  options.threads = 2;
  options.handler_threads = 4;
  Server server(router, options);
  auto port = server.Start();
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(GetAll(*port, {"/echo/1", "/echo/2", "/echo/3", "/echo/4"}),
            (std::vector<std::string>{"1", "2", "3", "4"}));
  server.Stop();
}

TEST(ServerTest, StopsWhileAPooledHandlerIsRunning) {
  std::atomic<bool> entered{false};
  Router router;
  router.Add("GET", "/slow", [&](Request&) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Response{};
  });
  ServerOptions options;
  options.threads = 1;
  options.handler_threads = 2;
  auto server = std::make_unique<Server>(router, options);
  auto port = server->Start();
  ASSERT_TRUE(port.ok());
  std::thread client([&] { (void)Get(*port, "/slow"); });
  for (int i = 0; i < 250 && !entered; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(entered.load());
  server->Stop();   // waits for the running handler and drops its response
  server.reset();   // closes the connection, so the client's read ends
  client.join();
}

// A handler on the I/O thread that defers its write (an audited read's audit entry): the
// response waits for the commit, and a failed commit answers with the error, not the data.
class DeferredWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/deferred_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path_);
    store_ = std::move(store::sqlite::SqliteStore::Open(path_)).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }
  // A route whose handler defers `work` and answers "the data".
  void AddRoute(Router& router, const std::string& path, store::Work work) {
    router.Add("GET", path, [this, work](Request&) {
      Status s = store::DeferredCommits::WriteOwned(*store_, work);
      Response r;
      r.content_type = "text/plain";
      r.body = s.ok() ? "the data" : "refused";
      return r;
    }, RunOn::kIoThread);
  }
  // What an audited read defers: an audit entry (the store's own append; the chain is
  // AuditTrail's business, not these tests').
  static Status AppendEntry(store::Transaction& tx) {
    ASSIGN_OR_RETURN(auto head, tx.AuditChainHead());
    domain::AuditEntry e;
    e.sequence = head ? head->sequence + 1 : 1;
    e.action = "read_child";
    return tx.AppendAudit(e);
  }
  int Entries() {
    int n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto entries, tx.ScanAudit(0, 1000));
      n = static_cast<int>(entries.size());
      return Status::Ok();
    }).ok());
    return n;
  }
  std::string path_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

TEST_F(DeferredWriteTest, TheResponseLeavesOnlyAfterTheDeferredWriteCommits) {
  Router router;
  // The unit is slow: a response sent before the commit would reach the client while the
  // audit entry is not there yet.
  AddRoute(router, "/read", [](store::Transaction& tx) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return AppendEntry(tx);
  });
  ServerOptions options;
  options.threads = 1;
  options.handler_threads = 4;
  Server server(router, options);
  auto port = server.Start();
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(StatusAndBody(*port, "/read"), "200 the data");
  EXPECT_EQ(Entries(), 1);
  server.Stop();
}

TEST_F(DeferredWriteTest, AFailedDeferredWriteAnswersItsErrorInsteadOfTheData) {
  Router router;
  AddRoute(router, "/read", [](store::Transaction&) { return Status(StatusCode::kUnavailable, "the disk is full"); });
  Server server(router, ServerOptions{});
  auto port = server.Start();
  ASSERT_TRUE(port.ok());
  const std::string answer = StatusAndBody(*port, "/read");
  EXPECT_EQ(answer.substr(0, 4), "503 ") << answer;
  EXPECT_NE(answer.find("the disk is full"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("the data"), std::string::npos) << answer;
  server.Stop();
}

TEST_F(DeferredWriteTest, StopsWhileAResponseWaitsForItsCommit) {
  std::atomic<bool> entered{false};
  Router router;
  AddRoute(router, "/read", [&entered](store::Transaction& tx) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return AppendEntry(tx);
  });
  auto server = std::make_unique<Server>(router, ServerOptions{});
  auto port = server->Start();
  ASSERT_TRUE(port.ok());
  std::thread client([&] { (void)StatusAndBody(*port, "/read"); });
  for (int i = 0; i < 250 && !entered; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(entered.load());
  server->Stop();   // waits for the commit; the response is dropped
  server.reset();
  client.join();
  EXPECT_EQ(Entries(), 1);  // the write itself was not lost
}

}  // namespace
}  // namespace safehub::http
