#include "house_numbers.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "csv_table.h"
#include "beladdr/index/normalizer.h"

namespace beladdr::importer {
namespace {

// Unlinked rows shown per reason (the count covers them all).
constexpr size_t kUnlinkedSample = 3;

using internal::HouseNumber;
using internal::HouseNumbersRecord;

// Natural order: numeric part, then the rest ("2" < "2A" < "10").
bool NaturalLess(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    size_t i = 0;
    unsigned long n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 9) {
      n = n * 10 + static_cast<unsigned long>(s[i] - '0');
      ++i;
    }
    return std::make_pair(i == 0 ? ~0UL : n, s.substr(i));
  };
  return split(a) < split(b);
}

void Merge(HouseNumbersRecord* into, const std::string& source,
           std::vector<HouseNumber> numbers) {
  if (into->source.empty()) {
    into->source = source;
  } else if (into->source.find(source) == std::string::npos) {
    into->source += ";" + source;
  }
  for (HouseNumber& h : numbers) {
    auto it = std::find_if(
        into->numbers.begin(), into->numbers.end(),
        [&](const HouseNumber& o) { return o.number == h.number; });
    if (it == into->numbers.end()) {
      into->numbers.push_back(std::move(h));
      continue;
    }
    for (std::string& box : h.boxes) {
      if (std::find(it->boxes.begin(), it->boxes.end(), box) ==
          it->boxes.end()) {
        it->boxes.push_back(std::move(box));
      }
    }
  }
  std::sort(into->numbers.begin(), into->numbers.end(),
            [](const HouseNumber& a, const HouseNumber& b) {
              return NaturalLess(a.number, b.number);
            });
}

std::string Key(const std::string& postcode, const std::string& folded) {
  return postcode + "|" + folded;
}

}  // namespace

bool ParseHouseNumberList(const std::string& list,
                          std::vector<HouseNumber>* out, std::string* error) {
  out->clear();
  if (list.empty()) return true;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(';', start);
    if (end == std::string::npos) end = list.size();
    const std::string item = list.substr(start, end - start);
    HouseNumber h;
    const size_t open = item.find('[');
    if (open == std::string::npos) {
      if (item.find(']') != std::string::npos) {
        *error = "unbalanced ']' in house number '" + item + "'";
        return false;
      }
      h.number = item;
    } else {
      if (item.back() != ']' || item.find('[', open + 1) != std::string::npos) {
        *error = "unbalanced brackets in house number '" + item + "'";
        return false;
      }
      h.number = item.substr(0, open);
      const std::string boxes = item.substr(open + 1, item.size() - open - 2);
      size_t b = 0;
      while (b <= boxes.size()) {
        size_t e = boxes.find('|', b);
        if (e == std::string::npos) e = boxes.size();
        if (e > b) h.boxes.push_back(boxes.substr(b, e - b));
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

Status LoadHouseNumbers(const std::string& path,
                        const std::vector<StreetRow>& streets,
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

  // Lookup tables over the streets: by code, and by (postcode, folded name).
  const internal::Normalizer& normalizer = internal::Normalizer::Default();
  std::unordered_map<std::string, size_t> by_code;
  std::unordered_map<std::string, std::vector<size_t>> by_name;
  // For the reason a row links to no street.
  std::unordered_set<std::string> postcodes, names;
  for (size_t i = 0; i < streets.size(); ++i) {
    const internal::StreetRecord& r = streets[i].record;
    by_code.emplace(r.code, i);
    postcodes.insert(r.postcode);
    for (const std::string& name : r.names) {
      if (name.empty()) continue;
      StatusOr<std::string> folded = normalizer.NormalizeName(name);
      if (!folded.ok()) continue;
      names.insert(*folded);
      std::vector<size_t>& list = by_name[Key(r.postcode, *folded)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }

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
      auto it = by_code.find("icar:" + f[c_id] + "@" + f[c_pc]);
      if (it != by_code.end()) targets.push_back(it->second);
    }
    StatusOr<std::string> folded = normalizer.NormalizeName(f[c_name]);
    if (targets.empty() && folded.ok()) {
      auto it = by_name.find(Key(f[c_pc], *folded));
      if (it != by_name.end()) targets = it->second;
    }
    if (targets.empty()) {
      const UnlinkedReason reason =
          !postcodes.count(f[c_pc]) ? UnlinkedReason::kPostcodeWithoutStreets
          : folded.ok() && names.count(*folded)
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
