// The shape families that keep the name and change what surrounds it (see
// shape_generator.h); the name-rewriting ones are in shape_names.cc.

#include <algorithm>
#include <set>

#include "internal/index_data.h"
#include "shape_writer.h"

namespace beladdr::quality {

using internal::FormatPostcode;
using internal::StreetEntry;

Language PickLanguage(ShapeWriter& w, const StreetEntry& s) {
  std::vector<Language> langs;
  for (Language l : kAllLanguages) {
    if (!s.names[static_cast<size_t>(l)].empty()) langs.push_back(l);
  }
  if (langs.size() > 1 && w.rng().Chance(0.3)) return w.rng().Pick(langs);
  return w.corpus().NativeLanguage(s);
}

std::pair<uint32_t, Language> AnyStreet(ShapeWriter& w) {
  const auto id =
      static_cast<uint32_t>(w.rng().Uniform(w.index().streets().size()));
  return {id, PickLanguage(w, w.index().streets()[id])};
}

std::string Fold(const std::u32string& word) {
  return Normalized(Encode(word));
}

std::string NameStem(const internal::IndexData& index,
                     const std::string& name) {
  std::string stem;
  std::vector<internal::Dictionary::SuffixMatch> suffixes;
  for (std::string word : FoldedWords(name)) {
    const auto facts = index.dictionary().Facts(word);
    if (facts.stopword || facts.street_type) continue;
    suffixes.clear();
    index.dictionary().CompoundSuffixes(word, &suffixes);
    if (!suffixes.empty() && !suffixes[0].abbreviated) {
      word.resize(suffixes[0].stem_length);
    }
    stem += word;
  }
  return stem;
}

bool StemUniqueInScope(ShapeWriter& w, uint32_t target, const Scope& scope) {
  const auto& index = w.index();
  std::set<std::string> own;
  for (const std::string_view n : index.streets()[target].names) {
    if (!n.empty()) own.insert(NameStem(index, std::string(n)));
  }
  for (uint32_t id : w.corpus().ScopeStreets(scope)) {
    if (id == target) continue;
    for (const std::string_view n : index.streets()[id].names) {
      if (n.empty()) continue;
      const std::string stem = NameStem(index, std::string(n));
      for (const std::string& o : own) {
        if (!o.empty() && stem.find(o) != std::string::npos) return false;
      }
    }
  }
  return true;
}

namespace {

std::string DigitsOf(const std::string& number) {
  std::string d;
  for (char c : number) {
    if (c < '0' || c > '9') break;
    d.push_back(c);
  }
  return d;
}

// A valid Belgian postcode after a country prefix or a spaced letter.
bool PostcodeBox(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto [id, lang] = AnyStreet(w);
  const StreetEntry& s = w.index().streets()[id];
  const std::string name(s.names[static_cast<size_t>(lang)]);
  NumberText n = w.Number(id, false);
  PlaceText place;
  place.scope.postcode = s.postcode;
  place.kind = "postcode_only";
  std::string muni;
  if (rng.Chance(0.7)) {
    muni = " " + w.Light(w.corpus().MunicipalityName(s.municipality, lang));
    place.scope.municipality = s.municipality;
    place.kind = "postcode_municipality";
  }
  const std::string pc = FormatPostcode(s.postcode);
  std::string text = w.Light(name) + " ";
  switch (rng.Uniform(5)) {
    case 0: {
      const std::string letter(1, static_cast<char>('A' + rng.Uniform(4)));
      n.house = DigitsOf(n.house) + letter;
      text += DigitsOf(n.house) + " " +
              (rng.Chance(0.5) ? letter : Lower(letter)) + ", " + pc + muni;
      q->noise.push_back("spaced_letter");
      break;
    }
    case 1:
      text += n.text + ", B-" + pc + muni;
      q->noise.push_back("b_dash");
      break;
    case 2:
      text += n.text + (rng.Chance(0.5) ? ", BE-" : " BE-") + pc + muni;
      q->noise.push_back("be_dash");
      break;
    case 3:
      text += n.text + (rng.Chance(0.5) ? ", B " : " B ") + pc + muni;
      q->noise.push_back("b_space");
      break;
    default:
      n.box = std::to_string(1 + rng.Uniform(9));
      text += n.text + (rng.Chance(0.5) ? " bus " : " bte ") + n.box + ", B-" +
              pc + muni;
      q->noise.push_back("box_then_b_dash");
      break;
  }
  q->request.query = text;
  w.Finish(id, name, place, "", n, q);
  return true;
}

bool IsVowel(char32_t c) {
  return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u';
}

// A one-letter slip in a short word: "Van" -> "Ven", "De" -> "Dee".
bool SlipShortWord(Rng& rng, std::u32string* word) {
  std::vector<size_t> vowels;
  for (size_t i = 0; i < word->size(); ++i) {
    if (IsVowel(static_cast<char32_t>(std::tolower((*word)[i])))) {
      vowels.push_back(i);
    }
  }
  if (!vowels.empty() && rng.Chance(0.6)) {
    const size_t i = rng.Pick(vowels);
    const char32_t old = static_cast<char32_t>(std::tolower((*word)[i]));
    char32_t c = old;
    while (c == old) c = U"aeiou"[rng.Uniform(5)];
    (*word)[i] = c;
    return true;
  }
  word->push_back(word->back());
  return true;
}

// A letter doubled or dropped inside a word.
void DoubleOrDrop(Rng& rng, std::u32string* word) {
  const size_t i = 1 + rng.Uniform(word->size() - 2);
  if (rng.Chance(0.5)) {
    word->insert(i, 1, (*word)[i]);
  } else {
    word->erase(i, 1);
  }
}

// Noise a scope can absorb: two edits, short-word slips, split + typo.
bool ScopeTypo(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto [id, lang] = AnyStreet(w);
  const StreetEntry& s = w.index().streets()[id];
  const std::string name(s.names[static_cast<size_t>(lang)]);
  std::vector<Part> parts = Split(name);
  std::vector<size_t> long_words, short_words, words;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!parts[i].word) continue;
    const size_t len = parts[i].text.size();
    if (len >= 8) long_words.push_back(i);
    if (len >= 2 && len <= 3) short_words.push_back(i);
    if (len >= 4) words.push_back(i);
  }
  switch (rng.Uniform(4)) {
    case 0: {
      if (long_words.empty()) return false;
      std::u32string& word = parts[rng.Pick(long_words)].text;
      const std::u32string before = word;
      Typo(rng, &word);
      Typo(rng, &word);
      if (EditDistance(Encode(word), Encode(before)) < 2) return false;
      q->noise.push_back("two_edits");
      break;
    }
    case 1:
      if (short_words.empty() || words.empty()) return false;
      SlipShortWord(rng, &parts[rng.Pick(short_words)].text);
      q->noise.push_back("short_word_slip");
      break;
    case 2: {
      if (lang == Language::kFr) return false;
      std::vector<internal::Dictionary::SuffixMatch> suffixes;
      size_t k = parts.size();
      for (size_t i : words) {
        suffixes.clear();
        w.index().dictionary().CompoundSuffixes(Fold(parts[i].text), &suffixes);
        if (!suffixes.empty() && !suffixes[0].abbreviated &&
            suffixes[0].stem_length >= 4 &&
            Fold(parts[i].text).size() == parts[i].text.size()) {
          k = i;
          break;
        }
      }
      if (k == parts.size()) return false;
      std::u32string stem = parts[k].text.substr(0, suffixes[0].stem_length);
      const std::u32string tail = parts[k].text.substr(suffixes[0].stem_length);
      DoubleOrDrop(rng, &stem);
      parts[k].text = stem + U" " + tail;
      q->noise.push_back("split_and_typo");
      break;
    }
    default: {
      if (words.size() < 2) return false;
      const size_t a = rng.Uniform(words.size());
      size_t b = rng.Uniform(words.size() - 1);
      if (b >= a) ++b;
      DoubleOrDrop(rng, &parts[words[a]].text);
      DoubleOrDrop(rng, &parts[words[b]].text);
      q->noise.push_back("two_words");
      break;
    }
  }
  const std::string typed = w.Light(Join(parts));
  const PlaceText place = w.Place(id, lang, false);
  if (!w.corpus().ClosestInScope(typed, id, place.scope)) return false;
  const NumberText n = rng.Chance(0.7) ? w.Number(id, true) : NumberText{};
  w.Write(typed, n, place, lang, rng.Chance(0.4), q);
  w.Finish(id, name, place, "", n, q);
  return true;
}

