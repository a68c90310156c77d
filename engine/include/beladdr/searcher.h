// beladdr/searcher.h — the search engine.
//
// A Searcher opens an index built by beladdr-import, read-only, and answers
// address searches. Open() loads what the ranking needs into memory (name
// variants, trigram postings, places); house numbers stay in RocksDB and are
// read on demand.
//
// Thread safety: a Searcher is immutable after Open(); SearchAddresses() may
// be called from any number of threads at once.
//
// Example:
//
//   auto searcher = beladdr::Searcher::Open("var/index");
//   if (!searcher.ok()) { ... searcher.status().ToString() ... }
//   beladdr::SearchRequest request;
//   request.query = "chee de waterloo 1180";
//   auto response = (*searcher)->SearchAddresses(request);
//   // response->results[0].street_code == "urbis:13@1180"

#ifndef BELADDR_SEARCHER_H_
#define BELADDR_SEARCHER_H_

#include <memory>
#include <string>

#include "beladdr/address.h"
#include "beladdr/index_info.h"
#include "beladdr/resolve.h"
#include "beladdr/status.h"

namespace beladdr {

class Searcher {
 public:
  // Opens the index in `index_dir`. NotFound when there is none,
  // FailedPrecondition when it has another format version (both messages
  // say how to rebuild it), Corruption when it cannot be read.
  static StatusOr<std::unique_ptr<Searcher>> Open(const std::string& index_dir);

  virtual ~Searcher() = default;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Finds the streets (or, for a query that only names a place, the
  // municipalities) that best match the request, best first.
  // InvalidArgument when the request is empty, a field is too long or not
  // valid UTF-8, the postcode is not 4 digits, or limit is outside 1..100.
  virtual StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const = 0;

  // Resolves a declaration's address to one street, a short list of
  // candidates, or nothing (beladdr/resolve.h). InvalidArgument as for
  // SearchAddresses, and when neither street nor street_code is given.
  virtual StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const = 0;

  // Streets and municipalities that the text typed so far may become,
  // best first (beladdr/address.h: AutocompleteRequest). InvalidArgument
  // when q is empty or too long, the postcode is not 4 digits, or limit is
  // outside 1..100.
  virtual StatusOr<SearchResponse> AutocompleteAddresses(
      const AutocompleteRequest& request) const = 0;

  // Facts about the open index.
  virtual const IndexInfo& info() const = 0;

  // Bytes of memory held by the loaded index (approximate).
  virtual size_t MemoryUsage() const = 0;

 protected:
  Searcher() = default;
};

}  // namespace beladdr

#endif  // BELADDR_SEARCHER_H_
