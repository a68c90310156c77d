// The Searcher behind beladdr/searcher.h: the index data in memory, the
// RocksDB store for what is read on demand, and the search pipeline. The
// stages, in the order Rank() runs them:
//
//   1. parse      ParseQuery (query_parser.h): tokens, numbers, postcode,
//                 dictionary readings.
//   2. read       ReadQuery (query_reading.h): place readings, which words
//                 are surely the place, the named scope, place-only.
//   3. candidates CollectMatches (street_tiers.cc), in tiers: the exact
//                 words (ExactCandidates), then typos and compounds
//                 (GenerateCandidates, candidates.h), then the named
//                 place's streets (ScopeCandidates), then the best match's
//                 namesakes (AddNamesakes); when nothing matched in a named
//                 place, a lenient look at its streets.
//   4. score      Scorer (scorer.h), every name of each candidate street.
//   5. decide     best variant per street, or a match below min_score
//                 that stands out (AcceptRescue), house numbers
//                 among near ties (WeighHouseNumbers), place against street
//                 (DecidePlaceOnly); ResolveAddress (resolver.cc) then
//                 decides unique / ambiguous / not found.
//
// Every threshold and weight of these stages is a field of RankingPolicy
// (ranking_policy.h), reachable as EngineOptions::ranking.
//
// Thread safety: immutable after Open(); const methods are thread-safe.

#ifndef BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_
#define BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include "beladdr/index/rocksdb_store.h"
#include "beladdr/searcher.h"
#include "internal/autocomplete.h"
#include "internal/candidates.h"
#include "internal/index_data.h"
#include "internal/query_reading.h"
#include "internal/ranking_policy.h"
#include "internal/scorer.h"

namespace beladdr::internal {

struct EngineOptions {
  // ---- Parameters that affect behaviour ----
  // Every threshold and weight of the ranking. Default: RankingPolicy{}.
  RankingPolicy ranking;
  // ---- Parameters that bound the work per query ----
  // Tier 2 budgets. Default: CandidateOptions{}.
  CandidateOptions candidates;
  // Tier 1 stops after this many streets. Default: 64.
  size_t exact_candidate_limit = 64;
  // Tier 1 skips words in more variants than this ("rue"). Default: 3000.
  size_t exact_list_limit = 3000;
  // The scope scan scores at most this many variants. Default: 500.
  size_t scope_scan_limit = 500;
  // ... and only variants with this share of the signature bits of the
  // query's street words (TrigramSignature). Default: 0.35.
  double scope_trigram_share = 0.35;
  // The lenient last look (tier 5) scores at most this many. Default: 200.
  size_t lenient_scan_limit = 200;
};

// What a search found, before it is turned into the public response.
struct RankedSearch {
  ParsedQuery query;
  QueryReading reading;
  std::vector<StreetMatch> streets;  // best first, above min_score
  bool place_only = false;
  // More streets than were asked for pass the bar (or may: namesakes left
  // unscored); `streets` is cut.
  bool more = false;
};

// The house number (and box) the query gives for a street match: the
// houseNumber field, else the last number the street's name did not use.
void HouseNumberOf(const StreetMatch& m, const ParsedQuery& q,
                   std::string* house_number, std::string* box_number);

// Of `streets` (best first), one match after the first alone reads the
// whole text and the whole of its name (settled_coverage): it moves first,
// level with the best (SearcherImpl::PreferWholeName). False when none or
// several do.
bool WholeNameFirst(const RankingPolicy& policy,
                    std::vector<StreetMatch>* streets);

class SearcherImpl : public Searcher {
 public:
  static StatusOr<std::unique_ptr<SearcherImpl>> Open(
      const std::string& index_dir, const EngineOptions& options = {});

  StatusOr<SearchResponse> SearchAddresses(
      const SearchRequest& request) const override;
  StatusOr<ResolveResponse> ResolveAddress(
      const ResolveRequest& request) const override;
  // The autocompleter's suggestions; when it has none, the full search's
  // answers to the same text. The autocompleter reads every word strictly,
  // so a whole, messy address (typos in several words, glued or split
  // words, box numbers, the place first) needs the search; filling short
  // lists too would cost 4x the median for 0.1 point of recall@5
  // (beladdr-quality autocomplete).
  StatusOr<SearchResponse> AutocompleteAddresses(
      const AutocompleteRequest& request) const override;
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