// bpost's province tag, from the NIS code's first digits.
std::string ProvinceTag(Rng& rng, const std::string& nis) {
  const int province =
      nis.size() >= 2 ? (nis[0] - '0') * 10 + (nis[1] - '0') : 0;
  auto pick = [&](std::vector<std::string> v) { return rng.Pick(v); };
  if (province >= 11 && province <= 13) return pick({"Antw.", "Antwerpen"});
  if (province == 21) return pick({"Bxl", "Brux."});
  if (province == 23 || province == 24) return pick({"Vl.-Br.", "Vl. Br."});
  if (province == 25) return pick({"Br. W.", "Bt"});
  if (province / 10 == 3) return pick({"W.-Vl.", "W.Vl."});
  if (province / 10 == 4) return pick({"O.-Vl.", "O.Vl."});
  if (province / 10 == 5) return pick({"Ht.", "Hainaut"});
  if (province / 10 == 6) return pick({"Lg.", "Liège"});
  if (province / 10 == 7) return pick({"Limb.", "L."});
  if (province / 10 == 8) return pick({"Lux.", "Luxembourg"});
  return pick({"Nam.", "Namur"});
}

// A locality or a hamlet-like word of the municipality, not in the name.
std::string Hamlet(ShapeWriter& w, uint32_t id, const PlaceText& place) {
  const StreetEntry& s = w.index().streets()[id];
  const std::vector<std::string> own = w.corpus().DistinctiveWords(
      std::string(s.names[static_cast<size_t>(w.corpus().NativeLanguage(s))]));
  if (w.rng().Chance(0.4)) {
    if (const auto* e = w.index().Postcode(s.postcode)) {
      std::vector<std::string> names;
      for (const auto& l : e->localities) {
        if (l.municipality == s.municipality) names.push_back(l.name_nl);
      }
      if (!names.empty()) return w.rng().Pick(names);
    }
  }
  const std::vector<uint32_t> scope = w.corpus().ScopeStreets(place.scope);
  if (scope.empty()) return "";
  const uint32_t other = w.rng().Pick(scope);
  if (other == id) return "";
  const auto& other_street = w.index().streets()[other];
  const auto words = w.corpus().DistinctiveWords(
      std::string(other_street.names[static_cast<size_t>(
          w.corpus().NativeLanguage(other_street))]));
  if (words.empty()) return "";
  const std::string word = w.rng().Pick(words);
  // A hamlet is no street: not a word with a street type in it.
  std::vector<internal::Dictionary::SuffixMatch> suffixes;
  w.index().dictionary().CompoundSuffixes(word, &suffixes);
  if (word.size() < 5 || !suffixes.empty() ||
      std::find(own.begin(), own.end(), word) != own.end()) {
    return "";
  }
  // Nor the whole name of a street of the place ("Berendries").
  for (uint32_t named : w.corpus().StreetsNamed(NameKey(word))) {
    if (w.corpus().InScope(named, place.scope)) return "";
  }
  return Encode(Capitalise(Decode(word)));
}

