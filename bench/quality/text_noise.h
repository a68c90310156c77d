// Text helpers for the query generators: a seeded random source, Unicode-
// safe word splitting, and the noise people add when they type (keyboard
// typos, case, accents).
//
// Thread safety: Rng is not thread-safe; the functions are pure (the ICU
// transliterator behind StripAccents is created once and only read).

#ifndef BELADDR_BENCH_QUALITY_TEXT_NOISE_H_
#define BELADDR_BENCH_QUALITY_TEXT_NOISE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace beladdr::quality {

// Deterministic across platforms (SplitMix64, no std distributions).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  size_t Uniform(size_t n);  // [0, n)
  bool Chance(double p);
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Uniform(v.size())];
  }

 private:
  uint64_t state_;
};

std::u32string Decode(std::string_view s);
std::string Encode(const std::u32string& s);
std::string Lower(const std::string& s);
std::string Upper(const std::string& s);
std::string StripAccents(const std::string& s);
// The engine's folding of a name ("Rue de l'Église" -> "rue de l eglise").
std::string Normalized(std::string_view s);
// Names that read the same to a person typing them: equal after folding,
// with or without the spaces of a compound ("Oude Baan", "Oudebaan").
std::string NameKey(std::string_view s);
// The words of Normalized(s).
std::vector<std::string> FoldedWords(const std::string& s);

// A name cut into words and the separators between them.
struct Part {
  std::u32string text;
  bool word = false;
};
std::vector<Part> Split(const std::string& s);
// The parts joined again, runs of spaces collapsed, ends trimmed.
std::string Join(const std::vector<Part>& parts);

// One keyboard slip in a word of 4 letters or more: a neighbouring key, a
// dropped, doubled or swapped letter.
void Typo(Rng& rng, std::u32string* w);
bool Capitalised(const std::u32string& w);
std::u32string Capitalise(std::u32string w);

// Levenshtein distance (for the generators' own checks, not the engine's).
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_TEXT_NOISE_H_
