#include "session_registry.h"

#include <vector>

#include "http_session.h"

namespace beladdr::server {

bool SessionRegistry::TryAdd(HttpSession* key,
                             std::weak_ptr<HttpSession> session) {
  std::lock_guard<std::mutex> lock(mu_);
  if (draining_ || sessions_.size() >= max_sessions_) {
    if (metrics_ != nullptr) metrics_->ConnectionRejected();
    return false;
  }
  sessions_.emplace(key, std::move(session));
  if (metrics_ != nullptr) metrics_->ConnectionOpened();
  return true;
}

void SessionRegistry::Remove(HttpSession* key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (sessions_.erase(key) != 0 && metrics_ != nullptr)
    metrics_->ConnectionClosed();
  if (sessions_.empty()) empty_.notify_all();
}

void SessionRegistry::DrainAll() {
  std::vector<std::shared_ptr<HttpSession>> live;
  {
    std::lock_guard<std::mutex> lock(mu_);
    draining_ = true;
    for (auto& [key, weak] : sessions_) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->Drain();
}

bool SessionRegistry::WaitEmpty(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return empty_.wait_for(lock, timeout, [&] { return sessions_.empty(); });
}

size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace beladdr::server
