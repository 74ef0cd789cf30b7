// Open-loop HTTP load at a fixed rate, for targets stated as "p99 under X at R requests/s".
//
// wrk is closed-loop: each connection sends its next request only when the previous one is
// answered, so it measures the latency at whatever rate the server saturates, and a stall
// delays the requests that would have been sent during it without counting them
// ("coordinated omission"). Here requests are due at fixed times (start + i / rate), whether
// or not the server has kept up; a request that finds every connection busy waits in a
// queue, and its latency runs from the time it was due, as wrk2 measures it.
//
// Usage: open_loop_load --port P --rate R --duration S --paths FILE [--connections C]
//          [--threads T] [--warmup S] [--header "Name: value"]...
// Each request is a GET of a path drawn at random (fixed seed) from FILE, one path per line.
// Traffic stays on 127.0.0.1.
#include <utility>  // before asio (gcc 12)

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;
using asio::ip::tcp;

struct Options {
  int port = 0;
  double rate = 1000;
  double duration_s = 10;
  double warmup_s = 2;
  int connections = 64;
  int threads = 1;
  std::string paths_file;
  std::vector<std::string> headers;
};

constexpr int kLateMs = 5;  // the signposting target's p99

// What one thread measured: latencies (µs) of the requests due in the measured window.
struct Tally {
  std::vector<std::uint32_t> latencies_us;
  // Requests over kLateMs, per 100 ms of due time since the window began: when the tail
  // happened (a burst in one moment is a stall; spread out, it is load).
  std::vector<std::uint32_t> late_per_tenth;
  std::uint64_t non_2xx = 0;
  std::uint64_t failed = 0;      // connection errors
  std::uint64_t unfinished = 0;  // due in the window, not answered when the run ended
  std::uint64_t queued = 0;      // found every connection busy when due
};

// One thread's share of the load: its own io_context, connections and schedule.
class Generator {
 public:
  Generator(const Options& options, const std::vector<std::string>& paths, int index)
      : options_(options), paths_(paths), random_(1000 + index), timer_(io_) {
    interval_ = std::chrono::duration<double>(options.threads / options.rate);
    // Threads' schedules interleave instead of firing together.
    offset_ = std::chrono::duration<double>(static_cast<double>(index) / options.rate);
    const int mine = options.connections / options.threads + (index < options.connections % options.threads ? 1 : 0);
    for (int i = 0; i < mine; ++i) connections_.push_back(std::make_unique<Connection>(io_));
    tally_.latencies_us.reserve(static_cast<std::size_t>(options.rate / options.threads * options.duration_s * 1.1));
  }

