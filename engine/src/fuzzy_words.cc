#include "internal/fuzzy_words.h"

#include <algorithm>
#include <string>

#include "internal/edit_distance.h"

namespace beladdr::internal {
namespace {

// FNV-1a over `word` without the byte at `skip` (npos: the whole word).
uint64_t Key(std::string_view word, size_t skip) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < word.size(); ++i) {
    if (i == skip) continue;
    h ^= static_cast<uint8_t>(word[i]);
    h *= 0x100000001b3ull;
  }
  // A word and another word's deletion must meet: "zonestraat" is
  // "zonnestraat" minus an n.
  return h;
}

bool Indexable(std::string_view w) {
  if (w.size() < FuzzyWords::kMinLength || w.size() > FuzzyWords::kMaxLength)
    return false;
  return !std::all_of(w.begin(), w.end(),
                      [](char c) { return c >= '0' && c <= '9'; });
}

// The keys of `word`: itself, and each distinct one-letter deletion.
template <typename Fn>
void ForEachKey(std::string_view word, Fn fn) {
  fn(Key(word, std::string_view::npos));
  for (size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue;  // same string as i - 1
    fn(Key(word, i));
  }
}

}  // namespace

void FuzzyWords::Build(const std::vector<std::string_view>& words,
                       int directory_bits) {
  directory_bits_ = directory_bits;
  words_ = words;
  // (bucket, entry) pairs, sorted: entries_ in bucket order, and the
  // directory counted from the buckets.
  std::vector<std::pair<uint64_t, Entry>> keyed;
  for (uint32_t id = 0; id < words.size(); ++id) {
    if (!Indexable(words[id])) continue;
    ForEachKey(words[id], [&](uint64_t key) {
      keyed.push_back({Bucket(key), Entry{Check(key), id}});
    });
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.check != b.second.check)
      return a.second.check < b.second.check;
    return a.second.word < b.second.word;
  });
  directory_.assign((size_t{1} << directory_bits_) + 1, 0);
  entries_.clear();
  entries_.reserve(keyed.size());
  for (const auto& [bucket, entry] : keyed) {
    ++directory_[bucket + 1];
    entries_.push_back(entry);
  }
  for (size_t b = 1; b < directory_.size(); ++b)
    directory_[b] += directory_[b - 1];
}

void FuzzyWords::Find(std::string_view word, std::vector<uint32_t>* out) const {
  if (!Indexable(word)) return;
  const size_t first = out->size();
  ForEachKey(word, [&](uint64_t key) {
    if (directory_.empty()) return;
    const uint64_t bucket = Bucket(key);
    const uint32_t check = Check(key);
    const auto end = entries_.begin() + directory_[bucket + 1];
    for (auto it = entries_.begin() + directory_[bucket]; it != end; ++it) {
      if (it->check != check) continue;
      const std::string_view candidate = words_[it->word];
      if (candidate == word) continue;
      if (std::find(out->begin() + static_cast<long>(first), out->end(),
                    it->word) != out->end()) {
        continue;
      }
      if (BoundedEditDistance(word, candidate, 1) <= 1)
        out->push_back(it->word);
    }
  });
}

}  // namespace beladdr::internal
