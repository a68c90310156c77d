// The on-disk layout of a beladdr index: the one place that defines it.
//
// An index is a RocksDB database (written once by beladdr-import with
// SstFileWriter + IngestExternalFile, then only opened read-only) with these
// column families. Integers in keys are 4-byte big-endian so that keys sort
// numerically; "lp" below means a varint length followed by that many bytes;
// all text is UTF-8.
//
//  column family    key                        value
//  ---------------  -------------------------  ------------------------------
//  default          meta key (see kMeta*)      text (decimal numbers as text)
//  streets          fixed32 street id          StreetRecord
//  street_codes     StreetCode (text)          fixed32 street id
//  municipalities   NIS code, 5 ASCII digits   MunicipalityRecord
//  postcodes        postcode, 4 ASCII digits   PostcodeRecord
//  house_numbers    fixed32 street id          HouseNumbersRecord
//  street_variants  fixed32 variant id         StreetVariant
//  place_variants   fixed32 variant id         PlaceVariant
//  street_trigrams  trigram, 3 bytes           posting list of street
//                                              variant ids
//  place_trigrams   trigram, 3 bytes           posting list of place
//                                              variant ids
//
// Street ids are dense (0..n-1) in StreetCode order; variant ids are dense
// in (street id, text) order, so a posting list is sorted by street too.
//
// Posting list: varint count, varint first id, then varint gaps (> 0).
//
// Trigrams: each token of a normalized name ([a-z0-9]+, space separated) is
// padded as "  token " (two spaces before, one after, as pg_trgm does) and
// cut into overlapping 3-byte windows; a name's trigram set is the union
// over its tokens. Padding makes word starts and ends count.
//
// Record encodings (fields in this order):
//  StreetRecord:       lp code, lp name_nl, lp name_fr, lp name_de,
//                      lp postcode, varint n + n x lp nis, byte region,
//                      lp official_id, lp official_id_source,
//                      lp official_id_version, byte id_match, lp source_key,
//                      varint house_number_count
//  MunicipalityRecord: lp nis, lp name_nl, lp name_fr, lp name_de,
//                      byte region, lp language_code (N, F, D, FN),
//                      varint n + n x (lp name, byte lang+1 or 0, lp
//                      sources), varint n + n x lp postcode
//  PostcodeRecord:     lp postcode, byte special, varint n + n x
//                      (lp name_nl, lp name_fr, lp nis, byte deelgemeente:
//                      0 no, 1 yes, 2 unknown), varint n + n x lp nis
//  HouseNumbersRecord: lp source, varint n + n x (lp number, varint m +
//                      m x lp box)
//  StreetVariant:      varint street id, byte language mask, byte flags
//                      (kVariant*), lp text
//  PlaceVariant:       byte kind (PlaceKind), varint nis as integer,
//                      lp postcode (empty for a municipality name),
//                      byte language mask, byte flags (kVariant*), lp text
//
// StreetCode: "<namespace>:<id>@<postcode>", unique per street record:
//   urbis:<id>  the Brussels UrbIS street id, as BeSt publishes it
//   crab:<id>   the Flemish CRAB / Adressenregister street-name id
//   icar:<id>   the Walloon ICAR street id (BeSt's id for Wallonia)
//   gen:<hex>   derived when the data gives no (unambiguous) official id:
//               the first 48 bits of FNV-1a-64 over "region|postcode|nis|
//               name_nl|name_fr|name_de", so the same data always yields the
//               same code, whatever the row order.
// The postcode is part of the code because one official street can span
// several postcodes, and a BeSt "postal street" is a (street, postcode) pair.
//
// Compatibility: kFormatVersion changes whenever any of the above does; a
// reader refuses any other version and asks for a re-import.
//
// Thread safety: pure data types and functions.

#ifndef BELADDR_INDEX_INDEX_FORMAT_H_
#define BELADDR_INDEX_INDEX_FORMAT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "beladdr/language.h"
#include "beladdr/status.h"

