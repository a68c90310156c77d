#include "query_generator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "beladdr/index/normalizer.h"
#include "text_noise.h"

namespace beladdr::quality {
namespace {

using internal::IndexData;
using internal::MunicipalityEntry;
using internal::Normalizer;
using internal::PlaceVariantEntry;
using internal::StreetEntry;

}  // namespace

// ---- generator -------------------------------------------------------------

struct QueryGenerator::Impl {
  const IndexData& index;
  StreetCorpus& corpus;
  Rng& rng;
  std::vector<uint32_t> brussels, german;

  Impl(const IndexData& i, StreetCorpus& c, Rng& r)
      : index(i), corpus(c), rng(r) {
    for (uint32_t id = 0; id < index.streets().size(); ++id) {
      const StreetEntry& s = index.streets()[id];
      if (s.region == internal::Region::kBrussels) brussels.push_back(id);
      if (!s.names[2].empty()) german.push_back(id);
    }
  }

  uint32_t PickStreet() {
    const double r = static_cast<double>(rng.Uniform(1000)) / 1000.0;
    if (r < 0.15) return rng.Pick(brussels);
    if (r < 0.20) return rng.Pick(german);
    return static_cast<uint32_t>(rng.Uniform(index.streets().size()));
  }

  // One of the street's names, preferring its municipality's language.
  Language PickLanguage(const StreetEntry& s) {
    std::vector<Language> langs;
    for (Language l : kAllLanguages) {
      if (!s.names[static_cast<size_t>(l)].empty()) langs.push_back(l);
    }
    if (langs.size() == 1) return langs[0];
    const auto& code = index.municipalities()[s.municipality].language_code;
    const Language native = code == "F"   ? Language::kFr
                            : code == "D" ? Language::kDe
                                          : Language::kNl;
    if (code != "FN" && !s.names[static_cast<size_t>(native)].empty() &&
        rng.Chance(0.7)) {
      return native;
    }
    return rng.Pick(langs);
  }

  // Languages a detector may answer for a name: those in which the street
  // has exactly this name.
  std::vector<std::string> NameLanguages(const StreetEntry& s,
                                         const std::string& name) {
    std::vector<std::string> out;
    const std::string key = Normalized(name);
    for (Language l : kAllLanguages) {
      const std::string n(s.names[static_cast<size_t>(l)]);
      if (!n.empty() && Normalized(n) == key) out.emplace_back(LanguageCode(l));
    }
    return out;
  }

  std::string Abbreviate(Language lang, const std::u32string& word,
                         bool* done) {
    const std::string folded = Normalized(Encode(word));
    auto variants = index.dictionary().AbbreviationsOf(lang, folded);
    // Multi-letter abbreviations only: single letters are too ambiguous.
    variants.erase(std::remove_if(variants.begin(), variants.end(),
                                  [](const std::string& v) {
                                    return v.size() < 2 ||
                                           v.find(' ') != std::string::npos;
                                  }),
                   variants.end());
    if (!variants.empty()) {
      *done = true;
      std::u32string a = Decode(rng.Pick(variants));
      if (Capitalised(word)) a = Capitalise(a);
      if (rng.Chance(0.5)) a.push_back(U'.');
      return Encode(a);
    }
    // A Dutch/German compound ending in a street type: Kerkstraat -> Kerkstr.
    if (lang != Language::kFr) {
      std::vector<internal::Dictionary::SuffixMatch> suffixes;
      index.dictionary().CompoundSuffixes(folded, &suffixes);
      for (const auto& s : suffixes) {
        if (s.abbreviated) continue;
        auto abbr = index.dictionary().AbbreviationsOf(lang, s.canonical);
        abbr.erase(
            std::remove_if(abbr.begin(), abbr.end(),
                           [](const std::string& v) { return v.size() < 2; }),
            abbr.end());
        if (abbr.empty() || folded.size() != word.size()) continue;
        *done = true;
        std::u32string out =
            word.substr(0, s.stem_length) + Decode(rng.Pick(abbr));
        if (rng.Chance(0.5)) out.push_back(U'.');
        return Encode(out);
      }
    }
    return Encode(word);
  }

