#include "internal/index_data.h"

#include <algorithm>

#include "beladdr/index/coding.h"
#include "beladdr/index/normalizer.h"

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

uint16_t ParsePostcode(std::string_view s) {
  if (s.size() != 4) return 0;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return static_cast<uint16_t>(v);
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

std::string FormatPostcode(uint16_t postcode) {
  std::string s = std::to_string(postcode);
  return std::string(4 - std::min<size_t>(4, s.size()), '0') + s;
}

uint64_t Vocabulary::Hash(std::string_view word) {
  // FNV-1a, then a final mix so that the low bits (the slot) and the high
  // bits (the tag) both depend on every byte.
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : word) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

size_t Vocabulary::Probe(std::string_view word, uint64_t hash) const {
  const auto tag = static_cast<uint32_t>(hash >> 32);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].id != kNoWord &&
         (slots_[i].tag != tag || words_[slots_[i].id] != word)) {
    i = (i + 1) & mask;
  }
  return i;
}

void Vocabulary::Grow() {
  const std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  for (const Slot& s : old) {
    if (s.id != kNoWord) slots_[Probe(words_[s.id], Hash(words_[s.id]))] = s;
  }
}

WordId Vocabulary::Intern(std::string_view word) {
  if ((words_.size() + 1) * 2 > slots_.size()) Grow();
  const uint64_t hash = Hash(word);
  Slot& slot = slots_[Probe(word, hash)];
  if (slot.id != kNoWord) return slot.id;
  storage_.emplace_back(word);
  const auto id = static_cast<WordId>(words_.size());
  words_.push_back(storage_.back());
  slot = {static_cast<uint32_t>(hash >> 32), id};
  return id;
}

WordId Vocabulary::Find(std::string_view word) const {
  if (slots_.empty()) return kNoWord;
  return slots_[Probe(word, Hash(word))].id;
}

bool IndexData::StreetInMunicipality(const StreetEntry& s,
                                     uint16_t muni) const {
  if (s.municipality == muni) return true;
  for (uint16_t i = 0; i < s.extra_municipality_count; ++i) {
    if (extra_municipalities[s.extra_municipality_offset + i] == muni) {
      return true;
    }
  }
  return false;
}

int IndexData::MunicipalityIndex(uint32_t nis) const {
  auto it = municipality_by_nis.find(nis);
  return it == municipality_by_nis.end() ? -1 : it->second;
}

const PostcodeEntry* IndexData::Postcode(uint16_t postcode) const {
  auto it = postcodes.find(postcode);
  return it == postcodes.end() ? nullptr : &it->second;
}

NameSpan IndexData::InternName(const std::string& text, LanguageMask langs,
                               uint8_t flags) {
  NameSpan span;
  span.first_word = static_cast<uint32_t>(words.size());
  span.langs = langs;
  span.flags = flags;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) {
      words.push_back(
          vocabulary.Intern(std::string_view(text).substr(i, end - i)));
      ++span.word_count;
    }
    i = end + 1;
  }
  return span;
}