  void Run(Clock::time_point start) {
    start_ = start;
    measure_from_ = start + ToClock(options_.warmup_s);
    stop_at_ = measure_from_ + ToClock(options_.duration_s);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(options_.port));
    for (auto& c : connections_) {
      boost::system::error_code error;
      c->socket.connect(endpoint, error);
      if (error) {
        std::cerr << "cannot connect to 127.0.0.1:" << options_.port << ": " << error.message() << "\n";
        std::exit(2);
      }
      c->socket.set_option(tcp::no_delay(true));
      idle_.push_back(c.get());
    }
    ScheduleNext();
    io_.run();
  }

  Tally& tally() { return tally_; }

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::string request;
    boost::beast::flat_buffer buffer;
    std::optional<http::response_parser<http::string_body>> parser;
    Clock::time_point due;
  };

  static Clock::duration ToClock(double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  }

  Clock::time_point Due(std::uint64_t i) const {
    return start_ + std::chrono::duration_cast<Clock::duration>(offset_ + interval_ * static_cast<double>(i));
  }

  void ScheduleNext() {
    const Clock::time_point due = Due(next_);
    if (due >= stop_at_) {
      scheduling_done_ = true;
      MaybeFinish();
      return;
    }
    timer_.expires_at(due);
    timer_.async_wait([this](boost::system::error_code error) {
      if (error) return;
      const Clock::time_point now = Clock::now();
      // Everything due by now goes out (or waits for a connection), then the timer is set
      // for the next due time.
      while (Due(next_) <= now && Due(next_) < stop_at_) {
        const Clock::time_point due = Due(next_++);
        if (idle_.empty()) {
          if (due >= measure_from_) ++tally_.queued;
          waiting_.push_back(due);
        } else {
          Connection* c = idle_.back();
          idle_.pop_back();
          Send(*c, due);
        }
      }
      ScheduleNext();
    });
  }

  void Send(Connection& c, Clock::time_point due) {
    c.due = due;
    c.request = "GET " + paths_[std::uniform_int_distribution<std::size_t>(0, paths_.size() - 1)(random_)] +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const std::string& h : options_.headers) c.request += h + "\r\n";
    c.request += "\r\n";
    ++in_flight_;
    asio::async_write(c.socket, asio::buffer(c.request), [this, &c](boost::system::error_code error, std::size_t) {
      if (error) return Fail(c);
      c.parser.emplace();
      c.parser->body_limit(16 * 1024 * 1024);
      http::async_read(c.socket, c.buffer, *c.parser, [this, &c](boost::system::error_code error, std::size_t) {
        if (error) return Fail(c);
        const Clock::time_point now = Clock::now();
        if (c.due >= measure_from_) {
          const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - c.due).count();
          tally_.latencies_us.push_back(static_cast<std::uint32_t>(std::min<std::int64_t>(us, UINT32_MAX)));
          if (us > kLateMs * 1000) {
            const auto tenth = static_cast<std::size_t>((c.due - measure_from_) / std::chrono::milliseconds(100));
            if (tally_.late_per_tenth.size() <= tenth) tally_.late_per_tenth.resize(tenth + 1);
            ++tally_.late_per_tenth[tenth];
          }
          const unsigned status = c.parser->get().result_int();
          if (status < 200 || status >= 300) ++tally_.non_2xx;
        }
        --in_flight_;
        Next(c);
      });
    });
  }

  void Next(Connection& c) {
    if (!waiting_.empty()) {
      const Clock::time_point due = waiting_.front();
      waiting_.pop_front();
      Send(c, due);
      return;
    }
    idle_.push_back(&c);
    MaybeFinish();
  }

  void Fail(Connection& c) {
    if (c.due >= measure_from_) ++tally_.failed;
    --in_flight_;
    // A broken connection is not reused; the requests it would have carried wait for others.
    MaybeFinish();
  }

  void MaybeFinish() {
    if (!scheduling_done_) return;
    if (in_flight_ == 0 && waiting_.empty()) {
      io_.stop();
      return;
    }
    if (!grace_started_) {
      // Requests still out two seconds after the last was due count as unfinished.
      grace_started_ = true;
      timer_.expires_after(std::chrono::seconds(2));
      timer_.async_wait([this](boost::system::error_code) {
        tally_.unfinished = waiting_.size();
        for (auto& c : connections_) {
          if (std::find(idle_.begin(), idle_.end(), c.get()) == idle_.end() && c->due >= measure_from_) {
            ++tally_.unfinished;
          }
        }
        io_.stop();
      });
    }
  }

  const Options& options_;
  const std::vector<std::string>& paths_;
  std::mt19937_64 random_;
  asio::io_context io_;
  asio::steady_timer timer_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;
  std::deque<Clock::time_point> waiting_;
  std::chrono::duration<double> interval_{};
  std::chrono::duration<double> offset_{};
  Clock::time_point start_, measure_from_, stop_at_;
  std::uint64_t next_ = 0;
  int in_flight_ = 0;
  bool scheduling_done_ = false;
  bool grace_started_ = false;
  Tally tally_;
};

