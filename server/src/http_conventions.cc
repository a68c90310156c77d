#include "http_conventions.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "beladdr/ascii.h"

namespace beladdr::server {
namespace {

// Calls fn(token, q) for each item of a comma-separated list with optional
// ";q=" weights ("fr-BE, nl;q=0.8"). A q that does not parse is 0.
template <typename Fn>
void ForEachWeighted(std::string_view header, Fn fn) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view()
                                             : header.substr(comma + 1);
    double q = 1.0;
    const size_t semi = item.find(';');
    if (semi != std::string_view::npos) {
      const std::string params = AsciiLower(item.substr(semi + 1));
      const size_t at = params.find("q=");
      if (at != std::string::npos) {
        char* end = nullptr;
        q = std::strtod(params.c_str() + at + 2, &end);
        if (end == params.c_str() + at + 2 || q < 0 || q > 1) q = 0;
      }
      item = item.substr(0, semi);
    }
    fn(AsciiLower(TrimBlanks(item)), q);
  }
}

}  // namespace

std::string HttpDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S GMT",
                                 &tm);  // C locale names, as RFC 9110 wants
  return std::string(buf, n);
}

std::optional<Language> AcceptedLanguage(std::string_view header) {
  std::optional<Language> best;
  double best_q = 0;
  ForEachWeighted(header, [&](const std::string& tag, double q) {
    const std::optional<Language> lang = ParseLanguage(tag.substr(0, 2));
    const bool primary = tag.size() == 2 || (tag.size() > 2 && tag[2] == '-');
    if (lang && primary && q > best_q) {
      best = lang;
      best_q = q;
    }
  });
  return best;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool gzip = false;
  ForEachWeighted(accept_encoding, [&](const std::string& coding, double q) {
    if ((coding == "gzip" || coding == "x-gzip") && q > 0) gzip = true;
  });
  return gzip;
}

GzipWriter::GzipWriter() : z_(std::make_unique<z_stream>()) {
  // 15 + 16: a gzip header and trailer around the deflate stream.
  ok_ = deflateInit2(z_.get(), Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) == Z_OK;
}

GzipWriter::~GzipWriter() {
  if (ok_) deflateEnd(z_.get());
}

Status GzipWriter::Write(std::string_view in, bool last, std::string* out) {
  if (!ok_) return Status::Internal("deflateInit2 failed");
  z_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z_->avail_in = static_cast<uInt>(in.size());
  const int flush = last ? Z_FINISH : Z_SYNC_FLUSH;
  int rc = Z_OK;
  do {
    // Room for all of it at once, in the common case.
    const size_t start = out->size();
    const size_t room = deflateBound(z_.get(), z_->avail_in) + 64;
    out->resize(start + room);
    z_->next_out = reinterpret_cast<Bytef*>(out->data() + start);
    z_->avail_out = static_cast<uInt>(room);
    rc = deflate(z_.get(), flush);
    out->resize(start + room - z_->avail_out);
    if (rc == Z_STREAM_ERROR) return Status::Internal("deflate failed");
  } while (z_->avail_out == 0 || (last && rc != Z_STREAM_END));
  return Status::OK();
}

StatusOr<std::string> Gzip(std::string_view body) {
  GzipWriter writer;
  std::string out;
  BELADDR_RETURN_IF_ERROR(writer.Write(body, true, &out));
  return out;
}

std::string AllowedOrigin(const HttpOptions& options, std::string_view origin) {
  if (options.cors_origins.empty()) return "*";
  const auto it = std::find(options.cors_origins.begin(),
                            options.cors_origins.end(), origin);
  return it == options.cors_origins.end() ? std::string() : std::string(origin);
}

}  // namespace beladdr::server