  // ---- Stage 3 (street_tiers.cc) ----
  // Every street match above min_score, from the tiers in turn. Matches
  // below it that may still be meant go to *rescue (AcceptRescue decides):
  // whole names whose postcode disagrees, and, when nothing matched, the
  // lenient matches in the named place.
  // `wanted`: the streets the caller asks for; *cut is set when namesakes
  // were left unscored beyond them.
  std::vector<StreetMatch> CollectMatches(const ParsedQuery& q,
                                          const QueryReading& reading,
                                          Scorer* scorer, size_t wanted,
                                          std::vector<StreetMatch>* rescue,
                                          bool* cut) const;
  // Tier 1: the streets containing the query's most selective exactly
  // spelt word, in the named place when that leaves any.
  std::vector<uint32_t> ExactCandidates(const ParsedQuery& q,
                                        const QueryReading& reading) const;
  // Stable-sorts `variants` by how many of the query words' lists other
  // than token_words[skip] hold them, most first.
  void OrderByWordsShared(const std::vector<std::vector<WordId>>& token_words,
                          size_t skip, std::vector<uint32_t>* variants) const;
  // The street lists a scope scan walks: the postcode's, then its
  // municipalities'; else the named places'.
  std::vector<const std::vector<uint32_t>*> ScopesOf(
      const ParsedQuery& q, const QueryReading& reading) const;
  // What a variant must share with the query's street words to be scored
  // by a scope scan: a concept, or enough letters and trigrams.
  struct ScanFilter {
    uint64_t concepts = 0;  // ConceptBit of each word's concepts
    uint64_t letters = 0;   // LetterMask of the distinctive words
    int need_letters = 0;
    uint64_t trigrams = 0;  // TrigramSignature of the words and readings
    int need_trigrams = 0;
  };
  ScanFilter ScanFilterOf(const ParsedQuery& q,
                          const QueryReading& reading) const;
  // Tier 4: streets named exactly like the best match, in the scope when
  // there is one, not scored yet (at most RankingPolicy::namesake_limit,
  // or `wanted` when more). Returns true when some were left out.
  bool AddNamesakes(const ParsedQuery& q, const QueryReading& reading,
                    Scorer* scorer, size_t wanted,
                    std::vector<uint32_t>* scored,
                    std::vector<StreetMatch>* matches) const;
  // True when street variant v lies in the query's postcode (or one of its
  // municipalities) or in a place it names.
  bool InScope(const ParsedQuery& q, const QueryReading& reading,
               uint32_t v) const;
  // The variants of the streets of the postcode or places the query names
  // that are not in `done` (sorted), prefiltered by meaning, letters and
  // trigrams; at most `limit`.
  std::vector<uint32_t> ScopeCandidates(const ParsedQuery& q,
                                        const QueryReading& reading,
                                        const std::vector<uint32_t>& done,
                                        size_t limit) const;

  // ---- Stage 5 ----
  // Best variant per street, best street first, at most `max_streets`.
  std::vector<StreetMatch> BestPerStreet(std::vector<StreetMatch> matches,
                                         size_t max_streets) const;
  // The best match below min_score that a person would still pick (a
  // lenient one in the named place, or one whose postcode alone disagrees),
  // when it stands out from the next by scope_margin (see the .cc).
  std::vector<StreetMatch> AcceptRescue(const ParsedQuery& q,
                                        const QueryReading& reading,
                                        std::vector<StreetMatch> rescue) const;
  // A postcode is given and the best match only nearly reads the text,
  // and lies outside the postcode (as every match does) or reads little of
  // its own name: a street whose whole name the text gives, elsewhere, that
  // stands out (AcceptRescue), comes first, level with it. "Onder de Poort,
  // 1980" is the one Onder de Poort, not In de Poort near 1980. When no
  // match lies in the postcode, the one match that reads the whole text
  // and its whole name comes first ("Park de Rode Poort 3018" is the Park
  // in Brugge before Rode Poort near 3018).
  void PreferWholeName(const ParsedQuery& q, const QueryReading& reading,
                       std::vector<StreetMatch> rescue,
                       std::vector<StreetMatch>* streets) const;
  bool FirmScope(const ParsedQuery& q, const QueryReading& reading,
                 const StreetMatch& m) const;
  // House-number evidence among near-tied streets (see the .cc).
  // The street whose StreetCode is `code` (streets are in code order).
  std::optional<uint32_t> StreetByCode(std::string_view code) const;
  // The same evidence for suggestions: among the street suggestions
  // within number_evidence_band of the best, when the whole tie is in
  // `*response` and at most number_evidence_streets long, those whose data
  // lacks the typed house number drop as in WeighHouseNumbers.
  Status WeighSuggestedNumbers(SearchResponse* response) const;
  Status WeighHouseNumbers(const ParsedQuery& q,
                           std::vector<StreetMatch>* streets) const;
  // Whether a query whose words all read as places means the place.
  bool DecidePlaceOnly(const RankedSearch& ranked) const;

  // ---- Answers ----
  void AddMunicipalityResults(const RankedSearch& ranked, size_t limit,
                              SearchResponse* response) const;
  // The language the query was written in (nullopt when undecidable).
  std::optional<Language> DetectedLanguage(const RankedSearch& ranked) const;
  // A street match as a public result, names in `answer_language` (else
  // the language that matched), with the house number the query gave.
  SearchResult StreetResult(const StreetMatch& m, const ParsedQuery& q,
                            std::optional<Language> answer_language) const;

  // ---- ResolveAddress (resolver.cc): by street text, or by StreetCode ----
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
  std::unique_ptr<Autocompleter> autocompleter_;  // over *data_
  IndexInfo info_;
  EngineOptions options_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_SEARCHER_IMPL_H_
