#include "index_builder.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "beladdr/index/coding.h"
#include "beladdr/index/name_variants.h"
#include "beladdr/index/normalizer.h"
#include "beladdr/index/rocksdb_store.h"

namespace beladdr::importer {
namespace {

using internal::Cf;
using internal::KeyValues;
using internal::PlaceKind;
using internal::PlaceVariant;
using internal::StreetVariant;
using internal::Trigram;

using Postings = std::unordered_map<Trigram, std::vector<uint32_t>>;

void AddPostings(const std::string& text, uint32_t id, Postings* postings,
                 std::vector<Trigram>* scratch) {
  internal::ExtractTrigrams(text, scratch);
  for (Trigram t : *scratch) (*postings)[t].push_back(id);
}

KeyValues EncodePostings(const Postings& postings, size_t* entries) {
  KeyValues kvs;
  kvs.reserve(postings.size());
  for (const auto& [trigram, ids] : postings) {
    std::string value;
    internal::EncodePostingList(ids, &value);
    *entries += ids.size();
    kvs.emplace_back(internal::TrigramKey(trigram), std::move(value));
  }
  return kvs;
}

// Street variants: every name of every street, merged per (street, text).
Status BuildStreetVariants(const std::vector<StreetRow>& streets,
                           const internal::Dictionary& dict,
                           std::vector<StreetVariant>* out) {
  const internal::Normalizer& normalizer = internal::Normalizer::Default();
  for (size_t id = 0; id < streets.size(); ++id) {
    std::map<std::string, StreetVariant> by_text;
    for (Language lang : kAllLanguages) {
      const std::string& name =
          streets[id].record.names[static_cast<size_t>(lang)];
      if (name.empty()) continue;
      BELADDR_ASSIGN_OR_RETURN(
          std::vector<internal::NameVariant> variants,
          internal::NameVariants(name, lang, normalizer, dict));
      for (internal::NameVariant& v : variants) {
        StreetVariant& sv = by_text[v.text];
        sv.street_id = static_cast<uint32_t>(id);
        sv.langs |= MaskOf(lang);
        // Official if any language's plain spelling produced this text.
        if (v.flags == 0) sv.flags |= internal::kVariantOfficial;
        sv.flags |= v.flags;
        sv.text = v.text;
      }
    }
    for (auto& [text, sv] : by_text) out->push_back(std::move(sv));
  }
  return Status::OK();
}

// Place variants: municipality names and aliases, bpost localities.
Status BuildPlaceVariants(const ReferenceData& ref,
                          const internal::Dictionary& dict,
                          std::vector<PlaceVariant>* out) {
  const internal::Normalizer& normalizer = internal::Normalizer::Default();
  // (kind, nis, postcode, text) -> variant
  std::map<std::tuple<int, uint32_t, std::string, std::string>, PlaceVariant>
      merged;
  auto add = [&](PlaceKind kind, const std::string& nis,
                 const std::string& postcode, const std::string& name, int lang,
                 uint8_t flags) -> Status {
    if (name.empty()) return Status::OK();
    const Language variant_lang =
        lang < 0 ? Language::kNl : static_cast<Language>(lang);
    BELADDR_ASSIGN_OR_RETURN(
        std::vector<internal::NameVariant> variants,
        internal::NameVariants(name, variant_lang, normalizer, dict));
    const auto nis_number = static_cast<uint32_t>(std::stoul(nis));
    for (internal::NameVariant& v : variants) {
      PlaceVariant& pv =
          merged[{static_cast<int>(kind), nis_number, postcode, v.text}];
      pv.kind = kind;
      pv.nis = nis_number;
      pv.postcode = postcode;
      pv.text = v.text;
      if (lang >= 0) pv.langs |= MaskOf(static_cast<Language>(lang));
      pv.flags |= static_cast<uint8_t>(flags | v.flags);
    }
    return Status::OK();
  };
  for (const auto& [nis, m] : ref.municipalities) {
    for (Language lang : kAllLanguages) {
      BELADDR_RETURN_IF_ERROR(add(
          PlaceKind::kMunicipality, nis, "", m.names[static_cast<size_t>(lang)],
          static_cast<int>(lang), internal::kVariantOfficial));
    }
    for (const internal::MunicipalityAlias& a : m.aliases) {
      uint8_t flags = internal::kVariantAlias;
      if (a.sources.find("former_municipality_merged") != std::string::npos) {
        flags |= internal::kVariantPredecessor;
      }
      BELADDR_RETURN_IF_ERROR(
          add(PlaceKind::kMunicipality, nis, "", a.name, a.lang, flags));
    }
  }
  for (const auto& [postcode, p] : ref.postcodes) {
    for (const internal::Locality& l : p.localities) {
      if (l.nis.empty()) continue;  // institutional codes name no place
      BELADDR_RETURN_IF_ERROR(add(PlaceKind::kLocality, l.nis, postcode,
                                  l.name_nl, static_cast<int>(Language::kNl),
                                  internal::kVariantOfficial));
      BELADDR_RETURN_IF_ERROR(add(PlaceKind::kLocality, l.nis, postcode,
                                  l.name_fr, static_cast<int>(Language::kFr),
                                  internal::kVariantOfficial));
    }
  }
  for (auto& [key, pv] : merged) out->push_back(std::move(pv));
  return Status::OK();
}

}  // namespace

Status BuildIndex(const std::string& dir, const BuildInput& input,
                  BuildStats* stats,
                  const std::function<void(const std::string&)>& on_stage) {
  const ReferenceData& ref = *input.ref;
  std::vector<StreetRow>& streets = *input.streets;
  BELADDR_ASSIGN_OR_RETURN(
      internal::Dictionary dict,
      internal::Dictionary::Build(*input.dictionary_files,
                                  internal::Normalizer::Default()));

  on_stage("variants");
  std::vector<StreetVariant> street_variants;
  BELADDR_RETURN_IF_ERROR(BuildStreetVariants(streets, dict, &street_variants));
  std::vector<PlaceVariant> place_variants;
  BELADDR_RETURN_IF_ERROR(BuildPlaceVariants(ref, dict, &place_variants));

  on_stage("trigrams");
  Postings street_postings, place_postings;
  std::vector<Trigram> scratch;
  for (size_t i = 0; i < street_variants.size(); ++i) {
    AddPostings(street_variants[i].text, static_cast<uint32_t>(i),
                &street_postings, &scratch);
  }
  for (size_t i = 0; i < place_variants.size(); ++i) {
    AddPostings(place_variants[i].text, static_cast<uint32_t>(i),
                &place_postings, &scratch);
  }

  on_stage("write");
  BELADDR_ASSIGN_OR_RETURN(std::unique_ptr<internal::IndexWriter> writer,
                           internal::IndexWriter::Create(dir));

  // Streets, their codes and house numbers.
  {
    KeyValues records, codes, numbers;
    records.reserve(streets.size());
    codes.reserve(streets.size());
    for (size_t id = 0; id < streets.size(); ++id) {
      internal::StreetRecord& r = streets[id].record;
      const std::string key = internal::EncodeIdKey(static_cast<uint32_t>(id));
      auto hn = input.house_numbers->find(id);
      r.house_number_count = 0;
      if (hn != input.house_numbers->end()) {
        r.house_number_count = static_cast<uint32_t>(hn->second.numbers.size());
        stats->house_numbers += hn->second.numbers.size();
        ++stats->streets_with_house_numbers;
        std::string value;
        internal::EncodeHouseNumbersRecord(hn->second, &value);
        numbers.emplace_back(key, std::move(value));
      }
      std::string value;
      internal::EncodeStreetRecord(r, &value);
      records.emplace_back(key, std::move(value));
      codes.emplace_back(r.code, key);
    }
    stats->streets = streets.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kStreets, &records));
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kStreetCodes, &codes));
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kHouseNumbers, &numbers));
  }
  {
    KeyValues kvs;
    for (const auto& [nis, m] : ref.municipalities) {
      std::string value;
      internal::EncodeMunicipalityRecord(m, &value);
      kvs.emplace_back(nis, std::move(value));
    }
    stats->municipalities = kvs.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kMunicipalities, &kvs));
  }
  {
    KeyValues kvs;
    for (const auto& [postcode, p] : ref.postcodes) {
      std::string value;
      internal::EncodePostcodeRecord(p, &value);
      kvs.emplace_back(postcode, std::move(value));
    }
    stats->postcodes = kvs.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kPostcodes, &kvs));
  }
  {
    KeyValues kvs;
    kvs.reserve(street_variants.size());
    for (size_t i = 0; i < street_variants.size(); ++i) {
      std::string value;
      internal::EncodeStreetVariant(street_variants[i], &value);
      kvs.emplace_back(internal::EncodeIdKey(static_cast<uint32_t>(i)),
                       std::move(value));
    }
    stats->street_variants = kvs.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kStreetVariants, &kvs));
  }
  {
    KeyValues kvs;
    for (size_t i = 0; i < place_variants.size(); ++i) {
      std::string value;
      internal::EncodePlaceVariant(place_variants[i], &value);
      kvs.emplace_back(internal::EncodeIdKey(static_cast<uint32_t>(i)),
                       std::move(value));
    }
    stats->place_variants = kvs.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kPlaceVariants, &kvs));
  }
  {
    KeyValues street_kvs = EncodePostings(street_postings, &stats->postings);
    KeyValues place_kvs = EncodePostings(place_postings, &stats->postings);
    stats->trigrams = street_kvs.size() + place_kvs.size();
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kStreetTrigrams, &street_kvs));
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kPlaceTrigrams, &place_kvs));
  }
  {
    KeyValues meta;
    meta.emplace_back(internal::kMetaFormatVersion,
                      std::to_string(internal::kFormatVersion));
    meta.emplace_back(internal::kMetaBuiltAt, input.built_at);
    meta.emplace_back(internal::kMetaIndexId, input.index_id);
    meta.emplace_back(internal::kMetaDataVintage, input.data_vintage);
    meta.emplace_back(internal::kMetaSources, input.sources);
    meta.emplace_back(internal::kMetaStreetCount,
                      std::to_string(stats->streets));
    meta.emplace_back(internal::kMetaMunicipalityCount,
                      std::to_string(stats->municipalities));
    meta.emplace_back(internal::kMetaPostcodeCount,
                      std::to_string(stats->postcodes));
    meta.emplace_back(internal::kMetaStreetVariantCount,
                      std::to_string(stats->street_variants));
    meta.emplace_back(internal::kMetaPlaceVariantCount,
                      std::to_string(stats->place_variants));
    meta.emplace_back(internal::kMetaHouseNumberCount,
                      std::to_string(stats->house_numbers));
    for (const internal::DictionaryFile& f : *input.dictionary_files) {
      std::string kind;
      for (const auto& [k, stem] : internal::Dictionary::Kinds()) {
        if (k == f.kind) kind = stem;
      }
      meta.emplace_back(internal::DictionaryMetaKey(f.lang, kind), f.content);
    }
    BELADDR_RETURN_IF_ERROR(writer->Write(Cf::kDefault, &meta));
  }
  on_stage("finish");
  return writer->Finish();
}

}  // namespace beladdr::importer
