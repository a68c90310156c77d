// House numbers per street, from two layouts:
//  - Walloon ICAR (icar_street_id, postcode, street_name, n_house_numbers,
//    house_numbers with optional [box|box] suffixes), linked by ICAR id and
//    postcode, else by postcode and name;
//  - Flemish CRAB 2013 (postcode, municipality_nl, street_nl,
//    n_house_numbers, house_numbers), linked by postcode and Dutch name.
// Rows that match no street are not fatal (the registers are older or newer
// than the street list), but never silently lost: they are counted per
// reason, with a sample of file:line, and reported.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_
#define BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"
#include "csv_table.h"
#include "street_sources.h"

namespace beladdr::importer {

// Why a register row matched no street.
enum class UnlinkedReason : unsigned char {
  kPostcodeWithoutStreets,  // the street list has no street in the postcode
  kNameInOtherPostcode,     // the name exists, in other postcodes only
  kNameUnknown,             // no street of the list has the name
};
inline constexpr size_t kUnlinkedReasonCount = 3;
std::string_view UnlinkedReasonText(UnlinkedReason reason);

struct HouseNumberStats {
  size_t rows = 0;           // valid rows read
  size_t linked_rows = 0;    // rows attached to at least one street
  size_t unlinked_rows = 0;  // rows whose street is not in the street list
  size_t numbers = 0;        // house numbers attached
  std::array<size_t, kUnlinkedReasonCount> unlinked_by_reason{};
  // The first few unlinked rows of each reason: "file:line: postcode name".
  std::array<std::vector<std::string>, kUnlinkedReasonCount> unlinked_sample;

  // Prints the unlinked rows: a count per reason, with its sample.
  void PrintUnlinked(std::ostream& out) const;
};

// House numbers by index into the street rows.
using HouseNumberMap = std::map<size_t, internal::HouseNumbersRecord>;

// Parses "1;3;5A;7[0001|0002]" into numbers with boxes. False (with *error)
// on an empty item or unbalanced brackets.
bool ParseHouseNumberList(const std::string& list,
                          std::vector<internal::HouseNumber>* out,
                          std::string* error);

// The streets as the registers name them: by StreetCode, and by postcode
// and folded name; built once for all register files. `streets` (whose
// records must already carry their StreetCodes) must outlive it.
class StreetLookup {
 public:
  explicit StreetLookup(const std::vector<StreetRow>& streets);

  // The street of a StreetCode, or nullptr.
  const size_t* ByCode(const std::string& code) const;
  // The streets of (postcode, folded name), or nullptr.
  const std::vector<size_t>* ByName(const std::string& postcode,
                                    const std::string& folded) const;
  bool HasPostcode(const std::string& postcode) const {
    return postcodes_.count(postcode) != 0;
  }
  bool HasName(const std::string& folded) const {
    return names_.count(folded) != 0;
  }

 private:
  std::unordered_map<std::string, size_t> by_code_;
  std::unordered_map<std::string, std::vector<size_t>> by_name_;
  std::unordered_set<std::string> postcodes_, names_;
};

// Reads one house-number file (layout from its header) and links its rows
// to the streets.
Status LoadHouseNumbers(const std::string& path, const StreetLookup& streets,
                        HouseNumberMap* numbers, HouseNumberStats* stats,
                        ImportContext* ctx);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_HOUSE_NUMBERS_H_
