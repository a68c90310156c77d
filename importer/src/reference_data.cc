#include "reference_data.h"

#include <algorithm>

#include "csv_table.h"

namespace beladdr::importer {
namespace {

using internal::Locality;
using internal::MunicipalityAlias;
using internal::MunicipalityRecord;
using internal::PostcodeRecord;
using internal::Region;

void InsertSorted(std::vector<std::string>* list, const std::string& value) {
  auto it = std::lower_bound(list->begin(), list->end(), value);
  if (it == list->end() || *it != value) list->insert(it, value);
}

Status Finish(const CsvTable& table) { return table.status(); }

}  // namespace

std::string ReferenceData::ResolveNis(std::string_view nis) const {
  const std::string key(nis);
  if (municipalities.count(key) != 0) return key;
  auto it = mergers.find(key);
  return it == mergers.end() ? std::string() : it->second;
}

void ReferenceData::Link(const std::string& postcode, const std::string& nis) {
  auto m = municipalities.find(nis);
  if (m != municipalities.end()) InsertSorted(&m->second.postcodes, postcode);
  PostcodeRecord& p = postcodes[postcode];
  p.postcode = postcode;
  InsertSorted(&p.nis_codes, nis);
}

Status LoadMunicipalities(const std::string& path, ReferenceData* ref,
                          ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(path,
                     {"nis_code", "name_nl", "name_fr", "name_de", "region",
                      "statbel_language_code"},
                     ctx));
  const size_t c_nis = t->Col("nis_code"), c_nl = t->Col("name_nl"),
               c_fr = t->Col("name_fr"), c_de = t->Col("name_de"),
               c_region = t->Col("region"),
               c_lang = t->Col("statbel_language_code");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (!IsNisCode(f[c_nis])) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "NIS code '" + f[c_nis] + "' is not 5 digits");
      continue;
    }
    if (f[c_nl].empty() && f[c_fr].empty() && f[c_de].empty()) {
      t->Reject(row, BadRowReason::kEmptyName,
                "municipality " + f[c_nis] + " has no name");
      continue;
    }
    const Region region = internal::ParseRegion(f[c_region]);
    if (region == Region::kUnknown) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "region '" + f[c_region] + "' is not BE-BRU, BE-VLG or BE-WAL");
      continue;
    }
    const std::string& lang = f[c_lang];
    if (lang != "N" && lang != "F" && lang != "D" && lang != "FN") {
      t->Reject(row, BadRowReason::kInvalidValue,
                "language code '" + lang + "' is not N, F, D or FN");
      continue;
    }
    if (ref->municipalities.count(f[c_nis]) != 0) {
      t->Reject(row, BadRowReason::kDuplicateKey,
                "duplicate NIS code " + f[c_nis]);
      continue;
    }
    MunicipalityRecord m;
    m.nis = f[c_nis];
    m.names = {f[c_nl], f[c_fr], f[c_de]};
    m.region = region;
    m.language_code = lang;
    ref->municipalities.emplace(m.nis, std::move(m));
  }
  return Finish(*t);
}

Status LoadMergers(const std::string& path, ReferenceData* ref,
                   ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(path, {"old_nis_code", "new_nis_code"}, ctx));
  const size_t c_old = t->Col("old_nis_code"), c_new = t->Col("new_nis_code");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (!IsNisCode(f[c_old])) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "old NIS code '" + f[c_old] + "' is not 5 digits");
      continue;
    }
    if (ref->municipalities.count(f[c_new]) == 0) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "new NIS code '" + f[c_new] + "' is not a 2025 municipality");
      continue;
    }
    auto [it, inserted] = ref->mergers.emplace(f[c_old], f[c_new]);
    if (!inserted && it->second != f[c_new]) {
      t->Reject(row, BadRowReason::kDuplicateKey,
                "old NIS code " + f[c_old] + " merges into both " + it->second +
                    " and " + f[c_new]);
    }
  }
  return Finish(*t);
}

