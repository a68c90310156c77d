#include "house_numbers.h"

#include <algorithm>
#include <unordered_map>

#include "csv_table.h"
#include "internal/normalizer.h"

namespace beladdr::importer {
namespace {

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
    auto it = std::find_if(into->numbers.begin(), into->numbers.end(),
                           [&](const HouseNumber& o) { return o.number == h.number; });
    if (it == into->numbers.end()) {
      into->numbers.push_back(std::move(h));
      continue;
    }
    for (std::string& box : h.boxes) {
      if (std::find(it->boxes.begin(), it->boxes.end(), box) == it->boxes.end()) {
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

Status LoadHouseNumbers(const std::string& path,
                        const std::vector<StreetRow>& streets,
                        HouseNumberMap* numbers, HouseNumberStats* stats,
                        ImportContext* ctx) {
  BELADDR_ASSIGN_OR_RETURN(std::vector<std::string> header,
                           CsvTable::ReadHeader(path));
  const bool walloon = std::find(header.begin(), header.end(),
                                 "icar_street_id") != header.end();
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
  for (size_t i = 0; i < streets.size(); ++i) {
    const internal::StreetRecord& r = streets[i].record;
    by_code.emplace(r.code, i);
    for (const std::string& name : r.names) {
      if (name.empty()) continue;
      StatusOr<std::string> folded = normalizer.NormalizeName(name);
      if (!folded.ok()) continue;
      std::vector<size_t>& list = by_name[Key(r.postcode, *folded)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }

  const size_t c_pc = t->Col("postcode"), c_name = t->Col(name_column),
               c_n = t->Col("n_house_numbers"), c_list = t->Col("house_numbers");
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
    if (targets.empty()) {
      StatusOr<std::string> folded = normalizer.NormalizeName(f[c_name]);
      if (folded.ok()) {
        auto it = by_name.find(Key(f[c_pc], *folded));
        if (it != by_name.end()) targets = it->second;
      }
    }
    if (targets.empty()) {
      ++stats->unlinked_rows;
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
