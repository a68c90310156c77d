#include "http_session.h"

#include <algorithm>
#include <boost/asio/dispatch.hpp>

#include "beladdr/api.h"
#include "session_registry.h"

namespace beladdr::server {

HttpSession::HttpSession(tcp::socket&& socket, const Handler& handler,
                         const SessionOptions& options,
                         SessionRegistry* registry)
    : stream_(std::move(socket)),
      handler_(handler),
      options_(options),
      registry_(registry),
      // A new connection is idle until the first bytes of a request come.
      idle_since_(std::max<int64_t>(
          1, std::chrono::steady_clock::now().time_since_epoch().count())) {}

HttpSession::~HttpSession() { registry_->Remove(this); }

void HttpSession::Run() {
  // Start on the strand, so that every handler of this session runs there.
  net::dispatch(
      stream_.get_executor(),
      beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::Drain() {
  // Set now, not on the strand: a request being answered at this moment
  // (its handler holds the strand) must already see it and say
  // "Connection: close".
  draining_ = true;
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    // Idle between requests (nothing of the next one received): close now.
    // Otherwise the request in flight is answered first (OnWrite closes).
    if (!self->writing_ && self->buffer_.size() == 0 &&
        (!self->parser_ || !self->parser_->got_some())) {
      self->DoClose();
    }
  });
}

bool HttpSession::Evict() {
  if (evicting_.exchange(true)) return false;
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    // Still waiting for the first byte of a request: close. Otherwise the
    // client is talking after all, and stays.
    if (self->idle_since_ != 0 && !self->writing_ &&
        self->buffer_.size() == 0) {
      self->DoClose();
    } else {
      self->evicting_ = false;
    }
  });
  return true;
}

void HttpSession::DoRead() {
  if (draining_) return DoClose();
  parser_.reset();
  // The next request, idle wait included, must arrive within the timeout:
  // a client sending a byte now and then is dropped.
  stream_.expires_after(options_.read_timeout);
  if (buffer_.size() != 0) return ReadRequest();  // already here (pipelined)
  // Idle until its first bytes come: the connection may be evicted.
  idle_since_ = std::max<int64_t>(
      1, std::chrono::steady_clock::now().time_since_epoch().count());
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          beast::bind_front_handler(&HttpSession::OnFirstBytes,
                                                    shared_from_this()));
}

void HttpSession::OnFirstBytes(beast::error_code ec, std::size_t bytes) {
  idle_since_ = 0;
  if (ec) {
    // Closed, timed out, evicted or drained while idle: nothing to answer.
    return DoClose();
  }
  buffer_.commit(bytes);
  ReadRequest();
}

void HttpSession::ReadRequest() {
  // A fresh parser per request, with our limits; the header first, for the
  // body's limit depends on the route (a batch takes more).
  parser_.emplace();
  // Beast checks a Content-Length against the limit as it reads the
  // header: the largest any route takes, narrowed once the route is known.
  parser_->body_limit(kMaxBatchBytes);
  parser_->header_limit(options_.header_limit);
  http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnHeader, shared_from_this()));
}

void HttpSession::OnHeader(beast::error_code ec, std::size_t bytes) {
  if (ec) return OnRead(ec, bytes);
  const auto target = parser_->get().target();
  const size_t limit =
      Handler::BodyLimitFor(std::string_view(target.data(), target.size()));
  if (parser_->content_length() && *parser_->content_length() > limit) {
    return OnRead(http::error::body_limit, bytes);
  }
  parser_->body_limit(limit);  // for a chunked body, as it comes
  if (parser_->is_done()) return OnRead(ec, bytes);
  http::async_read(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, std::size_t) {
  // The client closed the connection, or the read timed out or was
  // cancelled (drain): nothing to answer.
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted) {
    return DoClose();
  }
  // The route of a request cut off by a limit, when its line was read.
  const auto target = parser_->get().target();
  const std::string_view route(target.data(), target.size());
  if (ec == http::error::body_limit) {
    const size_t limit = Handler::BodyLimitFor(route);
    return Send(handler_.TransportError(
        413,
        limit == api::kMaxBodyBytes
            ? "the body is larger than 16 KiB"
            : "the body is larger than " + std::to_string(limit >> 20) + " MiB",
        route));
  }
  if (ec == http::error::header_limit) {
    return Send(handler_.TransportError(
        431,
        "the request line and headers are larger than " +
            std::to_string(options_.header_limit) + " bytes",
        route));
  }
  if (ec) {
    // Bytes that are not HTTP/1.1: answer once, then close.
    if (ec == net::error::connection_reset || ec == net::error::eof)
      return DoClose();
    return Send(handler_.TransportError(
        400, "malformed HTTP request: " + ec.message()));
  }
  served_ = true;
  Reply reply = handler_.Serve(parser_->get());
  if (draining_) reply.response.keep_alive(false);
  // HTTP/1.0 takes no chunks: its stream is read whole first.
  if (reply.stream != nullptr && parser_->get().version() >= 11) {
    return SendStream(std::move(reply));
  }
  Send(Handler::ReadWhole(std::move(reply)));
}

void HttpSession::Send(Response&& response) {
  const bool close = !response.keep_alive() || draining_;
  response_ = std::make_shared<Response>(std::move(response));
  writing_ = true;
  stream_.expires_after(options_.write_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::OnWrite,
                                              shared_from_this(), close));
}

void HttpSession::SendStream(Reply&& reply) {
  const bool close = !reply.response.keep_alive() || draining_;
  stream_head_ = std::make_shared<StreamHead>(std::move(reply.response.base()));
  stream_head_->chunked(true);
  stream_serializer_ = std::make_shared<StreamSerializer>(*stream_head_);
  stream_body_ = std::move(reply.stream);
  stream_ended_ = false;
  writing_ = true;
  stream_.expires_after(options_.write_timeout);
  http::async_write_header(
      stream_, *stream_serializer_,
      beast::bind_front_handler(&HttpSession::OnStreamWrite, shared_from_this(),
                                close));
}

void HttpSession::OnStreamWrite(bool close, beast::error_code ec, std::size_t) {
  if (ec || stream_ended_) {
    stream_body_.reset();
    stream_serializer_.reset();
    stream_head_.reset();
    return OnWrite(close, ec, 0);
  }
  // The next piece is made here, on the strand, between two writes.
  piece_.clear();
  StatusOr<bool> more = true;
  while (more.ok() && *more && piece_.empty())
    more = stream_body_->Next(&piece_);
  if (!more.ok()) {
    // Half sent: no last chunk, so the client knows the answer is cut.
    writing_ = false;
    stream_body_.reset();
    return DoClose();
  }
  stream_.expires_after(options_.write_timeout);
  auto next = beast::bind_front_handler(&HttpSession::OnStreamWrite,
                                        shared_from_this(), close);
  if (*more) {
    return net::async_write(stream_, http::make_chunk(net::buffer(piece_)),
                            std::move(next));
  }
  stream_ended_ = true;
  trailer_.clear();
  stream_body_->Trailer(&trailer_);
  net::async_write(stream_, http::make_chunk_last(trailer_), std::move(next));
}

void HttpSession::OnWrite(bool close, beast::error_code ec, std::size_t) {
  writing_ = false;
  response_.reset();
  if (ec || close || draining_) return DoClose();
  DoRead();
}

void HttpSession::DoClose() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

}  // namespace beladdr::server
