#include "street_sources.h"

#include <algorithm>
#include <unordered_map>

#include "csv_table.h"
#include "street_code.h"

namespace beladdr::importer {
namespace {

using internal::IdMatch;
using internal::Region;
using internal::StreetRecord;

std::vector<std::string> SplitList(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(
        start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool ParseIdMatch(const std::string& s, IdMatch* m) {
  if (s == "official")
    *m = IdMatch::kOfficial;
  else if (s == "unique")
    *m = IdMatch::kUnique;
  else if (s == "ambiguous")
    *m = IdMatch::kAmbiguous;
  else if (s == "none" || s.empty())
    *m = IdMatch::kNone;
  else
    return false;
  return true;
}

// Checks shared by both layouts; fills region from the municipality.
bool CheckCommon(CsvTable* t, const CsvRecord& row, const ReferenceData& ref,
                 StreetRecord* r) {
  if (!IsPostcode(r->postcode)) {
    t->Reject(row, BadRowReason::kBadPostcode,
              "postcode '" + r->postcode + "' is not 4 digits");
    return false;
  }
  if (r->names[0].empty() && r->names[1].empty() && r->names[2].empty()) {
    t->Reject(row, BadRowReason::kEmptyName, "street has no name");
    return false;
  }
  if (r->nis_codes.empty()) {
    t->Reject(row, BadRowReason::kUnknownNis, "no NIS code");
    return false;
  }
  for (std::string& nis : r->nis_codes) {
    const std::string resolved = ref.ResolveNis(nis);
    if (resolved.empty()) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "unknown NIS code '" + nis + "'");
      return false;
    }
    nis = resolved;
  }
  // Two old codes merged into one new code would repeat it.
  std::vector<std::string> unique;
  for (const std::string& nis : r->nis_codes) {
    if (std::find(unique.begin(), unique.end(), nis) == unique.end()) {
      unique.push_back(nis);
    }
  }
  r->nis_codes = std::move(unique);
  const Region region = ref.municipalities.at(r->nis_codes[0]).region;
  if (r->region != Region::kUnknown && r->region != region) {
    t->Reject(row, BadRowReason::kInvalidValue,
              "region " + std::string(internal::RegionCode(r->region)) +
                  " disagrees with municipality " + r->nis_codes[0] + " (" +
                  std::string(internal::RegionCode(region)) + ")");
    return false;
  }
  r->region = region;
  return true;
}

Status LoadCurated(const std::string& path, const ReferenceData& ref,
                   std::vector<StreetRow>* rows, ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(path,
                     {"street_key", "region", "postcode", "nis_codes_2025",
                      "name_nl", "name_fr", "name_de", "official_street_id",
                      "official_id_version", "official_id_source", "id_match"},
                     ctx));
  const size_t c_key = t->Col("street_key"), c_region = t->Col("region"),
               c_pc = t->Col("postcode"), c_nis = t->Col("nis_codes_2025"),
               c_nl = t->Col("name_nl"), c_fr = t->Col("name_fr"),
               c_de = t->Col("name_de"), c_id = t->Col("official_street_id"),
               c_ver = t->Col("official_id_version"),
               c_src = t->Col("official_id_source"),
               c_match = t->Col("id_match");
  std::unordered_map<std::string, size_t> seen_keys;
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (f[c_key].empty()) {
      t->Reject(row, BadRowReason::kInvalidValue, "empty street_key");
      continue;
    }
    auto [seen, inserted] = seen_keys.emplace(f[c_key], row.line);
    if (!inserted) {
      t->Reject(row, BadRowReason::kDuplicateKey,
                "duplicate street_key '" + f[c_key] + "' (first at line " +
                    std::to_string(seen->second) + ")");
      continue;
    }
    StreetRecord r;
    r.region = internal::ParseRegion(f[c_region]);
    if (r.region == Region::kUnknown) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "region '" + f[c_region] + "' is not BE-BRU, BE-VLG or BE-WAL");
      continue;
    }
    r.postcode = f[c_pc];
    r.nis_codes = SplitList(f[c_nis], '|');
    if (f[c_nis].empty()) r.nis_codes.clear();
    r.names = {f[c_nl], f[c_fr], f[c_de]};
    if (!ParseIdMatch(f[c_match], &r.id_match)) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "id_match '" + f[c_match] +
                    "' is not official, unique, "
                    "ambiguous or none");
      continue;
    }
    r.official_id = f[c_id];
    r.official_id_version = f[c_ver];
    r.official_id_source = f[c_src];
    if (!r.official_id.empty() &&
        StreetCodeNamespace(r.official_id_source).empty()) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "unknown official_id_source '" + r.official_id_source + "'");
      continue;
    }
    r.source_key = f[c_key];
    if (!CheckCommon(t.get(), row, ref, &r)) continue;
    rows->push_back({std::move(r), path, row.line});
  }
  return t->status();
}

Status LoadBest(const std::string& path, const ReferenceData& ref,
                std::vector<StreetRow>* rows, ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(
          path,
          {"postal_id", "street_nl", "street_fr", "street_de", "street_prefix",
           "street_no", "street_version", "city_no"},
          ctx));
  const size_t c_pc = t->Col("postal_id"), c_nl = t->Col("street_nl"),
               c_fr = t->Col("street_fr"), c_de = t->Col("street_de"),
               c_prefix = t->Col("street_prefix"), c_no = t->Col("street_no"),
               c_ver = t->Col("street_version"), c_city = t->Col("city_no");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    StreetRecord r;
    r.postcode = f[c_pc];
    r.names = {f[c_nl], f[c_fr], f[c_de]};
    r.nis_codes = {f[c_city]};
    if (f[c_city].empty()) r.nis_codes.clear();
    if (f[c_no].empty() || !IsDigits(f[c_no])) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "street_no '" + f[c_no] + "' is not a numeric id");
      continue;
    }
    if (StreetCodeNamespace(f[c_prefix]).empty()) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "unknown street_prefix '" + f[c_prefix] + "'");
      continue;
    }
    r.official_id = f[c_no];
    r.official_id_version = f[c_ver];
    r.official_id_source = f[c_prefix];
    r.id_match = IdMatch::kOfficial;
    r.source_key = f[c_prefix] + "/" + f[c_no] + "@" + f[c_pc];
    if (!CheckCommon(t.get(), row, ref, &r)) continue;
    rows->push_back({std::move(r), path, row.line});
  }
  return t->status();
}

}  // namespace

StatusOr<StreetLayout> DetectStreetLayout(const std::string& path) {
  BELADDR_ASSIGN_OR_RETURN(std::vector<std::string> header,
                           CsvTable::ReadHeader(path));
  auto has = [&](const char* name) {
    return std::find(header.begin(), header.end(), name) != header.end();
  };
  if (has("street_key") && has("nis_codes_2025")) return StreetLayout::kCurated;
  if (has("postal_id") && has("street_prefix") && has("street_no")) {
    return StreetLayout::kBestPostalStreets;
  }
  return Status::InvalidArgument(
      path +
      ":1: unknown street file layout (expected beladdr's street table with "
      "street_key,...,nis_codes_2025 or BeSt postalstreets with "
      "postal_id,...,street_prefix,street_no)");
}

Status LoadStreets(const std::string& path, const ReferenceData& ref,
                   std::vector<StreetRow>* rows, ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(StreetLayout layout, DetectStreetLayout(path));
  return layout == StreetLayout::kCurated ? LoadCurated(path, ref, rows, ctx)
                                          : LoadBest(path, ref, rows, ctx);
}

}  // namespace beladdr::importer
