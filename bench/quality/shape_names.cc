// The shape families that rewrite the street name itself: given names and
// titles, street-type words, and renderings in another language (see
// shape_generator.h). Their lexicons are the generator's own, written from
// how people write Belgian addresses, not copied from the engine's.

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "internal/index_data.h"
#include "shape_writer.h"

namespace beladdr::quality {
namespace {

using internal::StreetEntry;

std::vector<size_t> WordParts(const std::vector<Part>& parts) {
  std::vector<size_t> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].word) out.push_back(i);
  }
  return out;
}

// Replaces a word, keeping its capital.
std::u32string LikeCase(const std::u32string& old, const std::string& word) {
  std::u32string w = Decode(word);
  return Capitalised(old) ? Capitalise(w) : w;
}

// Removes word part i and the separator after it (or before, at the end).
void DropWord(std::vector<Part>* parts, size_t i) {
  if (i + 1 < parts->size()) {
    parts->erase(parts->begin() + static_cast<long>(i),
                 parts->begin() + static_cast<long>(i) + 2);
  } else if (i > 0) {
    parts->erase(parts->begin() + static_cast<long>(i) - 1,
                 parts->begin() + static_cast<long>(i) + 1);
  }
}

bool IsGivenName(const internal::IndexData& index, const std::u32string& w) {
  return index.dictionary().CanonicalGivenNameLanguages(Fold(w)) != 0;
}

// Roman numerals and ordinals, and the other ways to write them.
const std::map<std::string, std::vector<std::string>>& Numerals() {
  static const auto* const kNumerals =
      new std::map<std::string, std::vector<std::string>>{
          {"i", {"1er", "1"}}, {"ier", {"1er", "I"}},   {"1er", {"Ier", "I"}},
          {"ii", {"2"}},       {"iii", {"3"}},          {"iv", {"4"}},
          {"v", {"5"}},        {"2e", {"2ème", "IIe"}}, {"2eme", {"2e", "IIe"}},
          {"3e", {"3ème"}},    {"3eme", {"3e"}},        {"4e", {"4ème"}},
      };
  return *kNumerals;
}

// A given name (a surname follows), a title, or a numeral that can be
// written another way; -1 when the name has none.
enum class Slot { kGiven, kTitle, kNumeral };
int FindSlot(ShapeWriter& w, const std::vector<Part>& parts, Language lang,
             Slot* kind) {
  const auto& index = w.index();
  const std::vector<size_t> words = WordParts(parts);
  std::vector<std::pair<size_t, Slot>> slots;
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string f = Fold(parts[words[k]].text);
    if (IsGivenName(index, parts[words[k]].text)) {
      size_t next = k + 1;
      while (next < words.size() && IsGivenName(index, parts[words[next]].text))
        ++next;
      if (next < words.size() &&
          !index.dictionary().Facts(Fold(parts[words[next]].text)).known() &&
          !Numerals().count(Fold(parts[words[next]].text)) &&
          !(parts[words[next]].text[0] >= U'0' &&
            parts[words[next]].text[0] <= U'9')) {
        slots.emplace_back(words[k], Slot::kGiven);
      }
    } else if (index.dictionary().Facts(f).title &&
               !index.dictionary().AbbreviationsOf(lang, f).empty()) {
      slots.emplace_back(words[k], Slot::kTitle);
    } else if (Numerals().count(f)) {
      slots.emplace_back(words[k], Slot::kNumeral);
    }
  }
  if (slots.empty()) return -1;
  // Given names first: titles are common and would crowd them out.
  std::vector<std::pair<size_t, Slot>> given;
  for (const auto& s : slots) {
    if (s.second == Slot::kGiven || s.second == Slot::kNumeral) {
      given.push_back(s);
    }
  }
  const auto& slot = !given.empty() && w.rng().Chance(0.75)
                         ? w.rng().Pick(given)
                         : w.rng().Pick(slots);
  *kind = slot.second;
  return static_cast<int>(slot.first);
}

// Short forms of a given name or title: abbreviations that are no given
// name themselves ("ph", "gen"), and, when `other_language`, the same given
// name in another language ("jan" for "jean").
std::vector<std::string> Forms(const internal::IndexData& index, Language lang,
                               const std::string& word, bool other_language) {
  std::vector<std::string> out;
  for (const std::string& v : index.dictionary().AbbreviationsOf(lang, word)) {
    if (v.size() < 2 || v.find(' ') != std::string::npos) continue;
    const bool given = index.dictionary().CanonicalGivenNameLanguages(v) != 0;
    if (given == other_language && v != word) out.push_back(v);
  }
  return out;
}