// Words around the name: hamlets, bracketed tags, residences, bpost tags.
bool ExtraWords(ShapeWriter& w, LabelledQuery* q) {
  static const std::vector<std::string> kResidences = {
      "Résidence Les Tilleuls", "Residentie Ter Linde", "Res. Belvédère",
      "Résidence Astrid",       "Building Europa",      "Immeuble Le Parc",
      "Residentie Zonneschijn", "Résidence Beau Site",  "Blok B",
      "Residence Panorama",     "Résidence du Lac",     "Appartement 4"};
  Rng& rng = w.rng();
  const auto [id, lang] = AnyStreet(w);
  const StreetEntry& s = w.index().streets()[id];
  const std::string name(s.names[static_cast<size_t>(lang)]);
  std::string street = w.Light(name);
  PlaceText place = w.Place(id, lang, false);
  NumberText n = rng.Chance(0.7) ? w.Number(id, true) : NumberText{};
  bool structured = rng.Chance(0.3);
  switch (rng.Uniform(4)) {
    case 0: {
      const std::string hamlet = Hamlet(w, id, place);
      if (hamlet.empty()) return false;
      street = rng.Chance(0.5) ? street + ", " + w.Light(hamlet)
                               : w.Light(hamlet) + ", " + street;
      q->noise.push_back("hamlet");
      break;
    }
    case 1: {
      std::string tag;
      for (size_t i = 0, len = 2 + rng.Uniform(3); i < len; ++i) {
        tag.push_back(static_cast<char>('A' + rng.Uniform(26)));
      }
      static const std::vector<std::string> kTails = {"", ".", ".II", ".I",
                                                      " III"};
      street += (rng.Chance(0.5) ? "(" : " (") + tag + rng.Pick(kTails) + ")";
      q->noise.push_back("bracket_tag");
      break;
    }
    case 2: {
      const std::string residence = w.Light(rng.Pick(kResidences));
      street = rng.Chance(0.6) ? residence + ", " + street
                               : street + " - " + residence;
      q->noise.push_back("residence");
      break;
    }
    default: {
      const std::string muni =
          w.corpus().MunicipalityName(s.municipality, lang) + " (" +
          ProvinceTag(rng, w.index().municipalities()[s.municipality].nis) +
          ")";
      place.name = w.Light(muni);
      place.scope.municipality = s.municipality;
      if (place.postcode.empty()) place.kind = "municipality";
      q->noise.push_back("bpost_tag");
      structured = rng.Chance(0.5);
      break;
    }
  }
  w.Write(street, n, place, lang, structured, q);
  w.Finish(id, name, place, "", n, q);
  return true;
}

