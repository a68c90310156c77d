// The shape generator's building blocks: picking streets, numbers and
// places, light noise, and writing a query as free text or as structured
// fields. The families (shape_families.cc) are written with these.
//
// Thread safety: not thread-safe.

#ifndef BELADDR_BENCH_QUALITY_SHAPE_WRITER_H_
#define BELADDR_BENCH_QUALITY_SHAPE_WRITER_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "query_set.h"
#include "street_corpus.h"
#include "text_noise.h"

namespace beladdr::quality {

// The place a query gives, as text and as the scope it means.
struct PlaceText {
  std::string postcode;  // "9000" or ""
  std::string name;      // "Gent" or ""
  Scope scope;
  std::string kind;  // postcode_only, municipality, postcode_municipality, ...
};

// A house number as written, and as it should be read back.
struct NumberText {
  std::string text;  // "12", "12A", "12 bus 3"
  std::string house;
  std::string box;
};

class ShapeWriter {
 public:
  ShapeWriter(StreetCorpus* corpus, Rng* rng) : corpus_(*corpus), rng_(*rng) {}

  StreetCorpus& corpus() { return corpus_; }
  Rng& rng() { return rng_; }
  const internal::IndexData& index() const { return corpus_.index(); }

  // A random street for which `accept` holds (tries a bounded number of
  // times); -1 when none was found.
  int64_t RandomStreet(const std::function<bool(uint32_t)>& accept);
  // A random element of a precomputed list of streets.
  uint32_t Pick(const std::vector<uint32_t>& streets) {
    return rng_.Pick(streets);
  }

  // Case and accents, as people type them.
  std::string Light(const std::string& text);
  // A number the data lists for the street (mostly), sometimes a box.
  NumberText Number(uint32_t street, bool with_box);
  // The street's place: postcode, municipality (either language), both, or
  // nothing (when `optional`).
  PlaceText Place(uint32_t street, Language lang, bool optional);

  // Writes the query: free text in one of the orders people use, or the
  // structured fields (street, houseNumber, postCode, municipality).
  void Write(const std::string& street, const NumberText& number,
             const PlaceText& place, Language lang, bool structured,
             LabelledQuery* q);

  // Fills kind, languages (the name's languages unless given), label.
  void Finish(uint32_t street, const std::string& name, const PlaceText& place,
              const std::string& other_name, const NumberText& number,
              LabelledQuery* q);
  // The common ending of a family: the street as `typed`, with a number
  // (six times in ten), written structured `structured_share` of the time,
  // then labelled as the street `name`.
  void WriteTyped(uint32_t street, const std::string& name,
                  const std::string& typed, const PlaceText& place,
                  Language lang, double structured_share, LabelledQuery* q);
  // Languages in which the street has exactly `name`.
  std::vector<std::string> NameLanguages(uint32_t street,
                                         const std::string& name) const;

  // Groups of two or more streets with the same key, built once.
  const std::vector<std::vector<uint32_t>>& Groups(
      const std::string& name, const std::function<std::string(uint32_t)>& key);
  // Lists of streets of one shape, built once (see List).
  const std::vector<uint32_t>& List(
      const std::string& name, const std::function<bool(uint32_t)>& member);

 private:
  StreetCorpus& corpus_;
  Rng& rng_;
  std::map<std::string, std::vector<uint32_t>> lists_;
  std::map<std::string, std::vector<std::vector<uint32_t>>> groups_;
};

// One family: fills *q and returns true, or returns false when the street
// it drew does not fit (the driver draws again).
using ShapeFamilyFn = bool (*)(ShapeWriter&, LabelledQuery*);
struct ShapeFamily {
  const char* name;
  ShapeFamilyFn make;
};
const std::vector<ShapeFamily>& AllShapeFamilies();

// The families that rewrite the name itself (shape_names.cc).
bool GivenNamesShape(ShapeWriter& w, LabelledQuery* q);
bool TypeSwapShape(ShapeWriter& w, LabelledQuery* q);
bool TranslationShape(ShapeWriter& w, LabelledQuery* q);

// Helpers shared by the family files.
// A random street and one of its languages (PickLanguage).
std::pair<uint32_t, Language> AnyStreet(ShapeWriter& w);
// One of the street's names, the municipality's language first.
Language PickLanguage(ShapeWriter& w, const internal::StreetEntry& s);
// The folded text of one word part.
std::string Fold(const std::u32string& word);
// The stem of a name: its NameKey without street-type words and suffixes
// and articles ("Rue de l'Église" -> "eglise", "Kerkstraat" -> "kerk").
std::string NameStem(const internal::IndexData& index, const std::string& name);
// True when no other street of the scope has a name with the same stem.
bool StemUniqueInScope(ShapeWriter& w, uint32_t target, const Scope& scope);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_SHAPE_WRITER_H_