// Rewrites the given name at part i; returns the variant's tag.
std::string RewriteGiven(ShapeWriter& w, std::vector<Part>* parts, size_t i,
                         Language lang) {
  Rng& rng = w.rng();
  std::vector<Part>& p = *parts;
  const std::string f = Fold(p[i].text);
  // A compound given name: "Jean-Baptiste", "Jean Philippe".
  const bool compound = i + 2 < p.size() && p[i + 2].word &&
                        IsGivenName(w.index(), p[i + 2].text);
  const double r = static_cast<double>(rng.Uniform(100)) / 100.0;
  auto initial = [&](size_t k) {
    std::u32string s(1, p[k].text[0]);
    const auto shorter = Forms(w.index(), lang, Fold(p[k].text), false);
    if (k != i && !shorter.empty() && rng.Chance(0.5)) {
      s = Capitalise(Decode(rng.Pick(shorter)));
    }
    return s + U".";
  };
  if (r < 0.35) {
    p[i].text = initial(i);
    if (compound) {
      p[i + 2].text = initial(i + 2);
      p[i + 1].text = rng.Chance(0.5) ? U"-" : U"";
    }
    return "initial";
  }
  if (r < 0.7) {
    if (compound) DropWord(parts, i + 2);
    DropWord(parts, i);
    return "dropped";
  }
  const auto shorter = Forms(w.index(), lang, f, false);
  const auto other = Forms(w.index(), lang, f, true);
  if (r < 0.85 && !shorter.empty()) {
    p[i].text = LikeCase(p[i].text, rng.Pick(shorter)) + U".";
    return "shortened";
  }
  if (other.empty()) return "";
  p[i].text = LikeCase(p[i].text, rng.Pick(other));
  return "other_language";
}

}  // namespace

