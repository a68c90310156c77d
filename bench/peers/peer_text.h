// What a competent engineer puts in front of a generic trigram search (the
// peers of bench/peers): a plain fold of the text, and a light reading of a
// free-text address -- the postcode, the municipality or locality names
// (resolved to postcodes through a place-name table built from data/), and
// what is left for the street once house numbers and box words are gone.
// Deliberately generic: no street-type dictionaries, no compound rules,
// which are beladdr's own.
//
// Thread safety: Fold() is thread-safe; a PlaceTable is immutable once
// loaded.

#ifndef BELADDR_BENCH_PEERS_PEER_TEXT_H_
#define BELADDR_BENCH_PEERS_PEER_TEXT_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/status.h"

namespace beladdr::peers {

// Lower case, accents off (ICU "Any-Latin; Latin-ASCII; Lower", the same
// as PostgreSQL's unaccent + lower for Belgian names), every run of other
// characters one space.
std::string Fold(std::string_view text);

// Folded place name -> its postcodes: municipality names in every language
// with their aliases (data/municipality_names_aliases.csv), and bpost
// localities (data/postal_localities_bpost_2025.csv).
class PlaceTable {
 public:
  Status Load(const std::string& data_dir);
  const std::set<std::string>* Find(const std::string& folded) const;
  // The place name most similar to `folded` by trigrams (pg_trgm's
  // similarity), when at least `min_similarity`; nullptr otherwise.
  const std::set<std::string>* FindSimilar(const std::string& folded,
                                           double min_similarity) const;
  size_t size() const { return postcodes_.size(); }
  // Every (folded name, postcode) pair, for loading a peer's own table.
  std::vector<std::pair<std::string, std::string>> Rows() const;
  // The municipalities (NIS codes) the postcodes lie in (REFNIS 2025 via
  // data/postcode_to_nis_2025.csv): a locality or a postcode named in the
  // text widens to its whole municipality.
  std::vector<std::string> NisOf(
      const std::vector<std::string>& postcodes) const;

 private:
  std::map<std::string, std::set<std::string>> postcodes_;
  std::map<std::string, std::set<std::string>> nis_of_postcode_;
  std::vector<std::pair<std::vector<std::string>, const std::set<std::string>*>>
      trigrams_;
};

struct AnalyzedQuery {
  std::string street;                  // folded, places and numbers removed
  std::vector<std::string> postcodes;  // from the text or from place names
  std::vector<std::string> nis;        // the municipalities of `postcodes`
  bool postcode_in_text = false;
};

// The longest place names (up to 4 words) anywhere in the text are taken
// as places when something else is left for the street; failing that, a
// misspelt place name (trigram similarity >= 0.55) at the start or the end
// of the text. 4-digit numbers are postcodes; other numbers, "12a",
// "bus/bte/boite/box/b" and their numbers house numbers.
AnalyzedQuery Analyze(std::string_view text, const PlaceTable& places);

// A request: its free text through Analyze(); structured fields as
// filters: the street field is the street (house numbers off), the
// postCode and the municipality field (exact, else misspelt) its places.
AnalyzedQuery AnalyzeRequest(const SearchRequest& request,
                             const PlaceTable& places);

}  // namespace beladdr::peers

#endif  // BELADDR_BENCH_PEERS_PEER_TEXT_H_