StatusOr<std::unique_ptr<IndexData>> IndexData::Load(const IndexStore& store) {
  std::unique_ptr<IndexData> data(new IndexData());
  BELADDR_RETURN_IF_ERROR(data->LoadDictionary(store));
  BELADDR_RETURN_IF_ERROR(data->LoadMunicipalities(store));
  if (data->municipalities.size() > VariantPlace::kMaxMunicipalities)
    return Corrupt("too many municipalities");
  BELADDR_RETURN_IF_ERROR(data->LoadPostcodes(store));
  BELADDR_RETURN_IF_ERROR(data->LoadStreets(store));
  BELADDR_RETURN_IF_ERROR(data->LoadStreetVariants(store));
  BELADDR_RETURN_IF_ERROR(data->LoadPlaceVariants(store));
  // Grown by appending: no slack kept for the server's lifetime.
  data->streets.shrink_to_fit();
  data->street_variants.shrink_to_fit();
  data->variant_places.shrink_to_fit();
  data->words.shrink_to_fit();
  BELADDR_RETURN_IF_ERROR(
      data->LoadTrigrams(store, Cf::kStreetTrigrams, &data->street_trigrams));
  BELADDR_RETURN_IF_ERROR(
      data->LoadTrigrams(store, Cf::kPlaceTrigrams, &data->place_trigrams));
  // Place lists by name length: a misspelt place name is looked up only
  // among names of about its length.
  std::vector<uint8_t> place_lengths;
  place_lengths.reserve(data->place_variants.size());
  for (const PlaceVariantEntry& p : data->place_variants) {
    place_lengths.push_back(PlaceLengthKey(p.text.size()));
  }
  if (!data->place_trigrams.SortByKey(place_lengths).ok())
    return Corrupt("place trigram lists name an unknown place");

  data->variant_trigrams.reserve(data->street_variants.size());
  for (const StreetVariantEntry& v : data->street_variants) {
    data->variant_trigrams.push_back(
        static_cast<uint8_t>(std::min<uint16_t>(v.trigrams, 255)));
  }
  data->variants_by_compact_name.reserve(data->street_variants.size());
  for (uint32_t v = 0; v < data->street_variants.size(); ++v) {
    data->variants_by_compact_name.emplace_back(
        data->CompactNameHash(data->street_variants[v].name), v);
  }
  std::sort(data->variants_by_compact_name.begin(),
            data->variants_by_compact_name.end());
  data->streets_by_municipality.resize(data->municipalities.size());
  for (uint32_t id = 0; id < data->streets.size(); ++id) {
    const StreetEntry& s = data->streets[id];
    data->streets_by_postcode[s.postcode].push_back(id);
    data->streets_by_municipality[s.municipality].push_back(id);
    for (uint16_t i = 0; i < s.extra_municipality_count; ++i) {
      data->streets_by_municipality
          [data->extra_municipalities[s.extra_municipality_offset + i]]
              .push_back(id);
    }
  }

  // Word -> variants (counting sort over the variants' words).
  data->word_offsets.assign(data->vocabulary.size() + 1, 0);
  for (const StreetVariantEntry& v : data->street_variants) {
    for (WordId w : data->Words(v.name)) ++data->word_offsets[w + 1];
  }
  for (size_t w = 1; w < data->word_offsets.size(); ++w) {
    data->word_offsets[w] += data->word_offsets[w - 1];
  }
  data->word_postings.assign(data->word_offsets.back(), 0);
  {
    std::vector<uint32_t> fill(data->word_offsets.begin(),
                               data->word_offsets.end() - 1);
    for (uint32_t id = 0; id < data->street_variants.size(); ++id) {
      WordId last = kNoWord;
      for (WordId w : data->Words(data->street_variants[id].name)) {
        if (w == last) continue;  // "rue rue": once
        // A word may repeat non-adjacently; keep the list strictly
        // ascending.
        const uint32_t at = fill[w];
        if (at > data->word_offsets[w] && data->word_postings[at - 1] == id)
          continue;
        data->word_postings[at] = id;
        ++fill[w];
        last = w;
      }
    }
    // Lists shorter than counted (repeated words) keep their unused tail
    // at the end of their range; shrink each range to what was filled.
    std::vector<uint32_t> compact;
    compact.reserve(data->word_postings.size());
    std::vector<uint32_t> offsets(data->word_offsets.size(), 0);
    for (size_t w = 0; w + 1 < data->word_offsets.size(); ++w) {
      offsets[w] = static_cast<uint32_t>(compact.size());
      compact.insert(compact.end(),
                     data->word_postings.begin() + data->word_offsets[w],
                     data->word_postings.begin() + fill[w]);
    }
    offsets.back() = static_cast<uint32_t>(compact.size());
    data->word_postings = std::move(compact);
    data->word_offsets = std::move(offsets);
  }

  // Word classes, from the dictionaries the index was built with.
  data->word_class.assign(data->vocabulary.size(), 0);
  for (WordId id = 0; id < data->vocabulary.size(); ++id) {
    const std::string_view w = data->vocabulary.word(id);
    uint8_t c = 0;
    const Dictionary::WordFacts facts = data->dictionary.Facts(w);
    if (facts.stopword != 0) c |= kWordStopword;
    if (facts.street_type != 0) c |= kWordStreetType;
    if (facts.title != 0) c |= kWordTitle;
    if (data->dictionary.CanonicalGivenNameLanguages(w) != 0) {
      c |= kWordGivenName;
    }
    if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z') c |= kWordInitial;
    if (!w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
          return ch >= '0' && ch <= '9';
        })) {
      c |= kWordNumeric;
    }
    data->word_class[id] = c;
  }
  // Words of place names; one-word place names by word id (empty
  // elsewhere) for their one-edit index.
  data->place_name_words.assign(data->vocabulary.size(), false);
  std::vector<std::string_view> one_word_places(data->vocabulary.size());
  for (const PlaceVariantEntry& p : data->place_variants) {
    for (WordId w : data->Words(p.name)) data->place_name_words[w] = true;
    if (p.name.word_count == 1) {
      const WordId w = data->words[p.name.first_word];
      one_word_places[w] = data->vocabulary.word(w);
    }
  }
  data->fuzzy_words.Build(data->vocabulary.words());
  data->fuzzy_place_words.Build(one_word_places, 14);
  // Place concepts: a municipality's current names (Luik, Liège, Lüttich)
  // share one; a locality or a municipality merged away is a place of its
  // own ("Oostham" is not "Tessenderlo").
  const auto base = static_cast<uint32_t>(data->dictionary.concept_count() + 1);
  uint32_t next_own = base + static_cast<uint32_t>(data->municipalities.size());
  std::unordered_map<std::string_view, uint32_t> own_concepts;
  for (const PlaceVariantEntry& p : data->place_variants) {
    if (p.name.word_count != 1) continue;
    const std::string_view text =
        data->vocabulary.word(data->words[p.name.first_word]);
    uint32_t concept_id = 0;
    if (p.kind == PlaceKind::kMunicipality &&
        !(p.name.flags & kVariantPredecessor)) {
      concept_id = base + p.municipality;
    } else {
      auto [it, added] = own_concepts.emplace(text, next_own);
      if (added) ++next_own;
      concept_id = it->second;
    }
    if (concept_id < kTypeWithoutConcept) {
      data->one_word_places.emplace_back(text,
                                         static_cast<uint16_t>(concept_id));
    }
  }
  // A name that is both (a municipality and a locality of it) keeps the
  // municipality's concept: sorted, the smaller id comes first.
  std::sort(data->one_word_places.begin(), data->one_word_places.end());
  data->word_parts.resize(data->vocabulary.size());
  for (WordId id = 0; id < data->vocabulary.size(); ++id) {
    data->word_parts[id] = data->DecomposeWord(data->vocabulary.word(id));
    if (data->word_parts[id].compound()) {
      data->compound_stems.push_back(data->vocabulary.word(id).substr(
          0, data->word_parts[id].stem_length));
    }
  }
  std::sort(data->compound_stems.begin(), data->compound_stems.end());
  data->compound_stems.erase(
      std::unique(data->compound_stems.begin(), data->compound_stems.end()),
      data->compound_stems.end());
  for (StreetVariantEntry& v : data->street_variants) {
    for (WordId w : data->Words(v.name)) {
      const WordParts& parts = data->word_parts[w];
      if (parts.whole != 0) v.concept_bits |= ConceptBit(parts.whole);
      if (parts.stem != 0) v.concept_bits |= ConceptBit(parts.stem);
    }
  }
  return data;
}

