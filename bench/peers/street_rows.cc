#include "street_rows.h"

#include "beladdr/language.h"
#include "internal/index_data.h"
#include "searcher_impl.h"

namespace beladdr::peers {

StatusOr<std::vector<StreetRow>> ReadStreetRows(const std::string& index_dir) {
  auto searcher = internal::SearcherImpl::Open(index_dir);
  if (!searcher.ok()) return searcher.status();
  const internal::IndexData& d = (*searcher)->data();
  std::vector<StreetRow> rows;
  rows.reserve(d.streets().size() * 11 / 10);
  for (const internal::StreetEntry& s : d.streets()) {
    for (Language l : kAllLanguages) {
      const std::string name(s.names[static_cast<size_t>(l)]);
      if (name.empty()) continue;
      rows.push_back({std::string(s.code), std::string(LanguageCode(l)), name,
                      internal::FormatPostcode(s.postcode),
                      d.municipalities()[s.municipality].nis});
    }
  }
  return rows;
}

}  // namespace beladdr::peers
