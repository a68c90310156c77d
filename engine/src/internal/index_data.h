// The part of an index that search needs at hand, loaded into memory once
// by Searcher::Open: every name variant as a span of interned words, the
// trigram posting lists, streets, municipalities, postcodes and places.
// House numbers stay in RocksDB.
//
// Thread safety: immutable after Load(); all members may be read from any
// number of threads.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_
#define BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "beladdr/index/dictionary.h"
#include "beladdr/index/index_format.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/index/text_map.h"
#include "beladdr/status.h"
#include "internal/fuzzy_words.h"
#include "internal/trigram_index.h"

namespace beladdr::internal {

using WordId = uint32_t;
inline constexpr WordId kNoWord = 0xffffffffu;

// Word classes (bits), from the dictionaries.
inline constexpr uint8_t kWordStopword = 1;
inline constexpr uint8_t kWordStreetType = 2;
inline constexpr uint8_t kWordTitle = 4;
inline constexpr uint8_t kWordInitial = 8;  // a single letter
inline constexpr uint8_t kWordNumeric = 16;
inline constexpr uint8_t kWordGivenName = 32;  // a canonical given name

// Text kept in blocks that never move, so that the views it hands out stay
// valid for its lifetime (also when it is moved): one allocation per 64 kB
// instead of one per string.
class TextArena {
 public:
  std::string_view Add(std::string_view text);
  size_t MemoryUsage() const { return blocks_.size() * kBlockBytes; }

 private:
  static constexpr size_t kBlockBytes = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = kBlockBytes;      // of the last block
  std::deque<std::string> large_;  // texts longer than a block
};

// Distinct words of every indexed name.
class Vocabulary {
 public:
  WordId Intern(std::string_view word);
  // kNoWord when absent.
  WordId Find(std::string_view word) const;
  std::string_view word(WordId id) const { return words_[id]; }
  size_t size() const { return words_.size(); }
  // Every word, by id.
  const std::vector<std::string_view>& words() const { return words_; }

 private:
  // Open addressing, linear probing, at most half full: a lookup touches
  // one slot (and the word's text only when the hash bits agree), where a
  // node-based map touches a bucket, a node and the text. Queries look
  // words up a few dozen times each, mostly with cold caches.
  struct Slot {
    uint32_t tag = 0;     // high bits of the hash
    WordId id = kNoWord;  // kNoWord: empty
  };
  static uint64_t Hash(std::string_view word);
  // The slot holding `word`, or the empty slot where it would go.
  size_t Probe(std::string_view word, uint64_t hash) const;
  void Grow();

  std::deque<std::string> storage_;  // stable addresses for the views
  std::vector<std::string_view> words_;
  std::vector<Slot> slots_;  // size a power of two
};

// A name variant's words.
struct NameSpan {
  uint32_t first_word = 0;
  uint16_t word_count = 0;
  LanguageMask langs = 0;
  uint8_t flags = 0;  // kVariant*
};

// Where a street variant lies: its street's postcode and primary
// municipality, and whether the street lies in more municipalities. Packed
// in 32 bits (IndexData::variant_places, 600 kB), since candidate
// generation reads it for thousands of variants per query.
class VariantPlace {
 public:
  // Postcodes are below 10,000 (14 bits); municipalities are indexes into
  // IndexData::municipalities, fewer than kMaxMunicipalities (10 bits).
  static constexpr uint32_t kMaxMunicipalities = 1024;

  VariantPlace() = default;
  VariantPlace(uint16_t postcode, uint16_t municipality,
               bool more_municipalities)
      : bits_((uint32_t{postcode} & kPostcodeMask) |
              (uint32_t{municipality} & (kMaxMunicipalities - 1))
                  << kPostcodeBits |
              uint32_t{more_municipalities} << kMoreBit) {}

  uint16_t postcode() const {
    return static_cast<uint16_t>(bits_ & kPostcodeMask);
  }
  uint16_t municipality() const {
    return static_cast<uint16_t>((bits_ >> kPostcodeBits) &
                                 (kMaxMunicipalities - 1));
  }
  bool more_municipalities() const { return (bits_ >> kMoreBit) & 1; }

