#include "internal/lexicon.h"

#include <algorithm>
#include <unordered_map>

#include "beladdr/index/normalizer.h"

namespace beladdr::internal {

uint64_t ConceptBit(uint16_t concept_id) {
  return uint64_t{1} << ((concept_id * 0x9e37u) >> 10 & 63);
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

Status Lexicon::LoadDictionary(const IndexStore& store) {
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
  BELADDR_ASSIGN_OR_RETURN(dictionary_,
                           Dictionary::Build(files, Normalizer::Default()));
  return Status::OK();
}

NameSpan Lexicon::InternName(std::string_view text, LanguageMask langs,
                             uint8_t flags) {
  NameSpan span;
  span.first_word = static_cast<uint32_t>(words_.size());
  span.langs = langs;
  span.flags = flags;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) {
      words_.push_back(vocabulary_.Intern(text.substr(i, end - i)));
      ++span.word_count;
    }
    i = end + 1;
  }
  return span;
}

void Lexicon::Finish(const std::vector<OneWordPlace>& places,
                     size_t municipality_count) {
  words_.shrink_to_fit();  // grown by appending
  ClassifyWords();
  std::vector<std::string_view> place_words(vocabulary_.size());
  for (const OneWordPlace& p : places) {
    place_words[p.word] = vocabulary_.word(p.word);
  }
  fuzzy_words_.Build(vocabulary_.words());
  fuzzy_place_words_.Build(place_words, 14);
  FindPlaceConcepts(places, municipality_count);
  DecomposeVocabulary();
}

// Word classes, from the dictionaries the index was built with.
void Lexicon::ClassifyWords() {
  word_class_.assign(vocabulary_.size(), 0);
  for (WordId id = 0; id < vocabulary_.size(); ++id) {
    const std::string_view w = vocabulary_.word(id);
    uint8_t c = 0;
    const Dictionary::WordFacts facts = dictionary_.Facts(w);
    if (facts.stopword != 0) c |= kWordStopword;
    if (facts.street_type != 0) c |= kWordStreetType;
    if (facts.title != 0) c |= kWordTitle;
    if (dictionary_.CanonicalGivenNameLanguages(w) != 0) c |= kWordGivenName;
    if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z') c |= kWordInitial;
    if (!w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
          return ch >= '0' && ch <= '9';
        })) {
      c |= kWordNumeric;
    }
    word_class_[id] = c;
  }
}

// Place concepts: a municipality's current names (Luik, Liège, Lüttich)
// share one; a locality or a municipality merged away is a place of its
// own ("Oostham" is not "Tessenderlo").
void Lexicon::FindPlaceConcepts(const std::vector<OneWordPlace>& places,
                                size_t municipality_count) {
  const auto base = static_cast<uint32_t>(dictionary_.concept_count() + 1);
  uint32_t next_own = base + static_cast<uint32_t>(municipality_count);
  std::unordered_map<std::string_view, uint32_t> own_concepts;
  for (const OneWordPlace& p : places) {
    const std::string_view text = vocabulary_.word(p.word);
    uint32_t concept_id = 0;
    if (p.municipality >= 0) {
      concept_id = base + static_cast<uint32_t>(p.municipality);
    } else {
      auto [it, added] = own_concepts.emplace(text, next_own);
      if (added) ++next_own;
      concept_id = it->second;
    }
    if (concept_id < kTypeWithoutConcept) {
      one_word_places_.emplace_back(text, static_cast<uint16_t>(concept_id));
    }
  }
  // A name that is both (a municipality and a locality of it) keeps the
  // municipality's concept: sorted, the smaller id comes first.
  std::sort(one_word_places_.begin(), one_word_places_.end());
}

void Lexicon::DecomposeVocabulary() {
  word_parts_.resize(vocabulary_.size());
  for (WordId id = 0; id < vocabulary_.size(); ++id) {
    word_parts_[id] = DecomposeWord(vocabulary_.word(id));
    if (word_parts_[id].compound()) {
      compound_stems_.push_back(
          vocabulary_.word(id).substr(0, word_parts_[id].stem_length));
    }
  }
  std::sort(compound_stems_.begin(), compound_stems_.end());
  compound_stems_.erase(
      std::unique(compound_stems_.begin(), compound_stems_.end()),
      compound_stems_.end());
}

