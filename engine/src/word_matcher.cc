#include "internal/word_matcher.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace beladdr::internal {
namespace {

constexpr size_t kMaxPattern = 64;

size_t Slot(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<size_t>(c - 'a');
  if (c >= '0' && c <= '9') return 26 + static_cast<size_t>(c - '0');
  return 36;
}

bool IsNumeric(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

// Edits tolerated in a name word of `length` bytes.
int MaxEdits(size_t length) {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

// The length of the longer of two words without the street type both end
// in ("hoog" of "hoogstraat" against "nolfstraat"): three edits or more
// must fit the distinctive part, not the shared type. (Two may fall in a
// short one: "shupt" of Hauptstrasse.)
size_t DistinctiveLength(std::string_view q, std::string_view n,
                         const Dictionary* dictionary) {
  const size_t longer = std::max(q.size(), n.size());
  if (dictionary == nullptr) return longer;
  size_t common = 0;
  while (common < q.size() && common < n.size() &&
         q[q.size() - 1 - common] == n[n.size() - 1 - common]) {
    ++common;
  }
  for (size_t k = common; k >= 3; --k) {
    if (k < n.size() &&
        dictionary->CanonicalStreetTypeLanguages(n.substr(n.size() - k)) != 0) {
      return longer - k;
    }
  }
  return longer;
}

const WordSimilarityPolicy& DefaultPolicy() {
  static const WordSimilarityPolicy kDefault;
  return kDefault;
}

}  // namespace

// A prefix counts by how much of the word it keeps: "pietersnieuwstr" of
// "pietersnieuwstraat" almost fully, "bonn" of "bonniers" by half.
double WordMatcher::PrefixSimilarity(double prefix_length,
                                     double word_length) const {
  return policy_->prefix_base +
         policy_->prefix_share * prefix_length / word_length;
}

WordMatcher::WordMatcher(std::string_view query_word,
                         const WordSimilarityPolicy* policy)
    : word_(query_word.substr(0, kMaxPattern)),
      policy_(policy != nullptr ? policy : &DefaultPolicy()),
      numeric_(IsNumeric(query_word)) {
  for (size_t i = 0; i < word_.size(); ++i) {
    masks_[Slot(word_[i])] |= uint64_t{1} << i;
  }
}

void WordMatcher::Distances(std::string_view text, int* full,
                            int* best_prefix) const {
  const int m = static_cast<int>(word_.size());
  if (m == 0) {
    *full = static_cast<int>(text.size());
    *best_prefix = 0;
    return;
  }
  uint64_t pv = m == 64 ? ~uint64_t{0} : (uint64_t{1} << m) - 1;
  uint64_t mv = 0, d0 = 0, previous = 0;
  const uint64_t high = uint64_t{1} << (m - 1);
  int score = m, best = m;
  for (char c : text) {
    const uint64_t pm = masks_[Slot(c)];
    const uint64_t swapped = (((~d0) & pm) << 1) & previous;
    d0 = (((pm & pv) + pv) ^ pv) | pm | mv | swapped;
    uint64_t hp = mv | ~(d0 | pv);
    uint64_t hn = d0 & pv;
    if (hp & high) ++score;
    if (hn & high) --score;
    hp = (hp << 1) | 1;
    hn <<= 1;
    pv = hn | ~(d0 | hp);
    mv = hp & d0;
    previous = pm;
    best = std::min(best, score);
  }
  *full = score;
  *best_prefix = best;
}

double WordMatcher::Similarity(std::string_view n,
                               const Dictionary* dictionary) const {
  const std::string_view q = word_;
  if (q == n) return 1.0;
  if (q.empty() || n.empty()) return 0;
  // Numbers match exactly (callers keep numeric name words away).
  if (numeric_ || (n[0] >= '0' && n[0] <= '9' && IsNumeric(n))) return 0;
  // A one-letter name word: an initial (the scorer's business) or an
  // elided article; nothing here.
  if (n.size() == 1) return 0;
  const auto lq = static_cast<double>(q.size());
  const auto ln = static_cast<double>(n.size());
  double best = 0;
  const bool exact_prefix =
      q.size() < n.size() && n.compare(0, q.size(), q) == 0;
  // The query abbreviates the name word -- unless all it leaves out is the
  // street type: "amsterdam" names a city, not Amsterdamstraat.
  // One letter left out is a slip (the edit rule below), not an
  // abbreviation: "bonn" is not short for "bonny".
  if (q.size() >= 4 && exact_prefix && n.size() - q.size() >= 2) {
    const bool stem_only =
        dictionary != nullptr &&
        dictionary->CanonicalStreetTypeLanguages(n.substr(q.size())) != 0;
    best = stem_only ? policy_->stem_only : PrefixSimilarity(lq, ln);
  }
  // One edit at the start leaves a letter in place (a substitution: q[1] ==
  // n[1]) or shifted by one (an insertion or deletion: q[1] == n[0] or
  // q[0] == n[1]); words that share none of these are no typo of each
  // other. This skips most pairs before any edit distance.
  const bool same_start = q.size() >= 2 && (q[0] == n[0] || q[1] == n[1] ||
                                            q[1] == n[0] || q[0] == n[1]);
  if (!same_start) return best;
  const int max_edits = MaxEdits(n.size());
  const bool close_lengths = std::abs(static_cast<int>(q.size()) -
                                      static_cast<int>(n.size())) <= max_edits;
  const bool misspelt_prefix_possible =
      best < 0.8 && q.size() >= 5 && q.size() < n.size() && !exact_prefix;
  if (!(max_edits > 0 && close_lengths) && !misspelt_prefix_possible)
    return best;
  int d = 0, pd = 0;
  Distances(n, &d, &pd);
  if (max_edits > 0 && close_lengths && d <= max_edits &&
      (d < 3 || d <= MaxEdits(DistinctiveLength(q, n, dictionary)))) {
    // People rarely mistype the first letter.
    const double first = q[0] == n[0] ? 1.0 : policy_->first_letter;
    best = std::max(best,
                    first * (1.0 - policy_->edit_cost * d / std::max(lq, ln)));
  }
  // A misspelt abbreviation: "pietresnieuwstr".
  if (misspelt_prefix_possible && best < 0.8) {
    const int allowed = q.size() < 8 ? 1 : 2;
    if (pd <= allowed) {
      // A misspelt stem of "<stem><street type>" is still only the stem.
      bool stem_only = false;
      if (dictionary != nullptr) {
        std::vector<Dictionary::SuffixMatch> suffixes;
        dictionary->CompoundSuffixes(n, &suffixes);
        for (const auto& sfx : suffixes) {
          if (!sfx.abbreviated && std::abs(static_cast<int>(sfx.stem_length) -
                                           static_cast<int>(q.size())) <= pd) {
            stem_only = true;
          }
        }
      }
      const double base =
          stem_only ? policy_->stem_only : PrefixSimilarity(lq, ln);
      best = std::max(best, base * (1.0 - policy_->edit_cost * pd / lq));
    }
  }
  return best;
}

double WordSimilarity(std::string_view query_word, std::string_view name_word,
                      const Dictionary* dictionary) {
  return WordMatcher(query_word).Similarity(name_word, dictionary);
}

}  // namespace beladdr::internal
