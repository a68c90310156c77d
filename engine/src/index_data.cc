#include "internal/index_data.h"

namespace beladdr::internal {

StatusOr<std::unique_ptr<IndexData>> IndexData::Load(const IndexStore& store) {
  std::unique_ptr<IndexData> data(new IndexData());
  Lexicon& lexicon = data->lexicon_;
  PlaceTable& places = data->places_;
  StreetTable& streets = data->streets_;
  BELADDR_RETURN_IF_ERROR(lexicon.LoadDictionary(store));
  BELADDR_RETURN_IF_ERROR(places.LoadMunicipalities(store));
  BELADDR_RETURN_IF_ERROR(places.LoadPostcodes(store));
  BELADDR_RETURN_IF_ERROR(streets.LoadStreets(store, places));
  BELADDR_RETURN_IF_ERROR(streets.LoadVariants(store, &lexicon));
  BELADDR_RETURN_IF_ERROR(places.LoadVariants(store, &lexicon));
  BELADDR_RETURN_IF_ERROR(streets.LoadTrigrams(store));
  BELADDR_RETURN_IF_ERROR(places.LoadTrigrams(store));
  // Every name is interned: the lexicon can be finished, then the tables
  // that read it.
  lexicon.Finish(places.OneWordPlaces(lexicon), places.municipalities().size());
  places.Finish(lexicon);
  streets.Finish(lexicon, places.municipalities().size());
  return data;
}

std::vector<std::pair<std::string, size_t>> IndexData::MemoryBreakdown() const {
  std::vector<std::pair<std::string, size_t>> parts;
  lexicon_.AddMemoryBreakdown(&parts);
  places_.AddMemoryBreakdown(&parts);
  streets_.AddMemoryBreakdown(&parts);
  return parts;
}

size_t IndexData::MemoryUsage() const {
  size_t bytes = 0;
  for (const auto& [part, size] : MemoryBreakdown()) bytes += size;
  return bytes;
}

}  // namespace beladdr::internal
