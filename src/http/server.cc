#include "http/server.h"

#include <utility>  // before Boost.Asio (see docs/architecture.md)

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "http/json_io.h"
#include "store/deferred_commits.h"

namespace safehub::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

void AddSecurityHeaders(Response& r) {
  // Responses hold personal data unless a handler says otherwise (the UI's hashed assets).
  const bool has_cache_control = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
    return boost::beast::iequals(h.first, "Cache-Control");
  });
  if (!has_cache_control) r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
}

namespace {

Request ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
  Request out;
  out.method = std::string(in.method_string());
  const std::string target(in.target());
  const size_t q = target.find('?');
  out.path = target.substr(0, q);
  if (q != std::string::npos) out.query = ParseQuery(target.substr(q + 1));
  for (const auto& field : in) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[name] = std::string(field.value());
  }
  out.body = in.body();
  out.remote_address = remote;
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Router& router, const ServerOptions& options, asio::thread_pool* handlers,
          std::atomic<int>& awaiting_commit)
      : stream_(std::move(socket)), router_(router), options_(options), handlers_(handlers),
        awaiting_commit_(awaiting_commit) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  void Run() { ReadRequest(); }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::eof) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      return Send(ErrorResponse(413, "payload_too_large",
                                "request body exceeds " + std::to_string(options_.body_limit) + " bytes", "body"),
                  /*keep_alive=*/false, 11, "");
    }
    if (ec) {
      return Send(ErrorResponse(400, "bad_request", "malformed HTTP request", ""), false, 11, "");
    }
    const auto& in = parser_->get();
    const bool keep_alive = in.keep_alive();
    const unsigned version = in.version();
    auto request = std::make_shared<Request>(ToRequest(in, remote_));
    const Route* route = router_.Match(*request);
    if (handlers_ == nullptr || (route != nullptr && route->run_on == RunOn::kIoThread)) {
      return Respond(route, std::move(request), keep_alive, version, /*on_strand=*/true);
    }
    // A handler that may block (on a commit, a long read) runs on the handler pool so the
    // I/O threads go on reading and writing other connections; the response goes back
    // through this connection's strand.
    asio::post(*handlers_, [self = shared_from_this(), route, request, keep_alive, version] {
      self->Respond(route, request, keep_alive, version, /*on_strand=*/false);
    });
  }

  // Runs the handler, then sends its response once every write it deferred has committed:
  // an audited read's data leaves only after its audit entry is durable, and if that commit
  // fails the client gets the error instead of the data.
  void Respond(const Route* route, std::shared_ptr<Request> request, bool keep_alive, unsigned version,
               bool on_strand) {
    const auto started = std::chrono::steady_clock::now();
    store::DeferredCommits commits;
    auto response = std::make_shared<Response>();
    {
      store::DeferredCommits::Scope scope(commits);
      try {
        *response = router_.Run(route, *request);
      } catch (const std::exception&) {
        *response = ErrorResponse(500, "internal", "internal error", "");
      }
    }
    auto send = [self = shared_from_this(), request, response, keep_alive, version, started] {
      if (self->options_.access_log) {
        const auto elapsed = std::chrono::steady_clock::now() - started;
        self->options_.access_log(*request, response->status,
                                  std::chrono::duration<double, std::milli>(elapsed).count());
      }
      self->Send(std::move(*response), keep_alive, version, request->method);
    };
    if (commits.empty()) {
      if (on_strand) return send();
      return asio::post(stream_.get_executor(), std::move(send));
    }
    awaiting_commit_.fetch_add(1);
    // Runs on the committing thread. Everything that touches the connection moves into the
    // posted handler before the count drops: once it is 0, Stop() may destroy the io_context.
    using Executor = decltype(stream_.get_executor());
    commits.WhenCommitted([response, send = std::move(send), executor = std::optional<Executor>(stream_.get_executor()),
                           &awaiting = awaiting_commit_](Status committed) mutable {
      if (!committed.ok()) *response = StatusResponse(committed);
      asio::post(*executor, std::move(send));
      executor.reset();
      awaiting.fetch_sub(1);
    });
  }

  void Send(Response response, bool keep_alive, unsigned version, const std::string& method) {
    AddSecurityHeaders(response);
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(version);
    out->result(static_cast<unsigned>(response.status));
    out->set(bhttp::field::server, "safehub");
    out->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out->insert(name, value);
    out->keep_alive(keep_alive);
    if (method == "HEAD") {
      // A HEAD answer carries the length the GET body would have, and no body.
      out->content_length(response.body.size());
    } else {
      out->body() = std::move(response.body);
      out->prepare_payload();
    }
    bhttp::async_write(stream_, *out, [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
      if (ec) return self->Close();
      if (!out->keep_alive()) return self->DrainAndClose();
      self->ReadRequest();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // After refusing a request whose body was not read (413), closing at once would reset
  // the connection and the client could lose the response while still sending. Half-close,
  // then read and discard what is still coming, within a byte and time budget.
  void DrainAndClose() {
    Close();
    stream_.expires_after(std::chrono::seconds(5));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kMaxDrainBytes) return;
      self->Drain();
    });
  }

  static constexpr std::size_t kMaxDrainBytes = 16 * 1024 * 1024;
  std::array<char, 16384> scratch_{};
  std::size_t drained_ = 0;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const Router& router_;
  const ServerOptions& options_;
  asio::thread_pool* handlers_;  // null: handlers run on the I/O thread
  std::atomic<int>& awaiting_commit_;  // the server's count of responses held for a commit
  std::string remote_;
};

}  // namespace

struct Server::Impl {
  Impl(const Router& r, ServerOptions o) : router(r), options(std::move(o)), acceptor(io) {}

  void Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), router, options, handlers ? &*handlers : nullptr,
                                          awaiting_commit)
                     ->Run();
      if (acceptor.is_open()) Accept();
    });
  }

  const Router& router;
  ServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  // Declared after io: destroyed first, with any queued handler holding a session whose
  // socket belongs to io.
  std::optional<asio::thread_pool> handlers;
  // Responses waiting for their deferred commits: their completions post to io, so Stop()
  // waits for them before io can go.
  std::atomic<int> awaiting_commit{0};
  bool running = false;
};

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() { Stop(); }

Result<unsigned short> Server::Start() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.address, ec);
  if (ec) return InvalidArgument("'" + impl_->options.address + "' is not an IP address", "listen");
  const tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(StatusCode::kUnavailable, "cannot listen on " + impl_->options.address + ":" +
                                                std::to_string(impl_->options.port) + ": " + ec.message());
  }
  const unsigned short port = impl_->acceptor.local_endpoint().port();
  if (impl_->options.handler_threads > 0) impl_->handlers.emplace(static_cast<std::size_t>(impl_->options.handler_threads));
  impl_->Accept();
  impl_->running = true;
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  }
  return port;
}

void Server::Stop() {
  if (!impl_ || !impl_->running) return;
  impl_->running = false;
  asio::post(impl_->io, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  if (impl_->handlers) {
    // Handlers already running finish (their responses are dropped with the stopped
    // io_context); queued ones are discarded.
    impl_->handlers->stop();
    impl_->handlers->join();
    impl_->handlers.reset();
  }
  // A commit completes in milliseconds unless the disk has stalled; give it a minute.
  for (int waited = 0; impl_->awaiting_commit.load() > 0 && waited < 60000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace safehub::http
