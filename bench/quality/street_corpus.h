// What the query generators know about the data, and how it labels a query
// strictly: the expected answer is the street the text names, not every
// street that shares its name.
//
//  - Same name: another street counts as equally right only when one of its
//    names reads the same (NameKey) and it lies in the scope the text gives.
//  - Bilingual text ("Rue X - X-straat"): only streets that have both names.
//  - A house number that the data lists on some of those streets: only
//    them (which need not include the street the generator started from).
//  - Heavy noise (typos, dropped words, translations) is kept only when the
//    noisy text reads closer to the target than to any other street of its
//    municipality (ClosestInScope): otherwise a person could not tell either.
//
// Thread safety: not thread-safe (caches house numbers).

#ifndef BELADDR_BENCH_QUALITY_STREET_CORPUS_H_
#define BELADDR_BENCH_QUALITY_STREET_CORPUS_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "beladdr/index/rocksdb_store.h"
#include "beladdr/language.h"
#include "internal/index_data.h"

namespace beladdr::quality {

// Where a query says the street is. Empty: anywhere in Belgium.
struct Scope {
  uint16_t postcode = 0;            // 0: none
  int municipality = -1;            // index, -1: none
  std::vector<uint16_t> postcodes;  // a locality's postcodes; empty: none
};

class StreetCorpus {
 public:
  StreetCorpus(const internal::IndexData& index,
               const internal::IndexStore& store);

  const internal::IndexData& index() const { return index_; }

  // Streets with a name whose NameKey is `key` (any language).
  const std::vector<uint32_t>& StreetsNamed(const std::string& key) const;
  // The house numbers the data lists for a street (as written there).
  const std::vector<std::string>& HouseNumbers(uint32_t street);
  bool HasNumber(uint32_t street, const std::string& number);

  bool InScope(uint32_t street, const Scope& scope) const;
  // The streets a scope covers (its municipality's, or its postcode's
  // municipalities'), for the closeness check; every street when the scope
  // is empty is not offered: returns an empty list then.
  std::vector<uint32_t> ScopeStreets(const Scope& scope) const;

  // The strict label (see the file comment). `other_name` is the second
  // name of bilingual text ("" when none); `number` the house number the
  // text gives ("" when none). Never empty.
  std::vector<std::string> Label(uint32_t target, const std::string& name,
                                 const Scope& scope,
                                 const std::string& other_name,
                                 const std::string& number);

  // True when `typed` (a street as the query writes it) is closer, by edit
  // distance over NameKeys, to one of the target's names than to any name
  // of another street of the scope that reads differently; ties reject.
  bool ClosestInScope(const std::string& typed, uint32_t target,
                      const Scope& scope) const;
  // True when no street of the scope other than the target (and streets
  // named like it) has a name with NameKey `key`.
  bool NoOtherNamed(const std::string& key, uint32_t target,
                    const Scope& scope) const;

  // Words of a folded name that carry its meaning (no article, street type,
  // title, given name or number), a compound by its stem ("dries" of
  // Driessteeg).
  std::vector<std::string> DistinctiveWords(const std::string& name) const;
  // True when another street of the scope (of Belgium when the scope is
  // empty) has a name with the same distinctive words as `typed` ("Rue
  // Jouet" reads Rue Albert Jouet and Rue Joseph Jouet alike).
  bool SharedDistinctiveWords(const std::string& typed, uint32_t target,
                              const Scope& scope);

  // Municipality name in `lang`, else its first name.
  std::string MunicipalityName(uint16_t municipality, Language lang) const;
  // The language a street is named in, preferring its municipality's.
  Language NativeLanguage(const internal::StreetEntry& s) const;

 private:
  const internal::IndexData& index_;
  const internal::IndexStore& store_;
  std::map<std::string, std::vector<uint32_t>> by_name_;
  std::unordered_map<uint32_t, std::vector<std::string>> numbers_;
  // Sorted distinctive words, joined -> streets (built on first use).
  std::map<std::string, std::vector<uint32_t>> by_words_;
  std::string WordsKey(const std::string& name) const;
};

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_STREET_CORPUS_H_
