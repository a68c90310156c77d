#include "server.h"

#include <boost/asio/post.hpp>

namespace beladdr::server {
namespace {

int ThreadCount(const ServerOptions& options) {
  if (options.threads > 0) return options.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

Server::Server(const ServerOptions& options, const Searcher* searcher,
               Metrics* metrics, AccessLog* log,
               declarations::DeclarationStore* declarations)
    : options_(options),
      handler_(searcher, metrics, log, options.http, declarations),
      registry_(options.max_connections, metrics),
      ioc_(ThreadCount(options)),
      signals_(ioc_) {}

Server::~Server() {
  if (started_) {
    Shutdown();
    Wait();
  }
}

Status Server::Start() {
  beast::error_code ec;
  const auto address = net::ip::make_address(options_.host, ec);
  if (ec)
    return Status::InvalidArgument("invalid host '" + options_.host + "'");
  listener_ =
      std::make_shared<Listener>(ioc_, handler_, options_.session, &registry_);
  BELADDR_RETURN_IF_ERROR(
      listener_->Open(tcp::endpoint(address, options_.port)));
  listener_->Run();
  const int n = ThreadCount(options_);
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { ioc_.run(); });
  started_ = true;
  return Status::OK();
}

uint16_t Server::port() const { return listener_ ? listener_->port() : 0; }

void Server::HandleSignals() {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](const beast::error_code& ec, int) {
    if (!ec) Shutdown();
  });
}

void Server::Shutdown() {
  std::call_once(shutdown_once_, [this] {
    // Stop accepting and ask sessions to finish, on the I/O threads.
    net::post(ioc_, [this] {
      if (listener_) listener_->Stop();
      beast::error_code ec;
      signals_.cancel(ec);
      registry_.DrainAll();
    });
    // The I/O threads return when the last session is gone; a request
    // that takes longer than the grace period is cut off.
    watchdog_ = std::thread([this] {
      if (!registry_.WaitEmpty(options_.shutdown_grace)) ioc_.stop();
    });
  });
}

void Server::Wait() {
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  if (watchdog_.joinable()) watchdog_.join();
}

}  // namespace beladdr::server
