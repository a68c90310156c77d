#include "internal/place_table.h"

#include <algorithm>

#include "beladdr/index/coding.h"

namespace beladdr::internal {
namespace {

Status Corrupt(const std::string& what) {
  return Status::Corruption("index: " + what);
}

// A NIS code of the index: five digits; Corruption otherwise (never an
// exception).
StatusOr<uint32_t> ParseNis(std::string_view nis, std::string_view where) {
  uint32_t n = 0;
  bool digits = nis.size() == 5;
  for (char c : nis) {
    digits = digits && c >= '0' && c <= '9';
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  if (!digits) {
    return Corrupt(std::string(where) + " has NIS code '" + std::string(nis) +
                   "'");
  }
  return n;
}

}  // namespace

uint16_t ParsePostcode(std::string_view s) {
  if (s.size() != 4) return 0;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return static_cast<uint16_t>(v);
}

std::string FormatPostcode(uint16_t postcode) {
  std::string s = std::to_string(postcode);
  return std::string(4 - std::min<size_t>(4, s.size()), '0') + s;
}

Status LoadTrigramLists(const IndexStore& store, Cf cf, TrigramIndex* index) {
  return store.ForEach(cf, [&](std::string_view key, std::string_view value) {
    Trigram t = 0;
    if (!ParseTrigramKey(key, &t)) return Corrupt("trigram key");
    return index->Add(t, value);
  });
}

int PlaceTable::MunicipalityIndex(uint32_t nis) const {
  auto it = municipality_by_nis_.find(nis);
  return it == municipality_by_nis_.end() ? -1 : it->second;
}

StatusOr<uint16_t> PlaceTable::MunicipalityOf(std::string_view nis,
                                              std::string_view where) const {
  BELADDR_ASSIGN_OR_RETURN(const uint32_t number, ParseNis(nis, where));
  const int m = MunicipalityIndex(number);
  if (m < 0) {
    return Corrupt(std::string(where) + " names NIS " + std::string(nis));
  }
  return static_cast<uint16_t>(m);
}

const PostcodeEntry* PlaceTable::Postcode(uint16_t postcode) const {
  auto it = postcodes_.find(postcode);
  return it == postcodes_.end() ? nullptr : &it->second;
}

Status PlaceTable::LoadMunicipalities(const IndexStore& store) {
  BELADDR_RETURN_IF_ERROR(store.ForEach(
      Cf::kMunicipalities, [&](std::string_view key, std::string_view value) {
        MunicipalityRecord r;
        BELADDR_RETURN_IF_ERROR(DecodeMunicipalityRecord(value, &r));
        if (r.nis != key || r.nis.size() != 5)
          return Corrupt("municipality key");
        MunicipalityEntry m;
        m.nis = r.nis;
        BELADDR_ASSIGN_OR_RETURN(m.nis_number, ParseNis(r.nis, "municipality"));
        m.names = r.names;
        m.language_code = r.language_code;
        m.region = r.region;
        for (const std::string& pc : r.postcodes) {
          m.postcodes.push_back(ParsePostcode(pc));
        }
        municipality_by_nis_[m.nis_number] =
            static_cast<uint16_t>(municipalities_.size());
        municipalities_.push_back(std::move(m));
        return Status::OK();
      }));
  if (municipalities_.size() > kMaxMunicipalities)
    return Corrupt("too many municipalities");
  return Status::OK();
}

Status PlaceTable::LoadPostcodes(const IndexStore& store) {
  return store.ForEach(Cf::kPostcodes, [&](std::string_view key,
                                           std::string_view value) {
    PostcodeRecord r;
    BELADDR_RETURN_IF_ERROR(DecodePostcodeRecord(value, &r));
    const uint16_t pc = ParsePostcode(key);
    if (pc == 0) return Corrupt("postcode key");
    PostcodeEntry& e = postcodes_[pc];
    e.special = r.special;
    for (const std::string& nis : r.nis_codes) {
      BELADDR_ASSIGN_OR_RETURN(const uint16_t m,
                               MunicipalityOf(nis, "postcode " + r.postcode));
      e.municipalities.push_back(m);
    }
    for (const Locality& l : r.localities) {
      if (l.nis.empty()) continue;
      BELADDR_ASSIGN_OR_RETURN(const uint16_t m,
                               MunicipalityOf(l.nis, "locality " + l.name_nl));
      e.localities.push_back({l.name_nl, l.name_fr, m, l.deelgemeente == 1});
    }
    return Status::OK();
  });
}

Status PlaceTable::LoadVariants(const IndexStore& store, Lexicon* lexicon) {
  return store.ForEach(Cf::kPlaceVariants, [&](std::string_view key,
                                               std::string_view value) {
    uint32_t id = 0;
    if (!DecodeIdKey(key, &id) || id != variants_.size()) {
      return Corrupt("place variant ids are not dense");
    }
    PlaceVariant v;
    BELADDR_RETURN_IF_ERROR(DecodePlaceVariant(value, &v));
    const int m = MunicipalityIndex(v.nis);
    if (m < 0) return Corrupt("place names NIS " + std::to_string(v.nis));
    PlaceVariantEntry e;
    e.name = lexicon->InternName(v.text, v.langs, v.flags);
    e.kind = v.kind;
    e.municipality = static_cast<uint16_t>(m);
    e.postcode = v.kind == PlaceKind::kLocality ? ParsePostcode(v.postcode) : 0;
    e.text = v.text;
    by_text_[v.text].push_back(id);
    variants_.push_back(std::move(e));
    return Status::OK();
  });
}

Status PlaceTable::LoadTrigrams(const IndexStore& store) {
  BELADDR_RETURN_IF_ERROR(
      LoadTrigramLists(store, Cf::kPlaceTrigrams, &trigrams_));
  // Place lists by name length: a misspelt place name is looked up only
  // among names of about its length.
  std::vector<uint8_t> lengths;
  lengths.reserve(variants_.size());
  for (const PlaceVariantEntry& p : variants_) {
    lengths.push_back(PlaceLengthKey(p.text.size()));
  }
  if (!trigrams_.SortByKey(lengths).ok())
    return Corrupt("place trigram lists name an unknown place");
  return Status::OK();
}

void PlaceTable::Finish(const Lexicon& lexicon) {
  name_words_.assign(lexicon.vocabulary().size(), false);
  for (const PlaceVariantEntry& p : variants_) {
    for (WordId w : lexicon.Words(p.name)) name_words_[w] = true;
  }
}

std::vector<OneWordPlace> PlaceTable::OneWordPlaces(
    const Lexicon& lexicon) const {
  std::vector<OneWordPlace> places;
  for (const PlaceVariantEntry& p : variants_) {
    if (p.name.word_count != 1) continue;
    OneWordPlace place;
    place.word = lexicon.Words(p.name)[0];
    if (p.kind == PlaceKind::kMunicipality &&
        !(p.name.flags & kVariantPredecessor)) {
      place.municipality = p.municipality;
    }
    places.push_back(place);
  }
  return places;
}

void PlaceTable::AddMemoryBreakdown(
    std::vector<std::pair<std::string, size_t>>* parts) const {
  parts->emplace_back("place variants",
                      variants_.capacity() * sizeof(PlaceVariantEntry));
  parts->emplace_back("place trigram postings", trigrams_.MemoryUsage());
}

}  // namespace beladdr::internal
