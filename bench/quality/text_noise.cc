#include "text_noise.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>

#include "beladdr/index/normalizer.h"

namespace beladdr::quality {

using internal::Normalizer;

// ---- Rng -------------------------------------------------------------------

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

size_t Rng::Uniform(size_t n) {
  return n == 0 ? 0 : static_cast<size_t>(Next() % n);
}

bool Rng::Chance(double p) {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Lower(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Upper(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toUpper();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string StripAccents(const std::string& s) {
  static icu::Transliterator* const t = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; NFC", UTRANS_FORWARD, status);
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Normalized(std::string_view s) {
  auto n = Normalizer::Default().NormalizeName(s);
  return n.ok() ? *n : std::string();
}

std::string NameKey(std::string_view s) {
  std::string key = Normalized(s);
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

std::vector<std::string> FoldedWords(const std::string& s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : Normalized(s) + " ") {
    if (c != ' ') {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

namespace {

bool IsWordChar(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') ||
         (c >= U'A' && c <= U'Z') || c >= 0xC0;
}

}  // namespace

std::vector<Part> Split(const std::string& s) {
  std::vector<Part> parts;
  for (char32_t c : Decode(s)) {
    const bool w = IsWordChar(c);
    if (parts.empty() || parts.back().word != w) parts.push_back({U"", w});
    parts.back().text.push_back(c);
  }
  return parts;
}

std::string Join(const std::vector<Part>& parts) {
  std::u32string out;
  for (const Part& p : parts) out += p.text;
  std::string s = Encode(out);
  // Collapse runs of spaces and trim.
  std::string clean;
  for (char c : s) {
    if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
    clean.push_back(c);
  }
  while (!clean.empty() && (clean.back() == ' ' || clean.back() == '-')) {
    clean.pop_back();
  }
  while (!clean.empty() && (clean.front() == ' ' || clean.front() == '-')) {
    clean.erase(clean.begin());
  }
  return clean;
}

namespace {

// QWERTY/AZERTY-ish neighbours, for realistic substitutions.
const char* Neighbours(char c) {
  switch (c) {
    case 'a':
      return "qszw";
    case 'b':
      return "vghn";
    case 'c':
      return "xdfv";
    case 'd':
      return "serfcx";
    case 'e':
      return "wsdr";
    case 'f':
      return "drtgvc";
    case 'g':
      return "ftyhbv";
    case 'h':
      return "gyujnb";
    case 'i':
      return "ujko";
    case 'j':
      return "huikmn";
    case 'k':
      return "jiolm";
    case 'l':
      return "kopm";
    case 'm':
      return "njkl";
    case 'n':
      return "bhjm";
    case 'o':
      return "iklp";
    case 'p':
      return "olm";
    case 'q':
      return "wasz";
    case 'r':
      return "edft";
    case 's':
      return "awedxz";
    case 't':
      return "rfgy";
    case 'u':
      return "yhji";
    case 'v':
      return "cfgb";
    case 'w':
      return "qase";
    case 'x':
      return "zsdc";
    case 'y':
      return "tghu";
    case 'z':
      return "asxq";
    default:
      return "e";
  }
}

}  // namespace

void Typo(Rng& rng, std::u32string* w) {
  if (w->size() < 4) return;
  const size_t pos = rng.Chance(0.1) ? 0 : 1 + rng.Uniform(w->size() - 1);
  auto lower = [](char32_t c) -> char {
    if (c >= U'A' && c <= U'Z') return static_cast<char>(c - U'A' + 'a');
    if (c >= U'a' && c <= U'z') return static_cast<char>(c);
    return 'e';
  };
  switch (rng.Uniform(4)) {
    case 0: {  // substitute with a neighbour key
      const char* n = Neighbours(lower((*w)[pos]));
      (*w)[pos] = static_cast<char32_t>(n[rng.Uniform(std::strlen(n))]);
      break;
    }
    case 1:  // delete
      w->erase(pos, 1);
      break;
    case 2: {  // insert a neighbour or a doubled letter
      const char32_t c =
          rng.Chance(0.5)
              ? (*w)[pos]
              : static_cast<char32_t>(Neighbours(lower((*w)[pos]))[0]);
      w->insert(pos, 1, c);
      break;
    }
    default:  // swap neighbours
      if (pos + 1 < w->size())
        std::swap((*w)[pos], (*w)[pos + 1]);
      else
        std::swap((*w)[pos - 1], (*w)[pos]);
      break;
  }
}

bool Capitalised(const std::u32string& w) {
  return !w.empty() &&
         ((w[0] >= U'A' && w[0] <= U'Z') || (w[0] >= 0xC0 && w[0] <= 0xDE));
}

std::u32string Capitalise(std::u32string w) {
  if (!w.empty() && w[0] >= U'a' && w[0] <= U'z') w[0] = w[0] - U'a' + U'A';
  return w;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace beladdr::quality