bool BilingualNames(const StreetEntry& s) {
  return !s.names[0].empty() && !s.names[1].empty() &&
         NameKey(s.names[0]) != NameKey(s.names[1]);
}

// "Rue X - X-straat": the second name picks the street.
bool Bilingual(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& all = w.List("bilingual", [&](uint32_t id) {
    return BilingualNames(w.index().streets()[id]);
  });
  const auto& shared = w.List("bilingual_shared", [&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    return BilingualNames(s) &&
           (w.corpus().StreetsNamed(NameKey(s.names[0])).size() > 1 ||
            w.corpus().StreetsNamed(NameKey(s.names[1])).size() > 1);
  });
  const uint32_t id = w.Pick(rng.Chance(0.6) && !shared.empty() ? shared : all);
  const StreetEntry& s = w.index().streets()[id];
  const bool fr_first = rng.Chance(0.6);
  const std::string first(s.names[fr_first ? 1 : 0]);
  const std::string second(s.names[fr_first ? 0 : 1]);
  auto noisy = [&](const std::string& text) {
    std::vector<Part> parts = Split(text);
    if (rng.Chance(0.15)) {
      for (Part& p : parts) {
        if (p.word && p.text.size() >= 6) {
          Typo(rng, &p.text);
          break;
        }
      }
    }
    return w.Light(Join(parts));
  };
  static const std::vector<std::string> kSeparators = {" - ", " - ", " - ",
                                                       " / ", " -"};
  const std::string street =
      noisy(first) + rng.Pick(kSeparators) + noisy(second);
  const Language lang = fr_first ? Language::kFr : Language::kNl;
  const PlaceText place = w.Place(id, lang, true);
  const NumberText n = rng.Chance(0.7) ? w.Number(id, true) : NumberText{};
  w.Write(street, n, place, lang, rng.Chance(0.3), q);
  q->languages = {"fr", "nl"};
  w.Finish(id, first, place, second, n, q);
  return true;
}

bool IsGermanArticleName(const StreetEntry& s) {
  static const std::set<std::string> kFirst = {
      "am",    "im",     "zum", "zur", "auf", "in",  "an",
      "unter", "hinter", "vor", "bei", "zu",  "aus", "auf'm"};
  const std::string folded = Normalized(s.names[2]);
  return !folded.empty() && kFirst.count(folded.substr(0, folded.find(' ')));
}

// Runs of 1-3 words of a name that name a place.
bool HasPlaceWords(const internal::IndexData& index, const StreetEntry& s) {
  for (const std::string_view n : s.names) {
    if (n.empty()) continue;
    const std::vector<std::string> words = FoldedWords(std::string(n));
    for (size_t i = 0; i < words.size(); ++i) {
      std::string run;
      for (size_t k = i; k < words.size() && k < i + 3; ++k) {
        run += (run.empty() ? "" : " ") + words[k];
        if (index.dictionary().Facts(words[k]).known()) continue;
        if (index.places_by_text().count(run)) return true;
      }
    }
  }
  return false;
}

