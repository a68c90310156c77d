// StreetCode: the stable identifier beladdr gives each street record,
// "<namespace>:<id>@<postcode>" (see
// index/include/beladdr/index/index_format.h for the full definition).
//
// Thread safety: pure functions.

#ifndef BELADDR_IMPORTER_SRC_STREET_CODE_H_
#define BELADDR_IMPORTER_SRC_STREET_CODE_H_

#include <string>
#include <string_view>

#include "beladdr/index/index_format.h"

namespace beladdr::importer {

// "urbis", "crab" or "icar" for a known official id source (our table's
// source names, or a BeSt id prefix URI); empty when unknown.
std::string_view StreetCodeNamespace(std::string_view official_id_source);

// The official code when the record has an official id from a known
// source, else the derived "gen:" code. REQUIRES: r.postcode set.
std::string MakeStreetCode(const internal::StreetRecord& r);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_STREET_CODE_H_