bool Lexicon::IsCompoundStem(std::string_view word) const {
  return std::binary_search(compound_stems_.begin(), compound_stems_.end(),
                            word);
}

uint16_t Lexicon::PlaceConcept(std::string_view word) const {
  auto exact = [&](std::string_view text) -> int {
    auto it = std::lower_bound(
        one_word_places_.begin(), one_word_places_.end(), text,
        [](const auto& e, std::string_view t) { return e.first < t; });
    return it != one_word_places_.end() && it->first == text ? it->second : -1;
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
      one_word_places_.begin(), one_word_places_.end(), stem,
      [](const auto& e, std::string_view t) { return e.first < t; });
  if (it != one_word_places_.end() && it->first.size() <= stem.size() + 3 &&
      it->first.substr(0, stem.size()) == stem) {
    return it->second;
  }
  return 0;
}

WordParts Lexicon::DecomposeWord(std::string_view word) const {
  WordParts parts;
  parts.whole = dictionary_.Concept(word);
  if (parts.whole == 0) parts.whole = PlaceConcept(word);
  std::vector<Dictionary::SuffixMatch> suffixes;
  dictionary_.CompoundSuffixes(word, &suffixes);
  for (const Dictionary::SuffixMatch& m : suffixes) {
    if (m.abbreviated || m.stem_length > 255) continue;
    const std::string_view stem = word.substr(0, m.stem_length);
    parts.stem_length = static_cast<uint8_t>(m.stem_length);
    parts.type = dictionary_.Concept(m.canonical);
    if (parts.type == 0) parts.type = kTypeWithoutConcept;
    // The stem as a word, or without a linking s or e(n): "stations",
    // "kapellen", "schul".
    for (std::string_view s :
         {stem, stem.substr(0, stem.size() - 1),
          stem.size() > 4 ? stem.substr(0, stem.size() - 2) : stem}) {
      if (parts.stem == 0) parts.stem = dictionary_.Concept(s);
    }
    if (parts.stem == 0) parts.stem = PlaceConcept(stem);
    break;
  }
  return parts;
}

uint64_t Lexicon::CompactNameHash(const NameSpan& name) const {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the words' bytes
  for (WordId w : Words(name)) {
    for (char c : vocabulary_.word(w)) {
      h = (h ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
    }
  }
  return h;
}

bool Lexicon::SameCompactText(const NameSpan& a, const NameSpan& b) const {
  const std::span<const WordId> wa = Words(a), wb = Words(b);
  if (std::equal(wa.begin(), wa.end(), wb.begin(), wb.end())) return true;
  // The words' bytes back to back, compared without building them.
  size_t ia = 0, ib = 0;  // word
  size_t ca = 0, cb = 0;  // byte within it
  while (true) {
    while (ia < wa.size() && ca == vocabulary_.word(wa[ia]).size()) {
      ++ia, ca = 0;
    }
    while (ib < wb.size() && cb == vocabulary_.word(wb[ib]).size()) {
      ++ib, cb = 0;
    }
    if (ia == wa.size() || ib == wb.size()) {
      return ia == wa.size() && ib == wb.size();
    }
    if (vocabulary_.word(wa[ia])[ca++] != vocabulary_.word(wb[ib])[cb++]) {
      return false;
    }
  }
}

void Lexicon::AddMemoryBreakdown(
    std::vector<std::pair<std::string, size_t>>* parts) const {
  parts->emplace_back("name words", words_.capacity() * sizeof(WordId));
  // Words, views, hash slots, classes and parts.
  parts->emplace_back("vocabulary", vocabulary_.size() * 64);
  parts->emplace_back("one-edit words", fuzzy_words_.MemoryUsage() +
                                            fuzzy_place_words_.MemoryUsage());
  parts->emplace_back("compound stems",
                      compound_stems_.capacity() * sizeof(compound_stems_[0]));
}

}  // namespace beladdr::internal
