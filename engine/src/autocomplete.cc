#include "internal/autocomplete.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "beladdr/index/normalizer.h"
#include "internal/results.h"

namespace beladdr::internal {
namespace {

// How well a query word reads a name word (see autocomplete.h).
constexpr float kWhole = 1.0f;
constexpr float kPrefix = 0.9f;
constexpr float kTypo = 0.8f;
constexpr float kTruncated = 0.75f;
// A whole word cut short needs this many letters to be read as such.
constexpr size_t kMinTruncated = 4;
// How much the name's coverage weighs beside the words' readings.
constexpr float kCoverageWeight = 0.15f;
// A word's share of the candidate budget is at least this many variants.
constexpr size_t kMinShare = 4;
// A municipality all of whose words match comes before a street that the
// same words read as well.
constexpr float kMunicipalityBonus = 0.02f;

// "12", "12a", "1180": a house number or a postcode.
bool IsNumber(std::string_view t) {
  size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  return digits > 0 && t.size() - digits <= 2;
}

// The first language of a mask ("Saint-Gilles" is the French and the
// German name: named in French), nullopt for none.
std::optional<Language> FirstLanguage(LanguageMask mask) {
  for (Language l : kAllLanguages) {
    if (MaskHas(mask, l)) return l;
  }
  return std::nullopt;
}

template <typename Key>
float ScoreOf(const std::vector<std::pair<Key, float>>& list, Key key) {
  auto it = std::lower_bound(
      list.begin(), list.end(), key,
      [](const std::pair<Key, float>& e, Key k) { return e.first < k; });
  return it != list.end() && it->first == key ? it->second : 0.0f;
}

// Sorts by key and keeps each key once, with its best score.
template <typename Key>
void Normalize(std::vector<std::pair<Key, float>>* list) {
  std::sort(list->begin(), list->end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  list->erase(std::unique(list->begin(), list->end(),
                          [](const auto& a, const auto& b) {
                            return a.first == b.first;
                          }),
              list->end());
}

}  // namespace

struct Autocompleter::Reading {
  bool optional = false;  // an article or preposition: may go unread
  std::vector<std::pair<WordId, float>> words;             // by id
  std::vector<std::pair<uint16_t, float>> municipalities;  // by index
  std::vector<std::pair<uint16_t, float>> localities;      // by postcode
  // How the word reads each municipality's names (sorted by municipality
  // once read): the languages of the names it matched, how well (kWhole or
  // kPrefix), and the fewest words of such a name (for the municipality as
  // a result: all its words typed cover it whole).
  struct MunicipalityRead {
    uint16_t municipality;
    LanguageMask langs;
    float base;
    uint16_t words;
  };
  std::vector<MunicipalityRead> municipality_reads;
  size_t postings = 0;  // street variants holding one of `words`

  void Merge(const Reading& other) {
    words.insert(words.end(), other.words.begin(), other.words.end());
    municipalities.insert(municipalities.end(), other.municipalities.begin(),
                          other.municipalities.end());
    localities.insert(localities.end(), other.localities.begin(),
                      other.localities.end());
    municipality_reads.insert(municipality_reads.end(),
                              other.municipality_reads.begin(),
                              other.municipality_reads.end());
    Normalize(&words);
    Normalize(&municipalities);
    Normalize(&localities);
    NormalizeReads();
  }

  // One entry per municipality: its languages joined, its best reading.
  void NormalizeReads() {
    auto& v = municipality_reads;
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      if (a.municipality != b.municipality)
        return a.municipality < b.municipality;
      return a.base != b.base ? a.base > b.base : a.words < b.words;
    });
    size_t out = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (out > 0 && v[out - 1].municipality == v[i].municipality) {
        v[out - 1].langs |= v[i].langs;
      } else {
        v[out++] = v[i];
      }
    }
    v.resize(out);
  }

  const MunicipalityRead* ReadOf(uint16_t m) const {
    auto it =
        std::lower_bound(municipality_reads.begin(), municipality_reads.end(),
                         m, [](const MunicipalityRead& e, uint16_t k) {
                           return e.municipality < k;
                         });
    return it != municipality_reads.end() && it->municipality == m ? &*it
                                                                   : nullptr;
  }
};

