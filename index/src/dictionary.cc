#include "beladdr/index/dictionary.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "beladdr/index/normalizer.h"

namespace beladdr::internal {
namespace {

// The last two bytes of `word` (at least two long) as one number.
size_t Ending(std::string_view word) {
  return static_cast<size_t>(static_cast<uint8_t>(word[word.size() - 2])) << 8 |
         static_cast<uint8_t>(word[word.size() - 1]);
}

constexpr size_t kMinStemLength = 3;

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsCompounding(Language lang) {
  return lang == Language::kNl || lang == Language::kDe;
}

}  // namespace

const std::vector<std::pair<DictionaryKind, std::string>>& Dictionary::Kinds() {
  static const auto* const kinds =
      new std::vector<std::pair<DictionaryKind, std::string>>{
          {DictionaryKind::kStreetTypes, "street_types"},
          {DictionaryKind::kTitles, "titles"},
          {DictionaryKind::kStopwords, "stopwords"},
          {DictionaryKind::kGivenNames, "given_names"},
          {DictionaryKind::kEquivalents, "equivalents"},
      };
  return *kinds;
}

StatusOr<std::vector<DictionaryFile>> Dictionary::ReadDirectory(
    const std::string& dir) {
  std::vector<DictionaryFile> files;
  for (Language lang : kAllLanguages) {
    for (const auto& [kind, stem] : Kinds()) {
      DictionaryFile file;
      file.lang = lang;
      file.kind = kind;
      file.name = std::string(LanguageCode(lang)) + "/" + stem + ".txt";
      const std::string path = dir + "/" + file.name;
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        return Status::IOError(path + ": cannot open dictionary file");
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      file.content = buffer.str();
      files.push_back(std::move(file));
    }
  }
  return files;
}

StatusOr<Dictionary> Dictionary::Build(const std::vector<DictionaryFile>& files,
                                       const Normalizer& normalizer) {
  Dictionary dict;
  for (const DictionaryFile& file : files) {
    BELADDR_RETURN_IF_ERROR(dict.AddFile(file, normalizer));
  }
  dict.BuildConcepts();
  return dict;
}

void Dictionary::BuildConcepts() {
  // Union-find over the words: every word of a line, in any file, is one
  // concept with the others of that line.
  std::unordered_map<std::string, size_t> index;
  std::vector<size_t> parent;
  auto id = [&](const std::string& w) {
    auto [it, added] = index.emplace(w, parent.size());
    if (added) parent.push_back(parent.size());
    return it->second;
  };
  auto root = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& line : equivalent_lines_) {
    const size_t first = root(id(line[0]));
    for (size_t k = 1; k < line.size(); ++k) parent[root(id(line[k]))] = first;
  }
  std::unordered_map<size_t, uint16_t> dense;
  std::vector<std::pair<std::string, size_t>> words(index.begin(), index.end());
  std::sort(words.begin(), words.end());  // stable ids, whatever the order
  for (const auto& [word, x] : words) {
    auto [it, added] = dense.emplace(root(x), 0);
    if (added) it->second = static_cast<uint16_t>(dense.size());
    concepts_[word] = it->second;
  }
  concept_count_ = dense.size();
  // Type concepts hold a street type; pure ones nothing else (rue, straat,
  // strasse -- not markt, whose concept holds the noun marche).
  type_concepts_.assign(concept_count_ + 1, false);
  pure_type_concepts_.assign(concept_count_ + 1, true);
  pure_type_concepts_[0] = false;
  for (const auto& [word, concept_id] : concepts_) {
    if (Facts(word).canonical_street_type) {
      type_concepts_[concept_id] = true;
    } else {
      pure_type_concepts_[concept_id] = false;
    }
  }
  equivalent_lines_.clear();
}

uint16_t Dictionary::Concept(std::string_view word) const {
  auto it = concepts_.find(word);
  return it == concepts_.end() ? 0 : it->second;
}

