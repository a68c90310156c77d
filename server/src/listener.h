// Accepts connections and starts a session for each, within the cap.
//
// Thread safety: Run and Stop may be called from any thread.

#ifndef BELADDR_SERVER_SRC_LISTENER_H_
#define BELADDR_SERVER_SRC_LISTENER_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <memory>

#include "beladdr/status.h"
#include "http_session.h"
#include "session_registry.h"

namespace beladdr::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, const Handler& handler,
           const SessionOptions& options, SessionRegistry* registry);

  // Opens, binds and listens, checking each step. IOError naming the
  // address when it is taken or invalid.
  Status Open(const tcp::endpoint& endpoint);
  // The bound port (after Open).
  uint16_t port() const { return port_; }
  // Starts accepting.
  void Run();
  // Stops accepting; open sessions are not affected.
  void Stop();

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  // After a failed accept (out of file descriptors: the pending connection
  // stays queued and would fail again at once): waits a moment before
  // accepting again, instead of spinning, and logs at most once a second.
  void RetryAcceptLater(const beast::error_code& ec);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::chrono::steady_clock::time_point last_error_log_{};
  uint64_t failed_accepts_ = 0;
  const Handler& handler_;
  SessionOptions options_;
  SessionRegistry* registry_;
  uint16_t port_ = 0;
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_LISTENER_H_