  // The noise model on a street name.
  std::string Noisy(const std::string& name, Language lang,
                    std::vector<std::string>* noise) {
    std::vector<Part> parts = Split(name);
    std::vector<bool> abbreviated(parts.size(), false);
    if (rng.Chance(0.35)) {
      bool any = false;
      for (size_t i = 0; i < parts.size(); ++i) {
        Part& p = parts[i];
        if (!p.word || !rng.Chance(0.6)) continue;
        bool done = false;
        const std::string a = Abbreviate(lang, p.text, &done);
        if (done) {
          p.text = Decode(a);
          abbreviated[i] = true;
          any = true;
        }
      }
      if (any) noise->push_back("abbreviation");
    }
    if (rng.Chance(0.25)) {
      bool any = false;
      for (size_t i = 0; i < parts.size(); ++i) {
        if (!parts[i].word) continue;
        const std::string folded = Normalized(Encode(parts[i].text));
        if (!(index.dictionary().StopwordLanguages(folded) & MaskOf(lang)))
          continue;
        if (i + 1 == parts.size()) continue;  // keep a final word
        parts[i].text.clear();
        if (i + 1 < parts.size() && !parts[i + 1].word)
          parts[i + 1].text = U" ";
        any = true;
      }
      if (any) noise->push_back("article_dropped");
    }
    if (lang != Language::kFr && rng.Chance(0.1)) {
      for (Part& p : parts) {
        if (!p.word) continue;
        std::vector<internal::Dictionary::SuffixMatch> suffixes;
        const std::string folded = Normalized(Encode(p.text));
        index.dictionary().CompoundSuffixes(folded, &suffixes);
        if (!suffixes.empty() && !suffixes[0].abbreviated &&
            folded.size() == p.text.size()) {
          p.text.insert(suffixes[0].stem_length, U" ");
          noise->push_back("compound_split");
          break;
        }
      }
    } else if (rng.Chance(0.06)) {
      for (size_t i = 1; i + 1 < parts.size(); ++i) {
        if (!parts[i].word &&
            (parts[i].text == U" " || parts[i].text == U"-") &&
            parts[i - 1].word && parts[i + 1].word) {
          parts[i].text.clear();
          noise->push_back("compound_joined");
          break;
        }
      }
    }
    // At most one typo per word, never in an abbreviation; a third of the
    // names get one, a few get two.
    int typos = rng.Chance(0.33) ? 1 : 0;
    if (typos && rng.Chance(0.15)) typos = 2;
    std::vector<size_t> typo_words;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].word && parts[i].text.size() >= 5 && !abbreviated[i]) {
        typo_words.push_back(i);
      }
    }
    for (int t = 0; t < typos && !typo_words.empty(); ++t) {
      const size_t k = rng.Uniform(typo_words.size());
      Typo(rng, &parts[typo_words[k]].text);
      typo_words.erase(typo_words.begin() + static_cast<long>(k));
      noise->push_back("typo");
    }
    if (rng.Chance(0.25)) {
      for (Part& p : parts) {
        if (p.word) continue;
        for (char32_t& c : p.text) {
          if (c == U'-' || c == U'.') c = U' ';
          if (c == U'\'' || c == U'\u2019') c = rng.Chance(0.5) ? U' ' : U'\'';
        }
      }
      noise->push_back("punctuation");
    }
    std::string out = Join(parts);
    if (rng.Chance(0.4)) {
      const std::string stripped = StripAccents(out);
      if (stripped != out) noise->push_back("accents_removed");
      out = stripped;
    }
    const double c = static_cast<double>(rng.Uniform(100)) / 100.0;
    if (c < 0.45) {
      out = Lower(out);
    } else if (c < 0.52) {
      out = Upper(out);
    }
    return out;
  }

  // Light noise for a place name: case, accents, sometimes a typo.
  std::string NoisyPlace(const std::string& name,
                         std::vector<std::string>* noise) {
    std::string out = name;
    if (rng.Chance(0.08)) {
      std::vector<Part> parts = Split(out);
      for (Part& p : parts) {
        if (p.word && p.text.size() >= 6) {
          Typo(rng, &p.text);
          noise->push_back("place_typo");
          break;
        }
      }
      out = Join(parts);
    }
    if (rng.Chance(0.4)) out = StripAccents(out);
    if (rng.Chance(0.5)) out = Lower(out);
    return out;
  }

  struct Place {
    std::string text;                 // empty when no place is given
    std::string postcode;             // "" when none
    int municipality = -1;            // constraint by municipality
    std::vector<uint16_t> postcodes;  // constraint by locality postcodes
    std::string kind;
  };

  Place PickPlace(const StreetEntry& s, Language lang,
                  std::vector<std::string>* noise) {
    const MunicipalityEntry& m = index.municipalities()[s.municipality];
    const internal::PostcodeEntry* pe = index.Postcode(s.postcode);
    std::vector<const internal::LocalityEntry*> localities;
    if (pe != nullptr) {
      for (const auto& l : pe->localities) {
        if (l.municipality == s.municipality &&
            Normalized(l.name_nl) != Normalized(m.names[0]) &&
            Normalized(l.name_nl) != Normalized(m.names[1])) {
          localities.push_back(&l);
        }
      }
    }
    std::vector<std::string> predecessors;
    for (const PlaceVariantEntry& p : index.place_variants()) {
      if (p.municipality == s.municipality &&
          (p.name.flags & internal::kVariantPredecessor)) {
        for (const auto* l : localities) {
          if (Normalized(l->name_nl) == p.text) predecessors.push_back(p.text);
        }
      }
    }
    auto muni_name = [&](bool other) {
      std::string own = m.names[static_cast<size_t>(lang)];
      if (own.empty()) own = m.names[0].empty() ? m.names[1] : m.names[0];
      if (!other) return own;
      std::vector<std::string> others;
      for (const std::string& n : m.names) {
        if (!n.empty() && Normalized(n) != Normalized(own)) others.push_back(n);
      }
      return others.empty() ? own : rng.Pick(others);
    };
    auto locality_postcodes = [&](const std::string& name) {
      std::vector<uint16_t> pcs;
      for (uint16_t pc : m.postcodes) {
        if (const auto* e = index.Postcode(pc)) {
          for (const auto& l : e->localities) {
            if (Normalized(l.name_nl) == Normalized(name) ||
                Normalized(l.name_fr) == Normalized(name)) {
              pcs.push_back(pc);
            }
          }
        }
      }
      return pcs;
    };
    Place p;
    const std::string pc = internal::FormatPostcode(s.postcode);
    const double r = static_cast<double>(rng.Uniform(1000)) / 1000.0;
    if (r < 0.30) {
      p = {muni_name(false), "", s.municipality, {}, "municipality"};
    } else if (r < 0.40) {
      p = {muni_name(true),
           "",
           s.municipality,
           {},
           "municipality_other_language"};
    } else if (r < 0.48 && !localities.empty()) {
      const auto* l = rng.Pick(localities);
      const std::string name =
          lang == Language::kFr && !l->name_fr.empty() && rng.Chance(0.5)
              ? l->name_fr
              : l->name_nl;
      p = {name, "", -1, locality_postcodes(name), "deelgemeente"};
    } else if (r < 0.52 && !predecessors.empty()) {
      const std::string name = rng.Pick(predecessors);
      p = {name, "", -1, locality_postcodes(name), "pre2025_municipality"};
    } else if (r < 0.74) {
      p = {muni_name(rng.Chance(0.15)),
           pc,
           s.municipality,
           {},
           "postcode_municipality"};
    } else if (r < 0.80 && !localities.empty()) {
      const auto* l = rng.Pick(localities);
      p = {l->name_nl, pc, -1, {}, "postcode_deelgemeente"};
    } else if (r < 0.93) {
      p = {"", pc, -1, {}, "postcode_only"};
    } else {
      p = {"", "", -1, {}, "no_place"};
    }
    noise->push_back(p.kind);
    if (!p.text.empty()) p.text = NoisyPlace(p.text, noise);
    return p;
  }

  // The strict label (StreetCorpus::Label): same-name streets of the
  // place, narrowed by the other name of bilingual text and by the number.
  std::vector<std::string> Expected(uint32_t street, const std::string& name,
                                    const Place& p,
                                    const std::string& other_name,
                                    const std::string& number) {
    return corpus.Label(street, name, ScopeOf(p), other_name, number);
  }

  // The noise made the text the exact name of another street of the place
  // ("rue caplumont" of Rue de Caplumont, beside Rue Caplumont): that
  // street is what the text names, so the query is not written.
  bool NamesAnother(uint32_t street, const std::string& typed,
                    const Place& p) const {
    return !corpus.NoOtherNamed(NameKey(typed), street, ScopeOf(p));
  }

  static Scope ScopeOf(const Place& p) {
    Scope scope;
    scope.postcode =
        p.postcode.empty() ? 0 : internal::ParsePostcode(p.postcode);
    scope.municipality = p.municipality;
    scope.postcodes = p.postcodes;
    return scope;
  }

  // A number the data lists for the street (when it lists any, mostly),
  // else a small one.
  int BaseNumber(uint32_t street) {
    std::vector<int> plain;
    for (const std::string& h : corpus.HouseNumbers(street)) {
      if (!h.empty() && h.size() <= 4 &&
          std::all_of(h.begin(), h.end(),
                      [](char c) { return c >= '0' && c <= '9'; })) {
        plain.push_back(std::stoi(h));
      }
    }
    if (!plain.empty() && rng.Chance(0.8)) return rng.Pick(plain);
    return 1 +
           static_cast<int>(
               std::pow(static_cast<double>(rng.Uniform(1000)) / 1000.0, 2) *
               180);
  }

  // "12", "12A", "12 bis", "10-12", with a box sometimes.
  void HouseNumber(uint32_t street, std::string* text, std::string* number,
                   std::string* box, std::vector<std::string>* noise) {
    const int n = BaseNumber(street);
    const double r = static_cast<double>(rng.Uniform(100)) / 100.0;
    std::string t = std::to_string(n);
    *number = t;
    if (r < 0.10) {
      const char letter = static_cast<char>('a' + rng.Uniform(4));
      t += rng.Chance(0.5) ? std::string(1, letter)
                           : std::string(1, static_cast<char>(letter - 32));
      *number = std::to_string(n) + static_cast<char>(letter - 32);
      noise->push_back("number_letter");
    } else if (r < 0.15) {
      t += " bis";
      *number = std::to_string(n) + "bis";
      noise->push_back("number_bis");
    } else if (r < 0.20) {
      t += "-" + std::to_string(n + 2);
      *number = t;
      noise->push_back("number_range");
    }
    if (rng.Chance(0.2)) {
      *box = std::to_string(1 + rng.Uniform(12));
      static const std::vector<std::string> forms = {
          "bus ", "bte ", "boîte ", "b ", "box ", "/", "bus"};
      const std::string& form = rng.Pick(forms);
      t += (form == "/" ? "/" : " " + form) + *box;
      noise->push_back("box");
    }
    *text = t;
  }
};