Status Dictionary::AddFile(const DictionaryFile& file,
                           const Normalizer& normalizer) {
  std::string_view rest = file.content;
  size_t line_no = 0;
  std::string folded;
  auto fail = [&](const std::string& reason) {
    return Status::InvalidArgument(file.name + ":" + std::to_string(line_no) +
                                   ": " + reason);
  };
  auto fold_phrase =
      [&](std::string_view phrase) -> StatusOr<std::vector<std::string>> {
    BELADDR_RETURN_IF_ERROR(
        normalizer.Fold(phrase, Normalizer::Form::kPlain, &folded));
    std::vector<std::string> tokens;
    for (Token& t : Normalizer::Tokenize(folded)) {
      tokens.push_back(std::move(t.text));
    }
    return tokens;
  };

  while (!rest.empty()) {
    ++line_no;
    const size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = Trim(line);
    if (line.empty()) continue;

    std::vector<std::vector<std::string>> phrases;
    while (true) {
      const size_t bar = line.find('|');
      std::string_view part = Trim(line.substr(0, bar));
      auto tokens = fold_phrase(part);
      if (!tokens.ok()) return fail(tokens.status().message());
      if (tokens->empty()) return fail("empty phrase");
      phrases.push_back(std::move(tokens).value());
      if (bar == std::string_view::npos) break;
      line.remove_prefix(bar + 1);
    }
    ++entry_count_;
    const LanguageMask mask = MaskOf(file.lang);

    if (file.kind == DictionaryKind::kEquivalents) {
      std::vector<std::string> line_words;
      for (const auto& phrase : phrases) {
        if (phrase.size() != 1) return fail("an equivalent is one word");
        line_words.push_back(phrase[0]);
      }
      equivalent_langs_[line_words[0]] |= mask;
      equivalent_lines_.push_back(std::move(line_words));
      continue;
    }
    if (file.kind == DictionaryKind::kStopwords) {
      if (phrases.size() != 1 || phrases[0].size() != 1) {
        return fail("a stopword line holds exactly one word");
      }
      words_[phrases[0][0]].stopword |= mask;
      continue;
    }

    const std::vector<std::string>& canonical = phrases[0];
    if (file.kind == DictionaryKind::kTitles) {
      for (const auto& phrase : phrases) {
        for (const std::string& word : phrase) words_[word].title |= mask;
      }
    }
    if (file.kind == DictionaryKind::kGivenNames) {
      for (const auto& phrase : phrases) {
        for (const std::string& word : phrase) words_[word].given_name |= mask;
      }
      if (canonical.size() == 1) given_names_[canonical[0]] |= mask;
    }
    if (file.kind == DictionaryKind::kStreetTypes) {
      if (canonical.size() == 1) {
        words_[canonical[0]].canonical_street_type |= mask;
        words_[canonical[0]].street_type |= mask;
      }
    }
    for (size_t p = 1; p < phrases.size(); ++p) {
      const std::vector<std::string>& variant = phrases[p];
      if (variant == canonical) continue;
      AddExpansion(JoinWords(variant), canonical, file.lang, file.kind);
      abbreviations_[std::string(LanguageCode(file.lang)) + "|" +
                     JoinWords(canonical)]
          .push_back(JoinWords(variant));
      max_phrase_tokens_ = std::max(max_phrase_tokens_, variant.size());
      if (!variant.empty()) {
        uint8_t& longest = words_[variant[0]].phrase_tokens;
        longest = static_cast<uint8_t>(
            std::max<size_t>(longest, std::min<size_t>(variant.size(), 255)));
      }
      if (file.kind == DictionaryKind::kStreetTypes && variant.size() == 1) {
        words_[variant[0]].street_type |= mask;
      }
    }
    // Street-type words end Dutch and German compounds: "kerkstraat",
    // "kerkstr", "bergstraße".
    if (file.kind == DictionaryKind::kStreetTypes && IsCompounding(file.lang) &&
        canonical.size() == 1) {
      for (size_t p = 0; p < phrases.size(); ++p) {
        if (phrases[p].size() != 1 || phrases[p][0].size() < 2) continue;
        const std::string& suffix = phrases[p][0];
        std::vector<Suffix>& list = suffixes_[suffix];
        auto it = std::find_if(list.begin(), list.end(), [&](const Suffix& s) {
          return s.canonical == canonical[0] && s.abbreviated == (p != 0);
        });
        if (it == list.end()) {
          list.push_back({canonical[0], mask, p != 0});
        } else {
          it->langs |= mask;
        }
        max_suffix_length_ = std::max(max_suffix_length_, suffix.size());
        suffix_endings_.set(Ending(suffix));
      }
    }
  }
  return Status::OK();
}

void Dictionary::AddExpansion(const std::string& variant,
                              std::vector<std::string> canon, Language lang,
                              DictionaryKind kind) {
  std::vector<Expansion>& list = variants_[variant];
  for (Expansion& e : list) {
    if (e.canonical == canon && e.kind == kind) {
      e.langs |= MaskOf(lang);
      return;
    }
  }
  list.push_back({std::move(canon), MaskOf(lang), kind});
}

