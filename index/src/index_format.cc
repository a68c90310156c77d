#include "beladdr/index/index_format.h"

#include <algorithm>
#include <cctype>

#include "beladdr/index/coding.h"

namespace beladdr::internal {
namespace {

// Reads fields in order; the first failure sticks and is reported once.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  void String(std::string* s) {
    std::string_view v;
    if (ok_ && GetLengthPrefixed(&in_, &v)) {
      s->assign(v);
    } else {
      ok_ = false;
    }
  }
  void Varint(uint32_t* v) {
    if (!(ok_ && GetVarint32(&in_, v))) ok_ = false;
  }
  void Byte(uint8_t* b) {
    if (!(ok_ && GetByte(&in_, b))) ok_ = false;
  }
  // A count followed by that many elements; guards against absurd counts.
  bool Count(uint32_t* n) {
    Varint(n);
    if (ok_ && *n > in_.size()) ok_ = false;  // each element >= 1 byte
    return ok_;
  }
  void Strings(std::vector<std::string>* list) {
    uint32_t n = 0;
    if (!Count(&n)) return;
    list->resize(n);
    for (std::string& s : *list) String(&s);
  }

  Status Finish(const char* what) const {
    if (ok_ && in_.empty()) return Status::OK();
    return Status::Corruption(std::string("malformed ") + what);
  }
  bool ok() const { return ok_; }

 private:
  std::string_view in_;
  bool ok_ = true;
};

void PutStrings(std::string* dst, const std::vector<std::string>& list) {
  PutVarint32(dst, static_cast<uint32_t>(list.size()));
  for (const std::string& s : list) PutLengthPrefixed(dst, s);
}

void PutNames(std::string* dst, const std::array<std::string, 3>& names) {
  for (const std::string& n : names) PutLengthPrefixed(dst, n);
}

void GetNames(Reader* r, std::array<std::string, 3>* names) {
  for (std::string& n : *names) r->String(&n);
}

}  // namespace

const char* CfName(Cf cf) {
  switch (cf) {
    case Cf::kDefault:
      return "default";
    case Cf::kStreets:
      return "streets";
    case Cf::kStreetCodes:
      return "street_codes";
    case Cf::kMunicipalities:
      return "municipalities";
    case Cf::kPostcodes:
      return "postcodes";
    case Cf::kHouseNumbers:
      return "house_numbers";
    case Cf::kStreetVariants:
      return "street_variants";
    case Cf::kPlaceVariants:
      return "place_variants";
    case Cf::kStreetTrigrams:
      return "street_trigrams";
    case Cf::kPlaceTrigrams:
      return "place_trigrams";
  }
  return "default";
}

std::string DictionaryMetaKey(Language lang, std::string_view kind) {
  std::string key = "dict/";
  key += LanguageCode(lang);
  key += '/';
  key += kind;
  return key;
}

std::string_view RegionCode(Region region) {
  switch (region) {
    case Region::kBrussels:
      return "BE-BRU";
    case Region::kFlanders:
      return "BE-VLG";
    case Region::kWallonia:
      return "BE-WAL";
    case Region::kUnknown:
      break;
  }
  return "";
}

Region ParseRegion(std::string_view code) {
  if (code == "BE-BRU") return Region::kBrussels;
  if (code == "BE-VLG") return Region::kFlanders;
  if (code == "BE-WAL") return Region::kWallonia;
  return Region::kUnknown;
}

std::string_view IdMatchName(IdMatch m) {
  switch (m) {
    case IdMatch::kOfficial:
      return "official";
    case IdMatch::kUnique:
      return "unique";
    case IdMatch::kAmbiguous:
      return "ambiguous";
    case IdMatch::kNone:
      break;
  }
  return "none";
}

void EncodeStreetRecord(const StreetRecord& r, std::string* dst) {
  PutLengthPrefixed(dst, r.code);
  PutNames(dst, r.names);
  PutLengthPrefixed(dst, r.postcode);
  PutStrings(dst, r.nis_codes);
  dst->push_back(static_cast<char>(r.region));
  PutLengthPrefixed(dst, r.official_id);
  PutLengthPrefixed(dst, r.official_id_source);
  PutLengthPrefixed(dst, r.official_id_version);
  dst->push_back(static_cast<char>(r.id_match));
  PutLengthPrefixed(dst, r.source_key);
  PutVarint32(dst, r.house_number_count);
}

