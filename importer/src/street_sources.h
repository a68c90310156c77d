// Readers for street files, in two layouts:
//  - beladdr's curated table (data/streets_belgium_2022.csv.gz): one row
//    per (street, postcode) with street_key, region, postcode,
//    nis_codes_2025, name_nl/fr/de, official_street_id, ...;
//  - BOSA's BeSt Address "postalstreets" CSV as published (postal_id,
//    postal_nl/fr/de, street_nl/fr/de, ..., street_prefix, street_no,
//    street_version, city_prefix, city_no, ...), e.g. the national file
//    from https://opendata.bosa.be/download/best/postalstreets-latest.zip.
// The layout is recognised from the header.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_STREET_SOURCES_H_
#define BELADDR_IMPORTER_SRC_STREET_SOURCES_H_

#include <string>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"
#include "csv_table.h"
#include "reference_data.h"

namespace beladdr::importer {

struct StreetRow {
  internal::StreetRecord record;  // `code` is assigned later
  std::string file;
  size_t line = 0;
};

enum class StreetLayout { kCurated, kBestPostalStreets };

// Which layout `path` has; InvalidArgument naming the file otherwise.
StatusOr<StreetLayout> DetectStreetLayout(const std::string& path);

// Appends the valid rows of `path` to *rows; bad rows go to ctx->log.
Status LoadStreets(const std::string& path, const ReferenceData& ref,
                   std::vector<StreetRow>* rows, ImportContext* ctx);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_STREET_SOURCES_H_
