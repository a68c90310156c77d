// The streets of an index: each street with its code, names and places,
// each of its name variants (kept small and dense for candidate
// generation), and the posting lists that find variants by word, by
// trigram, by postcode and by municipality. A part of IndexData (see
// index_data.h). House numbers stay in RocksDB.
//
// Thread safety: immutable after IndexData::Load; the const members may be
// called from any number of threads.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_STREET_TABLE_H_
#define BELADDR_ENGINE_SRC_INTERNAL_STREET_TABLE_H_

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/status.h"
#include "internal/lexicon.h"
#include "internal/place_table.h"
#include "internal/trigram_index.h"

namespace beladdr::internal {

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

// Where a street variant lies: its street's postcode and primary
// municipality, and whether the street lies in more municipalities. Packed
// in 32 bits (600 kB for all variants), since candidate generation reads it
// for thousands of variants per query.
class VariantPlace {
 public:
  VariantPlace() = default;
  VariantPlace(uint16_t postcode, uint16_t municipality,
               bool more_municipalities)
      : bits_((uint32_t{postcode} & kPostcodeMask) |
              (uint32_t{municipality} & kMunicipalityMask) << kPostcodeBits |
              uint32_t{more_municipalities} << kMoreBit) {}

  uint16_t postcode() const {
    return static_cast<uint16_t>(bits_ & kPostcodeMask);
  }
  uint16_t municipality() const {
    return static_cast<uint16_t>((bits_ >> kPostcodeBits) & kMunicipalityMask);
  }
  bool more_municipalities() const { return (bits_ >> kMoreBit) & 1; }

 private:
  // Postcodes are below 10,000 (14 bits); municipalities are fewer than
  // PlaceTable::kMaxMunicipalities (10 bits).
  static constexpr uint32_t kPostcodeBits = 14;
  static constexpr uint32_t kPostcodeMask = (1u << kPostcodeBits) - 1;
  static constexpr uint32_t kMunicipalityMask =
      PlaceTable::kMaxMunicipalities - 1;
  static constexpr uint32_t kMoreBit = kPostcodeBits + 10;
  static_assert(PlaceTable::kMaxMunicipalities == 1u << 10);
  uint32_t bits_ = 0;
};

// Kept small and dense: candidate generation touches thousands per query.
// Its place is StreetTable::PlaceOf.
struct StreetVariantEntry {
  NameSpan name;
  uint32_t street = 0;
  uint16_t trigrams = 0;      // distinct trigrams of the text
  uint64_t letters = 0;       // LetterMask of the text
  uint64_t trigram_bits = 0;  // TrigramSignature of the text
  uint64_t concept_bits = 0;  // ConceptSignature of its words
};

// Which of a-z and 0-9 occur in `text` (bit i: letter 'a' + i, then digits).
uint64_t LetterMask(std::string_view text);

// A 64-bit signature of a set of trigrams: one bit per trigram (hashed). Two
// texts that share many trigrams share many bits; a cheap filter before an
// alignment.
uint64_t TrigramSignature(const std::vector<Trigram>& trigrams);

// The text views point into the table's own arena.
struct StreetEntry {
  std::string_view code;
  std::array<std::string_view, 3> names;  // by Language; "" when none
  uint16_t postcode = 0;
  uint16_t municipality = 0;  // index into PlaceTable::municipalities()
  uint16_t extra_municipality_count = 0;
  uint32_t extra_municipality_offset = 0;  // of StreetInMunicipality
  Region region = Region::kUnknown;
  uint32_t first_variant = 0;
  uint16_t variant_count = 0;
  uint32_t house_number_count = 0;
};

class StreetTable {
 public:
  // Loading (IndexData::Load), in this order.
  Status LoadStreets(const IndexStore& store, const PlaceTable& places);
  Status LoadVariants(const IndexStore& store, Lexicon* lexicon);
  Status LoadTrigrams(const IndexStore& store);
  // Once the lexicon is finished: the lists by word, place and name, and
  // each variant's concept bits.
  void Finish(const Lexicon& lexicon, size_t municipality_count);

  const std::vector<StreetEntry>& streets() const { return streets_; }
  const std::vector<StreetVariantEntry>& street_variants() const {
    return variants_;
  }
  // The place of variant `v`, from the packed list.
  VariantPlace PlaceOf(uint32_t v) const { return places_[v]; }
  VariantPlace PlaceOf(const StreetVariantEntry& v) const {
    return places_[static_cast<size_t>(&v - variants_.data())];
  }
  // Distinct trigrams of variant `v` (at most 255), for breaking ties
  // between candidates without touching street_variants().
  uint8_t VariantTrigrams(uint32_t v) const { return variant_trigrams_[v]; }
  // True when the street lies in municipality `muni` (primary or other).
  bool StreetInMunicipality(const StreetEntry& s, uint16_t muni) const;
  bool VariantInMunicipality(uint32_t variant, VariantPlace place,
                             uint16_t muni) const {
    return place.municipality() == muni ||
           (place.more_municipalities() &&
            StreetInMunicipality(streets_[variants_[variant].street], muni));
  }
  bool VariantInMunicipality(const StreetVariantEntry& v, uint16_t muni) const {
    return VariantInMunicipality(static_cast<uint32_t>(&v - variants_.data()),
                                 PlaceOf(v), muni);
  }
  // The variants whose words, without spaces, equal those of `name`'s
  // (`name`'s own variant included; "Dikke-Beuklaan" and "Dikkebeuklaan"
  // alike), appended to *out.
  void Namesakes(const Lexicon& lexicon, const NameSpan& name,
                 std::vector<uint32_t>* out) const;
  // Street variants that contain word `w`, ascending.
  std::span<const uint32_t> VariantsWithWord(WordId w) const {
    return std::span<const uint32_t>(word_postings_)
        .subspan(word_offsets_[w], word_offsets_[w + 1] - word_offsets_[w]);
  }
  // Street ids by postcode (nullptr when none), and by municipality
  // (primary or other).
  const std::vector<uint32_t>* StreetsWithPostcode(uint16_t postcode) const;
  const std::vector<uint32_t>& StreetsInMunicipality(uint16_t muni) const {
    return by_municipality_[muni];
  }
  const TrigramIndex& street_trigrams() const { return trigrams_; }

  void AddMemoryBreakdown(
      std::vector<std::pair<std::string, size_t>>* parts) const;

 private:
  void IndexWords(const Lexicon& lexicon);

  std::vector<StreetEntry> streets_;
  TextArena text_;  // the streets' codes and names
  std::vector<uint16_t> extra_municipalities_;
  std::vector<StreetVariantEntry> variants_;
  std::vector<VariantPlace> places_;       // by variant
  std::vector<uint8_t> variant_trigrams_;  // by variant
  // Variants by Lexicon::CompactNameHash of their names, sorted.
  std::vector<std::pair<uint64_t, uint32_t>> by_compact_name_;
  // Variants by word (CSR layout: the variants of word w are
  // word_postings_[word_offsets_[w] .. word_offsets_[w + 1])).
  std::vector<uint32_t> word_offsets_;
  std::vector<uint32_t> word_postings_;
  std::unordered_map<uint16_t, std::vector<uint32_t>> by_postcode_;
  std::vector<std::vector<uint32_t>> by_municipality_;
  TrigramIndex trigrams_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_STREET_TABLE_H_
