// Abbreviation and variant dictionaries, per language, read from plain-text
// files data/dictionaries/{nl,fr,de}/{street_types,titles,stopwords,
// given_names}.txt.
//
// File format (UTF-8, '#' starts a comment, blank lines ignored):
//   street_types.txt, titles.txt, given_names.txt: canonical|variant|...
//       e.g. "steenweg|stwg|stw", "philippe|ph|filip". Every phrase is folded
//       with the Normalizer, so "chaussée|chée" and "chaussee|chee" are the
//       same line. A variant may map to several canonicals ("kon" -> koning,
//       koningin).
//   stopwords.txt: one word per line (articles, prepositions).
//
// The importer stores the files' text in the index, and the engine builds
// its Dictionary from that copy: index and query always use the same rules.
//
// Index side: ExpandName() rewrites abbreviations in a name of a known
// language into full forms ("o l vrouwstraat" -> "onze lieve vrouwstraat");
// given names are left as the name writes them (their readings are the
// query's business: "ph" -> philippe, "jean" -> jan).
// Equivalents (equivalents.txt, "eglise|kerk|kirche") are no readings: the
// words of a line, in all three files, form one concept (Concept()), which
// the scorer matches across languages with a lower similarity.
//
// Query side (language unknown): MatchesAt() lists every expansion, in any
// language, of the phrase starting at a token; CompoundSuffixes() finds
// street-type words glued to the end of Dutch/German compounds ("kerkstr").
//
// Thread safety: immutable after Build(); const methods are thread-safe.

#ifndef BELADDR_INDEX_DICTIONARY_H_
#define BELADDR_INDEX_DICTIONARY_H_

#include <bitset>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "beladdr/index/normalizer.h"
#include "beladdr/index/text_map.h"
#include "beladdr/language.h"
#include "beladdr/status.h"

namespace beladdr::internal {

enum class DictionaryKind : uint8_t {
  kStreetTypes,
  kTitles,
  kStopwords,
  kGivenNames,
  kEquivalents,
};

// The raw text of one dictionary file.
struct DictionaryFile {
  Language lang = Language::kNl;
  DictionaryKind kind = DictionaryKind::kStreetTypes;
  std::string name;     // for messages, e.g. "nl/street_types.txt"
  std::string content;  // the file's bytes
};

class Dictionary {
 public:
  // The file names expected in each language folder.
  static const std::vector<std::pair<DictionaryKind, std::string>>& Kinds();

  // Reads <dir>/<lang>/<kind>.txt for every language and kind. A missing
  // file is an error naming its path.
  static StatusOr<std::vector<DictionaryFile>> ReadDirectory(
      const std::string& dir);

  // Parses the files. Errors name "file:line: reason".
  static StatusOr<Dictionary> Build(const std::vector<DictionaryFile>& files,
                                    const Normalizer& normalizer);

  Dictionary() = default;
  // Intentionally copyable and movable.

  // Every distinct full form of a name written in `lang`, other than the
  // tokens themselves, at most `max_variants` of them. Single-letter
  // variants are not expanded here: in names they are initials.
  std::vector<std::vector<std::string>> ExpandName(
      Language lang, const std::vector<std::string>& tokens,
      size_t max_variants) const;

  struct PhraseMatch {
    size_t length = 0;  // tokens consumed
    const std::vector<std::string>* canonical = nullptr;
    LanguageMask langs = 0;
    DictionaryKind kind = DictionaryKind::kStreetTypes;
  };
  // Appends the expansions of the phrases starting at tokens[i], longest
  // first. A token that is itself canonical is not reported.
  void MatchesAt(std::span<const std::string_view> tokens, size_t i,
                 std::vector<PhraseMatch>* out) const;

  struct SuffixMatch {
    size_t stem_length = 0;      // bytes of the token before the suffix
    std::string_view canonical;  // full street-type word, e.g. "straat"
    LanguageMask langs = 0;
    bool abbreviated = false;  // the suffix was a variant ("str")
  };
  // Street-type words (or their variants) that end `token` after a stem of
  // at least 3 letters, in the compounding languages (nl, de).
  void CompoundSuffixes(std::string_view token,
                        std::vector<SuffixMatch>* out) const;

