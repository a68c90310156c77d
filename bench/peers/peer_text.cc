#include "peer_text.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "csv_reader.h"
#include "trigram_similarity.h"

namespace beladdr::peers {
namespace {

std::string Transliterate(std::string_view text) {
  static std::mutex mu;
  static icu::Transliterator* const t = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower",
                                               UTRANS_FORWARD, status);
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  {
    std::lock_guard<std::mutex> lock(
        mu);  // ICU transliterators are not thread-safe
    if (t != nullptr) t->transliterate(u);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t end = std::min(folded.find(' ', i), folded.size());
    if (end > i) words.push_back(folded.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

bool AllDigits(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool HouseNumberLike(const std::string& w) {
  // "12", "12a", "12bis", "3b".
  return !w.empty() && w[0] >= '0' && w[0] <= '9' && w.size() <= 6;
}

bool BoxWord(const std::string& w) {
  return w == "bus" || w == "bte" || w == "boite" || w == "box" || w == "b" ||
         w == "bt";
}

// A box word glued to its number: "bus5", "bte12", "b3".
bool GluedBox(const std::string& w) {
  const size_t digits = w.find_first_of("0123456789");
  if (digits == std::string::npos || digits == 0) return false;
  return BoxWord(w.substr(0, digits)) &&
         std::all_of(w.begin() + static_cast<long>(digits), w.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Column index by header name, -1 when absent.
int Column(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

using CsvRows = std::vector<std::vector<std::string>>;

Status ReadCsv(const std::string& path, std::vector<std::string>* header,
               CsvRows* rows) {
  auto reader = importer::CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  importer::CsvRecord record;
  bool first = true;
  while ((*reader)->Next(&record)) {
    if (!record.error.empty()) {
      return Status::Corruption(path + ":" + std::to_string(record.line) +
                                ": " + record.error);
    }
    if (first) {
      *header = record.fields;
      first = false;
    } else {
      rows->push_back(record.fields);
    }
  }
  return (*reader)->status();
}

}  // namespace

std::string Fold(std::string_view text) {
  const std::string t = Transliterate(text);
  std::string out;
  for (const char c : t) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status PlaceTable::Load(const std::string& data_dir) {
  // NIS code -> postcodes.
  std::vector<std::string> header;
  CsvRows rows;
  BELADDR_RETURN_IF_ERROR(
      ReadCsv(data_dir + "/postcode_to_nis_2025.csv", &header, &rows));
  const int pc_col = Column(header, "postcode"),
            nis_col = Column(header, "nis_code_2025");
  if (pc_col < 0 || nis_col < 0)
    return Status::Corruption("postcode_to_nis_2025.csv: columns");
  std::map<std::string, std::set<std::string>> by_nis;
  for (const auto& r : rows) {
    by_nis[r[nis_col]].insert(r[pc_col]);
    nis_of_postcode_[r[pc_col]].insert(r[nis_col]);
  }

  header.clear();
  rows.clear();
  BELADDR_RETURN_IF_ERROR(
      ReadCsv(data_dir + "/municipality_names_aliases.csv", &header, &rows));
  const int alias_nis = Column(header, "nis_code_2025"),
            alias_name = Column(header, "name");
  if (alias_nis < 0 || alias_name < 0)
    return Status::Corruption("aliases: columns");
  for (const auto& r : rows) {
    const auto it = by_nis.find(r[alias_nis]);
    if (it == by_nis.end()) continue;
    postcodes_[Fold(r[alias_name])].insert(it->second.begin(),
                                           it->second.end());
  }

  header.clear();
  rows.clear();
  BELADDR_RETURN_IF_ERROR(
      ReadCsv(data_dir + "/municipalities_2025.csv", &header, &rows));
  const int m_nis = Column(header, "nis_code");
  for (const auto& r : rows) {
    const auto it = by_nis.find(r[m_nis]);
    if (it == by_nis.end()) continue;
    for (const char* col : {"name_nl", "name_fr", "name_de"}) {
      const int c = Column(header, col);
      if (c >= 0 && !r[c].empty()) {
        postcodes_[Fold(r[c])].insert(it->second.begin(), it->second.end());
      }
    }
  }

  header.clear();
  rows.clear();
  BELADDR_RETURN_IF_ERROR(
      ReadCsv(data_dir + "/postal_localities_bpost_2025.csv", &header, &rows));
  const int l_pc = Column(header, "postcode");
  for (const auto& r : rows) {
    for (const char* col : {"locality_nl", "locality_fr_bpost2017_paired"}) {
      const int c = Column(header, col);
      if (c >= 0 && !r[c].empty()) postcodes_[Fold(r[c])].insert(r[l_pc]);
    }
  }
  postcodes_.erase("");
  for (const auto& [name, pcs] : postcodes_)
    trigrams_.emplace_back(PaddedTrigrams(name), &pcs);
  return Status::OK();
}

const std::set<std::string>* PlaceTable::FindSimilar(
    const std::string& folded, double min_similarity) const {
  const std::vector<std::string> query = PaddedTrigrams(folded);
  const std::set<std::string>* best = nullptr;
  double best_similarity = min_similarity;
  for (const auto& [trigrams, pcs] : trigrams_) {
    const double s = Similarity(query, trigrams);
    if (s >= best_similarity) {
      best_similarity = s;
      best = pcs;
    }
  }
  return best;
}

const std::set<std::string>* PlaceTable::Find(const std::string& folded) const {
  const auto it = postcodes_.find(folded);
  return it == postcodes_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, std::string>> PlaceTable::Rows() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, pcs] : postcodes_) {
    for (const std::string& pc : pcs) out.emplace_back(name, pc);
  }
  return out;
}

std::vector<std::string> PlaceTable::NisOf(
    const std::vector<std::string>& postcodes) const {
  std::set<std::string> nis;
  for (const std::string& pc : postcodes) {
    const auto it = nis_of_postcode_.find(pc);
    if (it != nis_of_postcode_.end())
      nis.insert(it->second.begin(), it->second.end());
  }
  return {nis.begin(), nis.end()};
}

namespace {

// The postcodes of the text, unless the place names disagree with them
// (then both, since either may be the slip).
std::vector<std::string> MergePlaces(std::set<std::string> postcodes,
                                     const std::set<std::string>& named) {
  if (postcodes.empty()) return {named.begin(), named.end()};
  bool agree = false;
  for (const std::string& pc : postcodes) agree = agree || named.count(pc) != 0;
  if (!agree) postcodes.insert(named.begin(), named.end());
  return {postcodes.begin(), postcodes.end()};
}

}  // namespace

AnalyzedQuery AnalyzeRequest(const SearchRequest& request,
                             const PlaceTable& places) {
  if (!request.query.empty()) return Analyze(request.query, places);
  AnalyzedQuery q;
  for (const std::string& w : Words(Fold(request.street))) {
    if (HouseNumberLike(w) || GluedBox(w)) continue;
    q.street += (q.street.empty() ? "" : " ") + w;
  }
  std::set<std::string> postcodes;
  const std::string pc = Fold(request.post_code);
  if (AllDigits(pc) && pc.size() == 4) {
    postcodes.insert(pc);
    q.postcode_in_text = true;
  }
  std::set<std::string> named;
  const std::string municipality = Fold(request.municipality);
  if (!municipality.empty()) {
    const std::set<std::string>* found = places.Find(municipality);
    if (found == nullptr && municipality.size() >= 4) {
      found = places.FindSimilar(municipality, 0.55);
    }
    if (found != nullptr) named = *found;
  }
  q.postcodes = MergePlaces(std::move(postcodes), named);
  q.nis = places.NisOf(q.postcodes);
  return q;
}

AnalyzedQuery Analyze(std::string_view text, const PlaceTable& places) {
  AnalyzedQuery q;
  std::vector<std::string> words = Words(Fold(text));
  std::vector<bool> used(words.size(), false);
  std::set<std::string> postcodes;
  // Numbers: postcodes, house numbers, boxes.
  for (size_t i = 0; i < words.size(); ++i) {
    if (AllDigits(words[i]) && words[i].size() == 4) {
      postcodes.insert(words[i]);
      q.postcode_in_text = true;
      used[i] = true;
    } else if (HouseNumberLike(words[i])) {
      used[i] = true;
      // "12 bis", "12 ter", "12 a"
      if (i + 1 < words.size() &&
          (words[i + 1] == "bis" || words[i + 1] == "ter" ||
           (words[i + 1].size() == 1 && !BoxWord(words[i + 1])))) {
        used[++i] = true;
      }
    } else if (BoxWord(words[i]) && i + 1 < words.size() &&
               HouseNumberLike(words[i + 1])) {
      used[i] = used[i + 1] = true;
    } else if (GluedBox(words[i])) {
      used[i] = true;  // "bus5"
    }
  }
  // One place name, at the end of the text or else at its start (where
  // addresses put it), longest first: exact, else misspelt (trigram
  // similarity >= 0.55, up to two words). Something must be left for the
  // street.
  std::set<std::string> place_postcodes;
  std::vector<size_t> free_words;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!used[i]) free_words.push_back(i);
  }
  auto try_spans = [&](size_t max_len, bool fuzzy) {
    for (size_t len = max_len; len >= 1; --len) {
      if (free_words.size() <= len) continue;
      for (const bool at_end : {true, false}) {
        const size_t first = at_end ? free_words.size() - len : 0;
        std::string name;
        for (size_t k = first; k < first + len; ++k) {
          name += (k > first ? " " : "") + words[free_words[k]];
        }
        const std::set<std::string>* pcs =
            fuzzy
                ? (name.size() >= 4 ? places.FindSimilar(name, 0.55) : nullptr)
                : places.Find(name);
        if (pcs == nullptr) continue;
        for (size_t k = first; k < first + len; ++k) used[free_words[k]] = true;
        place_postcodes = *pcs;
        return true;
      }
    }
    return false;
  };
  // A postcode already places the address: no guessing at misspelt names.
  if (!try_spans(4, false) && postcodes.empty()) try_spans(2, true);
  // A postcode in the text and a place name: the postcode, unless they
  // disagree (then both, since either may be the slip).
  q.postcodes = MergePlaces(std::move(postcodes), place_postcodes);
  q.nis = places.NisOf(q.postcodes);
  for (size_t i = 0; i < words.size(); ++i) {
    if (used[i]) continue;
    if (!q.street.empty()) q.street.push_back(' ');
    q.street += words[i];
  }
  return q;
}

}  // namespace beladdr::peers
