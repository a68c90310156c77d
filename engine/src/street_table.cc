#include "internal/street_table.h"

#include <algorithm>

#include "beladdr/index/coding.h"

namespace beladdr::internal {
namespace {

Status Corrupt(const std::string& what) {
  return Status::Corruption("index: " + what);
}

}  // namespace

std::string_view TextArena::Add(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > kBlockBytes) {
    large_.emplace_back(text);
    return large_.back();
  }
  if (kBlockBytes - used_ < text.size()) {
    blocks_.push_back(std::make_unique<char[]>(kBlockBytes));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::copy(text.begin(), text.end(), at);
  used_ += text.size();
  return {at, text.size()};
}

uint64_t LetterMask(std::string_view text) {
  uint64_t mask = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') mask |= uint64_t{1} << (c - 'a');
    if (c >= '0' && c <= '9') mask |= uint64_t{1} << (26 + c - '0');
  }
  return mask;
}

uint64_t TrigramSignature(const std::vector<Trigram>& trigrams) {
  uint64_t bits = 0;
  for (Trigram t : trigrams)
    bits |= uint64_t{1} << ((t * 0x9E3779B97F4A7C15ull) >> 58);
  return bits;
}

bool StreetTable::StreetInMunicipality(const StreetEntry& s,
                                       uint16_t muni) const {
  if (s.municipality == muni) return true;
  for (uint16_t i = 0; i < s.extra_municipality_count; ++i) {
    if (extra_municipalities_[s.extra_municipality_offset + i] == muni) {
      return true;
    }
  }
  return false;
}

const std::vector<uint32_t>* StreetTable::StreetsWithPostcode(
    uint16_t postcode) const {
  auto it = by_postcode_.find(postcode);
  return it == by_postcode_.end() ? nullptr : &it->second;
}

Status StreetTable::LoadStreets(const IndexStore& store,
                                const PlaceTable& places) {
  BELADDR_RETURN_IF_ERROR(store.ForEach(
      Cf::kStreets, [&](std::string_view key, std::string_view value) {
        uint32_t id = 0;
        if (!DecodeIdKey(key, &id) || id != streets_.size()) {
          return Corrupt("street ids are not dense");
        }
        StreetRecord r;
        BELADDR_RETURN_IF_ERROR(DecodeStreetRecord(value, &r));
        StreetEntry s;
        s.code = text_.Add(r.code);
        for (size_t l = 0; l < r.names.size(); ++l) {
          s.names[l] = text_.Add(r.names[l]);
        }
        s.postcode = ParsePostcode(r.postcode);
        s.region = r.region;
        s.house_number_count = r.house_number_count;
        if (s.postcode == 0 || r.nis_codes.empty())
          return Corrupt("street " + std::string(s.code));
        s.extra_municipality_offset =
            static_cast<uint32_t>(extra_municipalities_.size());
        for (size_t i = 0; i < r.nis_codes.size(); ++i) {
          BELADDR_ASSIGN_OR_RETURN(
              const uint16_t m,
              places.MunicipalityOf(r.nis_codes[i],
                                    "street " + std::string(s.code)));
          if (i == 0) {
            s.municipality = m;
          } else {
            extra_municipalities_.push_back(m);
            ++s.extra_municipality_count;
          }
        }
        streets_.push_back(std::move(s));
        return Status::OK();
      }));
  streets_.shrink_to_fit();  // grown by appending
  return Status::OK();
}

Status StreetTable::LoadVariants(const IndexStore& store, Lexicon* lexicon) {
  std::vector<Trigram> scratch;
  BELADDR_RETURN_IF_ERROR(store.ForEach(
      Cf::kStreetVariants, [&](std::string_view key, std::string_view value) {
        uint32_t id = 0;
        if (!DecodeIdKey(key, &id) || id != variants_.size()) {
          return Corrupt("street variant ids are not dense");
        }
        StreetVariant v;
        BELADDR_RETURN_IF_ERROR(DecodeStreetVariant(value, &v));
        if (v.street_id >= streets_.size()) {
          return Corrupt("variant street id");
        }
        StreetEntry& street = streets_[v.street_id];
        if (street.variant_count == 0) {
          street.first_variant = id;
        } else if (street.first_variant + street.variant_count != id) {
          return Corrupt("variants of a street are not contiguous");
        }
        ++street.variant_count;
        StreetVariantEntry e;
        e.name = lexicon->InternName(v.text, v.langs, v.flags);
        e.street = v.street_id;
        places_.emplace_back(street.postcode, street.municipality,
                             street.extra_municipality_count > 0);
        e.letters = LetterMask(v.text);
        ExtractTrigrams(v.text, &scratch);
        e.trigrams =
            static_cast<uint16_t>(std::min<size_t>(scratch.size(), 0xffff));
        e.trigram_bits = TrigramSignature(scratch);
        variants_.push_back(e);
        return Status::OK();
      }));
  for (const StreetEntry& street : streets_) {
    if (street.variant_count == 0)
      return Corrupt("street without a name: " + std::string(street.code));
  }
  variants_.shrink_to_fit();
  places_.shrink_to_fit();
  return Status::OK();
}

