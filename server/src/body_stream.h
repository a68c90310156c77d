// A response body produced piece by piece after its header is sent, as
// HTTP/1.1 chunks: a batch's answers go out while the rest is searched.
//
// Thread safety: a stream is used by one session at a time.

#ifndef BELADDR_SERVER_SRC_BODY_STREAM_H_
#define BELADDR_SERVER_SRC_BODY_STREAM_H_

#include <boost/beast/http/fields.hpp>
#include <memory>
#include <string>

#include "beladdr/status.h"
#include "http_conventions.h"

namespace beladdr::server {

class BodyStream {
 public:
  virtual ~BodyStream() = default;

  // Appends the next piece of the body to *piece. Returns false once the
  // body is complete (and Trailer() is final). An error means the body
  // cannot be finished: the connection is closed without the last chunk,
  // so the client sees an incomplete answer, never a short one that looks
  // whole.
  virtual StatusOr<bool> Next(std::string* piece) = 0;

  // The trailer fields, sent after the last chunk (announced in the
  // header's Trailer field).
  virtual void Trailer(boost::beast::http::fields* trailer) const {
    (void)trailer;
  }
};

// `inner`, gzipped as it comes (Content-Encoding: gzip).
std::shared_ptr<BodyStream> GzipStream(std::shared_ptr<BodyStream> inner);

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_BODY_STREAM_H_
