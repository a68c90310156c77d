#include "beladdr/importer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "bad_rows.h"
#include "beladdr/index/dictionary.h"
#include "beladdr/index/index_format.h"
#include "beladdr/index/normalizer.h"
#include "csv_table.h"
#include "house_numbers.h"
#include "index_builder.h"
#include "progress.h"
#include "reference_data.h"
#include "staging_dir.h"
#include "street_code.h"
#include "street_sources.h"

namespace beladdr {
namespace {

namespace fs = std::filesystem;
using importer::BadRowLog;
using importer::BadRowReason;
using importer::ImportContext;
using importer::Progress;
using importer::StreetRow;

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// 128 random bits as 32 lower-case hex digits.
std::string NewIndexId() {
  std::random_device random;
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof(part), "%08x", static_cast<unsigned>(random()));
    id += part;
  }
  return id;
}

std::string ReadVintage(const std::string& data_dir) {
  std::ifstream in(data_dir + "/VINTAGE");
  std::string line, text;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!text.empty()) text += "; ";
    text += line;
  }
  return text.empty() ? "unknown" : text;
}

uint64_t DirectorySize(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

// True when two rows describe the same street: same postcode and
// municipalities, and names that differ only in case, accents or
// punctuation ("Grand-Rue" / "Grand'Rue", "BRUGSEHEIRWEG" / "Brugseheirweg").
bool SameStreet(const internal::StreetRecord& a,
                const internal::StreetRecord& b) {
  if (a.postcode != b.postcode || a.nis_codes != b.nis_codes) return false;
  const internal::Normalizer& n = internal::Normalizer::Default();
  for (size_t i = 0; i < a.names.size(); ++i) {
    auto fa = n.NormalizeName(a.names[i]);
    auto fb = n.NormalizeName(b.names[i]);
    if (!fa.ok() || !fb.ok() || *fa != *fb) return false;
  }
  return true;
}

// Gives every row its StreetCode and sorts by it. A later row with the code
// of an earlier one is merged into it when it is the same street spelled
// differently (reported as a note), and rejected otherwise.
void AssignStreetCodes(std::vector<StreetRow>* rows, BadRowLog* log,
                       std::ostream& report, size_t* merged) {
  for (StreetRow& row : *rows) {
    row.record.code = importer::MakeStreetCode(row.record);
  }
  std::stable_sort(rows->begin(), rows->end(),
                   [](const StreetRow& a, const StreetRow& b) {
                     return a.record.code < b.record.code;
                   });
  std::vector<StreetRow> kept;
  kept.reserve(rows->size());
  for (StreetRow& row : *rows) {
    if (!kept.empty() && kept.back().record.code == row.record.code) {
      const StreetRow& first = kept.back();
      const std::string where = first.file + ":" + std::to_string(first.line);
      if (SameStreet(first.record, row.record)) {
        ++*merged;
        report << row.file << ":" << row.line << ": note: same street as "
               << where << " (" << row.record.code
               << ", names differ only in case or punctuation); merged\n";
        continue;
      }
      log->Add(row.file, row.line, BadRowReason::kDuplicateKey,
               "duplicate StreetCode " + row.record.code + " (also at " +
                   where + ")");
      continue;
    }
    kept.push_back(std::move(row));
  }
  *rows = std::move(kept);
}

// A postcode that streets use but the postal tables no longer list (1010,
// the Cité administrative de l'Etat) is still a postcode of the streets'
// municipalities: a query may give it.
//
// A postcode-municipality link that only Statbel's 2019 table makes is kept
// when a street confirms it (1050 -> Brussels: Avenue Louise); the others
// are stale and reported.
void LinkStreetPostcodes(const std::vector<importer::StreetRow>& streets,
                         importer::ReferenceData* ref, std::ostream& report) {
  std::set<std::string> listed;
  for (const auto& [postcode, record] : ref->postcodes) listed.insert(postcode);
  std::set<std::pair<std::string, std::string>> used;
  for (const importer::StreetRow& row : streets) {
    const internal::StreetRecord& r = row.record;
    for (const std::string& nis : r.nis_codes) used.emplace(r.postcode, nis);
    if (listed.count(r.postcode) != 0) continue;
    for (const std::string& nis : r.nis_codes) ref->Link(r.postcode, nis);
  }
  std::vector<const importer::ReferenceData::PendingLink*> stale;
  for (const auto& link : ref->pending_links) {
    if (used.count({link.postcode, link.nis}) != 0) {
      ref->Link(link.postcode, link.nis);
    } else {
      stale.push_back(&link);
    }
  }
  if (stale.empty()) return;
  report << "note: " << stale.size()
         << " postcode-municipality rows that neither bpost 2025 nor any "
            "street confirms are not imported:\n";
  for (const auto* link : stale) {
    report << "  " << link->where << ": " << link->postcode << " -> "
           << link->nis << "\n";
  }
}

}  // namespace