  // What the dictionaries say of one word, in one lookup.
  struct WordFacts {
    LanguageMask stopword = 0;     // languages where it is a stopword
    LanguageMask street_type = 0;  // a street-type word, full or abbreviated
    LanguageMask canonical_street_type = 0;  // a full street-type word
    LanguageMask title = 0;  // (part of) a title, saint or fixed phrase
    // A given name, or (part of) one's shortened or translated form.
    LanguageMask given_name = 0;
    // The most tokens of a variant phrase that starts with this word (0:
    // none starts with it): MatchesAt() looks no further.
    uint8_t phrase_tokens = 0;
    // A word of any dictionary.
    bool known() const {
      return (stopword | street_type | title | given_name) != 0;
    }
  };
  WordFacts Facts(std::string_view token) const;

  // Languages in which `token` is a stopword (0 if none).
  LanguageMask StopwordLanguages(std::string_view token) const;
  // Languages in which `token` is a street-type word, full or abbreviated.
  LanguageMask StreetTypeLanguages(std::string_view token) const;
  // Languages in which `token` is a full (canonical) street-type word.
  LanguageMask CanonicalStreetTypeLanguages(std::string_view token) const;
  // Languages in which `token` is (part of) a title, saint or fixed phrase,
  // full or abbreviated ("sint", "st", "dokter", "onze", ...).
  LanguageMask TitleLanguages(std::string_view token) const;
  // Languages in which `token` is a canonical given name ("jean": fr).
  LanguageMask CanonicalGivenNameLanguages(std::string_view token) const;

  // The concept of a word of equivalents.txt ("eglise", "kerk", "kirche"
  // share one), numbered from 1; 0 when the word is in no line.
  uint16_t Concept(std::string_view word) const;
  size_t concept_count() const { return concept_count_; }
  // The languages whose equivalents.txt has `word` first on a line ("kerk":
  // nl); 0 when none.
  LanguageMask EquivalentLanguages(std::string_view word) const {
    auto it = equivalent_langs_.find(word);
    return it == equivalent_langs_.end() ? 0 : it->second;
  }
  // True when the concept holds a full street type (rue, straat; markt).
  bool IsTypeConcept(uint16_t concept_id) const {
    return concept_id < type_concepts_.size() && type_concepts_[concept_id];
  }
  // True when it holds nothing else (not markt, whose concept holds the
  // noun marche).
  bool IsPureTypeConcept(uint16_t concept_id) const {
    return concept_id < pure_type_concepts_.size() &&
           pure_type_concepts_[concept_id];
  }

  // The variants listed for a canonical phrase in `lang` ("chaussee" ->
  // "ch", "chee", ...), as folded phrases; empty when none. For generators
  // and tests.
  std::vector<std::string> AbbreviationsOf(Language lang,
                                           std::string_view canonical) const;

  size_t entry_count() const { return entry_count_; }

 private:
  struct Expansion {
    std::vector<std::string> canonical;
    LanguageMask langs = 0;
    DictionaryKind kind = DictionaryKind::kStreetTypes;
  };
  Status AddFile(const DictionaryFile& file, const Normalizer& normalizer);
  void AddExpansion(const std::string& variant, std::vector<std::string> canon,
                    Language lang, DictionaryKind kind);

  // Variant phrase (tokens joined by ' ') -> its expansions.
  TextMap<std::vector<Expansion>> variants_;
  // Every stopword, street-type and title word.
  TextMap<WordFacts> words_;
  // Suffix -> (canonical, langs, abbreviated) for the compounding languages.
  struct Suffix {
    std::string canonical;
    LanguageMask langs = 0;
    bool abbreviated = false;
  };
  TextMap<std::vector<Suffix>> suffixes_;
  // Canonical given names, by language.
  TextMap<LanguageMask> given_names_;
  // Word -> concept (after Build: dense ids from 1); while building, the
  // lines of equivalents.txt.
  TextMap<uint16_t> concepts_;
  TextMap<LanguageMask> equivalent_langs_;
  std::vector<std::vector<std::string>> equivalent_lines_;
  size_t concept_count_ = 0;
  std::vector<bool> type_concepts_;       // by concept
  std::vector<bool> pure_type_concepts_;  // by concept
  // Joins the words of equivalent_lines_ into concepts.
  void BuildConcepts();
  // "<lang>|<canonical>" -> variants.
  std::unordered_map<std::string, std::vector<std::string>> abbreviations_;
  size_t max_suffix_length_ = 0;
  // The last two bytes of every suffix, as bits of (byte1 << 8 | byte2):
  // a token ending otherwise has no compound suffix, whatever its length.
  std::bitset<65536> suffix_endings_;
  size_t max_phrase_tokens_ = 1;
  size_t entry_count_ = 0;
};

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_DICTIONARY_H_