QueryGenerator::QueryGenerator(const IndexData& index,
                               const internal::IndexStore& store, uint64_t seed)
    : index_(index), corpus_(index, store), rng_(seed) {}

std::vector<LabelledQuery> QueryGenerator::Noisy(size_t count) {
  Impl impl(index_, corpus_, rng_);
  std::vector<LabelledQuery> out;
  while (out.size() < count) {
    const uint32_t id = impl.PickStreet();
    const StreetEntry& s = index_.streets()[id];
    LabelledQuery q;
    q.kind = "noisy";
    const Language lang = impl.PickLanguage(s);
    const std::string name(s.names[static_cast<size_t>(lang)]);
    std::string street = impl.Noisy(name, lang, &q.noise);
    q.languages = impl.NameLanguages(s, name);
    // Brussels: sometimes both names, "Rue X - X-straat".
    std::string first = name, second;
    if (s.region == internal::Region::kBrussels && !s.names[0].empty() &&
        !s.names[1].empty() &&
        Normalized(s.names[0]) != Normalized(s.names[1]) && rng_.Chance(0.08)) {
      std::vector<std::string> ignored;
      street = impl.Noisy(std::string(s.names[1]), Language::kFr, &ignored) +
               " - " +
               impl.Noisy(std::string(s.names[0]), Language::kNl, &ignored);
      q.languages = {"fr", "nl"};
      q.noise.push_back("bilingual");
      first = s.names[1];
      second = s.names[0];
    }
    const auto place = impl.PickPlace(s, lang, &q.noise);
    if (second.empty() && impl.NamesAnother(id, street, place)) continue;
    std::string number_text;
    if (rng_.Chance(0.7)) {
      impl.HouseNumber(id, &number_text, &q.expected_house_number,
                       &q.expected_box_number, &q.noise);
    }
    q.expected =
        impl.Expected(id, first, place, second, q.expected_house_number);
    // Assemble in one of the orders people use.
    std::string text = street;
    if (!number_text.empty()) {
      text = lang == Language::kFr && rng_.Chance(0.3)
                 ? number_text + (rng_.Chance(0.5) ? ", " : " ") + street
                 : street + " " + number_text;
    }
    std::string where = place.postcode;
    if (!place.text.empty()) where += (where.empty() ? "" : " ") + place.text;
    if (!where.empty()) {
      if (rng_.Chance(0.1)) {
        text = where + (rng_.Chance(0.5) ? ", " : " ") + text;
        q.noise.push_back("place_first");
      } else {
        text += (rng_.Chance(0.6) ? ", " : " ") + where;
      }
    }
    q.request.query = text;
    q.id = "noisy-" + std::to_string(out.size() + 1);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<LabelledQuery> QueryGenerator::Structured(size_t count) {
  Impl impl(index_, corpus_, rng_);
  std::vector<LabelledQuery> out;
  while (out.size() < count) {
    const uint32_t id = impl.PickStreet();
    const StreetEntry& s = index_.streets()[id];
    LabelledQuery q;
    q.kind = "structured";
    const Language lang = impl.PickLanguage(s);
    const std::string name(s.names[static_cast<size_t>(lang)]);
    q.request.street = impl.Noisy(name, lang, &q.noise);
    q.languages = impl.NameLanguages(s, name);
    auto place = impl.PickPlace(s, lang, &q.noise);
    if (impl.NamesAnother(id, q.request.street, place)) continue;
    q.request.post_code = place.postcode;
    q.request.municipality = place.text;
    if (rng_.Chance(0.8)) {
      std::string text;
      impl.HouseNumber(id, &text, &q.expected_house_number,
                       &q.expected_box_number, &q.noise);
      q.request.house_number = text;
    }
    q.expected = impl.Expected(id, name, place, "", q.expected_house_number);
    q.id = "structured-" + std::to_string(out.size() + 1);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<LabelledQuery> QueryGenerator::Places(size_t count) {
  Impl impl(index_, corpus_, rng_);
  std::vector<LabelledQuery> out;
  while (out.size() < count) {
    const MunicipalityEntry& m =
        index_.municipalities()[rng_.Uniform(index_.municipalities().size())];
    LabelledQuery q;
    q.kind = "place";
    std::vector<Language> langs;
    for (Language l : kAllLanguages) {
      if (!m.names[static_cast<size_t>(l)].empty()) langs.push_back(l);
    }
    const Language lang = rng_.Pick(langs);
    const std::string name = m.names[static_cast<size_t>(lang)];
    for (Language l : kAllLanguages) {
      if (Normalized(m.names[static_cast<size_t>(l)]) == Normalized(name)) {
        q.languages.emplace_back(LanguageCode(l));
      }
    }
    q.request.query = impl.NoisyPlace(name, &q.noise);
    q.expected = {m.nis};
    q.id = "place-" + std::to_string(out.size() + 1);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<LabelledQuery> QueryGenerator::Negatives(size_t count) {
  // Real places and streets abroad, with their postcode formats.
  struct Country {
    std::vector<std::string> streets;
    std::vector<std::string> towns;  // with postcode, as written there
    std::vector<std::string> bare_towns;
  };
  static const std::vector<Country> kCountries = {
      {{"Rue de Rivoli", "Avenue des Champs-Élysées", "Boulevard Haussmann",
        "Rue du Faubourg Saint-Honoré", "Place Bellecour", "La Canebière",
        "Rue de la République", "Avenue Jean Jaurès", "Quai des Chartrons",
        "Rue Nationale", "Boulevard de la Liberté", "Cours Mirabeau"},
       {"75001 Paris", "75008 Paris", "69002 Lyon", "13001 Marseille",
        "59000 Lille", "33000 Bordeaux", "67000 Strasbourg", "06000 Nice",
        "31000 Toulouse", "13100 Aix-en-Provence", "59100 Roubaix",
        "59200 Tourcoing"},
       {"Paris", "Lyon", "Marseille", "Bordeaux", "Strasbourg", "Toulouse",
        "Dunkerque", "Reims", "Nancy"}},
      {{"Kalverstraat", "Damrak", "Coolsingel", "Oudegracht", "Lange Voorhout",
        "Vrijthof", "Stratumseind", "Grote Marktstraat", "Herengracht",
        "Prinsengracht", "Lijnbaan", "Breestraat"},
       {"1012 NX Amsterdam", "3012 AA Rotterdam", "3511 AB Utrecht",
        "2514 EA Den Haag", "6211 LE Maastricht", "5611 EM Eindhoven",
        "2311 EZ Leiden", "4811 XJ Breda", "9712 HV Groningen"},
       {"Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven",
        "Groningen", "Breda", "Nijmegen", "Zwolle"}},
      {{"Königsallee", "Unter den Linden", "Kurfürstendamm", "Theaterstraße",
        "Hohe Straße", "Zeil", "Friedrichstraße", "Schildergasse", "Karlsplatz",
        "Jungfernstieg", "Maximilianstraße", "Adalbertsteinweg"},
       {"40212 Düsseldorf", "10117 Berlin", "52062 Aachen", "50667 Köln",
        "60313 Frankfurt am Main", "80331 München", "20095 Hamburg",
        "70173 Stuttgart", "45127 Essen"},
       {"Aachen", "Köln", "Düsseldorf", "Berlin", "München", "Hamburg",
        "Frankfurt", "Stuttgart", "Bonn"}},
      {{"Grand-Rue", "Avenue de la Liberté", "Boulevard Royal",
        "Rue de l'Alzette", "Route d'Arlon", "Avenue de la Gare"},
       {"L-1661 Luxembourg", "L-4170 Esch-sur-Alzette", "L-9010 Ettelbruck"},
       {"Luxembourg-Ville", "Esch-sur-Alzette", "Ettelbruck", "Differdange"}},
      {{"Downing Street", "Baker Street", "Oxford Street", "Abbey Road",
        "Princes Street", "Deansgate"},
       {"London SW1A 2AA", "London NW1 6XE", "Edinburgh EH2 2ER",
        "Manchester M3 2BW"},
       {"London", "Manchester", "Edinburgh", "Birmingham"}},
      {{"Via del Corso", "Gran Vía", "Rua Augusta", "Via Roma", "Las Ramblas",
        "Bahnhofstrasse"},
       {"00186 Roma", "28013 Madrid", "1100-048 Lisboa", "08002 Barcelona",
        "8001 Zürich"},
       {"Roma", "Madrid", "Lisboa", "Barcelona", "Milano", "Zürich", "Wien"}},
  };
  static const std::vector<std::string> kNonsense = {
      "asdfgh",
      "qwerty",
      "azerty uiop",
      "lorem ipsum dolor sit amet",
      "hello world",
      "test test",
      "n/a",
      "unknown",
      "???",
      "xxxx",
      "aaaa bbbb",
      "foo bar baz",
      "1234567",
      "null",
      "undefined",
      "tbd",
      "geen adres",
      "pas d'adresse",
      "keine Adresse",
      "to be confirmed",
      "see attachment",
      "zzzz 99",
      "qsdfghjklm",
      "wxcvbn",
      "jkjkjk 12"};
  std::vector<LabelledQuery> out;
  while (out.size() < count) {
    LabelledQuery q;
    q.kind = "negative";
    const double r = static_cast<double>(rng_.Uniform(100)) / 100.0;
    const Country& c = rng_.Pick(kCountries);
    if (r < 0.45) {
      q.request.query = rng_.Pick(c.streets) + " " +
                        std::to_string(1 + rng_.Uniform(120)) +
                        (rng_.Chance(0.6) ? ", " : " ") + rng_.Pick(c.towns);
      q.noise.push_back("foreign_address");
    } else if (r < 0.6) {
      q.request.query = rng_.Pick(c.streets) + " " + rng_.Pick(c.bare_towns);
      q.noise.push_back("foreign_street_town");
    } else if (r < 0.72) {
      q.request.query = rng_.Pick(c.bare_towns);
      q.noise.push_back("foreign_town");
    } else if (r < 0.85) {
      q.request.query = rng_.Pick(kNonsense);
      q.noise.push_back("nonsense");
    } else {
      // Random letters: 1-3 words of 4-10 letters, maybe a number.
      std::string text;
      const size_t words = 1 + rng_.Uniform(3);
      for (size_t w = 0; w < words; ++w) {
        if (!text.empty()) text += ' ';
        const size_t len = 4 + rng_.Uniform(7);
        for (size_t i = 0; i < len; ++i)
          text += static_cast<char>('a' + rng_.Uniform(26));
      }
      if (rng_.Chance(0.5)) text += " " + std::to_string(1 + rng_.Uniform(200));
      q.request.query = text;
      q.noise.push_back("random_letters");
    }
    if (rng_.Chance(0.4)) q.request.query = Lower(q.request.query);
    q.id = "negative-" + std::to_string(out.size() + 1);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace beladdr::quality