 private:
  static constexpr uint32_t kPostcodeBits = 14;
  static constexpr uint32_t kPostcodeMask = (1u << kPostcodeBits) - 1;
  static constexpr uint32_t kMoreBit = kPostcodeBits + 10;
  uint32_t bits_ = 0;
};

// Kept small and dense: candidate generation touches thousands per query.
// Its place is in IndexData::variant_places (IndexData::PlaceOf).
struct StreetVariantEntry {
  NameSpan name;
  uint32_t street = 0;
  uint16_t trigrams = 0;      // distinct trigrams of the text
  uint64_t letters = 0;       // LetterMask of the text
  uint64_t trigram_bits = 0;  // TrigramSignature of the text
  uint64_t concept_bits = 0;  // ConceptSignature of its words
};

// One bit per concept (hashed) of the words' whole and stem concepts.
uint64_t ConceptBit(uint16_t concept_id);

// What a word means beyond its letters, for matching across languages and
// street types (the scorer's concept pairs): its concept (a line of
// equivalents.txt, or the municipality it names, also in an adjectival
// form: "gentse", "eupener"), and, for a compound ending in a street type
// ("kirchstrasse"), the concepts of its stem and of that type.
struct WordParts {
  uint16_t whole = 0;
  uint16_t stem = 0;
  uint16_t type = 0;        // kTypeWithoutConcept for a type in no line
  uint8_t stem_length = 0;  // bytes of the stem; 0 when no compound
  bool compound() const { return stem_length > 0; }
};
inline constexpr uint16_t kTypeWithoutConcept = 0xffff;

// Which of a-z and 0-9 occur in `text` (bit i: letter 'a' + i, then digits).
uint64_t LetterMask(std::string_view text);

// A 64-bit signature of a set of trigrams: one bit per trigram (hashed). Two
// texts that share many trigrams share many bits; a cheap filter before an
// alignment.
uint64_t TrigramSignature(const std::vector<Trigram>& trigrams);

// The text views point into IndexData::street_text.
struct StreetEntry {
  std::string_view code;
  std::array<std::string_view, 3> names;  // by Language; "" when none
  uint16_t postcode = 0;
  uint16_t municipality = 0;  // index into IndexData::municipalities
  uint16_t extra_municipality_count = 0;
  uint32_t extra_municipality_offset = 0;  // into extra_municipalities
  Region region = Region::kUnknown;
  uint32_t first_variant = 0;
  uint16_t variant_count = 0;
  uint32_t house_number_count = 0;
};

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

class IndexData {
 public:
  static StatusOr<std::unique_ptr<IndexData>> Load(const IndexStore& store);

  std::span<const WordId> Words(const NameSpan& span) const {
    return std::span<const WordId>(words).subspan(span.first_word,
                                                  span.word_count);
  }
  uint8_t WordClass(WordId id) const { return word_class[id]; }
  // The parts of any word (vocabulary or query; see WordParts).
  WordParts DecomposeWord(std::string_view word) const;
  // The concept of a place name or its adjectival form, 0 when none.
  uint16_t PlaceConcept(std::string_view word) const;
  // True when the street lies in municipality `muni` (primary or other).
  bool StreetInMunicipality(const StreetEntry& s, uint16_t muni) const;
  bool VariantInMunicipality(const StreetVariantEntry& v, uint16_t muni) const {
    const VariantPlace place = PlaceOf(v);
    return place.municipality() == muni ||
           (place.more_municipalities() &&
            StreetInMunicipality(streets[v.street], muni));
  }
  // The place of an entry of street_variants.
  VariantPlace PlaceOf(const StreetVariantEntry& v) const {
    return variant_places[static_cast<size_t>(&v - street_variants.data())];
  }
  // The municipality index of a NIS code; -1 when unknown.
  int MunicipalityIndex(uint32_t nis) const;
  const PostcodeEntry* Postcode(uint16_t postcode) const;
  // Bytes held, by part (estimates of the heap behind each container).
  std::vector<std::pair<std::string, size_t>> MemoryBreakdown() const;
  size_t MemoryUsage() const;  // their sum