bool GivenNamesShape(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& list = w.List("given_names", [&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    for (Language l : kAllLanguages) {
      const std::string n(s.names[static_cast<size_t>(l)]);
      Slot kind;
      if (!n.empty() && FindSlot(w, Split(n), l, &kind) >= 0) return true;
    }
    return false;
  });
  const uint32_t id = w.Pick(list);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = PickLanguage(w, s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  std::vector<Part> parts = Split(name);
  Slot kind;
  const int slot = FindSlot(w, parts, lang, &kind);
  if (slot < 0) return false;
  const auto i = static_cast<size_t>(slot);
  std::string tag;
  if (kind == Slot::kGiven) {
    tag = RewriteGiven(w, &parts, i, lang);
  } else if (kind == Slot::kTitle) {
    const auto shorter = Forms(w.index(), lang, Fold(parts[i].text), false);
    if (!shorter.empty() && rng.Chance(0.65)) {
      parts[i].text = LikeCase(parts[i].text, rng.Pick(shorter)) + U".";
      tag = "title_abbreviated";
    } else {
      DropWord(&parts, i);
      tag = "title_dropped";
    }
  } else {
    parts[i].text = Decode(rng.Pick(Numerals().at(Fold(parts[i].text))));
    tag = "numeral";
  }
  if (tag.empty()) return false;
  q->noise.push_back(tag);
  const std::string typed = w.Light(Join(parts));
  // What is left must still name something: a word of its own, not "Rue
  // du" once a title is dropped.
  if (w.corpus().DistinctiveWords(typed).empty() || NameKey(typed).size() < 6) {
    return false;
  }
  const PlaceText place = w.Place(id, lang, true);
  if (!w.corpus().NoOtherNamed(NameKey(typed), id, place.scope) ||
      w.corpus().SharedDistinctiveWords(typed, id, place.scope)) {
    return false;
  }
  const bool scoped =
      place.scope.postcode != 0 || place.scope.municipality >= 0;
  if (scoped && !w.corpus().ClosestInScope(typed, id, place.scope)) {
    return false;
  }
  w.WriteTyped(id, name, typed, place, lang, 0.35, q);
  return true;
}

namespace {

// Street types people swap for one another.
const std::map<std::string, std::string>& Swaps(Language lang) {
  static const std::array<std::map<std::string, std::string>, 3> kSwaps = {{
      {{"plein", "plaats"},
       {"plaats", "plein"},
       {"laan", "dreef"},
       {"dreef", "laan"},
       {"steenweg", "baan"},
       {"baan", "steenweg"}},
      {{"rue", "route"},
       {"route", "rue"},
       {"chemin", "rue"},
       {"sentier", "chemin"},
       {"ruelle", "rue"}},
      {{"strasse", "weg"}, {"weg", "strasse"}, {"gasse", "strasse"}},
  }};
  return kSwaps[static_cast<size_t>(lang)];
}

// The street-type word of part `i` swapped; false when it has none.
bool SwapType(const internal::IndexData& index, Language lang, Part* part) {
  const std::string f = Fold(part->text);
  const auto& swaps = Swaps(lang);
  if (auto it = swaps.find(f); it != swaps.end()) {
    part->text = LikeCase(part->text, it->second);
    return true;
  }
  if (lang == Language::kFr || f.size() != part->text.size()) return false;
  std::vector<internal::Dictionary::SuffixMatch> suffixes;
  index.dictionary().CompoundSuffixes(f, &suffixes);
  for (const auto& m : suffixes) {
    auto it = swaps.find(std::string(m.canonical));
    if (m.abbreviated || it == swaps.end()) continue;
    part->text = part->text.substr(0, m.stem_length) + Decode(it->second);
    return true;
  }
  return false;
}

bool HasStreetType(const internal::IndexData& index, const std::string& name) {
  for (const Part& p : Split(name)) {
    if (!p.word) continue;
    const std::string f = Fold(p.text);
    std::vector<internal::Dictionary::SuffixMatch> suffixes;
    index.dictionary().CompoundSuffixes(f, &suffixes);
    if (index.dictionary().Facts(f).street_type || !suffixes.empty())
      return true;
  }
  return false;
}

// The one-word place name that `stem` starts or that starts `stem`, the
// closest in length, within 3 letters ("gent" for "gent", "aalst" for
// "aalster", "markegem" rather than "marke" for "markegem").
std::string PlaceForStem(const internal::IndexData& index,
                         const std::string& stem) {
  std::string best;
  size_t best_diff = 4;
  for (const auto& p : index.place_variants()) {
    const std::string& t = p.text;
    if (t.find(' ') != std::string::npos || t.size() < 4 || stem.size() < 4) {
      continue;
    }
    const size_t common = std::min(t.size(), stem.size());
    const size_t diff = std::max(t.size(), stem.size()) - common;
    if (diff < best_diff && t.compare(0, common, stem, 0, common) == 0) {
      best = t;
      best_diff = diff;
    }
  }
  return best;
}

// "Steenweg op Gent" <-> "Gentse Steenweg".
std::string Adjectival(ShapeWriter& w, const std::string& name) {
  const std::string f = Normalized(name);
  for (const char* form : {"steenweg op ", "steenweg naar "}) {
    if (f.rfind(form, 0) != 0) continue;
    std::string place = f.substr(std::string(form).size());
    if (place.find(' ') != std::string::npos) return "";
    std::string adj = place + "se";
    if (place.size() > 5 && place.substr(place.size() - 2) == "en" &&
        w.rng().Chance(0.5)) {
      adj = place.substr(0, place.size() - 2) + "se";
    }
    adj = Encode(Capitalise(Decode(adj)));
    return w.rng().Chance(0.5) ? adj + " Steenweg" : adj + "steenweg";
  }
  // Only a name that is the adjective and the type ("Ottergemsesteenweg
  // Zuid" is not "Steenweg op Ottergem").
  size_t end = f.find("se steenweg");
  size_t type_length = 11;
  if (end == std::string::npos) {
    end = f.find("sesteenweg");
    type_length = 10;
  }
  if (end == std::string::npos || f.find(' ') < end ||
      end + type_length != f.size()) {
    return "";
  }
  const std::string place = PlaceForStem(w.index(), f.substr(0, end));
  if (place.empty()) return "";
  return "Steenweg op " + Encode(Capitalise(Decode(place)));
}

}  // namespace

bool TypeSwapShape(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& adjectival = w.List("adjectival", [&](uint32_t id) {
    const std::string nl(w.index().streets()[id].names[0]);
    return !nl.empty() && NameKey(nl).find("steenweg") != std::string::npos &&
           (NameKey(nl).find("steenwegop") == 0 ||
            NameKey(nl).find("steenwegnaar") == 0 ||
            NameKey(nl).find("sesteenweg") != std::string::npos);
  });
  const double r = static_cast<double>(rng.Uniform(100)) / 100.0;
  const auto id = r >= 0.75 && !adjectival.empty() ? w.Pick(adjectival)
                                                   : AnyStreet(w).first;
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = r >= 0.75 ? Language::kNl : PickLanguage(w, s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  if (name.empty()) return false;
  std::vector<Part> parts = Split(name);
  std::string typed;
  if (r < 0.5) {
    for (size_t i : WordParts(parts)) {
      if (SwapType(w.index(), lang, &parts[i])) {
        typed = Join(parts);
        q->noise.push_back("swapped");
        break;
      }
    }
  } else if (r < 0.75) {
    if (HasStreetType(w.index(), name) || parts.empty()) return false;
    if (lang == Language::kFr) {
      typed = "Rue " + name;
    } else {
      typed = name + (lang == Language::kNl
                          ? "straat"
                          : (rng.Chance(0.5) ? "straße" : "strasse"));
    }
    q->noise.push_back("type_added");
  } else {
    if (lang != Language::kNl) return false;
    typed = Adjectival(w, name);
    q->noise.push_back("adjectival");
  }
  if (typed.empty()) return false;
  typed = w.Light(typed);
  const PlaceText place = w.Place(id, lang, false);
  if (!w.corpus().NoOtherNamed(NameKey(typed), id, place.scope) ||
      !StemUniqueInScope(w, id, place.scope)) {
    return false;
  }
  w.WriteTyped(id, name, typed, place, lang, 0.35, q);
  return true;
}

namespace {

// Common nouns of street names: Dutch stem, French phrase, German stem.
struct Noun {
  const char* nl;
  const char* fr;
  const char* de;
};
const std::vector<Noun>& Nouns() {
  static const std::vector<Noun> kNouns = {
      {"kerk", "de l'Église", "kirch"},
      {"markt", "du Marché", "markt"},
      {"station", "de la Gare", "bahnhof"},
      {"school", "de l'École", "schul"},
      {"molen", "du Moulin", "mühlen"},
      {"brug", "du Pont", "brücken"},
      {"kapel", "de la Chapelle", "kapellen"},
      {"bos", "du Bois", "wald"},
      {"kerkhof", "du Cimetière", "friedhof"},
      {"veld", "des Champs", "feld"},
      {"dorp", "du Village", "dorf"},
      {"klooster", "du Couvent", "kloster"},
      {"kasteel", "du Château", "schloss"},
      {"tuin", "du Jardin", "garten"},
      {"hoeve", "de la Ferme", "hof"},
      {"vijver", "de l'Étang", "weiher"},
      {"linde", "des Tilleuls", "linden"},
      {"eiken", "des Chênes", "eichen"},
      {"berken", "des Bouleaux", "birken"},
      {"post", "de la Poste", "post"},
      {"beek", "du Ruisseau", "bach"},
      {"heide", "de la Bruyère", "heide"},
  };
  return kNouns;
}

// Street type words: nl suffix, French word, German suffix.
struct TypeWord {
  const char* nl;
  const char* fr;
  const char* de;
};
const std::vector<TypeWord>& TypeWords() {
  static const std::vector<TypeWord> kTypes = {
      {"straat", "Rue", "straße"},        {"weg", "Chemin", "weg"},
      {"plein", "Place", "platz"},        {"laan", "Avenue", "allee"},
      {"steenweg", "Chaussée", "straße"},
  };
  return kTypes;
}

std::string NounIn(const Noun& n, Language lang) {
  return lang == Language::kNl ? n.nl : lang == Language::kFr ? n.fr : n.de;
}

// The noun is the stem: the same word, or in French the one word of the
// phrase that is no article ("eglise" of "de l'Église"; "leau" is not in
// "des Bouleaux").
bool NounIsStem(const internal::IndexData& index, const Noun& n, Language lang,
                const std::string& stem) {
  if (stem.empty()) return false;
  const std::string noun = Normalized(NounIn(n, lang));
  if (lang != Language::kFr) return noun == stem;
  std::vector<std::string> words;
  for (const std::string& w : FoldedWords(noun)) {
    if (!index.dictionary().Facts(w).stopword) words.push_back(w);
  }
  return words.size() == 1 && words[0] == stem;
}
std::string TypeIn(const TypeWord& t, Language lang) {
  return lang == Language::kNl ? t.nl : lang == Language::kFr ? t.fr : t.de;
}

// A one-language name read as (type word, stem): "Kirchstraße" ->
// (straße, kirch), "Rue de l'Église" -> (rue, église). False when the name
// has another shape.
bool ReadTypeAndStem(const internal::IndexData& index, const std::string& name,
                     Language lang, const TypeWord** type, std::string* stem) {
  const std::string f = Normalized(name);
  for (const TypeWord& t : TypeWords()) {
    const std::string word = Normalized(TypeIn(t, lang));
    if (lang == Language::kFr) {
      if (f.rfind(word + " ", 0) != 0) continue;
      std::vector<std::string> rest;
      for (const std::string& w : FoldedWords(f.substr(word.size() + 1))) {
        if (!index.dictionary().Facts(w).stopword) rest.push_back(w);
      }
      if (rest.size() != 1) continue;
      *type = &t;
      *stem = rest[0];
      return true;
    }
    if (f.find(' ') != std::string::npos || f.size() < word.size() + 3 ||
        f.compare(f.size() - word.size(), word.size(), word) != 0) {
      continue;
    }
    *type = &t;
    *stem = f.substr(0, f.size() - word.size());
    return true;
  }
  return false;
}

}  // namespace

bool TranslationShape(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& list = w.List("one_language", [&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    int named = 0;
    Language lang = Language::kNl;
    for (Language l : kAllLanguages) {
      if (!s.names[static_cast<size_t>(l)].empty()) {
        ++named;
        lang = l;
      }
    }
    const TypeWord* type = nullptr;
    std::string stem;
    return named == 1 &&
           ReadTypeAndStem(w.index(),
                           std::string(s.names[static_cast<size_t>(lang)]),
                           lang, &type, &stem);
  });
  const auto& nouns = w.List("one_language_noun", [&](uint32_t id) {
    if (!std::binary_search(list.begin(), list.end(), id)) return false;
    const StreetEntry& s = w.index().streets()[id];
    const Language lang = w.corpus().NativeLanguage(s);
    const TypeWord* type = nullptr;
    std::string stem;
    ReadTypeAndStem(w.index(), std::string(s.names[static_cast<size_t>(lang)]),
                    lang, &type, &stem);
    return std::any_of(Nouns().begin(), Nouns().end(), [&](const Noun& n) {
      return NounIsStem(w.index(), n, lang, stem);
    });
  });
  const uint32_t id = w.Pick(rng.Chance(0.4) && !nouns.empty() ? nouns : list);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = w.corpus().NativeLanguage(s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  const TypeWord* type = nullptr;
  std::string stem;
  if (!ReadTypeAndStem(w.index(), name, lang, &type, &stem)) return false;
  const Language target =
      lang == Language::kFr ? (rng.Chance(0.8) ? Language::kNl : Language::kDe)
                            : Language::kFr;
  std::string phrase;  // the stem in the target language
  for (const Noun& n : Nouns()) {
    if (NounIsStem(w.index(), n, lang, stem)) {
      phrase = NounIn(n, target);
      q->noise.push_back("noun");
    }
  }
  if (phrase.empty()) {
    if (lang == Language::kFr) return false;  // "Namenstraat": no rule here
    phrase = Encode(Capitalise(Decode(stem)));
    q->noise.push_back("type_word");
  }
  std::string typed;
  if (target == Language::kFr) {
    typed = std::string(type->fr) + " " + phrase;
  } else {
    typed =
        Encode(Capitalise(Decode(Normalized(phrase)))) + TypeIn(*type, target);
  }
  typed = w.Light(typed);
  const PlaceText place = w.Place(id, target, false);
  if (!w.corpus().NoOtherNamed(NameKey(typed), id, place.scope) ||
      !StemUniqueInScope(w, id, place.scope)) {
    return false;
  }
  const NumberText n = rng.Chance(0.6) ? w.Number(id, true) : NumberText{};
  w.Write(typed, n, place, target, rng.Chance(0.35), q);
  q->languages = {std::string(LanguageCode(target))};
  w.Finish(id, name, place, "", n, q);
  return true;
}

}  // namespace beladdr::quality
