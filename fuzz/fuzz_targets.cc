#include "fuzz_targets.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "beladdr/api.h"
#include "beladdr/index/normalizer.h"
#include "handler.h"
#include "internal/query_parser.h"
#include "metrics.h"
#include "searcher_impl.h"

namespace beladdr::fuzz {
namespace {

namespace http = boost::beast::http;

std::string& IndexDirSetting() {
  static std::string dir;
  return dir;
}

// The index, opened once per process. A fuzz run without an index is a
// setup error: say so and stop.
const internal::SearcherImpl& Index() {
  static const internal::SearcherImpl* const searcher = [] {
    std::string dir = IndexDirSetting();
    if (dir.empty()) {
      const char* env = std::getenv("BELADDR_FUZZ_INDEX");
      dir = env != nullptr ? env : "var/index";
    }
    auto opened = internal::SearcherImpl::Open(dir);
    if (!opened.ok()) {
      std::fprintf(stderr, "fuzz: cannot open the index %s: %s\n", dir.c_str(),
                   opened.status().ToString().c_str());
      std::abort();
    }
    return std::move(opened).value().release();
  }();
  return *searcher;
}

std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits at '\n': the first piece, then the rest.
std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t end = std::min(text.find('\n', begin), text.size());
    lines.emplace_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

}  // namespace

void SetIndexDir(const std::string& dir) { IndexDirSetting() = dir; }

void Normalizer(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  const internal::Normalizer& n = internal::Normalizer::Default();
  std::string folded;
  const bool valid = internal::Normalizer::ValidateUtf8(text).ok();
  for (const auto form : {internal::Normalizer::Form::kPlain,
                          internal::Normalizer::Form::kGerman}) {
    const Status s = n.Fold(text, form, &folded);
    // Fold accepts exactly the well-formed UTF-8.
    if (s.ok() != valid) std::abort();
    if (!s.ok()) continue;
    for (const char c : folded) {
      // Folded text is lower-case ASCII letters, digits and punctuation.
      if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z'))
        std::abort();
    }
    for (const internal::Token& t : internal::Normalizer::Tokenize(folded)) {
      if (t.text.empty()) std::abort();
    }
  }
  auto name = n.NormalizeName(text);
  if (name.ok()) {
    // Normalising is idempotent.
    auto again = n.NormalizeName(*name);
    if (!again.ok() || *again != *name) std::abort();
  }
  (void)n.HasGermanForm(text);
}

void QueryParser(const uint8_t* data, size_t size) {
  const internal::SearcherImpl& index = Index();
  // One line: free text. Several: query, street, house number, box,
  // postcode, municipality (as a structured request would carry them).
  const std::vector<std::string> lines = Lines(AsText(data, size));
  SearchRequest request;
  std::string* fields[] = {&request.query,        &request.street,
                           &request.house_number, &request.box_number,
                           &request.post_code,    &request.municipality};
  for (size_t i = 0; i < lines.size() && i < std::size(fields); ++i)
    *fields[i] = lines[i];
  auto parsed = internal::ParseQuery(request, index.data());
  if (!parsed.ok()) return;
  request.limit = 5;
  auto found = index.SearchAddresses(request);
  if (!found.ok()) std::abort();  // what parses must search
  if (found->results.size() > 5) std::abort();
  for (const SearchResult& r : found->results) {
    if (!(r.score >= 0 && r.score <= 1)) std::abort();
  }
  ResolveRequest resolve;
  resolve.street = request.street.empty() ? request.query : request.street;
  resolve.house_number = request.house_number;
  resolve.box_number = request.box_number;
  resolve.post_code = request.post_code;
  resolve.municipality = request.municipality;
  resolve.limit = 3;
  if (!resolve.street.empty()) (void)index.ResolveAddress(resolve);
}

void JsonDecoder(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  if (auto search = api::DecodeSearchRequest(text); search.ok()) {
    // What is accepted encodes and decodes to the same request.
    auto again = api::DecodeSearchRequest(api::EncodeSearchRequest(*search));
    if (!again.ok() || again->query != search->query ||
        again->street != search->street ||
        again->municipality != search->municipality ||
        again->limit != search->limit) {
      std::abort();
    }
  }
  if (auto resolve = api::DecodeResolveRequest(text); resolve.ok()) {
    auto again = api::DecodeResolveRequest(api::EncodeResolveRequest(*resolve));
    if (!again.ok() || again->street != resolve->street ||
        again->street_code != resolve->street_code ||
        again->limit != resolve->limit) {
      std::abort();
    }
  }
  // The same bytes as a request target's query string.
  auto params = server::QueryParams("/SearchAddresses?" + std::string(text));
  if (params.ok()) {
    (void)api::SearchRequestFromParams(*params);
    (void)api::ResolveRequestFromParams(*params);
  }
}

void HttpHandler(const uint8_t* data, size_t size) {
  static server::Metrics* const metrics = [] {
    auto* m = new server::Metrics();
    m->SetIndex(Index().info());
    return m;
  }();
  static const server::Handler handler(&Index(), metrics, nullptr);
  // Several requests may follow each other (pipelining): answer each one
  // the parser completes, as a session would; the end of the input is the
  // end of the stream.
  boost::asio::const_buffer input(data, size);
  while (input.size() > 0) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(api::kMaxBodyBytes);
    parser.header_limit(8 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      const size_t used = parser.put(input, ec);
      input += used;
      if (ec == http::error::need_more) {
        if (used > 0 && input.size() > 0) continue;
        return;  // the stream ended inside a request: nothing to answer
      }
      if (ec) {
        const int status = ec == http::error::body_limit     ? 413
                           : ec == http::error::header_limit ? 431
                                                             : 400;
        const server::Response res =
            handler.TransportError(status, ec.message());
        if (res.result_int() != static_cast<unsigned>(status)) std::abort();
        return;
      }
      if (used == 0) return;
    }
    const server::Response res = handler.Handle(parser.get());
    const unsigned code = res.result_int();
    if (code < 200 || code >= 600) std::abort();
    // A 500 is a bug: the handler answers every request it can parse.
    if (code >= 500 && code != 503) std::abort();
  }
}

Target FindTarget(std::string_view name) {
  if (name == "normalizer") return &Normalizer;
  if (name == "query_parser") return &QueryParser;
  if (name == "json_decoder") return &JsonDecoder;
  if (name == "handler") return &HttpHandler;
  return nullptr;
}

}  // namespace beladdr::fuzz
