// The HTTP conventions every answer follows (issue 14, points 10 and 11):
// the Date header HTTP/1.1 requires, a Cache-Control that fits the route,
// CORS for browser clients, gzip when the client accepts it and the body is
// large, and the answer language asked by `lang` or Accept-Language.
//
// Thread safety: free functions, thread-safe.

#ifndef BELADDR_SERVER_SRC_HTTP_CONVENTIONS_H_
#define BELADDR_SERVER_SRC_HTTP_CONVENTIONS_H_

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/language.h"
#include "beladdr/status.h"

struct z_stream_s;  // zlib

namespace beladdr::server {

struct HttpOptions {
  // Origins a browser page may call the API from ("https://a.example");
  // empty: any origin ("Access-Control-Allow-Origin: *").
  std::vector<std::string> cors_origins;
  // Bodies at least this large are gzipped for clients that accept it.
  size_t gzip_min_bytes = 1024;
  // How long a GET search answer may be cached: the index is immutable
  // while a server runs.
  int search_max_age_seconds = 300;
};

// RFC 9110 IMF-fixdate: "Sun, 06 Dec 2026 17:55:00 GMT".
std::string HttpDate(std::time_t t);

// The language Accept-Language asks for among nl, fr and de: the one with
// the highest q ("fr-BE" is fr; "en" counts for none); nullopt when none.
std::optional<Language> AcceptedLanguage(std::string_view header);

// True when Accept-Encoding accepts gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);

// `body` as a gzip stream (RFC 1952).
StatusOr<std::string> Gzip(std::string_view body);

// A gzip stream written piece by piece (a streamed answer): each piece is
// flushed, so that the client can decode what it has received so far.
class GzipWriter {
 public:
  GzipWriter();
  ~GzipWriter();
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;

  // Compresses `in` and appends it to *out; `last` ends the stream (with
  // the gzip trailer). Internal when zlib fails.
  Status Write(std::string_view in, bool last, std::string* out);

 private:
  std::unique_ptr<z_stream_s> z_;
  bool ok_ = false;
};

// The Access-Control-Allow-Origin value for a request from `origin`: "*"
// when any origin may call, `origin` itself when it is listed, "" when it
// may not.
std::string AllowedOrigin(const HttpOptions& options, std::string_view origin);

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_HTTP_CONVENTIONS_H_