Status DecodeStreetRecord(std::string_view in, StreetRecord* r) {
  Reader rd(in);
  rd.String(&r->code);
  GetNames(&rd, &r->names);
  rd.String(&r->postcode);
  rd.Strings(&r->nis_codes);
  uint8_t region = 0, id_match = 0;
  rd.Byte(&region);
  rd.String(&r->official_id);
  rd.String(&r->official_id_source);
  rd.String(&r->official_id_version);
  rd.Byte(&id_match);
  rd.String(&r->source_key);
  rd.Varint(&r->house_number_count);
  if (region > 3 || id_match > 3) return Status::Corruption("street record");
  r->region = static_cast<Region>(region);
  r->id_match = static_cast<IdMatch>(id_match);
  return rd.Finish("street record");
}

void EncodeMunicipalityRecord(const MunicipalityRecord& r, std::string* dst) {
  PutLengthPrefixed(dst, r.nis);
  PutNames(dst, r.names);
  dst->push_back(static_cast<char>(r.region));
  PutLengthPrefixed(dst, r.language_code);
  PutVarint32(dst, static_cast<uint32_t>(r.aliases.size()));
  for (const MunicipalityAlias& a : r.aliases) {
    PutLengthPrefixed(dst, a.name);
    dst->push_back(static_cast<char>(a.lang + 1));
    PutLengthPrefixed(dst, a.sources);
  }
  PutStrings(dst, r.postcodes);
}

Status DecodeMunicipalityRecord(std::string_view in, MunicipalityRecord* r) {
  Reader rd(in);
  rd.String(&r->nis);
  GetNames(&rd, &r->names);
  uint8_t region = 0;
  rd.Byte(&region);
  rd.String(&r->language_code);
  uint32_t n = 0;
  if (rd.Count(&n)) {
    r->aliases.resize(n);
    for (MunicipalityAlias& a : r->aliases) {
      uint8_t lang = 0;
      rd.String(&a.name);
      rd.Byte(&lang);
      rd.String(&a.sources);
      if (lang > 3) return Status::Corruption("municipality alias");
      a.lang = static_cast<int>(lang) - 1;
    }
  }
  rd.Strings(&r->postcodes);
  if (region > 3) return Status::Corruption("municipality record");
  r->region = static_cast<Region>(region);
  return rd.Finish("municipality record");
}

void EncodePostcodeRecord(const PostcodeRecord& r, std::string* dst) {
  PutLengthPrefixed(dst, r.postcode);
  dst->push_back(static_cast<char>(r.special ? 1 : 0));
  PutVarint32(dst, static_cast<uint32_t>(r.localities.size()));
  for (const Locality& l : r.localities) {
    PutLengthPrefixed(dst, l.name_nl);
    PutLengthPrefixed(dst, l.name_fr);
    PutLengthPrefixed(dst, l.nis);
    dst->push_back(static_cast<char>(l.deelgemeente));
  }
  PutStrings(dst, r.nis_codes);
}

Status DecodePostcodeRecord(std::string_view in, PostcodeRecord* r) {
  Reader rd(in);
  rd.String(&r->postcode);
  uint8_t special = 0;
  rd.Byte(&special);
  r->special = special != 0;
  uint32_t n = 0;
  if (rd.Count(&n)) {
    r->localities.resize(n);
    for (Locality& l : r->localities) {
      rd.String(&l.name_nl);
      rd.String(&l.name_fr);
      rd.String(&l.nis);
      rd.Byte(&l.deelgemeente);
    }
  }
  rd.Strings(&r->nis_codes);
  return rd.Finish("postcode record");
}

void EncodeHouseNumbersRecord(const HouseNumbersRecord& r, std::string* dst) {
  PutLengthPrefixed(dst, r.source);
  PutVarint32(dst, static_cast<uint32_t>(r.numbers.size()));
  for (const HouseNumber& h : r.numbers) {
    PutLengthPrefixed(dst, h.number);
    PutStrings(dst, h.boxes);
  }
}

