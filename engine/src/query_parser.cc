#include "internal/query_parser.h"

#include <algorithm>

#include "beladdr/index/normalizer.h"

namespace beladdr::internal {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool IsLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsBoxKeyword(std::string_view s) {
  return s == "bus" || s == "bte" || s == "bt" || s == "b" || s == "box" ||
         s == "boite" || s == "bo";
}

bool IsNumberMarker(std::string_view s) {
  return s == "nr" || s == "no" || s == "n" || s == "num" || s == "numero" ||
         s == "nummer" || s == "huisnummer" || s == "hnr";
}

// The longest first part of glued words: street types and given names are
// shorter.
constexpr size_t kMaxGluedHead = 10;

// The longest piece of a place name broken by a stray space that is itself
// a word of some name ("charle roi", "mes en", "ch aumont").
constexpr size_t kMaxPlaceFragment = 6;

bool IsLatinSuffix(std::string_view s) {
  return s == "bis" || s == "ter" || s == "quater";
}

// A box: digits, a letter, or digits with a letter ("3", "a", "3a", "0001").
bool IsBoxValue(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const std::string_view rest = s.substr(digits);
  if (digits == 0) return rest.size() == 1;
  return rest.size() <= 1;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// "12" + "a" -> "12A"; "12" + "bis" -> "12bis".
std::string WithSuffix(const std::string& number, std::string_view suffix) {
  if (suffix.size() == 1) return number + Upper(std::string(suffix));
  return number + std::string(suffix);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

class Parser {
 public:
  Parser(const IndexData& index, ParsedQuery* q) : index_(index), q_(q) {}

  Status AddText(const std::string& text, TokenRole role, const char* field) {
    if (text.size() > kMaxFieldBytes) {
      return Status::InvalidArgument(std::string(field) + " is longer than " +
                                     std::to_string(kMaxFieldBytes) + " bytes");
    }
    std::string folded;
    Status s = Normalizer::Default().Fold(Normalizer::SplitCaseBoundaries(text),
                                          Normalizer::Form::kPlain, &folded);
    if (!s.ok())
      return Status::InvalidArgument(std::string(field) + ": " + s.message());
    std::vector<Token> raw = Normalizer::Tokenize(folded);
    MendBrokenWords(&raw);
    const size_t first_word = q_->tokens.size();
    int depth = 0;
    for (size_t k = 0; k < raw.size(); ++k) {
      const Token& t = raw[k];
      // Commas and spaced hyphens separate the parts of an address: the
      // street, a residence or hamlet, the place ("Blok B - Kerkstraat 5").
      if ((t.before == Separator::kComma ||
           t.before == Separator::kSpacedHyphen) &&
          k > 0) {
        ++segment_;
      }
      if (t.before == Separator::kOpenParen) ++depth;
      if (t.before == Separator::kCloseParen && depth > 0) --depth;
      // Words in brackets are hints in any field: "Rue X (CH)", "Landen
      // (Vl.-Br.)".
      const TokenRole token_role = depth > 0 ? TokenRole::kBracket : role;
      const size_t words_before = q_->tokens.size();
      const size_t groups_before = q_->house_groups.size();
      const bool postcode_before = q_->postcode_given;
      hyphen_before_ = t.before == Separator::kHyphen && k > 0;
      k = ReadToken(raw, k, token_role);
      // A number read here (not as a word) stands before the next word.
      if (q_->tokens.size() == words_before &&
          (q_->house_groups.size() != groups_before ||
           q_->postcode_given != postcode_before)) {
        number_before_ = true;
      }
    }
    if (q_->tokens.size() > kMaxQueryTokens) {
      return Status::InvalidArgument("too many words: at most " +
                                     std::to_string(kMaxQueryTokens) +
                                     " words are searched");
    }
    AddPhrases(first_word);
    return Status::OK();
  }

 private:
  // Text extracted from forms and PDFs breaks words with a stray space or
  // comma: "TOUR NAI", "WAV,RE", "2,E". Two tokens one byte apart are read
  // as one word when together they are a word of some name and apart they
  // are not both words of names, or together a place ("BRUS SEL"), or a
  // comma sits tight between them (which people do not type between
  // words). A digit then a letter
  // ("2,e") only across a tight comma: "12 a" is a house number. Across a
  // space, an article before ("van tieghem") or a street type on either
  // side ("drogenbosse steenweg") is a word of its own: the scorer reads
  // such compounds both ways.
  void MendBrokenWords(std::vector<Token>* raw) const {
    const Vocabulary& vocabulary = index_.vocabulary();
    const Dictionary& dict = index_.dictionary();
    auto separate_word = [&](const std::string& a, const std::string& b) {
      return dict.Facts(a).stopword != 0 || dict.Facts(a).street_type != 0 ||
             dict.Facts(b).street_type != 0;
    };
    for (size_t k = 0; k + 1 < raw->size();) {
      const Token& a = (*raw)[k];
      const Token& b = (*raw)[k + 1];
      const bool tight_comma = b.before == Separator::kComma && b.gap == 1;
      const bool space = b.before == Separator::kSpace && b.gap == 1;
      const bool letters = IsLetters(a.text) && IsLetters(b.text);
      const bool ordinal = tight_comma && IsDigits(a.text) && IsLetters(b.text);
      // Cheap tests first: most pairs are two words people typed apart.
      if (!(tight_comma || space) || !(letters || ordinal) ||
          a.text.size() + b.text.size() < 4 ||
          (space && separate_word(a.text, b.text))) {
        ++k;
        continue;
      }
      const bool both_known = vocabulary.Find(a.text) != kNoWord &&
                              vocabulary.Find(b.text) != kNoWord;
      // Two known words become a place only when one is a fragment.
      if (space && both_known &&
          std::min(a.text.size(), b.text.size()) > kMaxPlaceFragment) {
        ++k;
        continue;
      }
      std::string joined = a.text + b.text;
      const bool mend = vocabulary.Find(joined) != kNoWord &&
                        (tight_comma || !both_known ||
                         index_.places_by_text().count(joined) != 0);
      if (!mend) {
        ++k;
        continue;
      }
      (*raw)[k].text = std::move(joined);
      raw->erase(raw->begin() + static_cast<long>(k) + 1);
    }
  }

  // True when raw[k] is a Belgian postcode the index knows.
  bool KnownPostcode(const std::vector<Token>& raw, size_t k) const {
    return k < raw.size() && raw[k].text.size() == 4 && IsDigits(raw[k].text) &&
           index_.Postcode(ParsePostcode(raw[k].text)) != nullptr;
  }

  // "B-5000", "BE-5000", "B 5000": the country before a postcode, not a
  // box. Only the box words (bus, bte, box, boite) make a box of a
  // postcode-like number.
  bool CountryPrefix(const std::vector<Token>& raw, size_t k) const {
    return (raw[k].text == "b" || raw[k].text == "be") &&
           KnownPostcode(raw, k + 1) && raw[k + 1].before != Separator::kSlash;
  }

  // A box value at raw[i] after a box keyword at raw[i - 1]: not a postcode
  // after a country prefix, and not after a comma ("12 B, 9000": a house
  // number letter, then the postcode).
  bool BoxValueAt(const std::vector<Token>& raw, size_t i) const {
    return i < raw.size() && IsBoxValue(raw[i].text) &&
           raw[i].before != Separator::kComma && !CountryPrefix(raw, i - 1);
  }

  // Reads raw[k] (and the tokens it owns: suffixes, boxes); returns the
  // index of the last raw token consumed.
  size_t ReadToken(const std::vector<Token>& raw, size_t k, TokenRole role) {
    const std::string& t = raw[k].text;
    auto next = [&](size_t off) -> const Token* {
      return k + off < raw.size() ? &raw[k + off] : nullptr;
    };
    if (role != TokenRole::kStreet && CountryPrefix(raw, k)) return k;

    // "nr 12", "n° 12": drop the marker.
    if (IsNumberMarker(t) && next(1) != nullptr && IsDigits(next(1)->text)) {
      return k;
    }
    // "bus 3", "bte 3", "b 3", "box 3": a box.
    if (IsBoxKeyword(t) && BoxValueAt(raw, k + 1) &&
        (t != "b" || !q_->house_groups.empty())) {
      SetBox(next(1)->text);
      return k + 1;
    }
    // "bus3", "bte3", "b3".
    for (std::string_view kw : {"bus", "bte", "box", "bt", "b"}) {
      if (t.size() > kw.size() && t.compare(0, kw.size(), kw) == 0 &&
          IsDigits(std::string_view(t).substr(kw.size()))) {
        SetBox(t.substr(kw.size()));
        return k;
      }
    }
    if (IsDigits(t)) return ReadNumber(raw, k, role);
    // "12a", "12bis": a house number with its suffix.
    size_t digits = 0;
    while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
    if (digits > 0 && digits <= 5) {
      const std::string_view suffix = std::string_view(t).substr(digits);
      if ((suffix.size() == 1 && IsLetters(suffix)) || IsLatinSuffix(suffix)) {
        HouseNumberGroup g;
        g.house_number = WithSuffix(t.substr(0, digits), suffix);
        const int group = static_cast<int>(q_->house_groups.size());
        q_->house_groups.push_back(g);
        // "3e" is also an ordinal of a name ("3e Avenue", "13e
        // Liniestraat"): kept as a word too, numeric like a number, which
        // the name may use and then is no house number.
        if (suffix == "e") {
          AddWord(t, role);
          QueryToken& word = q_->tokens.back();
          word.numeric = true;
          word.word_class |= kWordNumeric;
          word.house_group = group;
        }
        return ReadBoxAfter(raw, k);
      }
    }
    // A missing space: "rudu", "placede", "HenriConsciencestrt".
    if (SplitGluedWords(t, role)) return k;
    AddWord(t, role);
    return k;
  }

  // A word we can read on its own: an article, a word of three letters or
  // more of a dictionary or of a name ("chem" is no "ch" + "em"), or a
  // compound whose abbreviated street type completes to one
  // ("consciencestrt").
  bool KnownPart(std::string_view part) const {
    const Dictionary::WordFacts facts = index_.dictionary().Facts(part);
    if (facts.stopword != 0) return true;  // "rudu"
    if (part.size() < 3) return false;     // "ru" + "ed" is no "rued"
    if (facts.known()) return true;
    if (index_.vocabulary().Find(part) != kNoWord) return true;
    std::vector<Dictionary::SuffixMatch> suffixes;
    index_.dictionary().CompoundSuffixes(part, &suffixes);
    for (const auto& m : suffixes) {
      if (m.abbreviated && m.stem_length >= 4 &&
          index_.vocabulary().Find(std::string(part.substr(0, m.stem_length)) +
                                   std::string(m.canonical)) != kNoWord) {
        return true;
      }
    }
    return false;
  }

  // Words glued together, by a missing space or by extraction: "rudu",
  // "placede", "HenriConsciencestrt", "RueCam", "PlcSt". An unknown token
  // is read as two (or three) parts when the first is a street type or a
  // whole given name, and the rest a word we know
  // (KnownPart), and it is no misspelling of a known word ("bdussel"
  // is Brussel, not "bd ussel"; "rueland" is Reuland). A compound of two
  // name words ("molenvaart") stays whole: the scorer reads compounds; so
  // does the stem of one ("citroen" of Citroenstraat, not "cit" + "roen").
  bool SplitGluedWords(const std::string& t, TokenRole role) {
    if (t.size() < 4 || index_.vocabulary().Find(t) != kNoWord ||
        index_.IsCompoundStem(t)) {
      return false;
    }
    const Dictionary& dict = index_.dictionary();
    // A dictionary word is itself ("chem" is chemin, not "ch em"), and so
    // is an abbreviated compound ("veldstrt").
    if (dict.Facts(t).known() || KnownPart(t)) return false;
    std::vector<std::string> parts;
    if (!Segment(t, 2, &parts)) return false;
    std::vector<uint32_t> near;
    index_.fuzzy_words().Find(t, &near);
    if (!near.empty()) return false;
    for (const std::string& part : parts) AddWord(part, role);
    return true;
  }

  // Splits `t` into at most `max_parts` + 1 known parts, the longest first
  // part first (see SplitGluedWords).
  bool Segment(std::string_view t, int max_parts,
               std::vector<std::string>* parts) const {
    const Dictionary& dict = index_.dictionary();
    for (size_t len = std::min(t.size() - 2, kMaxGluedHead); len >= 2; --len) {
      const std::string_view head = t.substr(0, len);
      const std::string_view rest = t.substr(len);
      // A street type (abbreviated or not) or a whole given name: articles
      // and short abbreviations of names and titles ("du", "wil", "ger",
      // "cap") would cut every word that starts like them ("dumanoir").
      // A title abbreviated to consonants ("kgn", "bgm", "mgr") starts no
      // word either: "kgnastridplein".
      const Dictionary::WordFacts facts = dict.Facts(head);
      const bool type = facts.street_type != 0;
      const bool title = facts.title != 0 && head.size() >= 3 &&
                         head.find_first_of("aeiouy") == std::string_view::npos;
      if (!type && !title &&
          (head.size() < 4 || dict.CanonicalGivenNameLanguages(head) == 0)) {
        continue;
      }
      // A two-letter type only before an article: "rudu", not "gr" +
      // "avehuis".
      if (head.size() < 3 && dict.Facts(rest).stopword == 0) continue;
      if (KnownPart(rest)) {
        parts->emplace_back(head);
        parts->emplace_back(rest);
        return true;
      }
      if (max_parts > 1 && type) {
        std::vector<std::string> tail;
        if (Segment(rest, max_parts - 1, &tail)) {
          parts->emplace_back(head);
          parts->insert(parts->end(), tail.begin(), tail.end());
          return true;
        }
      }
    }
    return false;
  }

  size_t ReadNumber(const std::vector<Token>& raw, size_t k, TokenRole role) {
    const std::string& t = raw[k].text;
    if (t.size() >= 5) {
      q_->foreign_postcode = true;  // France, Germany, Spain, Italy, ...
      return k;
    }
    // Luxembourg "L-1661", the Netherlands "1012 NX".
    if (t.size() == 4 && role == TokenRole::kAny) {
      const bool luxembourg = k > 0 && raw[k - 1].text == "l" &&
                              raw[k].before == Separator::kHyphen;
      // "1234 AB" is Dutch unless AB is a word we know ("1428 av", "3665
      // As" the municipality) -- and, when 1234 is no Belgian postcode,
      // even then.
      const Dictionary& dict = index_.dictionary();
      const bool dutch =
          k + 1 < raw.size() && raw[k + 1].text.size() == 2 &&
          IsLetters(raw[k + 1].text) &&
          raw[k + 1].before == Separator::kSpace &&
          (index_.Postcode(ParsePostcode(t)) == nullptr ||
           index_.vocabulary().Find(raw[k + 1].text) == kNoWord) &&
          !dict.Facts(raw[k + 1].text).known() &&
          !IsBoxKeyword(raw[k + 1].text) &&
          (k + 2 >= raw.size() || raw[k + 2].before != Separator::kHyphen);
      if (luxembourg || dutch) {
        q_->foreign_postcode = true;
        if (luxembourg && !q_->tokens.empty() &&
            q_->tokens.back().text == "l") {
          q_->tokens.pop_back();
        }
        return dutch ? k + 1 : k;
      }
    }
    const uint16_t pc = ParsePostcode(t);
    // "1150 bis": a house number, whatever postcode its digits spell.
    const bool suffixed = k + 1 < raw.size() &&
                          raw[k + 1].before == Separator::kSpace &&
                          IsLatinSuffix(raw[k + 1].text);
    if (pc != 0 && role != TokenRole::kStreet && !suffixed &&
        index_.Postcode(pc) != nullptr &&
        (!q_->postcode_given || q_->postcode == pc)) {
      q_->postcode = pc;
      q_->postcode_given = true;
      return k;
    }
    // A house number, kept as a numeric word too.
    HouseNumberGroup g;
    g.house_number = t;
    size_t last = k;
    auto at = [&](size_t i) -> const Token* {
      return i < raw.size() ? &raw[i] : nullptr;
    };
    if (const Token* n = at(last + 1); n != nullptr) {
      if (n->before == Separator::kHyphen && IsDigits(n->text) &&
          n->text.size() <= 4) {
        g.house_number += "-" + n->text;  // "10-12"
        ++last;
      } else if (IsLatinSuffix(n->text)) {
        g.house_number = WithSuffix(t, n->text);  // "12 bis"
        ++last;
      } else if (n->text.size() == 1 && IsLetters(n->text) &&
                 !(IsBoxKeyword(n->text) && BoxValueAt(raw, last + 2)) &&
                 !(CountryPrefix(raw, last + 1) &&
                   at(last + 2)->before != Separator::kComma) &&
                 (at(last + 2) == nullptr ||
                  at(last + 2)->before == Separator::kComma ||
                  IsDigits(at(last + 2)->text) ||
                  IsBoxKeyword(at(last + 2)->text))) {
        g.house_number = WithSuffix(t, n->text);  // "12 a"
        ++last;
      }
    }
    const int group = static_cast<int>(q_->house_groups.size());
    q_->house_groups.push_back(g);
    AddWord(t, role);
    q_->tokens.back().house_group = group;
    return ReadBoxAfter(raw, last);
  }

  // A box right after a house number: "12/3", "12 bus 3", "12 bte 3".
  size_t ReadBoxAfter(const std::vector<Token>& raw, size_t k) {
    if (k + 1 < raw.size() && raw[k + 1].before == Separator::kSlash &&
        IsBoxValue(raw[k + 1].text)) {
      q_->house_groups.back().box_number = Upper(raw[k + 1].text);
      return k + 1;
    }
    if (k + 2 < raw.size() && IsBoxKeyword(raw[k + 1].text) &&
        BoxValueAt(raw, k + 2)) {
      q_->house_groups.back().box_number = Upper(raw[k + 2].text);
      return k + 2;
    }
    return k;
  }

  void SetBox(const std::string& value) {
    if (!q_->house_groups.empty() &&
        q_->house_groups.back().box_number.empty()) {
      q_->house_groups.back().box_number = Upper(value);
    } else {
      q_->box_number = Upper(value);
    }
  }

  void AddWord(const std::string& text, TokenRole role) {
    const Dictionary& dict = index_.dictionary();
    QueryToken qt;
    qt.text = text;
    qt.word = index_.vocabulary().Find(text);
    qt.role = role;
    qt.segment = segment_;
    qt.numeric = IsDigits(text);
    const Dictionary::WordFacts facts = dict.Facts(text);
    qt.stopword_langs = facts.stopword;
    qt.street_type_langs = facts.street_type;
    if (qt.stopword_langs) qt.word_class |= kWordStopword;
    if (qt.street_type_langs) qt.word_class |= kWordStreetType;
    if (facts.title) qt.word_class |= kWordTitle;
    if (text.size() == 1 && IsLetters(text)) qt.word_class |= kWordInitial;
    if (qt.numeric) qt.word_class |= kWordNumeric;
    if (qt.word != kNoWord) {
      qt.parts = index_.Parts(qt.word);  // computed at load
    } else if (!qt.numeric) {
      qt.parts = index_.DecomposeWord(text);
    }

    // Skipped for the many words that start no dictionary variant (the
    // facts at hand already say so).
    if (facts.phrase_tokens > 0) {
      const std::string_view one[] = {text};
      std::vector<Dictionary::PhraseMatch> matches;
      dict.MatchesAt(one, 0, &matches);
      for (const auto& m : matches) {
        if (m.canonical->size() == 1) {
          AddExpansion(&qt, m.canonical->front(), m.langs);
        }
      }
    }
    std::vector<Dictionary::SuffixMatch> suffixes;
    dict.CompoundSuffixes(text, &suffixes);
    for (const auto& s : suffixes) {
      if (s.abbreviated) {
        AddExpansion(&qt,
                     text.substr(0, s.stem_length) + std::string(s.canonical),
                     s.langs);
      }
    }
    qt.after_number = number_before_;
    number_before_ = false;
    qt.hyphen_before = hyphen_before_;
    hyphen_before_ = false;
    q_->tokens.push_back(std::move(qt));
  }

  void AddExpansion(QueryToken* qt, const std::string& word,
                    LanguageMask langs) {
    if (word == qt->text) return;
    if (std::find(qt->expansions.begin(), qt->expansions.end(), word) !=
        qt->expansions.end()) {
      return;
    }
    qt->expansions.push_back(word);
    qt->expansion_words.push_back(index_.vocabulary().Find(word));
    qt->expansion_langs |= langs;
  }

  // Multi-word readings over the words of one field ("o l v", "olv").
  void AddPhrases(size_t first) {
    std::vector<std::string_view> words;
    for (size_t i = first; i < q_->tokens.size(); ++i) {
      words.push_back(q_->tokens[i].text);
    }
    std::vector<Dictionary::PhraseMatch> matches;
    for (size_t i = 0; i < words.size(); ++i) {
      matches.clear();
      index_.dictionary().MatchesAt(words, i, &matches);
      for (const auto& m : matches) {
        if (m.length == 1 && m.canonical->size() == 1) continue;  // expansion
        q_->phrases.push_back({first + i, m.length, *m.canonical, m.langs});
      }
    }
  }

  const IndexData& index_;
  ParsedQuery* q_;
  bool number_before_ = false;  // the next word follows a number (after_number)
  bool hyphen_before_ = false;  // the next word follows a tight hyphen
  uint8_t segment_ = 0;
};

}  // namespace

StatusOr<ParsedQuery> ParseQuery(const SearchRequest& request,
                                 const IndexData& index) {
  if (request.limit < 1 || request.limit > kMaxSearchLimit) {
    return Status::InvalidArgument("limit must be between 1 and " +
                                   std::to_string(kMaxSearchLimit) + ", got " +
                                   std::to_string(request.limit));
  }
  const std::string post_code = Trim(request.post_code);
  const std::string house = Trim(request.house_number);
  const std::string box = Trim(request.box_number);
  if (Trim(request.query).empty() && Trim(request.street).empty() &&
      Trim(request.municipality).empty() && post_code.empty() &&
      house.empty() && box.empty()) {
    return Status::InvalidArgument(
        "nothing to search: give a query, or at least one of street, "
        "houseNumber, boxNumber, postCode, municipality");
  }
  for (const std::string* field : {&house, &box}) {
    if (field->size() > 32) {
      return Status::InvalidArgument(
          "houseNumber and boxNumber are at most 32 bytes");
    }
    BELADDR_RETURN_IF_ERROR(Normalizer::ValidateUtf8(*field));
  }

  ParsedQuery q;
  if (!post_code.empty()) {
    q.postcode = ParsePostcode(post_code);
    if (q.postcode == 0) {
      return Status::InvalidArgument("postCode must be 4 digits, got '" +
                                     post_code + "'");
    }
    q.postcode_given = true;
  }
  Parser parser(index, &q);
  BELADDR_RETURN_IF_ERROR(
      parser.AddText(request.street, TokenRole::kStreet, "street"));
  BELADDR_RETURN_IF_ERROR(
      parser.AddText(request.query, TokenRole::kAny, "query"));
  BELADDR_RETURN_IF_ERROR(
      parser.AddText(request.municipality, TokenRole::kPlace, "municipality"));
  q.has_street_field = !Trim(request.street).empty();
  q.has_municipality_field = !Trim(request.municipality).empty();

  if (!house.empty()) {
    // The field wins over numbers found in the text.
    ParsedQuery h;
    Parser number_parser(index, &h);
    BELADDR_RETURN_IF_ERROR(
        number_parser.AddText(house, TokenRole::kStreet, "houseNumber"));
    q.house_number_field = h.house_groups.empty()
                               ? Upper(house)
                               : h.house_groups.front().house_number;
    if (!h.house_groups.empty() && !h.house_groups.front().box_number.empty() &&
        box.empty()) {
      q.box_number = h.house_groups.front().box_number;
    }
  }
  if (!box.empty()) q.box_number = Upper(box);
  return q;
}

}  // namespace beladdr::internal
