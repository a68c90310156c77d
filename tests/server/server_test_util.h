// Helpers for the server tests: the tiny index opened as a public Searcher,
// searchers that fail or hold requests (to test 500s and shutdown with
// requests in flight), and a blocking HTTP/1.1 client over loopback.

#ifndef BELADDR_TESTS_SERVER_SERVER_TEST_UTIL_H_
#define BELADDR_TESTS_SERVER_SERVER_TEST_UTIL_H_

#include <signal.h>
#include <sys/types.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "beladdr/searcher.h"
#include "test_util.h"

namespace beladdr::testing {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// The tiny fixture index, opened once per test binary.
const Searcher& TinyPublicSearcher();

// Fails every search: with an error Status, or by throwing.
class FailingSearcher : public Searcher {
 public:
  explicit FailingSearcher(bool throws) : throws_(throws) {}
  StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const override;
  StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const override;
  StatusOr<SearchResponse> AutocompleteAddresses(
      const AutocompleteRequest& request) const override;
  const IndexInfo& info() const override { return TinyPublicSearcher().info(); }
  size_t MemoryUsage() const override { return 0; }

 private:
  bool throws_;
};

// Delegates to the tiny searcher, but while held, each search waits until
// Release(): a request stays in flight as long as the test wants.
class GatedSearcher : public Searcher {
 public:
  StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const override;
  StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const override {
    return TinyPublicSearcher().ResolveAddress(request);
  }
  StatusOr<SearchResponse> AutocompleteAddresses(
      const AutocompleteRequest& request) const override {
    return TinyPublicSearcher().AutocompleteAddresses(request);
  }
  const IndexInfo& info() const override { return TinyPublicSearcher().info(); }
  size_t MemoryUsage() const override { return 0; }

  void Hold();
  void Release();
  // Blocks until `n` searches are waiting at the gate.
  void WaitForWaiting(int n) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool held_ = false;
  mutable int waiting_ = 0;
};

// A blocking HTTP/1.1 client on one connection to 127.0.0.1:port.
class TestClient {
 public:
  explicit TestClient(uint16_t port);
  ~TestClient();

  // Sends a request and reads the answer; the error on failure (e.g. the
  // server closed the connection).
  boost::beast::error_code Roundtrip(HttpRequest request,
                                     HttpResponse* response);
  // Writes raw bytes.
  void WriteRaw(const std::string& bytes);
  // Reads one response.
  boost::beast::error_code Read(HttpResponse* response);
  // True when the server has closed the connection (a read returns EOF or
  // reset within `timeout_ms`).
  bool ClosedByServer(int timeout_ms);

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// The beladdr-server program with `args`, stderr and stdout to files in
// `dir`; killed (SIGKILL) when the object goes, if still running.
class ServerProcess {
 public:
  ServerProcess(const TempDir& dir, std::vector<std::string> args);
  ~ServerProcess();

  // Waits for the "serving ... on http://host:PORT" line; 0 if it exits or
  // takes over 30 s.
  uint16_t WaitForPort();
  // Waits up to `seconds` for the exit; its exit code, or -1 if still
  // running (then killed) or killed by a signal.
  int WaitExit(int seconds);
  void Signal(int sig) { ::kill(pid_, sig); }
  std::string Stderr() const { return ReadFile(dir_.Sub("stderr")); }
  std::string Stdout() const { return ReadFile(dir_.Sub("stdout")); }

 private:
  const TempDir& dir_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};

// A gzip stream, inflated (a test failure when it is not whole).
std::string Gunzip(const std::string& zipped);

// Requests with the usual headers.
HttpRequest PostJson(const std::string& target, const std::string& body);
HttpRequest Get(const std::string& target);

}  // namespace beladdr::testing

#endif  // BELADDR_TESTS_SERVER_SERVER_TEST_UTIL_H_
