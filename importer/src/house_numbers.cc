#include "house_numbers.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "beladdr/index/normalizer.h"
#include "csv_table.h"

namespace beladdr::importer {
namespace {

// Unlinked rows shown per reason (the count covers them all).
constexpr size_t kUnlinkedSample = 3;

using internal::HouseNumber;
using internal::HouseNumbersRecord;

// Natural order: numeric part (its first 9 digits), then the rest ("2" <
// "2A" < "10"), then the text ("05" < "5"): only equal strings are
// equivalent, so the order is the same however the numbers came in.
bool NaturalLess(std::string_view a, std::string_view b) {
  auto split = [](std::string_view s) {
    size_t i = 0;
    unsigned long n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 9) {
      n = n * 10 + static_cast<unsigned long>(s[i] - '0');
      ++i;
    }
    return std::make_pair(i == 0 ? ~0UL : n, s.substr(i));
  };
  const auto sa = split(a), sb = split(b);
  if (sa != sb) return sa < sb;
  return a < b;  // "05" and "5": a total order, whatever the input order
}

// Adds `numbers` to *into: a number it has already gets the boxes it lacks
// (in order of appearance), a new one is added; all in natural order.
void Merge(HouseNumbersRecord* into, const std::string& source,
           std::vector<HouseNumber> numbers) {
  if (into->source.empty()) {
    into->source = source;
  } else if (into->source.find(source) == std::string::npos) {
    into->source += ";" + source;
  }
  std::vector<HouseNumber>& all = into->numbers;
  for (HouseNumber& h : numbers) all.push_back(std::move(h));
  auto less = [](const HouseNumber& a, const HouseNumber& b) {
    return NaturalLess(a.number, b.number);
  };
  // Registers mostly list a street's numbers once, in order: nothing to do.
  if (std::adjacent_find(all.begin(), all.end(),
                         [&](const HouseNumber& a, const HouseNumber& b) {
                           return !less(a, b);
                         }) == all.end()) {
    return;
  }
  // Stable: of equal numbers, the one seen first comes first.
  std::stable_sort(all.begin(), all.end(), less);
  size_t kept = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (kept > 0 && all[kept - 1].number == all[i].number) {
      std::vector<std::string>& boxes = all[kept - 1].boxes;
      for (std::string& box : all[i].boxes) {
        if (std::find(boxes.begin(), boxes.end(), box) == boxes.end()) {
          boxes.push_back(std::move(box));
        }
      }
      continue;
    }
    if (kept != i) all[kept] = std::move(all[i]);
    ++kept;
  }
  all.resize(kept);
}

std::string Key(const std::string& postcode, const std::string& folded) {
  return postcode + "|" + folded;
}

}  // namespace

bool ParseHouseNumberList(const std::string& list,
                          std::vector<HouseNumber>* out, std::string* error) {
  out->clear();
  if (list.empty()) return true;
  out->reserve(static_cast<size_t>(std::count(list.begin(), list.end(), ';')) +
               1);
  const std::string_view all(list);
  size_t start = 0;
  while (start <= all.size()) {
    const size_t end = std::min(all.find(';', start), all.size());
    const std::string_view item = all.substr(start, end - start);
    HouseNumber h;
    const size_t open = item.find('[');
    if (open == std::string_view::npos) {
      if (item.find(']') != std::string_view::npos) {
        *error = "unbalanced ']' in house number '" + std::string(item) + "'";
        return false;
      }
      h.number = std::string(item);
    } else {
      if (item.back() != ']' ||
          item.find('[', open + 1) != std::string_view::npos) {
        *error =
            "unbalanced brackets in house number '" + std::string(item) + "'";
        return false;
      }
      h.number = std::string(item.substr(0, open));
      const std::string_view boxes =
          item.substr(open + 1, item.size() - open - 2);
      size_t b = 0;
      while (b <= boxes.size()) {
        const size_t e = std::min(boxes.find('|', b), boxes.size());
        if (e > b) h.boxes.emplace_back(boxes.substr(b, e - b));
        b = e + 1;
      }
    }
    if (h.number.empty()) {
      *error = "empty house number in list";
      return false;
    }
    out->push_back(std::move(h));
    start = end + 1;
  }
  return true;
}

std::string_view UnlinkedReasonText(UnlinkedReason reason) {
  switch (reason) {
    case UnlinkedReason::kPostcodeWithoutStreets:
      return "the street list has no street in the postcode";
    case UnlinkedReason::kNameInOtherPostcode:
      return "the street name exists in other postcodes only";
    case UnlinkedReason::kNameUnknown:
      return "no street of the list has the name";
  }
  return "?";
}

void HouseNumberStats::PrintUnlinked(std::ostream& out) const {
  if (unlinked_rows == 0) return;
  out << "note: " << unlinked_rows
      << " house-number register rows match no street and are not imported "
         "(the registers are older or newer than the street list):\n";
  for (size_t r = 0; r < kUnlinkedReasonCount; ++r) {
    if (unlinked_by_reason[r] == 0) continue;
    out << "  " << unlinked_by_reason[r]
        << " rows: " << UnlinkedReasonText(static_cast<UnlinkedReason>(r))
        << ", e.g.\n";
    for (const std::string& row : unlinked_sample[r]) {
      out << "    " << row << "\n";
    }
  }
}

