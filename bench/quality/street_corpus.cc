#include "street_corpus.h"

#include <algorithm>
#include <set>

#include "beladdr/index/coding.h"
#include "beladdr/index/index_format.h"
#include "text_noise.h"

namespace beladdr::quality {

using internal::StreetEntry;

StreetCorpus::StreetCorpus(const internal::IndexData& index,
                           const internal::IndexStore& store)
    : index_(index), store_(store) {
  for (uint32_t id = 0; id < index_.streets().size(); ++id) {
    std::set<std::string> seen;
    for (const std::string_view n : index_.streets()[id].names) {
      if (n.empty()) continue;
      const std::string key = NameKey(n);
      if (seen.insert(key).second) by_name_[key].push_back(id);
    }
  }
}

const std::vector<uint32_t>& StreetCorpus::StreetsNamed(
    const std::string& key) const {
  static const std::vector<uint32_t> kNone;
  auto it = by_name_.find(key);
  return it == by_name_.end() ? kNone : it->second;
}

const std::vector<std::string>& StreetCorpus::HouseNumbers(uint32_t street) {
  auto it = numbers_.find(street);
  if (it != numbers_.end()) return it->second;
  std::vector<std::string>& out = numbers_[street];
  if (index_.streets()[street].house_number_count == 0) return out;
  std::string value;
  if (!store_
           .Get(internal::Cf::kHouseNumbers, internal::EncodeIdKey(street),
                &value)
           .ok()) {
    return out;
  }
  internal::HouseNumbersRecord record;
  if (!internal::DecodeHouseNumbersRecord(value, &record).ok()) return out;
  for (const internal::HouseNumber& h : record.numbers) {
    out.push_back(h.number);
  }
  return out;
}

bool StreetCorpus::HasNumber(uint32_t street, const std::string& number) {
  // As ResolveAddress reads it (HouseNumberLookupKey).
  const std::string wanted = internal::HouseNumberLookupKey(number);
  const std::vector<std::string>& n = HouseNumbers(street);
  return std::any_of(n.begin(), n.end(), [&](const std::string& h) {
    return internal::HouseNumberKey(h, false) == wanted;
  });
}

bool StreetCorpus::InScope(uint32_t street, const Scope& scope) const {
  const StreetEntry& s = index_.streets()[street];
  if (scope.postcode != 0 && s.postcode != scope.postcode) return false;
  if (scope.municipality >= 0 &&
      !index_.StreetInMunicipality(s,
                                   static_cast<uint16_t>(scope.municipality))) {
    return false;
  }
  if (!scope.postcodes.empty() &&
      std::find(scope.postcodes.begin(), scope.postcodes.end(), s.postcode) ==
          scope.postcodes.end()) {
    return false;
  }
  return true;
}

std::vector<uint32_t> StreetCorpus::ScopeStreets(const Scope& scope) const {
  std::set<uint16_t> municipalities;
  if (scope.municipality >= 0) {
    municipalities.insert(static_cast<uint16_t>(scope.municipality));
  }
  std::vector<uint16_t> postcodes = scope.postcodes;
  if (scope.postcode != 0) postcodes.push_back(scope.postcode);
  for (uint16_t pc : postcodes) {
    if (const internal::PostcodeEntry* e = index_.Postcode(pc)) {
      municipalities.insert(e->municipalities.begin(), e->municipalities.end());
    }
  }
  std::vector<uint32_t> out;
  for (uint16_t m : municipalities) {
    const auto& streets = index_.StreetsInMunicipality(m);
    out.insert(out.end(), streets.begin(), streets.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> StreetCorpus::Label(uint32_t target,
                                             const std::string& name,
                                             const Scope& scope,
                                             const std::string& other_name,
                                             const std::string& number) {
  const std::string other_key = other_name.empty() ? "" : NameKey(other_name);
  std::vector<uint32_t> same;
  for (uint32_t id : StreetsNamed(NameKey(name))) {
    if (id != target) {
      if (!InScope(id, scope)) continue;
      if (!other_key.empty()) {
        const auto& names = index_.streets()[id].names;
        if (std::none_of(names.begin(), names.end(), [&](std::string_view n) {
              return !n.empty() && NameKey(n) == other_key;
            })) {
          continue;
        }
      }
    }
    same.push_back(id);
  }
  if (std::find(same.begin(), same.end(), target) == same.end()) {
    same.insert(same.begin(), target);
  }
  // The number names the streets the data lists it on, when it lists it on
  // some of them: not necessarily the street the generator started from.
  const bool number_decides =
      !number.empty() &&
      std::any_of(same.begin(), same.end(),
                  [&](uint32_t id) { return HasNumber(id, number); });
  std::vector<std::string> codes;
  for (uint32_t id : same) {
    if (number_decides && !HasNumber(id, number)) continue;
    codes.push_back(std::string(index_.streets()[id].code));
  }
  return codes;
}

bool StreetCorpus::ClosestInScope(const std::string& typed, uint32_t target,
                                  const Scope& scope) const {
  const std::string key = NameKey(typed);
  std::set<std::string> own;
  size_t best_own = SIZE_MAX;
  for (const std::string_view n : index_.streets()[target].names) {
    if (n.empty()) continue;
    own.insert(NameKey(n));
    best_own = std::min(best_own, EditDistance(key, NameKey(n)));
  }
  for (uint32_t id : ScopeStreets(scope)) {
    if (id == target) continue;
    for (const std::string_view n : index_.streets()[id].names) {
      if (n.empty()) continue;
      const std::string other = NameKey(n);
      if (own.count(other)) continue;  // the same name: labelled alike
      const size_t bound = other.size() > key.size()
                               ? other.size() - key.size()
                               : key.size() - other.size();
      if (bound > best_own) continue;
      if (EditDistance(key, other) <= best_own) return false;
    }
  }
  return true;
}

bool StreetCorpus::NoOtherNamed(const std::string& key, uint32_t target,
                                const Scope& scope) const {
  std::set<std::string> own;
  for (const std::string_view n : index_.streets()[target].names) {
    if (!n.empty()) own.insert(NameKey(n));
  }
  if (own.count(key)) return true;
  for (uint32_t id : StreetsNamed(key)) {
    if (id != target && InScope(id, scope)) return false;
  }
  return true;
}

std::vector<std::string> StreetCorpus::DistinctiveWords(
    const std::string& name) const {
  std::vector<std::string> out;
  for (const std::string& word : FoldedWords(name)) {
    const bool numeric = std::all_of(word.begin(), word.end(), [](char ch) {
      return ch >= '0' && ch <= '9';
    });
    if (index_.dictionary().Facts(word).known() || numeric ||
        word.size() <= 1) {
      continue;
    }
    // A compound by its stem: "dries" of Driessteeg and of Driesstraat.
    std::vector<internal::Dictionary::SuffixMatch> suffixes;
    index_.dictionary().CompoundSuffixes(word, &suffixes);
    size_t stem = word.size();
    for (const auto& sfx : suffixes) {
      if (!sfx.abbreviated) stem = std::min(stem, sfx.stem_length);
    }
    out.push_back(word.substr(0, stem));
  }
  return out;
}

std::string StreetCorpus::WordsKey(const std::string& name) const {
  std::vector<std::string> words = DistinctiveWords(name);
  std::sort(words.begin(), words.end());
  std::string key;
  for (const std::string& w : words) key += w + " ";
  return key;
}

bool StreetCorpus::SharedDistinctiveWords(const std::string& typed,
                                          uint32_t target, const Scope& scope) {
  if (by_words_.empty()) {
    for (uint32_t id = 0; id < index_.streets().size(); ++id) {
      std::set<std::string> keys;
      for (const std::string_view n : index_.streets()[id].names) {
        if (!n.empty()) keys.insert(WordsKey(std::string(n)));
      }
      for (const std::string& k : keys) by_words_[k].push_back(id);
    }
  }
  auto it = by_words_.find(WordsKey(typed));
  if (it == by_words_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](uint32_t id) {
    return id != target && InScope(id, scope);
  });
}

std::string StreetCorpus::MunicipalityName(uint16_t municipality,
                                           Language lang) const {
  const auto& m = index_.municipalities()[municipality];
  const std::string& own = m.names[static_cast<size_t>(lang)];
  if (!own.empty()) return own;
  for (const std::string& n : m.names) {
    if (!n.empty()) return n;
  }
  return "";
}

Language StreetCorpus::NativeLanguage(const StreetEntry& s) const {
  const auto& code = index_.municipalities()[s.municipality].language_code;
  const Language native = code == "F"   ? Language::kFr
                          : code == "D" ? Language::kDe
                                        : Language::kNl;
  if (!s.names[static_cast<size_t>(native)].empty()) return native;
  for (Language l : kAllLanguages) {
    if (!s.names[static_cast<size_t>(l)].empty()) return l;
  }
  return Language::kNl;
}

}  // namespace beladdr::quality