uint64_t ConceptBit(uint16_t concept_id) {
  return uint64_t{1} << ((concept_id * 0x9e37u) >> 10 & 63);
}

uint16_t IndexData::PlaceConcept(std::string_view word) const {
  auto exact = [&](std::string_view text) -> int {
    auto it = std::lower_bound(
        one_word_places.begin(), one_word_places.end(), text,
        [](const auto& e, std::string_view t) { return e.first < t; });
    return it != one_word_places.end() && it->first == text ? it->second : -1;
  };
  if (const int m = exact(word); m >= 0) return static_cast<uint16_t>(m);
  // Adjectival forms: "gentse", "aalsterse", "mechelse", "eupener".
  std::string_view stem;
  for (std::string_view suffix : {"sche", "se", "er"}) {
    if (word.size() >= suffix.size() + 4 &&
        word.substr(word.size() - suffix.size()) == suffix) {
      stem = word.substr(0, word.size() - suffix.size());
      break;
    }
  }
  if (stem.empty()) return 0;
  // A place name the stem starts, or that starts with the stem, within
  // three letters ("aalst" for "aalster", "mechelen" for "mechel").
  for (size_t cut = 0; cut <= 3 && stem.size() - cut >= 4; ++cut) {
    if (const int m = exact(stem.substr(0, stem.size() - cut)); m >= 0) {
      return static_cast<uint16_t>(m);
    }
  }
  auto it = std::lower_bound(
      one_word_places.begin(), one_word_places.end(), stem,
      [](const auto& e, std::string_view t) { return e.first < t; });
  if (it != one_word_places.end() && it->first.size() <= stem.size() + 3 &&
      it->first.substr(0, stem.size()) == stem) {
    return it->second;
  }
  return 0;
}

