// Turns a SearchRequest into tokens with roles: words to match against
// street and place names (with their dictionary expansions), house-number
// groups, a box, a postcode.
//
// Free text may come in any order, with commas, dashes, brackets:
//   "rue de l eglise 12 bte 3, 4000 Luik", "Graanmarkt(Kor) 5",
//   "Rue X - X-straat 10-12", "12/3 Kerkstraat 9000 Gent".
// Numbers are not dropped from the words: "Rue du 11 Novembre 5" keeps 11
// and 5 as numeric words, and the scorer decides which one belongs to the
// street name; the others are read as house numbers (see HouseNumberGroup).
//
// Thread safety: pure function of the request and the (immutable) index.

#ifndef BELADDR_ENGINE_SRC_INTERNAL_QUERY_PARSER_H_
#define BELADDR_ENGINE_SRC_INTERNAL_QUERY_PARSER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/status.h"
#include "internal/index_data.h"

namespace beladdr::internal {

enum class TokenRole : uint8_t {
  kAny,      // free text: street or place
  kStreet,   // from the structured `street` field
  kPlace,    // from the structured `municipality` field
  kBracket,  // inside brackets: a hint, cheap to leave unexplained
};

struct QueryToken {
  std::string text;       // folded, [a-z0-9]+
  WordId word = kNoWord;  // when the text is a word of some name
  TokenRole role = TokenRole::kAny;
  uint8_t segment = 0;     // which comma-separated part
  uint8_t word_class = 0;  // kWord* bits (stopword, street type, ...)
  LanguageMask stopword_langs = 0;
  LanguageMask street_type_langs = 0;  // canonical or abbreviated
  bool numeric = false;                // all digits
  // Other single-word readings: dictionary expansions ("chee" ->
  // "chaussee", "st" -> "sint"/"saint"/"sankt") and compounds with an
  // abbreviated street type completed ("kerkstr" -> "kerkstraat").
  std::vector<std::string> expansions;
  std::vector<WordId> expansion_words;  // kNoWord where not a name word
  LanguageMask expansion_langs = 0;     // languages of those expansions
  int house_group = -1;                 // index into house_groups, numeric only
  // A number the parser read as a house number, box or postcode stands
  // right before this word ("Hof 5b Scherpenheuvel").
  bool after_number = false;
  // A hyphen with no space joins this word to the one before ("Haute-
  // Sauvenière", "Sint-Pieters").
  bool hyphen_before = false;
  WordParts parts;  // concepts, stem and street type (WordParts)
};

// A phrase of several tokens that reads as other words ("o l v" ->
// "onze lieve vrouw", "olv" -> "onze lieve vrouw", "n d" -> "notre dame").
struct PhraseExpansion {
  size_t begin = 0;
  size_t length = 0;
  std::vector<std::string> words;
  LanguageMask langs = 0;
};

// One way to read a number in the query as a house number.
struct HouseNumberGroup {
  std::string house_number;  // "12", "12A", "12bis", "10-12"
  std::string box_number;    // "3", "A" (empty when none)
};

struct ParsedQuery {
  std::vector<QueryToken> tokens;
  std::vector<PhraseExpansion> phrases;
  std::vector<HouseNumberGroup> house_groups;
  // From the postCode field, or a known Belgian postcode in the text.
  uint16_t postcode = 0;
  bool postcode_given = false;
  // A 5-or-more-digit number: a foreign postcode, not a Belgian one.
  bool foreign_postcode = false;
  // A box given on its own (boxNumber field, or "bus 3" with no number).
  std::string box_number;
  // The houseNumber field, when given.
  std::string house_number_field;
  bool has_street_field = false;
  bool has_municipality_field = false;
};

// Validates and parses. InvalidArgument for: no search field, a field over
// kMaxFieldBytes, invalid UTF-8, a postCode that is not 4 digits, limit
// outside 1..kMaxSearchLimit, more than kMaxQueryTokens words.
inline constexpr size_t kMaxQueryTokens = 24;
StatusOr<ParsedQuery> ParseQuery(const SearchRequest& request,
                                 const IndexData& index);

}  // namespace beladdr::internal

#endif  // BELADDR_ENGINE_SRC_INTERNAL_QUERY_PARSER_H_
