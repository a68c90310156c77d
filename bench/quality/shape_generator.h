// Generates the query shapes that real people type and the first
// generator never wrote (issue 13), each family from the shipped data with
// seeded noise and strict labels (street_corpus.h):
//
//   postcode_box            "Kerkstraat 7 B, 9000 Gent", "…12, B-5000"
//   scope_typo              two edits, short-word slips, split + typo, in a
//                           postcode or municipality
//   extra_words             hamlets, bracketed tags, residence names, bpost
//                           disambiguators "(Vl.-Br.)"
//   bilingual               "Rue X - X-straat", "X-straat - Rue X"
//   place_word              street names that contain a place name, German
//                           article forms ("Auf der Höhe", "Zum Weiher")
//   postcode_contradiction  a wrong postcode for a name found only elsewhere
//   given_names             initials, short or dropped given names, other-
//                           language given names, titles, numerals
//   postcode_scope          the postcode names the street among same-name
//                           streets of the municipality (district tags)
//   house_number            the number tells same-name streets apart
//   type_swap               -plaats for -plein, Route for Rue, added street
//                           type, "Gentse Steenweg" = "Steenweg op Gent"
//   translation             "Rue Kirch", "Route d'Eupen", "Rue de l'Église"
//                           for names the data holds in one language
//   extraction              "TOUR NAI", "WAV,RE", "2,E"
//
// Every query has kind "shape" and "shape:<family>" as its first noise tag,
// then the variant ("two_edits", "bpost_tag", ...) and the place given.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_BENCH_QUALITY_SHAPE_GENERATOR_H_
#define BELADDR_BENCH_QUALITY_SHAPE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "beladdr/index/rocksdb_store.h"
#include "internal/index_data.h"
#include "query_set.h"
#include "street_corpus.h"
#include "text_noise.h"

namespace beladdr::quality {

class ShapeGenerator {
 public:
  ShapeGenerator(const internal::IndexData& index,
                 const internal::IndexStore& store, uint64_t seed);

  // The family names, in the order above.
  static std::vector<std::string> Families();

  // `per_family` queries of each family (fewer only when the data has too
  // few streets of that shape; the count is then printed to stderr).
  std::vector<LabelledQuery> Generate(size_t per_family);

 private:
  StreetCorpus corpus_;
  Rng rng_;
};

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_SHAPE_GENERATOR_H_
