// The open sessions, for the connection cap and for draining on shutdown.
//
// Thread safety: all methods are thread-safe.

#ifndef BELADDR_SERVER_SRC_SESSION_REGISTRY_H_
#define BELADDR_SERVER_SRC_SESSION_REGISTRY_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "metrics.h"

namespace beladdr::server {

class HttpSession;

class SessionRegistry {
 public:
  SessionRegistry(size_t max_sessions, Metrics* metrics)
      : max_sessions_(max_sessions), metrics_(metrics) {}

  // Admits a session unless the server is draining. At the cap, the session
  // that has waited longest without sending a byte of a request is evicted
  // to make room (a crowd of idle connections must not lock real clients
  // out), those that never sent a request before kept-alive clients; only
  // when none is idle is the new one refused. The cap is soft by
  // the evictions under way, at most kMaxPendingEvictions.
  bool TryAdd(HttpSession* key, std::weak_ptr<HttpSession> session);
  void Remove(HttpSession* key);
  // Stops admitting sessions and asks every open one to drain.
  void DrainAll();
  // Waits until no session is open, or `timeout` passes; true if none.
  bool WaitEmpty(std::chrono::milliseconds timeout);
  size_t size() const;

  static constexpr size_t kMaxPendingEvictions = 64;

 private:
  // The session idle longest and not being evicted yet, if any; under mu_.
  std::shared_ptr<HttpSession> OldestIdle();

  const size_t max_sessions_;
  Metrics* metrics_;
  mutable std::mutex mu_;
  std::condition_variable empty_;
  std::unordered_map<HttpSession*, std::weak_ptr<HttpSession>> sessions_;
  bool draining_ = false;
};

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_SESSION_REGISTRY_H_
