// Generates labelled query sets from the streets of an index, with a
// seeded noise model, so that quality is measured on queries nobody tuned
// the engine to by hand:
//
//  - a real street (stratified: Brussels, German-speaking, everything else),
//    one of its official names;
//  - noise on the name: typos (keyboard neighbours, deletions, insertions,
//    swaps), abbreviations from the dictionaries (Chée, Stwg, St, Kerkstr),
//    accents removed, case changed, articles dropped, compounds split or
//    joined, hyphens and apostrophes removed, the bilingual Brussels form;
//  - the place: municipality (same or other language), a locality
//    (deelgemeente), a pre-2025 name, a postcode, both, or nothing;
//  - a house number (12, 12A, 12 bis, 10-12) and a box (bus 3, bte 3,
//    boîte 3, b 3, box 3, 12/3), in French or Dutch order.
//
// Each query lists every street that is an equally right answer, strictly
// (street_corpus.h: same name, in the place given, with the other name of
// bilingual text and the house number when the data tells them apart),
// and the languages a detector may answer. Negative queries are foreign
// addresses and nonsense.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_BENCH_QUALITY_QUERY_GENERATOR_H_
#define BELADDR_BENCH_QUALITY_QUERY_GENERATOR_H_

#include <cstdint>
#include <vector>

#include "beladdr/index/rocksdb_store.h"
#include "internal/index_data.h"
#include "query_set.h"
#include "street_corpus.h"
#include "text_noise.h"

namespace beladdr::quality {

class QueryGenerator {
 public:
  QueryGenerator(const internal::IndexData& index,
                 const internal::IndexStore& store, uint64_t seed);

  // Free-text queries with noise (kind "noisy").
  std::vector<LabelledQuery> Noisy(size_t count);
  // Structured requests (kind "structured"), with the same noise on the
  // street and municipality fields.
  std::vector<LabelledQuery> Structured(size_t count);
  // Queries naming only a municipality or locality (kind "place").
  std::vector<LabelledQuery> Places(size_t count);
  // Foreign addresses and nonsense (kind "negative"): expected empty.
  std::vector<LabelledQuery> Negatives(size_t count);

 private:
  struct Impl;
  const internal::IndexData& index_;
  StreetCorpus corpus_;
  Rng rng_;
};

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_QUERY_GENERATOR_H_