namespace beladdr::internal {

// 2: the dictionaries include given_names (dict/<lang>/given_names).
// 3: names with a tag in brackets also have an untagged variant;
//    dict/<lang>/equivalents.
// 4: every postcode a street uses is in the postcodes column family, also
//    when the postal tables no longer list it (1010).
inline constexpr uint32_t kFormatVersion = 4;

// Column families, in the order the writer creates them.
enum class Cf : uint8_t {
  kDefault = 0,
  kStreets,
  kStreetCodes,
  kMunicipalities,
  kPostcodes,
  kHouseNumbers,
  kStreetVariants,
  kPlaceVariants,
  kStreetTrigrams,
  kPlaceTrigrams,
};
inline constexpr size_t kCfCount = 10;
// RocksDB's name of each column family ("default", "streets", ...).
const char* CfName(Cf cf);

// Written last into every index directory by the importer: it says the
// directory is a whole beladdr index (what may be replaced by a new import),
// and, for a person looking, when it was built. The format version is only
// in the meta key below.
inline constexpr char kMarkerFile[] = "BELADDR_INDEX";

// Meta keys in the default column family.
inline constexpr char kMetaFormatVersion[] = "format_version";
inline constexpr char kMetaBuiltAt[] = "built_at";  // ISO 8601 UTC
// A random 128-bit id (32 hex digits) drawn by each import: which build of
// the index a server serves (ConsumerPing). Older indexes have none.
inline constexpr char kMetaIndexId[] = "index_id";
inline constexpr char kMetaDataVintage[] = "data_vintage";  // free text
inline constexpr char kMetaSources[] = "sources";  // one input file a line
inline constexpr char kMetaStreetCount[] = "count/streets";
inline constexpr char kMetaMunicipalityCount[] = "count/municipalities";
inline constexpr char kMetaPostcodeCount[] = "count/postcodes";
inline constexpr char kMetaStreetVariantCount[] = "count/street_variants";
inline constexpr char kMetaPlaceVariantCount[] = "count/place_variants";
inline constexpr char kMetaHouseNumberCount[] = "count/house_numbers";
// "dict/<lang>/<kind>" -> the text of that dictionary file.
std::string DictionaryMetaKey(Language lang, std::string_view kind);

enum class Region : uint8_t {
  kUnknown = 0,
  kBrussels = 1,
  kFlanders = 2,
  kWallonia = 3,
};
// "BE-BRU", "BE-VLG", "BE-WAL" (empty for kUnknown).
std::string_view RegionCode(Region region);
// Parses the codes above; kUnknown for anything else.
Region ParseRegion(std::string_view code);

// How the official id of a street row was established.
enum class IdMatch : uint8_t {
  kNone = 0,       // no id
  kOfficial = 1,   // given by the official file itself
  kUnique = 2,     // exactly one register street matched by name
  kAmbiguous = 3,  // several register streets matched; no id kept
};
std::string_view IdMatchName(IdMatch m);

struct StreetRecord {
  std::string code;                    // StreetCode
  std::array<std::string, 3> names;    // by Language; empty when absent
  std::string postcode;                // 4 digits
  std::vector<std::string> nis_codes;  // >= 1; the first is the primary one
  Region region = Region::kUnknown;
  std::string official_id;         // empty when unknown
  std::string official_id_source;  // e.g. "best_brussels_2022"
  std::string official_id_version;
  IdMatch id_match = IdMatch::kNone;
  std::string source_key;  // the row's key in its source file
  uint32_t house_number_count = 0;
};

struct MunicipalityAlias {
  std::string name;
  int lang = -1;        // Language as int, or -1 when unknown
  std::string sources;  // ';'-separated provenance tags
};

struct MunicipalityRecord {
  std::string nis;
  std::array<std::string, 3> names;
  Region region = Region::kUnknown;
  std::string language_code;  // Statbel: N, F, D or FN
  std::vector<MunicipalityAlias> aliases;
  std::vector<std::string> postcodes;
};

struct Locality {
  std::string name_nl;
  std::string name_fr;
  std::string nis;
  uint8_t deelgemeente = 2;  // 0 no, 1 yes, 2 unknown
};

struct PostcodeRecord {
  std::string postcode;
  bool special = false;  // institutional code (1005, 0612, ...)
  std::vector<Locality> localities;
  std::vector<std::string> nis_codes;
};

struct HouseNumber {
  std::string number;
  std::vector<std::string> boxes;
};

// House and box numbers compared as the data writes them: upper case,
// letters and digits only, leading zeros dropped ("0003" = "3"), and for a
// box a keyword glued to it ("Bte3", "bus 3") dropped.
std::string HouseNumberKey(std::string_view text, bool box);
// The key a query's house number is looked up by: a range ("10-12") by its
// first number.
std::string HouseNumberLookupKey(std::string_view house_number);

struct HouseNumbersRecord {
  std::string source;  // e.g. "icar_2020", "crab_2013"
  std::vector<HouseNumber> numbers;
};

// Variant flags.
inline constexpr uint8_t kVariantOfficial = 1;      // an official name
inline constexpr uint8_t kVariantExpanded = 2;      // abbreviations expanded
inline constexpr uint8_t kVariantGermanForm = 4;    // ü written as ue
inline constexpr uint8_t kVariantAlias = 8;         // older or other name
inline constexpr uint8_t kVariantPredecessor = 16;  // merged away in 2025
inline constexpr uint8_t kVariantUntagged = 32;     // without its "(tag)"

struct StreetVariant {
  uint32_t street_id = 0;
  LanguageMask langs = 0;
  uint8_t flags = 0;
  std::string text;  // normalized: [a-z0-9]+ tokens joined by ' '
};

enum class PlaceKind : uint8_t {
  kMunicipality = 1,  // a municipality name or alias; postcode empty
  kLocality = 2,      // a bpost locality / deelgemeente of one postcode
};

struct PlaceVariant {
  PlaceKind kind = PlaceKind::kMunicipality;
  uint32_t nis = 0;      // NIS code as an integer
  std::string postcode;  // localities only
  LanguageMask langs = 0;
  uint8_t flags = 0;
  std::string text;
};

void EncodeStreetRecord(const StreetRecord& r, std::string* dst);
Status DecodeStreetRecord(std::string_view in, StreetRecord* r);
void EncodeMunicipalityRecord(const MunicipalityRecord& r, std::string* dst);
Status DecodeMunicipalityRecord(std::string_view in, MunicipalityRecord* r);
void EncodePostcodeRecord(const PostcodeRecord& r, std::string* dst);
Status DecodePostcodeRecord(std::string_view in, PostcodeRecord* r);
void EncodeHouseNumbersRecord(const HouseNumbersRecord& r, std::string* dst);
Status DecodeHouseNumbersRecord(std::string_view in, HouseNumbersRecord* r);
void EncodeStreetVariant(const StreetVariant& v, std::string* dst);
Status DecodeStreetVariant(std::string_view in, StreetVariant* v);
void EncodePlaceVariant(const PlaceVariant& v, std::string* dst);
Status DecodePlaceVariant(std::string_view in, PlaceVariant* v);

// A trigram packed into the low 24 bits (first byte highest).
using Trigram = uint32_t;
// The 3-byte key of a trigram, and back.
std::string TrigramKey(Trigram t);
bool ParseTrigramKey(std::string_view key, Trigram* t);

// The distinct padded trigrams of normalized text, sorted ascending.
void ExtractTrigrams(std::string_view normalized, std::vector<Trigram>* out);

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_INDEX_FORMAT_H_