// Street names that contain a place name; German article forms.
bool PlaceWord(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& german = w.List("german_article", [&](uint32_t id) {
    return IsGermanArticleName(w.index().streets()[id]);
  });
  const auto& placed = w.List("place_words", [&](uint32_t id) {
    return HasPlaceWords(w.index(), w.index().streets()[id]);
  });
  const bool use_german = rng.Chance(0.4) && !german.empty();
  const uint32_t id = w.Pick(use_german ? german : placed);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = use_german ? Language::kDe : PickLanguage(w, s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  std::vector<Part> parts = Split(name);
  if (use_german) {
    q->noise.push_back("german_article");
    for (Part& p : parts) {
      const std::string f = Fold(p.text);
      if ((f == "dem" || f == "der" || f == "den") && rng.Chance(0.25)) {
        p.text = rng.Chance(0.5) ? U"der" : U"dem";
        q->noise.push_back("article_case");
      } else if ((f == "zum" || f == "zur") && rng.Chance(0.2)) {
        p.text = f == "zum" ? U"Zur" : U"Zum";
        q->noise.push_back("article_case");
      }
    }
  } else {
    q->noise.push_back("place_in_name");
  }
  const PlaceText place = w.Place(id, lang, true);
  const std::string typed = w.Light(Join(parts));
  if (typed != w.Light(name) && !place.scope.postcode &&
      place.scope.municipality < 0) {
    return false;  // a changed article, with no place: too loose to label
  }
  w.WriteTyped(id, name, typed, place, lang, 0.3, q);
  return true;
}

// A postcode of another municipality, near the street's when there is one.
uint16_t WrongPostcode(ShapeWriter& w, const StreetEntry& s) {
  std::vector<uint16_t> near, far;
  for (const auto& [pc, entry] : w.index().postcodes()) {
    if (entry.special) continue;
    const auto& munis = entry.municipalities;
    if (std::find(munis.begin(), munis.end(), s.municipality) != munis.end()) {
      continue;
    }
    (pc / 100 == s.postcode / 100 ? near : far).push_back(pc);
  }
  std::sort(near.begin(), near.end());
  std::sort(far.begin(), far.end());
  if (!near.empty() && w.rng().Chance(0.6)) return w.rng().Pick(near);
  return far.empty() ? 0 : w.rng().Pick(far);
}

// A postcode that contradicts a name found only elsewhere.
bool PostcodeContradiction(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const bool unique_in_belgium = rng.Chance(0.5);
  const int64_t found = w.RandomStreet([&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    const auto& same = w.corpus().StreetsNamed(
        NameKey(s.names[static_cast<size_t>(w.corpus().NativeLanguage(s))]));
    if (unique_in_belgium) return same.size() == 1;
    const auto in_muni =
        std::count_if(same.begin(), same.end(), [&](uint32_t o) {
          return w.index().StreetInMunicipality(w.index().streets()[o],
                                                s.municipality);
        });
    return same.size() > 1 && in_muni == 1;
  });
  if (found < 0) return false;
  const auto id = static_cast<uint32_t>(found);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = w.corpus().NativeLanguage(s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  const uint16_t wrong = WrongPostcode(w, s);
  if (wrong == 0) return false;
  Scope wrong_scope;
  wrong_scope.postcode = wrong;
  // The wrong postcode must hold no street like it (else it may be meant).
  const std::string key = NameKey(name);
  for (uint32_t other : w.corpus().ScopeStreets(wrong_scope)) {
    for (const std::string_view n : w.index().streets()[other].names) {
      if (!n.empty() && EditDistance(NameKey(n), key) <= key.size() / 3) {
        return false;
      }
    }
  }
  // Nor a street with the same distinctive words ("Chemin de Jamagne" for
  // Place de Jamagne): the street type is the lesser word, the postcode the
  // sharpest scope, and the text then reads as that street.
  if (w.corpus().SharedDistinctiveWords(name, id, wrong_scope)) return false;
  PlaceText place;
  place.postcode = FormatPostcode(wrong);
  place.kind =
      unique_in_belgium ? "unique_in_belgium" : "unique_in_municipality";
  if (!unique_in_belgium) {
    place.name = w.Light(w.corpus().MunicipalityName(s.municipality, lang));
    place.scope.municipality = s.municipality;
  }
  const NumberText n = rng.Chance(0.7) ? w.Number(id, true) : NumberText{};
  w.Write(w.Light(name), n, place, lang, rng.Chance(0.4), q);
  w.Finish(id, name, place, "", n, q);
  return true;
}

// The name without a trailing district tag: "Rue X (CH)" -> "Rue X".
std::string WithoutTag(const std::string& name) {
  const size_t open = name.rfind(" (");
  if (open != std::string::npos && name.back() == ')') {
    return name.substr(0, open);
  }
  return name;
}

// The postcode names the street among same-name streets of its
// municipality (other deelgemeenten, Charleroi's district tags).
bool PostcodeScope(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  auto base = [&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    return NameKey(WithoutTag(std::string(
        s.names[static_cast<size_t>(w.corpus().NativeLanguage(s))])));
  };
  // Same base name in one municipality, in several postcodes.
  const auto& groups = w.Groups("postcode_scope", [&](uint32_t id) {
    return base(id) + "|" +
           std::to_string(w.index().streets()[id].municipality);
  });
  std::vector<const std::vector<uint32_t>*> multi;
  for (const auto& streets : groups) {
    std::set<uint16_t> pcs;
    for (uint32_t id : streets) pcs.insert(w.index().streets()[id].postcode);
    if (pcs.size() > 1) multi.push_back(&streets);
  }
  if (multi.empty()) return false;
  std::vector<const std::vector<uint32_t>*> tagged;
  for (const auto* g : multi) {
    const StreetEntry& s = w.index().streets()[g->front()];
    const std::string n(
        s.names[static_cast<size_t>(w.corpus().NativeLanguage(s))]);
    if (WithoutTag(n) != n) tagged.push_back(g);
  }
  const auto& group = rng.Chance(0.3) && !tagged.empty()
                          ? *tagged[rng.Uniform(tagged.size())]
                          : *multi[rng.Uniform(multi.size())];
  const uint32_t id = rng.Pick(group);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = w.corpus().NativeLanguage(s);
  const std::string name =
      WithoutTag(std::string(s.names[static_cast<size_t>(lang)]));
  PlaceText place;
  place.postcode = FormatPostcode(s.postcode);
  place.scope.postcode = s.postcode;
  place.kind = "postcode_only";
  if (rng.Chance(0.5)) {
    place.name = w.Light(w.corpus().MunicipalityName(s.municipality, lang));
    place.kind = "postcode_municipality";
  }
  q->noise.push_back(name == s.names[static_cast<size_t>(lang)]
                         ? "other_postcode"
                         : "district_tag");
  const NumberText n = rng.Chance(0.6) ? w.Number(id, false) : NumberText{};
  w.Write(w.Light(name), n, place, lang, rng.Chance(0.5), q);
  w.Finish(id, std::string(s.names[static_cast<size_t>(lang)]), place, "", n,
           q);
  q->expected.clear();
  for (uint32_t other : group) {
    if (w.index().streets()[other].postcode == s.postcode) {
      q->expected.push_back(std::string(w.index().streets()[other].code));
    }
  }
  return true;
}

// The number exists on only one of the same-name streets of the scope.
bool HouseNumberShape(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto& list = w.List("same_name_in_municipality", [&](uint32_t id) {
    const StreetEntry& s = w.index().streets()[id];
    if (s.house_number_count == 0) return false;
    const auto& same = w.corpus().StreetsNamed(
        NameKey(s.names[static_cast<size_t>(w.corpus().NativeLanguage(s))]));
    return std::count_if(same.begin(), same.end(), [&](uint32_t o) {
             return w.index().streets()[o].municipality == s.municipality;
           }) > 1;
  });
  if (list.empty()) return false;
  const uint32_t id = w.Pick(list);
  const StreetEntry& s = w.index().streets()[id];
  const Language lang = w.corpus().NativeLanguage(s);
  const std::string name(s.names[static_cast<size_t>(lang)]);
  std::vector<uint32_t> group;
  bool shared_postcode = false;
  for (uint32_t o : w.corpus().StreetsNamed(NameKey(name))) {
    if (o == id || w.index().streets()[o].municipality != s.municipality)
      continue;
    group.push_back(o);
    shared_postcode |= w.index().streets()[o].postcode == s.postcode;
  }
  NumberText n;
  for (int attempt = 0; attempt < 8 && n.house.empty(); ++attempt) {
    NumberText candidate = w.Number(id, false);
    if (!w.corpus().HasNumber(id, candidate.house)) continue;
    if (std::none_of(group.begin(), group.end(), [&](uint32_t o) {
          return w.corpus().HasNumber(o, candidate.house);
        })) {
      n = candidate;
    }
  }
  if (n.house.empty()) return false;
  PlaceText place;
  if (shared_postcode) {
    place.postcode = FormatPostcode(s.postcode);
    place.scope.postcode = s.postcode;
    place.kind = "postcode_only";
  } else {
    place.name = w.Light(w.corpus().MunicipalityName(s.municipality, lang));
    place.scope.municipality = s.municipality;
    place.kind = "municipality";
  }
  w.Write(w.Light(name), n, place, lang, rng.Chance(0.5), q);
  w.Finish(id, name, place, "", n, q);
  return true;
}

// One-line extraction noise: "TOUR NAI", "WAV,RE", "2,E".
bool Extraction(ShapeWriter& w, LabelledQuery* q) {
  Rng& rng = w.rng();
  const auto [id, lang] = AnyStreet(w);
  const StreetEntry& s = w.index().streets()[id];
  const std::string name(s.names[static_cast<size_t>(lang)]);
  auto cut = [&](std::u32string* word) {
    const size_t at = 2 + rng.Uniform(word->size() - 3);
    word->insert(at, rng.Chance(0.5) ? U" " : U",");
  };
  std::vector<Part> street = Split(name);
  std::string muni = w.corpus().MunicipalityName(s.municipality, lang);
  std::vector<Part> place_parts = Split(muni);
  std::vector<size_t> street_words, place_words, ordinals;
  for (size_t i = 0; i < street.size(); ++i) {
    if (!street[i].word) continue;
    const std::u32string& t = street[i].text;
    if (t.size() >= 6) street_words.push_back(i);
    if (t.size() >= 2 && t[0] >= U'0' && t[0] <= U'9' &&
        !(t.back() >= U'0' && t.back() <= U'9')) {
      ordinals.push_back(i);
    }
  }
  for (size_t i = 0; i < place_parts.size(); ++i) {
    if (place_parts[i].word && place_parts[i].text.size() >= 5) {
      place_words.push_back(i);
    }
  }
  const bool split_place = rng.Chance(0.5);
  if (split_place) {
    if (place_words.empty()) return false;
    cut(&place_parts[rng.Pick(place_words)].text);
    q->noise.push_back("place_split");
  } else if (!ordinals.empty() && rng.Chance(0.5)) {
    std::u32string& word = street[rng.Pick(ordinals)].text;
    size_t digits = 0;
    while (digits < word.size() && word[digits] >= U'0' && word[digits] <= U'9')
      ++digits;
    word.insert(digits, U",");
    q->noise.push_back("ordinal_comma");
  } else {
    if (street_words.empty()) return false;
    cut(&street[rng.Pick(street_words)].text);
    q->noise.push_back("street_split");
  }
  PlaceText place;
  place.name = Join(place_parts);
  place.scope.municipality = s.municipality;
  place.kind = "municipality";
  if (rng.Chance(0.5)) {
    place.postcode = FormatPostcode(s.postcode);
    place.scope.postcode = s.postcode;
    place.kind = "postcode_municipality";
  }
  std::string typed = Join(street);
  if (rng.Chance(0.6)) {
    typed = Upper(typed);
    place.name = Upper(place.name);
  }
  const NumberText n = rng.Chance(0.7) ? w.Number(id, false) : NumberText{};
  w.Write(typed, n, place, lang, false, q);
  w.Finish(id, name, place, "", n, q);
  return true;
}

}  // namespace

const std::vector<ShapeFamily>& AllShapeFamilies() {
  static const std::vector<ShapeFamily> kFamilies = {
      {"postcode_box", PostcodeBox},
      {"scope_typo", ScopeTypo},
      {"extra_words", ExtraWords},
      {"bilingual", Bilingual},
      {"place_word", PlaceWord},
      {"postcode_contradiction", PostcodeContradiction},
      {"given_names", GivenNamesShape},
      {"postcode_scope", PostcodeScope},
      {"house_number", HouseNumberShape},
      {"type_swap", TypeSwapShape},
      {"translation", TranslationShape},
      {"extraction", Extraction},
  };
  return kFamilies;
}

}  // namespace beladdr::quality