WordParts IndexData::DecomposeWord(std::string_view word) const {
  WordParts parts;
  parts.whole = dictionary.Concept(word);
  if (parts.whole == 0) parts.whole = PlaceConcept(word);
  std::vector<Dictionary::SuffixMatch> suffixes;
  dictionary.CompoundSuffixes(word, &suffixes);
  for (const Dictionary::SuffixMatch& m : suffixes) {
    if (m.abbreviated || m.stem_length > 255) continue;
    const std::string_view stem = word.substr(0, m.stem_length);
    parts.stem_length = static_cast<uint8_t>(m.stem_length);
    parts.type = dictionary.Concept(m.canonical);
    if (parts.type == 0) parts.type = kTypeWithoutConcept;
    // The stem as a word, or without a linking s or e(n): "stations",
    // "kapellen", "schul".
    for (std::string_view s :
         {stem, stem.substr(0, stem.size() - 1),
          stem.size() > 4 ? stem.substr(0, stem.size() - 2) : stem}) {
      if (parts.stem == 0) parts.stem = dictionary.Concept(s);
    }
    if (parts.stem == 0) parts.stem = PlaceConcept(stem);
    break;
  }
  return parts;
}

Status IndexData::LoadDictionary(const IndexStore& store) {
  std::vector<DictionaryFile> files;
  for (Language lang : kAllLanguages) {
    for (const auto& [kind, stem] : Dictionary::Kinds()) {
      DictionaryFile f;
      f.lang = lang;
      f.kind = kind;
      f.name = std::string(LanguageCode(lang)) + "/" + stem + ".txt";
      BELADDR_RETURN_IF_ERROR(
          store.Get(Cf::kDefault, DictionaryMetaKey(lang, stem), &f.content)
              .WithContext("index dictionary " + f.name));
      files.push_back(std::move(f));
    }
  }
  BELADDR_ASSIGN_OR_RETURN(dictionary,
                           Dictionary::Build(files, Normalizer::Default()));
  return Status::OK();
}

Status IndexData::LoadMunicipalities(const IndexStore& store) {
  return store.ForEach(
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
        municipality_by_nis[m.nis_number] =
            static_cast<uint16_t>(municipalities.size());
        municipalities.push_back(std::move(m));
        return Status::OK();
      });
}

Status IndexData::LoadPostcodes(const IndexStore& store) {
  return store.ForEach(Cf::kPostcodes, [&](std::string_view key,
                                           std::string_view value) {
    PostcodeRecord r;
    BELADDR_RETURN_IF_ERROR(DecodePostcodeRecord(value, &r));
    const uint16_t pc = ParsePostcode(key);
    if (pc == 0) return Corrupt("postcode key");
    PostcodeEntry& e = postcodes[pc];
    e.special = r.special;
    for (const std::string& nis : r.nis_codes) {
      BELADDR_ASSIGN_OR_RETURN(const uint32_t number,
                               ParseNis(nis, "postcode " + r.postcode));
      const int m = MunicipalityIndex(number);
      if (m < 0) return Corrupt("postcode " + r.postcode + " names NIS " + nis);
      e.municipalities.push_back(static_cast<uint16_t>(m));
    }
    for (const Locality& l : r.localities) {
      if (l.nis.empty()) continue;
      BELADDR_ASSIGN_OR_RETURN(const uint32_t number,
                               ParseNis(l.nis, "locality " + l.name_nl));
      const int m = MunicipalityIndex(number);
      if (m < 0) return Corrupt("locality names NIS " + l.nis);
      e.localities.push_back({l.name_nl, l.name_fr, static_cast<uint16_t>(m),
                              l.deelgemeente == 1});
    }
    return Status::OK();
  });
}