Status DecodeHouseNumbersRecord(std::string_view in, HouseNumbersRecord* r) {
  Reader rd(in);
  rd.String(&r->source);
  uint32_t n = 0;
  if (rd.Count(&n)) {
    r->numbers.resize(n);
    for (HouseNumber& h : r->numbers) {
      rd.String(&h.number);
      rd.Strings(&h.boxes);
    }
  }
  return rd.Finish("house numbers record");
}

void EncodeStreetVariant(const StreetVariant& v, std::string* dst) {
  PutVarint32(dst, v.street_id);
  dst->push_back(static_cast<char>(v.langs));
  dst->push_back(static_cast<char>(v.flags));
  PutLengthPrefixed(dst, v.text);
}

Status DecodeStreetVariant(std::string_view in, StreetVariant* v) {
  Reader rd(in);
  rd.Varint(&v->street_id);
  rd.Byte(&v->langs);
  rd.Byte(&v->flags);
  rd.String(&v->text);
  return rd.Finish("street variant");
}

void EncodePlaceVariant(const PlaceVariant& v, std::string* dst) {
  dst->push_back(static_cast<char>(v.kind));
  PutVarint32(dst, v.nis);
  PutLengthPrefixed(dst, v.postcode);
  dst->push_back(static_cast<char>(v.langs));
  dst->push_back(static_cast<char>(v.flags));
  PutLengthPrefixed(dst, v.text);
}

Status DecodePlaceVariant(std::string_view in, PlaceVariant* v) {
  Reader rd(in);
  uint8_t kind = 0;
  rd.Byte(&kind);
  rd.Varint(&v->nis);
  rd.String(&v->postcode);
  rd.Byte(&v->langs);
  rd.Byte(&v->flags);
  rd.String(&v->text);
  if (kind != 1 && kind != 2) return Status::Corruption("place variant kind");
  v->kind = static_cast<PlaceKind>(kind);
  return rd.Finish("place variant");
}

std::string TrigramKey(Trigram t) {
  std::string key(3, '\0');
  key[0] = static_cast<char>((t >> 16) & 0xff);
  key[1] = static_cast<char>((t >> 8) & 0xff);
  key[2] = static_cast<char>(t & 0xff);
  return key;
}

bool ParseTrigramKey(std::string_view key, Trigram* t) {
  if (key.size() != 3) return false;
  *t = (Trigram{static_cast<uint8_t>(key[0])} << 16) |
       (Trigram{static_cast<uint8_t>(key[1])} << 8) |
       Trigram{static_cast<uint8_t>(key[2])};
  return true;
}

void ExtractTrigrams(std::string_view normalized, std::vector<Trigram>* out) {
  out->clear();
  size_t i = 0;
  while (i < normalized.size()) {
    while (i < normalized.size() && normalized[i] == ' ') ++i;
    const size_t start = i;
    while (i < normalized.size() && normalized[i] != ' ') ++i;
    if (i == start) break;
    // Window over "  token ": positions -2 .. len, each 3 wide.
    const auto len = static_cast<long>(i - start);
    auto at = [&](long p) -> uint8_t {
      if (p < 0 || p >= len) return ' ';
      return static_cast<uint8_t>(normalized[start + static_cast<size_t>(p)]);
    };
    for (long p = -2; p + 2 <= len; ++p) {
      out->push_back((Trigram{at(p)} << 16) | (Trigram{at(p + 1)} << 8) |
                     Trigram{at(p + 2)});
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

std::string HouseNumberKey(std::string_view text, bool box) {
  std::string key;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) key.push_back(static_cast<char>(std::toupper(c)));
  }
  if (box) {
    for (std::string_view kw : {"BOITE", "BTE", "BUS", "BOX", "BT", "B"}) {
      if (key.size() > kw.size() && key.compare(0, kw.size(), kw) == 0 &&
          std::isdigit(static_cast<unsigned char>(key[kw.size()]))) {
        key.erase(0, kw.size());
        break;
      }
    }
  }
  size_t zeros = 0;
  while (zeros + 1 < key.size() && key[zeros] == '0') ++zeros;
  return key.substr(zeros);
}

std::string HouseNumberLookupKey(std::string_view house_number) {
  const size_t dash = house_number.find('-');
  return HouseNumberKey(dash != std::string_view::npos && dash > 0
                            ? house_number.substr(0, dash)
                            : house_number,
                        false);
}

}  // namespace beladdr::internal