[[noreturn]] void Usage(const char* why) {
  std::cerr << why << "\nusage: open_loop_load --port P --rate R --duration S --paths FILE [--connections C]"
            << " [--threads T] [--warmup S] [--header 'Name: value']...\n";
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage(("missing value for " + flag).c_str());
    const std::string value = argv[++i];
    if (flag == "--port") o.port = std::atoi(value.c_str());
    else if (flag == "--rate") o.rate = std::atof(value.c_str());
    else if (flag == "--duration") o.duration_s = std::atof(value.c_str());
    else if (flag == "--warmup") o.warmup_s = std::atof(value.c_str());
    else if (flag == "--connections") o.connections = std::atoi(value.c_str());
    else if (flag == "--threads") o.threads = std::atoi(value.c_str());
    else if (flag == "--paths") o.paths_file = value;
    else if (flag == "--header") o.headers.push_back(value);
    else Usage(("unknown option " + flag).c_str());
  }
  if (o.port <= 0 || o.port > 65535) Usage("--port must be 1..65535");
  if (o.rate <= 0 || o.duration_s <= 0 || o.warmup_s < 0) Usage("--rate and --duration must be positive");
  if (o.threads < 1 || o.connections < o.threads) Usage("need at least one connection per thread");
  if (o.paths_file.empty()) Usage("--paths is required");
  return o;
}

double Percentile(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t i = std::min(sorted.size() - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[i] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  std::vector<std::string> paths;
  std::ifstream in(options.paths_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  if (paths.empty()) Usage("no paths in --paths file");

  std::vector<std::unique_ptr<Generator>> generators;
  for (int t = 0; t < options.threads; ++t) generators.push_back(std::make_unique<Generator>(options, paths, t));
  const Clock::time_point start = Clock::now() + std::chrono::milliseconds(50);
  std::vector<std::thread> threads;
  for (auto& g : generators) threads.emplace_back([&g, start] { g->Run(start); });
  for (auto& t : threads) t.join();

  Tally all;
  for (auto& g : generators) {
    Tally& t = g->tally();
    all.latencies_us.insert(all.latencies_us.end(), t.latencies_us.begin(), t.latencies_us.end());
    all.non_2xx += t.non_2xx;
    all.failed += t.failed;
    all.unfinished += t.unfinished;
    all.queued += t.queued;
    if (all.late_per_tenth.size() < t.late_per_tenth.size()) all.late_per_tenth.resize(t.late_per_tenth.size());
    for (std::size_t i = 0; i < t.late_per_tenth.size(); ++i) all.late_per_tenth[i] += t.late_per_tenth[i];
  }
  std::sort(all.latencies_us.begin(), all.latencies_us.end());
  std::printf("open-loop load: %.0f requests/s due for %.0f s (after %.0f s warm-up), %d connections, %d threads\n",
              options.rate, options.duration_s, options.warmup_s, options.connections, options.threads);
  std::printf("answered %zu (%.0f/s), non-2xx %llu, failed %llu, unfinished %llu, waited for a connection %llu\n",
              all.latencies_us.size(), static_cast<double>(all.latencies_us.size()) / options.duration_s,
              static_cast<unsigned long long>(all.non_2xx), static_cast<unsigned long long>(all.failed),
              static_cast<unsigned long long>(all.unfinished), static_cast<unsigned long long>(all.queued));
  std::printf("latency from due time: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n",
              Percentile(all.latencies_us, 50), Percentile(all.latencies_us, 90), Percentile(all.latencies_us, 99),
              Percentile(all.latencies_us, 99.9), all.latencies_us.empty() ? 0.0 : all.latencies_us.back() / 1000.0);
  // The five moments with the most late requests, and how many moments had any.
  std::vector<std::pair<std::uint32_t, std::size_t>> moments;
  for (std::size_t i = 0; i < all.late_per_tenth.size(); ++i) {
    if (all.late_per_tenth[i] > 0) moments.emplace_back(all.late_per_tenth[i], i);
  }
  std::uint64_t late = 0;
  for (const auto& m : moments) late += m.first;
  std::sort(moments.rbegin(), moments.rend());
  std::printf("over %d ms: %llu requests in %zu of %.0f tenths of a second; most at", kLateMs,
              static_cast<unsigned long long>(late), moments.size(), options.duration_s * 10);
  for (std::size_t i = 0; i < moments.size() && i < 5; ++i) {
    std::printf(" %.1f s (%u)", static_cast<double>(moments[i].second) / 10, moments[i].first);
  }
  std::printf("\n");
  return (all.failed == 0 && all.unfinished == 0 && all.non_2xx == 0) ? 0 : 1;
}