Status LoadAliases(const std::string& path, ReferenceData* ref,
                   ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(path, {"nis_code_2025", "name", "lang", "sources"}, ctx));
  const size_t c_nis = t->Col("nis_code_2025"), c_name = t->Col("name"),
               c_lang = t->Col("lang"), c_src = t->Col("sources");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    auto m = ref->municipalities.find(f[c_nis]);
    if (m == ref->municipalities.end()) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "unknown NIS code '" + f[c_nis] + "'");
      continue;
    }
    if (f[c_name].empty()) {
      t->Reject(row, BadRowReason::kEmptyName, "empty alias name");
      continue;
    }
    int lang = -1;
    if (auto parsed = ParseLanguage(f[c_lang])) {
      lang = static_cast<int>(*parsed);
    } else if (!f[c_lang].empty()) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "language '" + f[c_lang] + "' is not nl, fr or de");
      continue;
    }
    auto& aliases = m->second.aliases;
    auto same = std::find_if(aliases.begin(), aliases.end(),
                             [&](const MunicipalityAlias& a) {
                               return a.name == f[c_name] && a.lang == lang;
                             });
    if (same != aliases.end()) {
      t->Reject(row, BadRowReason::kDuplicateKey,
                "duplicate alias '" + f[c_name] + "' for " + f[c_nis]);
      continue;
    }
    aliases.push_back({f[c_name], lang, f[c_src]});
  }
  return Finish(*t);
}

Status LoadLocalities(const std::string& path, ReferenceData* ref,
                      ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(
          path,
          {"postcode", "locality_nl", "locality_fr_bpost2017_paired",
           "is_deelgemeente", "special_non_geographic", "nis_code_2025"},
          ctx));
  const size_t c_pc = t->Col("postcode"), c_nl = t->Col("locality_nl"),
               c_fr = t->Col("locality_fr_bpost2017_paired"),
               c_deel = t->Col("is_deelgemeente"),
               c_special = t->Col("special_non_geographic"),
               c_nis = t->Col("nis_code_2025");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (!IsPostcode(f[c_pc])) {
      t->Reject(row, BadRowReason::kBadPostcode,
                "postcode '" + f[c_pc] + "' is not 4 digits");
      continue;
    }
    if (f[c_nl].empty() && f[c_fr].empty()) {
      t->Reject(row, BadRowReason::kEmptyName, "empty locality name");
      continue;
    }
    const bool special = f[c_special] == "1";
    if (!special && f[c_special] != "0" && !f[c_special].empty()) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "special_non_geographic '" + f[c_special] + "' is not 0 or 1");
      continue;
    }
    std::string nis;
    if (!f[c_nis].empty()) {
      nis = ref->ResolveNis(f[c_nis]);
      if (nis.empty()) {
        t->Reject(row, BadRowReason::kUnknownNis,
                  "unknown NIS code '" + f[c_nis] + "'");
        continue;
      }
    } else if (!special) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "a geographic postcode needs a NIS code");
      continue;
    }
    Locality l;
    l.name_nl = f[c_nl];
    l.name_fr = f[c_fr];
    l.nis = nis;
    l.deelgemeente = f[c_deel] == "1" ? 1 : f[c_deel] == "0" ? 0 : 2;
    PostcodeRecord& p = ref->postcodes[f[c_pc]];
    p.postcode = f[c_pc];
    p.special = p.special || special;
    auto dup = std::find_if(p.localities.begin(), p.localities.end(),
                            [&](const Locality& o) {
                              return o.name_nl == l.name_nl &&
                                     o.name_fr == l.name_fr && o.nis == l.nis;
                            });
    if (dup != p.localities.end()) {
      t->Reject(row, BadRowReason::kDuplicateKey,
                "duplicate locality '" + l.name_nl + "' for " + f[c_pc]);
      continue;
    }
    p.localities.push_back(std::move(l));
    if (!nis.empty()) ref->Link(f[c_pc], nis);
  }
  return Finish(*t);
}

Status LoadPostcodeMunicipalities(const std::string& path, ReferenceData* ref,
                                  ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(
      std::unique_ptr<CsvTable> t,
      CsvTable::Open(path, {"postcode", "nis_code_2025", "sources"}, ctx));
  const size_t c_pc = t->Col("postcode"), c_nis = t->Col("nis_code_2025"),
               c_src = t->Col("sources");
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (!IsPostcode(f[c_pc])) {
      t->Reject(row, BadRowReason::kBadPostcode,
                "postcode '" + f[c_pc] + "' is not 4 digits");
      continue;
    }
    const std::string nis = ref->ResolveNis(f[c_nis]);
    if (nis.empty()) {
      t->Reject(row, BadRowReason::kUnknownNis,
                "unknown NIS code '" + f[c_nis] + "'");
      continue;
    }
    // bpost 2025 is the authority on postcodes; a link only Statbel's 2019
    // table makes may be stale (1000 -> Etterbeek, 1000 -> Ixelles).
    if (f[c_src].find("bpost2025") == std::string::npos) {
      ref->pending_links.push_back(
          {f[c_pc], nis, path + ":" + std::to_string(row.line)});
      continue;
    }
    ref->Link(f[c_pc], nis);
  }
  return Finish(*t);
}

}  // namespace beladdr::importer
