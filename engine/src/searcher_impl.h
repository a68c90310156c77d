// The Searcher behind beladdr/searcher.h: the index data in memory, the
// RocksDB store for what is read on demand, and the search pipeline
// ParseQuery -> FindPlaces -> GenerateCandidates -> Scorer -> results.
//
// Thread safety: immutable after Open(); const methods are thread-safe.

#ifndef BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_
#define BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "beladdr/searcher.h"
#include "internal/candidates.h"
#include "internal/index_data.h"
#include "internal/rocksdb_store.h"
#include "internal/scorer.h"

namespace beladdr::internal {

struct EngineOptions {
  // Street results below this score are not returned (see README,
  // "Choosing the threshold").
  double min_score = 0.61;
  CandidateOptions candidates;
  // When no candidate scores this well and the query names a postcode or a
  // place, every street there is scored too (at most scope_scan_limit
  // variants): a typo in a short word ("more straat, 8630" for
  // Moerestraat) may leave too few trigrams to find it otherwise.
  double confident_score = 0.85;
  double certain_score = 0.95;
  // Tier 1 (exact words) settles the search when a street scores this well
  // and explains the whole query.
  double settled_score = 0.93;
  size_t exact_candidate_limit = 64;
  size_t exact_list_limit = 3000;  // longer word lists select nothing
  size_t scope_scan_limit = 500;
  // ... and only variants with this share of the signature bits of the
  // query's street words (TrigramSignature).
  double scope_trigram_share = 0.35;
  // ResolveAddress: a street is the unique match when it scores at least
  // unique_score and beats the next street by unique_margin (README,
  // "Resolving an address", for how these were measured).
  double unique_score = 0.75;
  double unique_margin = 0.05;
};

// What a search found, before it is turned into the public response.
struct RankedSearch {
  ParsedQuery query;
  std::vector<PlaceMatch> places;
  std::vector<StreetMatch> streets;  // best first, above min_score
  bool place_only = false;
};

class SearcherImpl : public Searcher {
 public:
  static StatusOr<std::unique_ptr<SearcherImpl>> Open(
      const std::string& index_dir, const EngineOptions& options = {});

  StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const override;
  StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const override;
  const IndexInfo& info() const override { return info_; }
  size_t MemoryUsage() const override { return data_->MemoryUsage(); }

  // The ranking stage on its own (for ResolveAddress, tests, benchmarks).
  // Returns up to `max_streets` streets, best first.
  StatusOr<RankedSearch> Rank(const SearchRequest& request,
                              size_t max_streets) const;

  const IndexData& data() const { return *data_; }
  const IndexStore& store() const { return *store_; }
  const EngineOptions& options() const { return options_; }

 private:
  SearcherImpl() = default;
  bool IsPlaceOnly(const ParsedQuery& q,
                   const std::vector<PlaceMatch>& places) const;
  // True when one sure place match spans every word of the query.
  bool CoveredByOnePlace(const ParsedQuery& q,
                         const std::vector<PlaceMatch>& places) const;
  // Scores every street of the postcode or places the query names that
  // was not among `scored` (see EngineOptions::confident_score).
  void ScanScope(const ParsedQuery& q, const std::vector<PlaceMatch>& places,
                 const NamedPlaces& named, const std::vector<uint32_t>& done,
                 Scorer* scorer, std::vector<StreetMatch>* matches) const;
  // Tier 1: the streets containing the query's most selective exactly
  // spelt word, in the named place when that leaves any.
  std::vector<uint32_t> ExactCandidates(const ParsedQuery& q,
                                        const std::vector<PlaceMatch>& places,
                                        const NamedPlaces& named) const;
  void AddMunicipalityResults(const RankedSearch& ranked, size_t limit,
                              SearchResponse* response) const;
  // The language the query was written in (nullopt when undecidable).
  std::optional<Language> DetectedLanguage(const RankedSearch& ranked) const;
  // A street match as a public result, names in `answer_language` (else
  // the language that matched), with the house number the query gave.
  SearchResult StreetResult(const StreetMatch& m, const ParsedQuery& q,
                            std::optional<Language> answer_language) const;

  // ResolveAddress (resolver.cc): by street text, or by StreetCode.
  StatusOr<ResolveResponse> ResolveStreet(const ResolveRequest& request) const;
  StatusOr<ResolveResponse> ResolveStreetCode(
      const ResolveRequest& request) const;
  // A street match as a resolved address; adds what contradicts it to
  // *issues when issues is not null.
  StatusOr<ResolvedAddress> Resolved(const StreetMatch& m, const ParsedQuery& q,
                                     std::optional<Language> answer_language,
                                     std::vector<ResolveIssue>* issues) const;
  // Whether the data lists house_number (and box_number, in *box_known)
  // for the street.
  StatusOr<HouseNumberKnown> HouseNumberStatus(uint32_t street,
                                               const std::string& house_number,
                                               const std::string& box_number,
                                               bool* box_known) const;

  std::unique_ptr<IndexStore> store_;
  std::unique_ptr<IndexData> data_;
  IndexInfo info_;
  EngineOptions options_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_
