// Municipalities, their names and aliases, the 2025 mergers, and postcodes
// with their bpost localities: everything a street row is checked against.
//
// Thread safety: plain data; loaders are not thread-safe.

#ifndef BELADDR_IMPORTER_SRC_REFERENCE_DATA_H_
#define BELADDR_IMPORTER_SRC_REFERENCE_DATA_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/index/index_format.h"
#include "beladdr/status.h"
#include "csv_table.h"

namespace beladdr::importer {

struct ReferenceData {
  std::map<std::string, internal::MunicipalityRecord> municipalities;  // NIS
  std::map<std::string, std::string> mergers;  // old NIS -> NIS 2025
  std::map<std::string, internal::PostcodeRecord> postcodes;
  // postcode_to_nis rows that only Statbel's 2019 table gives (not bpost
  // 2025): linked only when a street confirms them (ConfirmLinks).
  struct PendingLink {
    std::string postcode;
    std::string nis;
    std::string where;  // file:line
  };
  std::vector<PendingLink> pending_links;

  // The 2025 NIS code for `nis` (itself, or its successor after the 2025
  // mergers); empty when unknown.
  std::string ResolveNis(std::string_view nis) const;

  // Adds `postcode` to the municipality and the municipality to the
  // postcode (both sorted, without duplicates).
  void Link(const std::string& postcode, const std::string& nis);
};

// Loaders, in the order they must run. Each reads one file of data/, sends
// bad rows to ctx->log and returns non-OK only for file-level problems
// (missing file, missing column, read error).
Status LoadMunicipalities(const std::string& path, ReferenceData* ref,
                          ImportContext* ctx);
Status LoadMergers(const std::string& path, ReferenceData* ref,
                   ImportContext* ctx);
Status LoadAliases(const std::string& path, ReferenceData* ref,
                   ImportContext* ctx);
Status LoadLocalities(const std::string& path, ReferenceData* ref,
                      ImportContext* ctx);
Status LoadPostcodeMunicipalities(const std::string& path, ReferenceData* ref,
                                  ImportContext* ctx);

}  // namespace beladdr::importer

#endif  // BELADDR_IMPORTER_SRC_REFERENCE_DATA_H_