Status StreetTable::LoadTrigrams(const IndexStore& store) {
  return LoadTrigramLists(store, Cf::kStreetTrigrams, &trigrams_);
}

void StreetTable::Finish(const Lexicon& lexicon, size_t municipality_count) {
  variant_trigrams_.reserve(variants_.size());
  by_compact_name_.reserve(variants_.size());
  for (uint32_t v = 0; v < variants_.size(); ++v) {
    variant_trigrams_.push_back(
        static_cast<uint8_t>(std::min<uint16_t>(variants_[v].trigrams, 255)));
    by_compact_name_.emplace_back(lexicon.CompactNameHash(variants_[v].name),
                                  v);
  }
  std::sort(by_compact_name_.begin(), by_compact_name_.end());
  by_municipality_.resize(municipality_count);
  for (uint32_t id = 0; id < streets_.size(); ++id) {
    const StreetEntry& s = streets_[id];
    by_postcode_[s.postcode].push_back(id);
    by_municipality_[s.municipality].push_back(id);
    for (uint16_t i = 0; i < s.extra_municipality_count; ++i) {
      by_municipality_[extra_municipalities_[s.extra_municipality_offset + i]]
          .push_back(id);
    }
  }
  IndexWords(lexicon);
  for (StreetVariantEntry& v : variants_) {
    for (WordId w : lexicon.Words(v.name)) {
      const WordParts& parts = lexicon.Parts(w);
      if (parts.whole != 0) v.concept_bits |= ConceptBit(parts.whole);
      if (parts.stem != 0) v.concept_bits |= ConceptBit(parts.stem);
    }
  }
}

// Word -> variants (counting sort over the variants' words).
void StreetTable::IndexWords(const Lexicon& lexicon) {
  word_offsets_.assign(lexicon.vocabulary().size() + 1, 0);
  for (const StreetVariantEntry& v : variants_) {
    for (WordId w : lexicon.Words(v.name)) ++word_offsets_[w + 1];
  }
  for (size_t w = 1; w < word_offsets_.size(); ++w) {
    word_offsets_[w] += word_offsets_[w - 1];
  }
  word_postings_.assign(word_offsets_.back(), 0);
  std::vector<uint32_t> fill(word_offsets_.begin(), word_offsets_.end() - 1);
  for (uint32_t id = 0; id < variants_.size(); ++id) {
    WordId last = kNoWord;
    for (WordId w : lexicon.Words(variants_[id].name)) {
      if (w == last) continue;  // "rue rue": once
      // A word may repeat non-adjacently; keep the list strictly ascending.
      const uint32_t at = fill[w];
      if (at > word_offsets_[w] && word_postings_[at - 1] == id) continue;
      word_postings_[at] = id;
      ++fill[w];
      last = w;
    }
  }
  // Lists shorter than counted (repeated words) keep their unused tail at
  // the end of their range; shrink each range to what was filled.
  std::vector<uint32_t> compact;
  compact.reserve(word_postings_.size());
  std::vector<uint32_t> offsets(word_offsets_.size(), 0);
  for (size_t w = 0; w + 1 < word_offsets_.size(); ++w) {
    offsets[w] = static_cast<uint32_t>(compact.size());
    compact.insert(compact.end(), word_postings_.begin() + word_offsets_[w],
                   word_postings_.begin() + fill[w]);
  }
  offsets.back() = static_cast<uint32_t>(compact.size());
  word_postings_ = std::move(compact);
  word_offsets_ = std::move(offsets);
}

void StreetTable::Namesakes(const Lexicon& lexicon, const NameSpan& name,
                            std::vector<uint32_t>* out) const {
  const uint64_t h = lexicon.CompactNameHash(name);
  auto it = std::lower_bound(by_compact_name_.begin(), by_compact_name_.end(),
                             std::make_pair(h, uint32_t{0}));
  for (; it != by_compact_name_.end() && it->first == h; ++it) {
    // Not a hash collision.
    if (lexicon.SameCompactText(variants_[it->second].name, name)) {
      out->push_back(it->second);
    }
  }
}

void StreetTable::AddMemoryBreakdown(
    std::vector<std::pair<std::string, size_t>>* parts) const {
  parts->emplace_back("street variants",
                      variants_.capacity() * sizeof(StreetVariantEntry) +
                          places_.capacity() * sizeof(VariantPlace) +
                          variant_trigrams_.capacity());
  parts->emplace_back("streets", streets_.capacity() * sizeof(StreetEntry) +
                                     text_.MemoryUsage() +
                                     extra_municipalities_.capacity() * 2);
  parts->emplace_back("word postings", word_offsets_.capacity() * 4 +
                                           word_postings_.capacity() * 4);
  parts->emplace_back("street trigram postings", trigrams_.MemoryUsage());
  parts->emplace_back(
      "namesakes", by_compact_name_.capacity() * sizeof(by_compact_name_[0]));
}

}  // namespace beladdr::internal