StreetLookup::StreetLookup(const std::vector<StreetRow>& streets) {
  const internal::Normalizer& normalizer = internal::Normalizer::Default();
  for (size_t i = 0; i < streets.size(); ++i) {
    const internal::StreetRecord& r = streets[i].record;
    by_code_.emplace(r.code, i);
    postcodes_.insert(r.postcode);
    for (const std::string& name : r.names) {
      if (name.empty()) continue;
      StatusOr<std::string> folded = normalizer.NormalizeName(name);
      if (!folded.ok()) continue;
      names_.insert(*folded);
      std::vector<size_t>& list = by_name_[Key(r.postcode, *folded)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
}

const size_t* StreetLookup::ByCode(const std::string& code) const {
  const auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &it->second;
}

const std::vector<size_t>* StreetLookup::ByName(
    const std::string& postcode, const std::string& folded) const {
  const auto it = by_name_.find(Key(postcode, folded));
  return it == by_name_.end() ? nullptr : &it->second;
}

Status LoadHouseNumbers(const std::string& path, const StreetLookup& streets,
                        HouseNumberMap* numbers, HouseNumberStats* stats,
                        ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(std::vector<std::string> header,
                           CsvTable::ReadHeader(path));
  const bool walloon =
      std::find(header.begin(), header.end(), "icar_street_id") != header.end();
  const std::string source = walloon ? "icar_2020" : "crab_2013";
  const std::string name_column = walloon ? "street_name" : "street_nl";
  std::vector<std::string> required = {"postcode", name_column,
                                       "n_house_numbers", "house_numbers"};
  if (walloon) required.push_back("icar_street_id");
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<CsvTable> t,
                           CsvTable::Open(path, required, ctx));

  const internal::Normalizer& normalizer = internal::Normalizer::Default();

  const size_t c_pc = t->Col("postcode"), c_name = t->Col(name_column),
               c_n = t->Col("n_house_numbers"),
               c_list = t->Col("house_numbers");
  const size_t c_id = walloon ? t->Col("icar_street_id") : 0;
  CsvRecord row;
  while (t->Next(&row)) {
    const auto& f = row.fields;
    if (!IsPostcode(f[c_pc])) {
      t->Reject(row, BadRowReason::kBadPostcode,
                "postcode '" + f[c_pc] + "' is not 4 digits");
      continue;
    }
    if (f[c_name].empty()) {
      t->Reject(row, BadRowReason::kEmptyName, "empty street name");
      continue;
    }
    if (walloon && !IsDigits(f[c_id])) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "icar_street_id '" + f[c_id] + "' is not numeric");
      continue;
    }
    std::vector<HouseNumber> list;
    std::string error;
    if (!ParseHouseNumberList(f[c_list], &list, &error)) {
      t->Reject(row, BadRowReason::kInvalidValue, error);
      continue;
    }
    if (!IsDigits(f[c_n]) || std::stoul(f[c_n]) != list.size()) {
      t->Reject(row, BadRowReason::kInvalidValue,
                "n_house_numbers '" + f[c_n] + "' but the list holds " +
                    std::to_string(list.size()));
      continue;
    }
    ++stats->rows;

    std::vector<size_t> targets;
    if (walloon) {
      const size_t* street = streets.ByCode("icar:" + f[c_id] + "@" + f[c_pc]);
      if (street != nullptr) targets.push_back(*street);
    }
    // The name is folded (ICU) only when the code did not link the row.
    StatusOr<std::string> folded = Status::NotFound("not folded");
    if (targets.empty()) folded = normalizer.NormalizeName(f[c_name]);
    if (targets.empty() && folded.ok()) {
      const std::vector<size_t>* named = streets.ByName(f[c_pc], *folded);
      if (named != nullptr) targets = *named;
    }
    if (targets.empty()) {
      const UnlinkedReason reason =
          !streets.HasPostcode(f[c_pc])
              ? UnlinkedReason::kPostcodeWithoutStreets
          : folded.ok() && streets.HasName(*folded)
              ? UnlinkedReason::kNameInOtherPostcode
              : UnlinkedReason::kNameUnknown;
      const auto r = static_cast<size_t>(reason);
      ++stats->unlinked_rows;
      ++stats->unlinked_by_reason[r];
      if (stats->unlinked_sample[r].size() < kUnlinkedSample) {
        stats->unlinked_sample[r].push_back(path + ":" +
                                            std::to_string(row.line) + ": " +
                                            f[c_pc] + " " + f[c_name]);
      }
      continue;
    }
    ++stats->linked_rows;
    for (size_t target : targets) {
      stats->numbers += list.size();
      Merge(&(*numbers)[target], source, list);
    }
  }
  return t->status();
}

}  // namespace beladdr::importer
