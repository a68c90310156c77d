#include "session_registry.h"

#include <vector>

#include "http_session.h"

namespace beladdr::server {

std::shared_ptr<HttpSession> SessionRegistry::OldestIdle() {
  // Only the pick is locked: a session whose last owner a lock here would
  // become would be destroyed under mu_, and Remove() takes mu_.
  // Connections that never sent a request go first, oldest first; then
  // kept-alive clients idle between requests.
  const std::weak_ptr<HttpSession>* oldest = nullptr;
  std::pair<bool, int64_t> best;
  for (auto& [key, weak] : sessions_) {
    const std::pair<bool, int64_t> rank{key->served(), key->idle_since()};
    if (rank.second == 0 || key->evicting() ||
        (oldest != nullptr && rank >= best)) {
      continue;
    }
    oldest = &weak;
    best = rank;
  }
  return oldest != nullptr ? oldest->lock() : nullptr;
}

bool SessionRegistry::TryAdd(HttpSession* key,
                             std::weak_ptr<HttpSession> session) {
  // Declared before the lock, so released after it (see OldestIdle).
  std::shared_ptr<HttpSession> idle;
  std::lock_guard<std::mutex> lock(mu_);
  bool admit = !draining_;
  if (admit && sessions_.size() >= max_sessions_) {
    // Make room: evict the session idle longest. Its slot frees when it
    // closes, so the cap is soft by the evictions under way.
    if (sessions_.size() < max_sessions_ + kMaxPendingEvictions) {
      idle = OldestIdle();
    }
    admit = idle != nullptr && idle->Evict();
    if (admit && metrics_ != nullptr) metrics_->ConnectionEvicted();
  }
  if (!admit) {
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