struct Autocompleter::Scored {
  bool municipality = false;
  uint32_t id = 0;  // street, or municipality index
  float score = 0;
  uint32_t rank = 0;  // importance: higher first
  LanguageMask langs = 0;
};

Autocompleter::Autocompleter(const IndexData& data) : data_(data) {
  const Vocabulary& vocabulary = data.vocabulary();
  by_text_.resize(vocabulary.size());
  for (WordId id = 0; id < by_text_.size(); ++id) by_text_[id] = id;
  std::sort(by_text_.begin(), by_text_.end(), [&](WordId a, WordId b) {
    return vocabulary.word(a) < vocabulary.word(b);
  });
  // Importance: house numbers, then the municipality's size; equal keys
  // share a rank.
  const std::vector<StreetEntry>& streets = data.streets();
  auto key = [&](uint32_t s) {
    return std::make_pair(
        streets[s].house_number_count,
        data.StreetsInMunicipality(streets[s].municipality).size());
  };
  std::vector<uint32_t> order(streets.size());
  for (uint32_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  street_rank_.assign(streets.size(), 0);
  for (size_t i = 0; i < order.size(); ++i) {
    street_rank_[order[i]] = i > 0 && key(order[i]) == key(order[i - 1])
                                 ? street_rank_[order[i - 1]]
                                 : static_cast<uint32_t>(i);
  }
  // Each word's variants, most important street first.
  ranked_offsets_.assign(vocabulary.size() + 1, 0);
  for (WordId w = 0; w < vocabulary.size(); ++w) {
    const auto list = data.VariantsWithWord(w);
    ranked_offsets_[w + 1] =
        ranked_offsets_[w] + static_cast<uint32_t>(list.size());
    ranked_.insert(ranked_.end(), list.begin(), list.end());
    std::stable_sort(ranked_.begin() + ranked_offsets_[w], ranked_.end(),
                     [&](uint32_t a, uint32_t b) {
                       return street_rank_[data.street_variants()[a].street] >
                              street_rank_[data.street_variants()[b].street];
                     });
  }
  // Words of place names, by text: a place is found by its words' prefix.
  for (uint32_t p = 0; p < data.place_variants().size(); ++p) {
    for (WordId w : data.Words(data.place_variants()[p].name)) {
      place_words_.emplace_back(w, p);
    }
  }
  std::sort(place_words_.begin(), place_words_.end(),
            [&](const auto& a, const auto& b) {
              const std::string_view ta = vocabulary.word(a.first);
              const std::string_view tb = vocabulary.word(b.first);
              return ta != tb ? ta < tb : a.second < b.second;
            });
  word_weight_.assign(vocabulary.size(), 0);
  const std::vector<StreetVariantEntry>& variants = data.street_variants();
  for (const StreetVariantEntry& v : variants) {
    for (WordId w : data.Words(v.name)) {
      word_weight_[w] = std::max(word_weight_[w], street_rank_[v.street] + 1);
    }
  }
  by_text_weight_.reserve(by_text_.size());
  for (WordId w : by_text_) by_text_weight_.push_back(word_weight_[w]);
  // The words of every prefix of up to kShortPrefixBytes bytes that starts
  // more than kMaxPrefixWords words, chosen once here rather than at each
  // keystroke ("s" starts a tenth of the vocabulary).
  for (size_t len = 1; len <= kShortPrefixBytes; ++len) {
    for (size_t i = 0; i < by_text_.size();) {
      const std::string_view word = vocabulary.word(by_text_[i]);
      if (word.size() < len) {
        ++i;
        continue;
      }
      const std::string_view prefix = word.substr(0, len);
      const auto [lo, hi] = PrefixRange(prefix);
      if (hi - lo > kMaxPrefixWords) {
        short_prefix_words_.emplace(std::string(prefix),
                                    ChooseWordsStartingWith(prefix));
      }
      i = std::max(hi, i + 1);
    }
  }
}

// The range of by_text_ whose words start with `prefix`.
std::pair<size_t, size_t> Autocompleter::PrefixRange(
    std::string_view prefix) const {
  const Vocabulary& vocabulary = data_.vocabulary();
  auto lo = std::lower_bound(
      by_text_.begin(), by_text_.end(), prefix,
      [&](WordId id, std::string_view p) { return vocabulary.word(id) < p; });
  auto hi = std::upper_bound(
      lo, by_text_.end(), prefix, [&](std::string_view p, WordId id) {
        return p < vocabulary.word(id).substr(0, p.size());
      });
  return {static_cast<size_t>(lo - by_text_.begin()),
          static_cast<size_t>(hi - by_text_.begin())};
}

std::vector<WordId> Autocompleter::WordsStartingWith(
    std::string_view prefix) const {
  if (prefix.size() <= kShortPrefixBytes) {
    const auto it = short_prefix_words_.find(std::string(prefix));
    if (it != short_prefix_words_.end()) return it->second;
  }
  return ChooseWordsStartingWith(prefix);
}

std::vector<WordId> Autocompleter::ChooseWordsStartingWith(
    std::string_view prefix) const {
  const auto [lo, hi] = PrefixRange(prefix);
  std::vector<uint32_t> at;  // positions in by_text_ of street words
  for (size_t i = lo; i < hi; ++i) {
    if (by_text_weight_[i] > 0) at.push_back(static_cast<uint32_t>(i));
  }
  if (at.size() > kMaxPrefixWords) {
    // The most important words; among equals, the first by text.
    std::nth_element(at.begin(), at.begin() + kMaxPrefixWords, at.end(),
                     [&](uint32_t a, uint32_t b) {
                       return by_text_weight_[a] != by_text_weight_[b]
                                  ? by_text_weight_[a] > by_text_weight_[b]
                                  : a < b;
                     });
    at.resize(kMaxPrefixWords);
  }
  std::vector<WordId> words;
  words.reserve(at.size());
  for (uint32_t i : at) words.push_back(by_text_[i]);
  return words;
}

Autocompleter::Reading Autocompleter::Read(std::string_view word,
                                           bool prefix) const {
  Reading r;
  const Vocabulary& vocabulary = data_.vocabulary();
  const Dictionary& dictionary = data_.dictionary();
  if (prefix) {
    for (WordId w : WordsStartingWith(word)) {
      r.words.emplace_back(w, vocabulary.word(w) == word ? kWhole : kPrefix);
    }
  } else {
    r.optional = dictionary.Facts(word).stopword != 0;
    const WordId exact = vocabulary.Find(word);
    if (exact != kNoWord) r.words.emplace_back(exact, kWhole);
    // Abbreviations: "chee" is chaussee, "hoogstr" is hoogstraat.
    std::vector<Dictionary::PhraseMatch> phrases;
    const std::string_view tokens[] = {word};
    dictionary.MatchesAt(tokens, 0, &phrases);
    for (const Dictionary::PhraseMatch& m : phrases) {
      if (m.length != 1 || m.canonical->size() != 1) continue;
      const WordId w = vocabulary.Find(m.canonical->front());
      if (w != kNoWord) r.words.emplace_back(w, kWhole);
    }
    std::vector<Dictionary::SuffixMatch> suffixes;
    dictionary.CompoundSuffixes(word, &suffixes);
    for (const Dictionary::SuffixMatch& m : suffixes) {
      if (!m.abbreviated) continue;
      const std::string full =
          std::string(word.substr(0, m.stem_length)) + std::string(m.canonical);
      const WordId w = vocabulary.Find(full);
      if (w != kNoWord) r.words.emplace_back(w, kWhole);
    }
    std::vector<uint32_t> near;
    data_.fuzzy_words().Find(word, &near);
    for (uint32_t w : near) r.words.emplace_back(w, kTypo);
    if (exact == kNoWord && word.size() >= kMinTruncated) {
      for (WordId w : WordsStartingWith(word)) {
        r.words.emplace_back(w, kTruncated);
      }
    }
  }
  Normalize(&r.words);
  for (const auto& [w, score] : r.words) {
    r.postings += data_.VariantsWithWord(w).size();
  }
  // Places whose names hold the word (or, for a prefix, a word it starts),
  // the more so the fewer words the name has ("Luik" is Liège before
  // "Saint-Nicolas (Luik)").
  auto it = std::lower_bound(place_words_.begin(), place_words_.end(), word,
                             [&](const auto& e, std::string_view t) {
                               return vocabulary.word(e.first) < t;
                             });
  for (; it != place_words_.end(); ++it) {
    const std::string_view text = vocabulary.word(it->first);
    const bool whole = text == word;
    if (!whole && !(prefix && text.starts_with(word))) break;
    const PlaceVariantEntry& p = data_.place_variants()[it->second];
    const float coverage =
        1 - kCoverageWeight +
        kCoverageWeight /
            static_cast<float>(std::max<uint16_t>(p.name.word_count, 1));
    const float base = whole ? kWhole : kPrefix;
    if (p.kind == PlaceKind::kLocality) {
      r.localities.emplace_back(p.postcode, base * coverage);
    } else {
      r.municipalities.emplace_back(p.municipality, base * coverage);
      r.municipality_reads.push_back(
          {p.municipality, p.name.langs, base,
           std::max<uint16_t>(p.name.word_count, 1)});
    }
  }
  Normalize(&r.municipalities);
  Normalize(&r.localities);
  r.NormalizeReads();
  return r;
}

size_t Autocompleter::Anchor(const std::vector<Reading>& readings) {
  size_t anchor = readings.size();
  for (size_t i = 0; i < readings.size(); ++i) {
    const Reading& r = readings[i];
    if (r.optional || r.words.empty()) continue;
    if (anchor == readings.size() || r.postings < readings[anchor].postings)
      anchor = i;
  }
  return anchor;
}

std::vector<uint32_t> Autocompleter::Candidates(
    const std::vector<Reading>& readings) const {
  // Candidates come from the most selective word that must be read.
  const size_t at = Anchor(readings);
  if (at == readings.size()) return {};
  const Reading* anchor = &readings[at];
  std::vector<std::pair<WordId, float>> words = anchor->words;
  std::sort(words.begin(), words.end(), [&](const auto& a, const auto& b) {
    return word_weight_[a.first] > word_weight_[b.first];
  });
  // Each word's most important streets first; a common word ("ru",
  // "straat") gives its share of the budget.
  std::vector<uint32_t> candidates;
  // A prefix that reads more words than it keeps (1 or 2 letters) is
  // answered from its most important streets alone.
  const size_t budget = anchor->words.size() >= kMaxPrefixWords
                            ? kShortPrefixBudget
                            : kCandidateBudget;
  const size_t share =
      std::max(kMinShare, budget / std::max<size_t>(words.size(), 1));
  for (const auto& [w, score] : words) {
    const size_t take =
        std::min<size_t>({ranked_offsets_[w + 1] - ranked_offsets_[w], share,
                          budget - std::min(budget, candidates.size())});
    candidates.insert(candidates.end(), ranked_.begin() + ranked_offsets_[w],
                      ranked_.begin() + ranked_offsets_[w] + take);
    if (candidates.size() >= budget) break;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  return candidates;
}

// "waterstraat roes": the pass above draws the most important streets
// holding the rarest word, which may all lie elsewhere than the place
// another word names (or "roes", rare in street names, anchors it and
// finds no Waterstraat). This pass draws, for a word that names places,
// every street in those places that holds the other word with the fewest
// streets.
std::vector<uint32_t> Autocompleter::PlaceCandidates(
    const std::vector<Reading>& readings) const {
  // The words that name places, those naming the fewest first ("denis" in
  // "rue saint-denis marche-en-fam" names one locality, yet the street is
  // in Marche-en-Famenne: each of the first few is tried).
  std::vector<const Reading*> places;
  for (const Reading& r : readings) {
    if (!r.optional && (!r.municipalities.empty() || !r.localities.empty()))
      places.push_back(&r);
  }
  auto count = [](const Reading* r) {
    return r->municipalities.size() + r->localities.size();
  };
  std::stable_sort(
      places.begin(), places.end(),
      [&](const Reading* a, const Reading* b) { return count(a) < count(b); });
  if (places.size() > kPlacePassTries) places.resize(kPlacePassTries);
  std::vector<uint32_t> out;
  // The name word: one that names no place ("watermolenstraat" rather
  // than "kruibeke" in "watermolenstraat beveren-kruibeke-zwij") unless
  // those hold too many streets ("rue"), then the one with fewest streets.
  auto name_key = [](const Reading& r) {
    const bool second = !r.municipalities.empty() || !r.localities.empty() ||
                        r.postings > kPlacePassPostings;
    return std::make_pair(second, r.postings);
  };
  for (const Reading* place : places) {
    const Reading* name = nullptr;
    for (const Reading& r : readings) {
      if (!r.optional && &r != place && !r.words.empty() &&
          (name == nullptr || name_key(r) < name_key(*name)))
        name = &r;
    }
    if (name == nullptr || name->postings > kPlacePassPostings) continue;
    for (const auto& [w, score] : name->words) {
      for (uint32_t i = ranked_offsets_[w]; i < ranked_offsets_[w + 1]; ++i) {
        const VariantPlace at = data_.PlaceOf(ranked_[i]);
        if (ScoreOf(place->municipalities, at.municipality()) > 0 ||
            ScoreOf(place->localities, at.postcode()) > 0)
          out.push_back(ranked_[i]);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Autocompleter::Scored> Autocompleter::Streets(
    const std::vector<Reading>& readings, uint16_t postcode,
    int municipality) const {
  std::vector<Scored> out =
      Score(Candidates(readings), readings, postcode, municipality, false);
  // The place pass answers only when the first found nothing, and only
  // with streets whose whole name was typed: a street that merely shares
  // a word with the text ("steenweg op vorst, Vorst": every Steenweg of
  // Vorst) is left to the full search.
  if (out.empty()) {
    out = Score(PlaceCandidates(readings), readings, postcode, municipality,
                true);
  }
  return out;
}

std::vector<Autocompleter::Scored> Autocompleter::Score(
    const std::vector<uint32_t>& candidates,
    const std::vector<Reading>& readings, uint16_t postcode, int municipality,
    bool whole_names) const {
  // Candidates are in variant order, and a street's variants are
  // consecutive: its best reading is kept as its variants go by.
  std::vector<Scored> out;
  // The words most likely to reject a candidate are read first: the
  // rarest, and last the anchor, which the first pass's candidates hold.
  // The scores are summed in the text's order whatever the reading order.
  std::vector<size_t> order(readings.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t anchor = Anchor(readings);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_tuple(a == anchor, readings[a].optional,
                           readings[a].postings) <
           std::make_tuple(b == anchor, readings[b].optional,
                           readings[b].postings);
  });
  std::vector<float> read(readings.size());
  for (uint32_t v : candidates) {
    const StreetVariantEntry& variant = data_.street_variants()[v];
    const VariantPlace place = data_.PlaceOf(v);
    if (postcode != 0 && place.postcode() != postcode) continue;
    if (municipality >= 0 &&
        !data_.VariantInMunicipality(v, place,
                                     static_cast<uint16_t>(municipality))) {
      continue;
    }
    const std::span<const WordId> name = data_.Words(variant.name);
    uint32_t covered = 0;  // name words read (bits)
    bool rejected = false;
    for (size_t i : order) {
      const Reading& r = readings[i];
      read[i] = 0;
      float in_name = 0;
      size_t at = 0;
      for (size_t j = 0; j < name.size(); ++j) {
        const float s = ScoreOf(r.words, name[j]);
        if (s > in_name) in_name = s, at = j;
      }
      const float in_place =
          std::max(ScoreOf(r.municipalities, place.municipality()),
                   ScoreOf(r.localities, place.postcode()));
      if (in_name == 0 && in_place == 0) {
        if (r.optional) continue;
        rejected = true;
        break;
      }
      if (in_name >= in_place && at < 32) covered |= 1u << at;
      read[i] = std::max(in_name, in_place);
    }
    if (rejected) continue;
    float total = 0;
    for (float x : read) total += x;
    const float coverage = static_cast<float>(std::popcount(covered)) /
                           static_cast<float>(std::max<size_t>(name.size(), 1));
    if (whole_names && coverage < 1) continue;
    const float score = total / static_cast<float>(readings.size()) *
                        (1 - kCoverageWeight + kCoverageWeight * coverage);
    const Scored scored{false, variant.street, score,
                        street_rank_[variant.street], variant.name.langs};
    if (out.empty() || out.back().id != variant.street) {
      out.push_back(scored);
    } else if (score > out.back().score) {
      out.back() = scored;
    }
  }
  return out;
}

void Autocompleter::AddMunicipalities(const std::vector<Reading>& readings,
                                      int municipality,
                                      std::vector<Scored>* out) const {
  const Reading* first = nullptr;
  for (const Reading& r : readings) {
    if (!r.optional) first = first ? first : &r;
  }
  if (first == nullptr) return;
  for (const auto& [m, score] : first->municipalities) {
    if (municipality >= 0 && m != municipality) continue;
    float total = 0;
    size_t read = 0;
    uint16_t words = UINT16_MAX;  // of the shortest name read
    bool all = true;
    LanguageMask langs = 0;
    for (const Reading& r : readings) {
      const Reading::MunicipalityRead* at = r.ReadOf(m);
      if (at == nullptr) {
        all = all && r.optional;
        continue;
      }
      total += at->base;
      ++read;
      words = std::min(words, at->words);
      langs |= at->langs;
    }
    if (!all) continue;
    // "Saint-Hubert": both words typed cover the name whole, so the
    // municipality comes before "Avenue Saint-Hubert".
    const float coverage =
        std::min(1.0f, static_cast<float>(read) / static_cast<float>(words));
    const float mean = total / static_cast<float>(readings.size()) *
                       (1 - kCoverageWeight + kCoverageWeight * coverage);
    out->push_back(
        {true, m, mean + kMunicipalityBonus,
         static_cast<uint32_t>(data_.StreetsInMunicipality(m).size()), langs});
  }
}

SearchResponse Autocompleter::Answer(std::vector<Scored> scored,
                                     const AutocompleteRequest& request,
                                     const std::string& house_number) const {
  auto name_of = [&](const Scored& s) -> std::string_view {
    if (s.municipality) return data_.municipalities()[s.id].nis;
    return data_.streets()[s.id].code;
  };
  std::sort(scored.begin(), scored.end(),
            [&](const Scored& a, const Scored& b) {
              if (a.score != b.score) return a.score > b.score;
              if (a.rank != b.rank) return a.rank > b.rank;
              return name_of(a) < name_of(b);
            });
  SearchResponse response;
  if (!scored.empty()) {
    response.detected_language = SingleLanguage(scored.front().langs);
  }
  response.answer_language =
      request.language ? request.language : response.detected_language;
  const auto limit = static_cast<size_t>(request.limit);
  response.more = scored.size() > limit;
  if (scored.size() > limit) scored.resize(limit);
  for (const Scored& s : scored) {
    SearchResult r;
    r.score = std::min(1.0, static_cast<double>(s.score));
    if (s.municipality) {
      const MunicipalityEntry& m = data_.municipalities()[s.id];
      r.kind = ResultKind::kMunicipality;
      // Named as typed when the answer has no language of its own.
      r.municipality = MakeMunicipalityRef(m, response.answer_language
                                                  ? response.answer_language
                                                  : FirstLanguage(s.langs));
      for (uint16_t pc : m.postcodes)
        r.post_codes.push_back(FormatPostcode(pc));
      std::sort(r.post_codes.begin(), r.post_codes.end());
    } else {
      const StreetEntry& street = data_.streets()[s.id];
      r.kind = ResultKind::kStreet;
      r.street_code = std::string(street.code);
      for (size_t l = 0; l < street.names.size(); ++l) {
        r.street_names[l] = std::string(street.names[l]);
      }
      r.matched_language = SingleLanguage(s.langs);
      const std::optional<Language> lang = response.answer_language
                                               ? response.answer_language
                                               : r.matched_language;
      r.street_name =
          std::string(NameIn(street.names, lang, r.matched_language));
      r.post_code = FormatPostcode(street.postcode);
      r.municipality = MakeMunicipalityRef(
          data_.municipalities()[street.municipality], lang);
      r.house_number = house_number;
    }
    response.results.push_back(std::move(r));
  }
  return response;
}

StatusOr<SearchResponse> Autocompleter::Complete(
    const AutocompleteRequest& request) const {
  if (request.q.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument("give q: the text typed so far");
  }
  if (request.q.size() > kMaxFieldBytes) {
    return Status::InvalidArgument("q is longer than 1000 bytes");
  }
  if (request.limit < 1 || request.limit > kMaxSearchLimit) {
    return Status::InvalidArgument("limit must be from 1 to 100");
  }
  uint16_t postcode = 0;
  if (!request.post_code.empty()) {
    postcode = ParsePostcode(request.post_code);
    if (postcode == 0) {
      return Status::InvalidArgument("postCode must be 4 digits");
    }
  }
  const Normalizer& normalizer = Normalizer::Default();
  BELADDR_RETURN_IF_ERROR(Normalizer::ValidateUtf8(request.q));
  int municipality = -1;
  if (!request.municipality.empty()) {
    BELADDR_ASSIGN_OR_RETURN(std::string place,
                             normalizer.NormalizeName(request.municipality));
    auto it = data_.places_by_text().find(place);
    if (it == data_.places_by_text().end()) return SearchResponse{};
    municipality = data_.place_variants()[it->second.front()].municipality;
  }
  std::string plain, german;
  BELADDR_RETURN_IF_ERROR(
      normalizer.Fold(request.q, Normalizer::Form::kPlain, &plain));
  BELADDR_RETURN_IF_ERROR(
      normalizer.Fold(request.q, Normalizer::Form::kGerman, &german));
  const std::vector<Token> tokens = Normalizer::Tokenize(plain);
  const std::vector<Token> german_tokens = Normalizer::Tokenize(german);
  const char last = request.q.back();
  const bool open_end =
      (last & 0x80) != 0 || std::isalnum(static_cast<unsigned char>(last));
  std::string house_number;
  std::vector<Reading> readings;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& text = tokens[i].text;
    const bool prefix = open_end && i + 1 == tokens.size();
    if (IsNumber(text)) {
      // Four digits that are a postcode are one, typed whole or not.
      if (postcode == 0 && text.size() == 4 &&
          data_.Postcode(ParsePostcode(text)) != nullptr) {
        postcode = ParsePostcode(text);
      } else if (house_number.empty()) {
        house_number = text;
      }
      continue;
    }
    Reading r = Read(text, prefix);
    if (german_tokens.size() == tokens.size() &&
        german_tokens[i].text != text) {
      r.Merge(Read(german_tokens[i].text, prefix));
    }
    readings.push_back(std::move(r));
  }
  if (readings.empty()) return SearchResponse{};
  std::vector<Scored> scored = Streets(readings, postcode, municipality);
  if (postcode == 0) AddMunicipalities(readings, municipality, &scored);
  return Answer(std::move(scored), request, house_number);
}

}  // namespace beladdr::internal