std::vector<std::vector<std::string>> Dictionary::ExpandName(
    Language lang, const std::vector<std::string>& tokens,
    size_t max_variants) const {
  std::vector<std::vector<std::string>> partial(1);
  const LanguageMask mask = MaskOf(lang);
  size_t i = 0;
  std::string key;
  while (i < tokens.size()) {
    const std::vector<Expansion>* found = nullptr;
    size_t found_len = 0;
    for (size_t len = std::min(max_phrase_tokens_, tokens.size() - i);
         len >= 1 && found == nullptr; --len) {
      if (len == 1 && tokens[i].size() == 1) break;  // an initial
      key.clear();
      for (size_t k = 0; k < len; ++k) {
        if (k > 0) key.push_back(' ');
        key += tokens[i + k];
      }
      auto it = variants_.find(key);
      if (it == variants_.end()) continue;
      for (const Expansion& e : it->second) {
        if ((e.langs & mask) && e.kind != DictionaryKind::kGivenNames) {
          found = &it->second;
          found_len = len;
          break;
        }
      }
    }
    if (found == nullptr) {
      for (auto& p : partial) p.push_back(tokens[i]);
      ++i;
      continue;
    }
    std::vector<std::vector<std::string>> next;
    for (const auto& p : partial) {
      for (const Expansion& e : *found) {
        if (!(e.langs & mask) || e.kind == DictionaryKind::kGivenNames) {
          continue;
        }
        if (next.size() > max_variants) break;
        std::vector<std::string> extended = p;
        extended.insert(extended.end(), e.canonical.begin(), e.canonical.end());
        next.push_back(std::move(extended));
      }
    }
    partial = std::move(next);
    i += found_len;
  }
  std::vector<std::vector<std::string>> out;
  for (auto& p : partial) {
    if (p == tokens) continue;
    if (std::find(out.begin(), out.end(), p) != out.end()) continue;
    if (out.size() >= max_variants) break;
    out.push_back(std::move(p));
  }
  return out;
}

void Dictionary::MatchesAt(std::span<const std::string_view> tokens, size_t i,
                           std::vector<PhraseMatch>* out) const {
  if (i >= tokens.size()) return;
  const size_t longest = Facts(tokens[i]).phrase_tokens;
  std::string key;
  for (size_t len = std::min(longest, tokens.size() - i); len >= 1; --len) {
    key.clear();
    for (size_t k = 0; k < len; ++k) {
      if (k > 0) key.push_back(' ');
      key.append(tokens[i + k]);
    }
    auto it = variants_.find(key);
    if (it == variants_.end()) continue;
    for (const Expansion& e : it->second) {
      out->push_back({len, &e.canonical, e.langs, e.kind});
    }
  }
}

void Dictionary::CompoundSuffixes(std::string_view token,
                                  std::vector<SuffixMatch>* out) const {
  if (token.size() < 2 || !suffix_endings_.test(Ending(token))) return;
  const size_t max_len = std::min(max_suffix_length_, token.size());
  for (size_t len = max_len; len >= 2; --len) {
    if (token.size() < len + kMinStemLength) continue;
    auto it = suffixes_.find(token.substr(token.size() - len));
    if (it == suffixes_.end()) continue;
    for (const Suffix& s : it->second) {
      out->push_back({token.size() - len, s.canonical, s.langs, s.abbreviated});
    }
  }
}

std::vector<std::string> Dictionary::AbbreviationsOf(
    Language lang, std::string_view canonical) const {
  auto it = abbreviations_.find(std::string(LanguageCode(lang)) + "|" +
                                std::string(canonical));
  return it == abbreviations_.end() ? std::vector<std::string>{} : it->second;
}

Dictionary::WordFacts Dictionary::Facts(std::string_view token) const {
  auto it = words_.find(token);
  return it == words_.end() ? WordFacts{} : it->second;
}

LanguageMask Dictionary::StopwordLanguages(std::string_view token) const {
  return Facts(token).stopword;
}

LanguageMask Dictionary::StreetTypeLanguages(std::string_view token) const {
  return Facts(token).street_type;
}

LanguageMask Dictionary::TitleLanguages(std::string_view token) const {
  return Facts(token).title;
}

LanguageMask Dictionary::CanonicalGivenNameLanguages(
    std::string_view token) const {
  auto it = given_names_.find(token);
  return it == given_names_.end() ? 0 : it->second;
}

LanguageMask Dictionary::CanonicalStreetTypeLanguages(
    std::string_view token) const {
  return Facts(token).canonical_street_type;
}

}  // namespace beladdr::internal