Status IndexData::LoadStreets(const IndexStore& store) {
  return store.ForEach(
      Cf::kStreets, [&](std::string_view key, std::string_view value) {
        uint32_t id = 0;
        if (!DecodeIdKey(key, &id) || id != streets.size()) {
          return Corrupt("street ids are not dense");
        }
        StreetRecord r;
        BELADDR_RETURN_IF_ERROR(DecodeStreetRecord(value, &r));
        StreetEntry s;
        s.code = street_text.Add(r.code);
        for (size_t l = 0; l < r.names.size(); ++l) {
          s.names[l] = street_text.Add(r.names[l]);
        }
        s.postcode = ParsePostcode(r.postcode);
        s.region = r.region;
        s.house_number_count = r.house_number_count;
        if (s.postcode == 0 || r.nis_codes.empty())
          return Corrupt("street " + std::string(s.code));
        for (size_t i = 0; i < r.nis_codes.size(); ++i) {
          BELADDR_ASSIGN_OR_RETURN(
              const uint32_t number,
              ParseNis(r.nis_codes[i], "street " + std::string(s.code)));
          const int m = MunicipalityIndex(number);
          if (m < 0)
            return Corrupt("street " + std::string(s.code) + " names NIS " +
                           r.nis_codes[i]);
          if (i == 0) {
            s.municipality = static_cast<uint16_t>(m);
            s.extra_municipality_offset =
                static_cast<uint32_t>(extra_municipalities.size());
          } else {
            extra_municipalities.push_back(static_cast<uint16_t>(m));
            ++s.extra_municipality_count;
          }
        }
        streets.push_back(std::move(s));
        return Status::OK();
      });
}

Status IndexData::LoadStreetVariants(const IndexStore& store) {
  std::vector<Trigram> scratch;
  Status s = store.ForEach(
      Cf::kStreetVariants, [&](std::string_view key, std::string_view value) {
        uint32_t id = 0;
        if (!DecodeIdKey(key, &id) || id != street_variants.size()) {
          return Corrupt("street variant ids are not dense");
        }
        StreetVariant v;
        BELADDR_RETURN_IF_ERROR(DecodeStreetVariant(value, &v));
        if (v.street_id >= streets.size()) return Corrupt("variant street id");
        StreetEntry& street = streets[v.street_id];
        if (street.variant_count == 0) {
          street.first_variant = id;
        } else if (street.first_variant + street.variant_count != id) {
          return Corrupt("variants of a street are not contiguous");
        }
        ++street.variant_count;
        StreetVariantEntry e;
        e.name = InternName(v.text, v.langs, v.flags);
        e.street = v.street_id;
        variant_places.emplace_back(street.postcode, street.municipality,
                                    street.extra_municipality_count > 0);
        e.letters = LetterMask(v.text);
        ExtractTrigrams(v.text, &scratch);
        e.trigrams =
            static_cast<uint16_t>(std::min<size_t>(scratch.size(), 0xffff));
        e.trigram_bits = TrigramSignature(scratch);
        street_variants.push_back(e);
        return Status::OK();
      });
  BELADDR_RETURN_IF_ERROR(s);
  for (const StreetEntry& street : streets) {
    if (street.variant_count == 0)
      return Corrupt("street without a name: " + std::string(street.code));
  }
  return Status::OK();
}

