#include "listener.h"

#include <boost/asio/dispatch.hpp>
#include <iostream>

namespace beladdr::server {

Listener::Listener(net::io_context& ioc, const Handler& handler,
                   const SessionOptions& options, SessionRegistry* registry)
    : ioc_(ioc),
      acceptor_(net::make_strand(ioc)),
      retry_timer_(acceptor_.get_executor()),
      handler_(handler),
      options_(options),
      registry_(registry) {}

Status Listener::Open(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  const std::string where =
      endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return Status::IOError("open " + where + ": " + ec.message());
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return Status::IOError("set_option " + where + ": " + ec.message());
  acceptor_.bind(endpoint, ec);
  if (ec) return Status::IOError("bind " + where + ": " + ec.message());
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::IOError("listen " + where + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  return Status::OK();
}

void Listener::Run() {
  net::dispatch(
      acceptor_.get_executor(),
      beast::bind_front_handler(&Listener::DoAccept, shared_from_this()));
}

void Listener::Stop() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
    self->retry_timer_.cancel();
  });
}

void Listener::DoAccept() {
  // Each connection gets its own strand.
  acceptor_.async_accept(
      net::make_strand(ioc_),
      beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open())
    return;  // stopped
  if (!ec) {
    // Answers go out at once: no waiting to coalesce small writes (Nagle)
    // on a request/response protocol.
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<HttpSession>(std::move(socket), handler_,
                                                 options_, registry_);
    if (registry_->TryAdd(session.get(), session)) {
      session->Run();
    }
    // Over the cap: the session object dies here and its socket closes.
  } else if (ec != net::error::connection_aborted) {
    return RetryAcceptLater(ec);
  }
  DoAccept();
}

void Listener::RetryAcceptLater(const beast::error_code& ec) {
  ++failed_accepts_;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_error_log_ >= std::chrono::seconds(1)) {
    std::cerr << "beladdr-server: accept: " << ec.message() << " ("
              << failed_accepts_ << " failed so far); retrying every 50 ms\n";
    last_error_log_ = now;
  }
  retry_timer_.expires_after(std::chrono::milliseconds(50));
  retry_timer_.async_wait(
      [self = shared_from_this()](const beast::error_code& wait_ec) {
        if (wait_ec || !self->acceptor_.is_open()) return;  // stopped
        self->DoAccept();
      });
}

}  // namespace beladdr::server
