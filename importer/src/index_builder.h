// Turns the validated model into an index directory: dense street ids in
// StreetCode order, every name variant (streets, municipalities, aliases,
// localities), trigram posting lists, and the records, bulk-loaded into
// RocksDB through internal::IndexWriter.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_INDEX_BUILDER_H_
#define BELADDR_IMPORTER_SRC_INDEX_BUILDER_H_

#include <functional>
#include <string>
#include <vector>

#include "beladdr/index/dictionary.h"
#include "beladdr/status.h"
#include "house_numbers.h"
#include "reference_data.h"
#include "street_sources.h"

namespace beladdr::importer {

struct BuildInput {
  const ReferenceData* ref = nullptr;
  std::vector<StreetRow>* streets = nullptr;  // sorted by code on return
  const HouseNumberMap* house_numbers = nullptr;
  const std::vector<internal::DictionaryFile>* dictionary_files = nullptr;
  std::string data_vintage;
  std::string sources;  // one input file a line
  std::string built_at;
  std::string index_id;  // 32 hex digits
};

struct BuildStats {
  size_t streets = 0;
  size_t municipalities = 0;
  size_t postcodes = 0;
  size_t street_variants = 0;
  size_t place_variants = 0;
  size_t trigrams = 0;  // distinct trigram keys, both kinds
  size_t postings = 0;  // posting entries, both kinds
  size_t house_numbers = 0;
  size_t streets_with_house_numbers = 0;
};

// Writes a complete index into `dir` (which must not exist).
// `on_stage` is called with the name of each step before it starts.
Status BuildIndex(const std::string& dir, const BuildInput& input,
                  BuildStats* stats,
                  const std::function<void(const std::string&)>& on_stage);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_INDEX_BUILDER_H_