  Dictionary dictionary;
  Vocabulary vocabulary;
  std::vector<uint8_t> word_class;    // by WordId
  std::vector<WordParts> word_parts;  // by WordId
  // True when `word` is the stem of a compound name word ("citroen" of
  // Citroenstraat): a word, not two glued ("cit" + "roen").
  bool IsCompoundStem(std::string_view word) const {
    return std::binary_search(compound_stems.begin(), compound_stems.end(),
                              word);
  }
  // The stems of the vocabulary's compounds, sorted, unique.
  std::vector<std::string_view> compound_stems;
  // One-word place names, sorted, with their place concept (PlaceConcept).
  std::vector<std::pair<std::string_view, uint16_t>> one_word_places;
  std::vector<WordId> words;  // the words of all variants, back to back
  std::vector<StreetVariantEntry> street_variants;
  // Per street variant: where it lies.
  std::vector<VariantPlace> variant_places;
  // Per street variant: its distinct trigrams (at most 255), for breaking
  // ties between candidates without touching street_variants.
  std::vector<uint8_t> variant_trigrams;
  bool VariantInMunicipality(uint32_t variant, VariantPlace place,
                             uint16_t muni) const {
    return place.municipality() == muni ||
           (place.more_municipalities() &&
            StreetInMunicipality(streets[street_variants[variant].street],
                                 muni));
  }
  // Street variants by the hash of their words written without spaces
  // (CompactNameHash), sorted: a name's namesakes, "Dikke-Beuklaan" and
  // "Dikkebeuklaan" alike.
  std::vector<std::pair<uint64_t, uint32_t>> variants_by_compact_name;
  uint64_t CompactNameHash(const NameSpan& name) const;
  // The variants whose words, without spaces, equal those of `name`'s
  // (`name`'s own variant included), appended to *out.
  void Namesakes(const NameSpan& name, std::vector<uint32_t>* out) const;
  // True when the two names' words, written without spaces, are the same.
  bool SameCompactText(const NameSpan& a, const NameSpan& b) const;
  std::vector<StreetEntry> streets;
  TextArena street_text;  // the streets' codes and names
  std::vector<uint16_t> extra_municipalities;
  std::vector<MunicipalityEntry> municipalities;
  std::unordered_map<uint32_t, uint16_t> municipality_by_nis;
  std::vector<PlaceVariantEntry> place_variants;
  // By WordId: the word occurs in some place name. A text with another
  // word is no place name, whatever places_by_text would say.
  std::vector<bool> place_name_words;
  bool InPlaceName(WordId w) const {
    return w != kNoWord && place_name_words[w];
  }
  // Exact normalized text -> place variants.
  TextMap<std::vector<uint32_t>> places_by_text;
  std::unordered_map<uint16_t, PostcodeEntry> postcodes;
  // Street variants that contain each word, ascending (CSR layout: the
  // variants of word w are word_postings[word_offsets[w] ..
  // word_offsets[w + 1])).
  std::vector<uint32_t> word_offsets;
  std::vector<uint32_t> word_postings;
  std::span<const uint32_t> VariantsWithWord(WordId w) const {
    return std::span<const uint32_t>(word_postings)
        .subspan(word_offsets[w], word_offsets[w + 1] - word_offsets[w]);
  }
  // Street ids by postcode, and by municipality (primary or other).
  std::unordered_map<uint16_t, std::vector<uint32_t>> streets_by_postcode;
  std::vector<std::vector<uint32_t>> streets_by_municipality;
  TrigramIndex street_trigrams;
  // Sorted by PlaceLengthKey (TrigramIndex::SortByKey).
  TrigramIndex place_trigrams;
  // Words within one edit of a query word (street and place words alike).
  FuzzyWords fuzzy_words;
  // The same over the one-word place names only (ids are still vocabulary
  // ids): what the place matcher asks, without wading through street words.
  FuzzyWords fuzzy_place_words;

 private:
  Status LoadDictionary(const IndexStore& store);
  Status LoadMunicipalities(const IndexStore& store);
  Status LoadPostcodes(const IndexStore& store);
  Status LoadStreets(const IndexStore& store);
  Status LoadStreetVariants(const IndexStore& store);
  Status LoadPlaceVariants(const IndexStore& store);
  Status LoadTrigrams(const IndexStore& store, Cf cf, TrigramIndex* index);
  NameSpan InternName(const std::string& text, LanguageMask langs,
                      uint8_t flags);
};

// "1180" -> 1180; 0 when not 4 ASCII digits.
uint16_t ParsePostcode(std::string_view s);
// 1180 -> "1180" (zero-padded to 4 digits).
std::string FormatPostcode(uint16_t postcode);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_INDEX_DATA_H_
