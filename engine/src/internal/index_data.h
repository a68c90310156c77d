// The part of an index that search needs at hand, loaded into memory once
// by Searcher::Open. It has three parts, each with its own invariants and
// its own loading:
//   Lexicon      every distinct word, each name as a span of words, the
//                dictionaries, word classes and concepts, one-edit indexes;
//   PlaceTable   municipalities, postcodes, place names and their trigrams;
//   StreetTable  streets, their name variants, and the lists that find
//                variants by word, trigram, postcode and municipality.
// IndexData loads them in order (names are interned into the lexicon as the
// tables load; the lexicon is finished once every name is in) and offers
// their read-only members in one place. House numbers stay in RocksDB.
//
// Thread safety: immutable after Load(); all members may be called from
// any number of threads.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_
#define BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "beladdr/index/dictionary.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/index/text_map.h"
#include "beladdr/status.h"
#include "internal/fuzzy_words.h"
#include "internal/lexicon.h"
#include "internal/place_table.h"
#include "internal/street_table.h"
#include "internal/trigram_index.h"

namespace beladdr::internal {

class IndexData {
 public:
  static StatusOr<std::unique_ptr<IndexData>> Load(const IndexStore& store);

  // Words (Lexicon).
  const Dictionary& dictionary() const { return lexicon_.dictionary(); }
  const Vocabulary& vocabulary() const { return lexicon_.vocabulary(); }
  std::span<const WordId> Words(const NameSpan& span) const {
    return lexicon_.Words(span);
  }
  uint8_t WordClass(WordId id) const { return lexicon_.WordClass(id); }
  const WordParts& Parts(WordId id) const { return lexicon_.Parts(id); }
  WordParts DecomposeWord(std::string_view word) const {
    return lexicon_.DecomposeWord(word);
  }
  uint16_t PlaceConcept(std::string_view word) const {
    return lexicon_.PlaceConcept(word);
  }
  bool IsCompoundStem(std::string_view word) const {
    return lexicon_.IsCompoundStem(word);
  }
  const std::vector<std::string_view>& compound_stems() const {
    return lexicon_.compound_stems();
  }
  const FuzzyWords& fuzzy_words() const { return lexicon_.fuzzy_words(); }
  const FuzzyWords& fuzzy_place_words() const {
    return lexicon_.fuzzy_place_words();
  }

  // Places (PlaceTable).
  const std::vector<MunicipalityEntry>& municipalities() const {
    return places_.municipalities();
  }
  int MunicipalityIndex(uint32_t nis) const {
    return places_.MunicipalityIndex(nis);
  }
  const PostcodeEntry* Postcode(uint16_t postcode) const {
    return places_.Postcode(postcode);
  }
  const std::unordered_map<uint16_t, PostcodeEntry>& postcodes() const {
    return places_.postcodes();
  }
  const std::vector<PlaceVariantEntry>& place_variants() const {
    return places_.place_variants();
  }
  const TextMap<std::vector<uint32_t>>& places_by_text() const {
    return places_.places_by_text();
  }
  const TrigramIndex& place_trigrams() const {
    return places_.place_trigrams();
  }
  bool InPlaceName(WordId w) const { return places_.InPlaceName(w); }

  // Streets (StreetTable).
  const std::vector<StreetEntry>& streets() const { return streets_.streets(); }
  const std::vector<StreetVariantEntry>& street_variants() const {
    return streets_.street_variants();
  }
  VariantPlace PlaceOf(uint32_t v) const { return streets_.PlaceOf(v); }
  VariantPlace PlaceOf(const StreetVariantEntry& v) const {
    return streets_.PlaceOf(v);
  }
  uint8_t VariantTrigrams(uint32_t v) const {
    return streets_.VariantTrigrams(v);
  }
  bool StreetInMunicipality(const StreetEntry& s, uint16_t muni) const {
    return streets_.StreetInMunicipality(s, muni);
  }
  bool VariantInMunicipality(uint32_t variant, VariantPlace place,
                             uint16_t muni) const {
    return streets_.VariantInMunicipality(variant, place, muni);
  }
  bool VariantInMunicipality(const StreetVariantEntry& v, uint16_t muni) const {
    return streets_.VariantInMunicipality(v, muni);
  }
  void Namesakes(const NameSpan& name, std::vector<uint32_t>* out) const {
    streets_.Namesakes(lexicon_, name, out);
  }
  std::span<const uint32_t> VariantsWithWord(WordId w) const {
    return streets_.VariantsWithWord(w);
  }
  const std::vector<uint32_t>* StreetsWithPostcode(uint16_t postcode) const {
    return streets_.StreetsWithPostcode(postcode);
  }
  const std::vector<uint32_t>& StreetsInMunicipality(uint16_t muni) const {
    return streets_.StreetsInMunicipality(muni);
  }
  const TrigramIndex& street_trigrams() const {
    return streets_.street_trigrams();
  }

  // Bytes held, by part (estimates of the heap behind each container).
  std::vector<std::pair<std::string, size_t>> MemoryBreakdown() const;
  size_t MemoryUsage() const;  // their sum

 private:
  IndexData() = default;

  Lexicon lexicon_;
  PlaceTable places_;
  StreetTable streets_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_
