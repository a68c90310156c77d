// The words of every indexed name and what they mean: the vocabulary, each
// name as a span of interned words, the dictionaries the index was built
// with, each word's class and concepts, and the one-edit indexes over the
// words. A part of IndexData (see index_data.h).
//
// Thread safety: immutable after IndexData::Load; the const members may be
// called from any number of threads.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_LEXICON_H_
#define BELADDR_ENGINE_SRC_INTERNAL_LEXICON_H_

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "beladdr/index/dictionary.h"
#include "beladdr/index/index_format.h"
#include "beladdr/index/rocksdb_store.h"
#include "beladdr/status.h"
#include "internal/fuzzy_words.h"

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

// One bit per concept (hashed) of the words' whole and stem concepts.
uint64_t ConceptBit(uint16_t concept_id);

// A one-word place name, for the lexicon's place concepts.
struct OneWordPlace {
  WordId word = kNoWord;
  // The municipality whose current name it is, or -1: a locality, or a
  // municipality merged away, is a place of its own.
  int municipality = -1;
};

class Lexicon {
 public:
  // Loading (IndexData::Load), in this order.
  Status LoadDictionary(const IndexStore& store);
  NameSpan InternName(std::string_view text, LanguageMask langs, uint8_t flags);
  // Once every name is interned: word classes, concepts and parts, and the
  // one-edit indexes (over all words, and over `places` alone).
  void Finish(const std::vector<OneWordPlace>& places,
              size_t municipality_count);

  const Dictionary& dictionary() const { return dictionary_; }
  const Vocabulary& vocabulary() const { return vocabulary_; }
  std::span<const WordId> Words(const NameSpan& span) const {
    return std::span<const WordId>(words_).subspan(span.first_word,
                                                   span.word_count);
  }
  uint8_t WordClass(WordId id) const { return word_class_[id]; }
  // The parts of a vocabulary word, computed at load.
  const WordParts& Parts(WordId id) const { return word_parts_[id]; }
  // The parts of any word (vocabulary or query; see WordParts).
  WordParts DecomposeWord(std::string_view word) const;
  // The concept of a place name or its adjectival form, 0 when none.
  uint16_t PlaceConcept(std::string_view word) const;
  // True when `word` is the stem of a compound name word ("citroen" of
  // Citroenstraat): a word, not two glued ("cit" + "roen").
  bool IsCompoundStem(std::string_view word) const;
  // The stems of the vocabulary's compounds, sorted, unique.
  const std::vector<std::string_view>& compound_stems() const {
    return compound_stems_;
  }
  // Words within one edit of a query word (street and place words alike).
  const FuzzyWords& fuzzy_words() const { return fuzzy_words_; }
  // The same over the one-word place names only (ids are still vocabulary
  // ids): what the place matcher asks, without wading through street words.
  const FuzzyWords& fuzzy_place_words() const { return fuzzy_place_words_; }
  // A hash of the name's words written without spaces.
  uint64_t CompactNameHash(const NameSpan& name) const;
  // True when the two names' words, written without spaces, are the same.
  bool SameCompactText(const NameSpan& a, const NameSpan& b) const;

  void AddMemoryBreakdown(
      std::vector<std::pair<std::string, size_t>>* parts) const;

 private:
  void ClassifyWords();
  void FindPlaceConcepts(const std::vector<OneWordPlace>& places,
                         size_t municipality_count);
  void DecomposeVocabulary();

  Dictionary dictionary_;
  Vocabulary vocabulary_;
  std::vector<WordId> words_;          // the words of all names, back to back
  std::vector<uint8_t> word_class_;    // by WordId
  std::vector<WordParts> word_parts_;  // by WordId
  std::vector<std::string_view> compound_stems_;
  // One-word place names, sorted, with their place concept (PlaceConcept).
  std::vector<std::pair<std::string_view, uint16_t>> one_word_places_;
  FuzzyWords fuzzy_words_;
  FuzzyWords fuzzy_place_words_;
};

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_LEXICON_H_
