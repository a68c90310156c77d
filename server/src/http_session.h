// One client connection: reads requests (keep-alive), answers each with
// the Handler, and closes on error, timeout, or when asked to drain.
// Shaped like Beast's advanced_server example.
//
// Limits: a request body over api::kMaxBodyBytes gets 413, headers over
// SessionOptions::header_limit get 431, unparsable bytes get 400, and a
// request that is not complete within read_timeout (a slow client) is
// dropped.
//
// Thread safety: all work runs on the session's strand.

#ifndef BELADDR_SERVER_SRC_HTTP_SESSION_H_
#define BELADDR_SERVER_SRC_HTTP_SESSION_H_

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "handler.h"

namespace beladdr::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class SessionRegistry;

struct SessionOptions {
  // Time allowed to receive one whole request (and, between requests on a
  // kept-alive connection, for the next one to arrive).
  std::chrono::milliseconds read_timeout{10000};
  // Time allowed to send one response.
  std::chrono::milliseconds write_timeout{10000};
  // Largest request line plus headers, in bytes.
  uint32_t header_limit = 8 * 1024;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, const Handler& handler,
              const SessionOptions& options, SessionRegistry* registry);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Starts reading (on the session's strand).
  void Run();
  // Asks the session to finish: an idle connection closes now, one in the
  // middle of a request closes after its response. Safe from any thread.
  void Drain();

  // When the session began waiting for a request of which no byte has come
  // (steady_clock ticks); 0 while a request is read or answered. Any thread.
  int64_t idle_since() const { return idle_since_.load(); }
  // Closes the connection if it still has not received a byte of a request
  // (the connection cap is reached and a new client waits). Returns false
  // when an eviction is already under way. Safe from any thread.
  bool Evict();
  bool evicting() const { return evicting_.load(); }
  // True once a whole request has come on this connection: a real client,
  // evicted only after the connections that never sent one.
  bool served() const { return served_.load(); }

 private:
  // Waits (idle) for the first bytes of the next request, then reads it.
  void DoRead();
  void OnFirstBytes(beast::error_code ec, std::size_t bytes);
  void ReadRequest();
  void OnHeader(beast::error_code ec, std::size_t bytes);
  void OnRead(beast::error_code ec, std::size_t bytes);
  static constexpr size_t kFirstReadBytes = 4096;
  void Send(Response&& response);
  // A header, then the stream's pieces as chunks, then the trailer.
  void SendStream(Reply&& reply);
  void OnStreamWrite(bool close, beast::error_code ec, std::size_t bytes);
  void OnWrite(bool close, beast::error_code ec, std::size_t bytes);
  void DoClose();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> response_;  // alive until written
  // A streamed answer, alive until its last chunk is written.
  using StreamHead = http::response<http::empty_body>;
  using StreamSerializer = http::response_serializer<http::empty_body>;
  std::shared_ptr<StreamHead> stream_head_;
  std::shared_ptr<StreamSerializer> stream_serializer_;
  std::shared_ptr<BodyStream> stream_body_;
  std::string piece_;
  http::fields trailer_;
  bool stream_ended_ = false;
  const Handler& handler_;
  SessionOptions options_;
  SessionRegistry* registry_;
  std::atomic<bool> draining_{false};
  std::atomic<int64_t> idle_since_{0};
  std::atomic<bool> evicting_{false};
  std::atomic<bool> served_{false};
  bool writing_ = false;
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_HTTP_SESSION_H_