Status IndexData::LoadPlaceVariants(const IndexStore& store) {
  return store.ForEach(Cf::kPlaceVariants, [&](std::string_view key,
                                               std::string_view value) {
    uint32_t id = 0;
    if (!DecodeIdKey(key, &id) || id != place_variants.size()) {
      return Corrupt("place variant ids are not dense");
    }
    PlaceVariant v;
    BELADDR_RETURN_IF_ERROR(DecodePlaceVariant(value, &v));
    const int m = MunicipalityIndex(v.nis);
    if (m < 0) return Corrupt("place names NIS " + std::to_string(v.nis));
    PlaceVariantEntry e;
    e.name = InternName(v.text, v.langs, v.flags);
    e.kind = v.kind;
    e.municipality = static_cast<uint16_t>(m);
    e.postcode = v.kind == PlaceKind::kLocality ? ParsePostcode(v.postcode) : 0;
    e.text = v.text;
    places_by_text[v.text].push_back(id);
    place_variants.push_back(std::move(e));
    return Status::OK();
  });
}

Status IndexData::LoadTrigrams(const IndexStore& store, Cf cf,
                               TrigramIndex* index) {
  return store.ForEach(cf, [&](std::string_view key, std::string_view value) {
    Trigram t = 0;
    if (!ParseTrigramKey(key, &t)) return Corrupt("trigram key");
    return index->Add(t, value);
  });
}

uint64_t IndexData::CompactNameHash(const NameSpan& name) const {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the words' bytes
  for (WordId w : Words(name)) {
    for (char c : vocabulary.word(w)) {
      h = (h ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
    }
  }
  return h;
}

bool IndexData::SameCompactText(const NameSpan& a, const NameSpan& b) const {
  const std::span<const WordId> wa = Words(a), wb = Words(b);
  if (std::equal(wa.begin(), wa.end(), wb.begin(), wb.end())) return true;
  // The words' bytes back to back, compared without building them.
  size_t ia = 0, ib = 0;  // word
  size_t ca = 0, cb = 0;  // byte within it
  while (true) {
    while (ia < wa.size() && ca == vocabulary.word(wa[ia]).size()) ++ia, ca = 0;
    while (ib < wb.size() && cb == vocabulary.word(wb[ib]).size()) ++ib, cb = 0;
    if (ia == wa.size() || ib == wb.size()) {
      return ia == wa.size() && ib == wb.size();
    }
    if (vocabulary.word(wa[ia])[ca++] != vocabulary.word(wb[ib])[cb++]) {
      return false;
    }
  }
}

void IndexData::Namesakes(const NameSpan& name,
                          std::vector<uint32_t>* out) const {
  const uint64_t h = CompactNameHash(name);
  auto it = std::lower_bound(variants_by_compact_name.begin(),
                             variants_by_compact_name.end(),
                             std::make_pair(h, uint32_t{0}));
  for (; it != variants_by_compact_name.end() && it->first == h; ++it) {
    // Not a hash collision.
    if (SameCompactText(street_variants[it->second].name, name)) {
      out->push_back(it->second);
    }
  }
}

std::vector<std::pair<std::string, size_t>> IndexData::MemoryBreakdown() const {
  return {
      {"street variants",
       street_variants.capacity() * sizeof(StreetVariantEntry) +
           variant_places.capacity() * 4 + variant_trigrams.capacity() +
           words.capacity() * sizeof(WordId)},
      {"streets",
       streets.capacity() * sizeof(StreetEntry) + street_text.MemoryUsage()},
      {"place variants", place_variants.capacity() * sizeof(PlaceVariantEntry)},
      {"vocabulary", vocabulary.size() * 64},  // words, views, hash slots
      {"word postings",
       word_offsets.capacity() * 4 + word_postings.capacity() * 4},
      {"trigram postings",
       street_trigrams.MemoryUsage() + place_trigrams.MemoryUsage()},
      {"one-edit words",
       fuzzy_words.MemoryUsage() + fuzzy_place_words.MemoryUsage()},
      {"namesakes and stems",
       variants_by_compact_name.capacity() *
               sizeof(variants_by_compact_name[0]) +
           compound_stems.capacity() * sizeof(compound_stems[0])},
  };
}

size_t IndexData::MemoryUsage() const {
  size_t bytes = 0;
  for (const auto& [part, size] : MemoryBreakdown()) bytes += size;
  return bytes;
}

}  // namespace beladdr::internal
