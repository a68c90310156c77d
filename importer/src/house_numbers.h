// House numbers per street, from two layouts:
//  - Walloon ICAR (icar_street_id, postcode, street_name, n_house_numbers,
//    house_numbers with optional [box|box] suffixes), linked by ICAR id and
//    postcode, else by postcode and name;
//  - Flemish CRAB 2013 (postcode, municipality_nl, street_nl,
//    n_house_numbers, house_numbers), linked by postcode and Dutch name.
// Rows that match no street are counted (the registers are older or newer
// than the street list); they are reported, never silently lost.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_
#define BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_

#include <map>
#include <string>
#include <vector>

#include "csv_table.h"
#include "beladdr/status.h"
#include "internal/index_format.h"
#include "street_sources.h"

namespace beladdr::importer {

struct HouseNumberStats {
  size_t rows = 0;           // valid rows read
  size_t linked_rows = 0;    // rows attached to at least one street
  size_t unlinked_rows = 0;  // rows whose street is not in the street list
  size_t numbers = 0;        // house numbers attached
};

// House numbers by index into the street rows.
using HouseNumberMap = std::map<size_t, internal::HouseNumbersRecord>;

// Parses "1;3;5A;7[0001|0002]" into numbers with boxes. False (with *error)
// on an empty item or unbalanced brackets.
bool ParseHouseNumberList(const std::string& list,
                          std::vector<internal::HouseNumber>* out,
                          std::string* error);

// Reads one house-number file (layout from its header) and links its rows
// to `streets` (whose records must already carry their StreetCodes).
Status LoadHouseNumbers(const std::string& path,
                        const std::vector<StreetRow>& streets,
                        HouseNumberMap* numbers, HouseNumberStats* stats,
                        ImportContext* ctx);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_
