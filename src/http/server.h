// An asynchronous HTTP/1.1 server on Boost.Beast: keep-alive, a body limit enforced while
// reading (a 2 GiB upload is refused after 1 MiB, not buffered), security headers on every
// response, and the router's handlers run on the I/O threads or on a pool of their own.
// Start/Stop from one thread; handlers run concurrently.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/router.h"

namespace safehub::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 0;  // 0: the OS picks a free port (tests)
  int threads = 4;  // I/O threads: reading, parsing, writing
  // Threads that run the router's handlers, which block on the store (an audited read waits
  // for its audit entry's group commit). 0: handlers run on the I/O thread that read the
  // request. More handler threads than cores let every connection in flight join one
  // commit, while the I/O threads stay as many as the cores.
  int handler_threads = 0;
  std::size_t body_limit = 1024 * 1024;
  // Called after each response, for the access log. Never given bodies or cookies.
  std::function<void(const Request&, int status, double milliseconds)> access_log;
};

class Server {
 public:
  Server(const Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads; returns the bound port.
  // kUnavailable when the address cannot be bound.
  Result<unsigned short> Start();
  // Stops accepting, ends connections and joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Adds the headers every response carries: no caching of personal data, no sniffing,
// no framing, a same-origin content security policy.
void AddSecurityHeaders(Response& response);

}  // namespace safehub::http