std::string ImportSummary::ToString() const {
  std::ostringstream out;
  char size[32];
  std::snprintf(size, sizeof(size), "%.1f MB",
                static_cast<double>(bytes_on_disk) / 1e6);
  char secs[32];
  std::snprintf(secs, sizeof(secs), "%.2f s", seconds);
  out << "rows read        " << Thousands(rows_read) << " (" << bad_rows
      << " bad rows skipped, " << spelling_duplicates_merged
      << " spelling duplicates merged)\n"
      << "streets          " << Thousands(streets) << "\n"
      << "municipalities   " << Thousands(municipalities) << "\n"
      << "postcodes        " << Thousands(postcodes) << "\n"
      << "name variants    " << Thousands(name_variants()) << " (streets "
      << Thousands(street_variants) << ", places " << Thousands(place_variants)
      << ")\n"
      << "trigrams         " << Thousands(trigrams) << " distinct, "
      << Thousands(postings) << " postings\n"
      << "house numbers    " << Thousands(house_numbers) << " on "
      << Thousands(streets_with_house_numbers) << " streets ("
      << Thousands(house_number_rows_unlinked)
      << " register rows matched no street)\n"
      << "size on disk     " << size << "\n"
      << "time             " << secs << "\n";
  return out.str();
}

StatusOr<ImportSummary> RunImport(const ImportOptions& options,
                                  std::ostream& report) {
  const auto started = std::chrono::steady_clock::now();
  auto stage = [&](const std::string& name) {
    if (options.on_stage) options.on_stage(name);
  };
  std::error_code ec;
  if (options.data_dir.empty() || !fs::is_directory(options.data_dir, ec)) {
    return Status::InvalidArgument("data directory '" + options.data_dir +
                                   "' does not exist");
  }
  // Fail fast on a locked or foreign target, before reading anything.
  BELADDR_ASSIGN_OR_RETURN(importer::StagingDir staging,
                           importer::StagingDir::Create(options.out_dir));

  BadRowLog log;
  Progress progress(report, options.progress);
  ImportContext ctx{&log, &progress};
  ImportSummary summary;
  std::string sources;
  auto read = [&](const std::string& path, auto&& loader) -> Status {
    const size_t before = log.count();
    Status s = loader(path);
    if (!s.ok()) return s;
    sources += path + "\n";
    progress.Done("read " + path + " (" + std::to_string(log.count() - before) +
                  " bad rows)");
    return Status::OK();
  };

  stage("read");
  const std::string& data = options.data_dir;
  importer::ReferenceData ref;
  BELADDR_RETURN_IF_ERROR(read(data + "/municipalities_2025.csv", [&](auto& p) {
    return importer::LoadMunicipalities(p, &ref, &ctx);
  }));
  BELADDR_RETURN_IF_ERROR(
      read(data + "/municipality_mergers_2025.csv",
           [&](auto& p) { return importer::LoadMergers(p, &ref, &ctx); }));
  BELADDR_RETURN_IF_ERROR(
      read(data + "/municipality_names_aliases.csv",
           [&](auto& p) { return importer::LoadAliases(p, &ref, &ctx); }));
  BELADDR_RETURN_IF_ERROR(
      read(data + "/postal_localities_bpost_2025.csv",
           [&](auto& p) { return importer::LoadLocalities(p, &ref, &ctx); }));
  BELADDR_RETURN_IF_ERROR(
      read(data + "/postcode_to_nis_2025.csv", [&](auto& p) {
        return importer::LoadPostcodeMunicipalities(p, &ref, &ctx);
      }));

  BELADDR_ASSIGN_OR_RETURN(
      std::vector<internal::DictionaryFile> dictionary_files,
      internal::Dictionary::ReadDirectory(options.dictionary_dir.empty()
                                              ? data + "/dictionaries"
                                              : options.dictionary_dir));
  {
    // Validate the dictionaries now, with file:line errors.
    auto dict = internal::Dictionary::Build(dictionary_files,
                                            internal::Normalizer::Default());
    if (!dict.ok()) {
      return dict.status().WithContext("dictionaries");
    }
  }

  std::vector<std::string> street_files = options.street_files;
  if (street_files.empty()) {
    street_files.push_back(data + "/streets_belgium_2022.csv.gz");
  }
  std::vector<StreetRow> streets;
  for (const std::string& path : street_files) {
    BELADDR_RETURN_IF_ERROR(read(path, [&](auto& p) {
      return importer::LoadStreets(p, ref, &streets, &ctx);
    }));
  }
  LinkStreetPostcodes(streets, &ref, report);
  AssignStreetCodes(&streets, &log, report,
                    &summary.spelling_duplicates_merged);

  importer::HouseNumberMap house_numbers;
  importer::HouseNumberStats hn_stats;
  std::vector<std::string> hn_files = options.house_number_files;
  if (hn_files.empty() && !options.no_house_numbers) {
    for (const char* name :
         {"/addresses_wallonia_icar_2020_by_street.csv.gz",
          "/addresses_flanders_crab_2013_by_street.csv.gz"}) {
      if (fs::exists(data + name, ec)) {
        hn_files.push_back(data + name);
      } else {
        report << "note: no house-number file " << data << name
               << "; house numbers from it are not imported\n";
      }
    }
  }
  if (options.no_house_numbers) hn_files.clear();
  if (!hn_files.empty()) {
    const importer::StreetLookup lookup(streets);  // once for all registers
    for (const std::string& path : hn_files) {
      BELADDR_RETURN_IF_ERROR(read(path, [&](auto& p) {
        return importer::LoadHouseNumbers(p, lookup, &house_numbers, &hn_stats,
                                          &ctx);
      }));
    }
  }

  hn_stats.PrintUnlinked(report);
  if (log.count() > 0) {
    log.Print(report, options.max_reported_errors);
    if (!options.skip_bad_rows) {
      return Status::InvalidArgument(
          std::to_string(log.count()) +
          " bad rows (listed above); nothing was written. Fix the data, or "
          "run with --skip-bad-rows to import the other rows.");
    }
    report << "skipping " << log.count() << " bad rows (--skip-bad-rows)\n";
  }

  importer::BuildInput input;
  input.ref = &ref;
  input.streets = &streets;
  input.house_numbers = &house_numbers;
  input.dictionary_files = &dictionary_files;
  input.data_vintage =
      options.data_vintage.empty() ? ReadVintage(data) : options.data_vintage;
  input.sources = sources;
  input.built_at = NowUtc();
  input.index_id = NewIndexId();
  importer::BuildStats stats;
  BELADDR_RETURN_IF_ERROR(importer::BuildIndex(
      staging.path(), input, &stats, [&](const std::string& name) {
        progress.Done("building: " + name);
        stage(name);
      }));

  stage("commit");
  BELADDR_RETURN_IF_ERROR(staging.Commit(
      "built_at " + input.built_at + "\nindex_id " + input.index_id + "\n"));

  summary.bad_rows = log.count();
  summary.streets = stats.streets;
  summary.municipalities = stats.municipalities;
  summary.postcodes = stats.postcodes;
  summary.street_variants = stats.street_variants;
  summary.place_variants = stats.place_variants;
  summary.trigrams = stats.trigrams;
  summary.postings = stats.postings;
  summary.house_numbers = stats.house_numbers;
  summary.streets_with_house_numbers = stats.streets_with_house_numbers;
  summary.house_number_rows_unlinked = hn_stats.unlinked_rows;
  for (size_t r = 0; r < importer::kUnlinkedReasonCount; ++r) {
    if (hn_stats.unlinked_by_reason[r] == 0) continue;
    summary.house_number_unlinked_by_reason.emplace_back(
        importer::UnlinkedReasonText(static_cast<importer::UnlinkedReason>(r)),
        hn_stats.unlinked_by_reason[r]);
  }
  summary.rows_read = ctx.rows_read;
  summary.bytes_on_disk = DirectorySize(options.out_dir);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return summary;
}

}  // namespace beladdr
