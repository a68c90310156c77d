// The HTTP server: a listener, N I/O threads, signal handling and a
// graceful shutdown (stop accepting, finish requests in flight, close idle
// connections, and stop for good after a grace period).
//
// Thread safety: Shutdown() may be called from any thread, also from a
// signal handler installed by HandleSignals().

#ifndef BELADDR_SERVER_SRC_SERVER_H_
#define BELADDR_SERVER_SRC_SERVER_H_

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "access_log.h"
#include "beladdr/searcher.h"
#include "handler.h"
#include "http_session.h"
#include "listener.h"
#include "metrics.h"
#include "session_registry.h"

namespace beladdr::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see Server::port())
  int threads = 0;       // 0: the number of cores
  size_t max_connections = 1024;
  std::chrono::milliseconds shutdown_grace{5000};
  SessionOptions session;
  HttpOptions http;  // CORS origins, gzip, caching
};

class Server {
 public:
  // `searcher` may be null (then search and ping answer 503); `log` and
  // `declarations` may be null (no declaration routes). All must outlive
  // the server.
  Server(const ServerOptions& options, const Searcher* searcher,
         Metrics* metrics, AccessLog* log,
         declarations::DeclarationStore* declarations = nullptr);
  ~Server();

  // Binds and starts the I/O threads. IOError when the address is taken.
  Status Start();
  uint16_t port() const;
  // Stops on SIGINT or SIGTERM.
  void HandleSignals();
  // Begins a graceful shutdown; returns at once.
  void Shutdown();
  // Blocks until the server has stopped.
  void Wait();

 private:
  ServerOptions options_;
  Handler handler_;
  // Declared before ioc_: sessions still queued in ioc_ when it is
  // destroyed unregister themselves from it.
  SessionRegistry registry_;
  net::io_context ioc_;
  std::shared_ptr<Listener> listener_;
  net::signal_set signals_;
  std::vector<std::thread> threads_;
  std::thread watchdog_;
  std::once_flag shutdown_once_;
  std::atomic<bool> started_{false};
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_SERVER_H_
