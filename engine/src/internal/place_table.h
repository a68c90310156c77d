// The places of an index: municipalities (by NIS code), postcodes with
// their localities, and every place name variant with its trigram lists. A
// part of IndexData (see index_data.h).
//
// Thread safety: immutable after IndexData::Load; the const members may be
// called from any number of threads.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_PLACE_TABLE_H_
#define BELADDR_ENGINE_SRC_INTERNAL_PLACE_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/index/text_map.h"
#include "beladdr/status.h"
#include "internal/lexicon.h"
#include "internal/trigram_index.h"

namespace beladdr::internal {

struct MunicipalityEntry {
  std::string nis;
  uint32_t nis_number = 0;
  std::array<std::string, 3> names;
  std::string language_code;  // N, F, D, FN
  Region region = Region::kUnknown;
  std::vector<uint16_t> postcodes;
};

struct PlaceVariantEntry {
  NameSpan name;
  PlaceKind kind = PlaceKind::kMunicipality;
  uint16_t municipality = 0;
  uint16_t postcode = 0;  // localities only
  std::string text;
};

// The key of a place variant in place_trigrams: its text's length in
// bytes, 255 for longer ones.
inline uint8_t PlaceLengthKey(size_t bytes) {
  return static_cast<uint8_t>(bytes < 255 ? bytes : 255);
}

struct LocalityEntry {
  std::string name_nl;
  std::string name_fr;
  uint16_t municipality = 0;
  bool deelgemeente = false;
};

struct PostcodeEntry {
  std::vector<uint16_t> municipalities;
  std::vector<LocalityEntry> localities;
  bool special = false;
};

class PlaceTable {
 public:
  // Municipalities are indexes into municipalities(), fewer than this (so
  // that a street's place packs into 32 bits; see VariantPlace).
  static constexpr size_t kMaxMunicipalities = 1024;

  // Loading (IndexData::Load), in this order.
  Status LoadMunicipalities(const IndexStore& store);
  Status LoadPostcodes(const IndexStore& store);
  Status LoadVariants(const IndexStore& store, Lexicon* lexicon);
  // After LoadVariants: the trigram lists, by name length.
  Status LoadTrigrams(const IndexStore& store);
  // Once every name is interned: which words occur in place names.
  void Finish(const Lexicon& lexicon);
  // The one-word place names, in variant order (Lexicon::Finish).
  std::vector<OneWordPlace> OneWordPlaces(const Lexicon& lexicon) const;

  // The municipality index of a NIS code; -1 when unknown.
  int MunicipalityIndex(uint32_t nis) const;
  // The municipality index of the NIS code `nis` (text) named by `where`;
  // Corruption when it is no NIS code or an unknown one.
  StatusOr<uint16_t> MunicipalityOf(std::string_view nis,
                                    std::string_view where) const;
  const std::vector<MunicipalityEntry>& municipalities() const {
    return municipalities_;
  }
  // nullptr when unknown.
  const PostcodeEntry* Postcode(uint16_t postcode) const;
  const std::unordered_map<uint16_t, PostcodeEntry>& postcodes() const {
    return postcodes_;
  }
  const std::vector<PlaceVariantEntry>& place_variants() const {
    return variants_;
  }
  // Exact normalized text -> place variants.
  const TextMap<std::vector<uint32_t>>& places_by_text() const {
    return by_text_;
  }
  // Sorted by PlaceLengthKey (TrigramIndex::SortByKey).
  const TrigramIndex& place_trigrams() const { return trigrams_; }
  // True when the word occurs in some place name. A text with another word
  // is no place name, whatever places_by_text() would say.
  bool InPlaceName(WordId w) const { return w != kNoWord && name_words_[w]; }

  void AddMemoryBreakdown(
      std::vector<std::pair<std::string, size_t>>* parts) const;

 private:
  std::vector<MunicipalityEntry> municipalities_;
  std::unordered_map<uint32_t, uint16_t> municipality_by_nis_;
  std::unordered_map<uint16_t, PostcodeEntry> postcodes_;
  std::vector<PlaceVariantEntry> variants_;
  TextMap<std::vector<uint32_t>> by_text_;
  TrigramIndex trigrams_;
  std::vector<bool> name_words_;  // by WordId
};

// "1180" -> 1180; 0 when not 4 ASCII digits.
uint16_t ParsePostcode(std::string_view s);
// 1180 -> "1180" (zero-padded to 4 digits).
std::string FormatPostcode(uint16_t postcode);

// Loads the trigram lists of column family `cf` into *index.
Status LoadTrigramLists(const IndexStore& store, Cf cf, TrigramIndex* index);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_PLACE_TABLE_H_
