#include "shape_generator.h"

#include <algorithm>
#include <iostream>

#include "shape_writer.h"

namespace beladdr::quality {

using internal::StreetEntry;

int64_t ShapeWriter::RandomStreet(const std::function<bool(uint32_t)>& accept) {
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const auto id =
        static_cast<uint32_t>(rng_.Uniform(index().streets().size()));
    if (accept(id)) return id;
  }
  return -1;
}

const std::vector<uint32_t>& ShapeWriter::List(
    const std::string& name, const std::function<bool(uint32_t)>& member) {
  auto it = lists_.find(name);
  if (it != lists_.end()) return it->second;
  std::vector<uint32_t>& list = lists_[name];
  for (uint32_t id = 0; id < index().streets().size(); ++id) {
    if (member(id)) list.push_back(id);
  }
  return list;
}

const std::vector<std::vector<uint32_t>>& ShapeWriter::Groups(
    const std::string& name, const std::function<std::string(uint32_t)>& key) {
  auto it = groups_.find(name);
  if (it != groups_.end()) return it->second;
  std::map<std::string, std::vector<uint32_t>> by_key;
  for (uint32_t id = 0; id < index().streets().size(); ++id) {
    by_key[key(id)].push_back(id);
  }
  std::vector<std::vector<uint32_t>>& groups = groups_[name];
  for (auto& [k, streets] : by_key) {
    if (streets.size() > 1) groups.push_back(std::move(streets));
  }
  return groups;
}

std::string ShapeWriter::Light(const std::string& text) {
  std::string out = text;
  if (rng_.Chance(0.4)) out = StripAccents(out);
  const double c = static_cast<double>(rng_.Uniform(100)) / 100.0;
  if (c < 0.4) {
    out = Lower(out);
  } else if (c < 0.5) {
    out = Upper(out);
  }
  return out;
}

NumberText ShapeWriter::Number(uint32_t street, bool with_box) {
  NumberText n;
  const std::vector<std::string>& known = corpus_.HouseNumbers(street);
  std::vector<std::string> plain;
  for (const std::string& h : known) {
    // Digits, perhaps one letter: what the engine reads back unchanged.
    size_t digits = 0;
    while (digits < h.size() && h[digits] >= '0' && h[digits] <= '9') ++digits;
    if (digits > 0 && digits <= 4 && h.size() - digits <= 1) plain.push_back(h);
  }
  n.house = !plain.empty() && rng_.Chance(0.9)
                ? Upper(rng_.Pick(plain))
                : std::to_string(1 + rng_.Uniform(150));
  n.text = rng_.Chance(0.3) ? Lower(n.house) : n.house;
  if (with_box && rng_.Chance(0.15)) {
    n.box = std::to_string(1 + rng_.Uniform(9));
    static const std::vector<std::string> kForms = {" bus ", " bte ", " boîte ",
                                                    " box ", "/"};
    n.text += rng_.Pick(kForms) + n.box;
  }
  return n;
}

PlaceText ShapeWriter::Place(uint32_t street, Language lang, bool optional) {
  const StreetEntry& s = index().streets()[street];
  PlaceText p;
  const std::string pc = internal::FormatPostcode(s.postcode);
  auto muni = [&](bool other_language) {
    Language l = lang;
    if (other_language)
      l = static_cast<Language>((static_cast<int>(lang) + 1 + rng_.Uniform(2)) %
                                3);
    return Light(corpus_.MunicipalityName(s.municipality, l));
  };
  const double r = static_cast<double>(rng_.Uniform(100)) / 100.0;
  if (r < 0.35) {
    p = {pc, muni(rng_.Chance(0.1)), {}, "postcode_municipality"};
    p.scope.postcode = s.postcode;
    p.scope.municipality = s.municipality;
  } else if (r < 0.6) {
    p = {pc, "", {}, "postcode_only"};
    p.scope.postcode = s.postcode;
  } else if (r < 0.9 || !optional) {
    p = {"", muni(rng_.Chance(0.15)), {}, "municipality"};
    p.scope.municipality = s.municipality;
  } else {
    p.kind = "no_place";
  }
  return p;
}

void ShapeWriter::Write(const std::string& street, const NumberText& number,
                        const PlaceText& place, Language lang, bool structured,
                        LabelledQuery* q) {
  if (structured) {
    q->request.street = street;
    q->request.house_number = number.text;
    q->request.post_code = place.postcode;
    q->request.municipality = place.name;
    q->noise.push_back("structured");
    return;
  }
  std::string text = street;
  if (!number.text.empty()) {
    text = lang == Language::kFr && rng_.Chance(0.15)
               ? number.text + ", " + street
               : street + " " + number.text;
  }
  std::string where = place.postcode;
  if (!place.name.empty()) where += (where.empty() ? "" : " ") + place.name;
  if (!where.empty()) {
    if (rng_.Chance(0.08)) {
      text = where + ", " + text;
    } else {
      text += (rng_.Chance(0.7) ? ", " : " ") + where;
    }
  }
  q->request.query = text;
}

std::vector<std::string> ShapeWriter::NameLanguages(
    uint32_t street, const std::string& name) const {
  std::vector<std::string> out;
  const std::string key = Normalized(name);
  const StreetEntry& s = index().streets()[street];
  for (Language l : kAllLanguages) {
    const std::string_view n = s.names[static_cast<size_t>(l)];
    if (!n.empty() && Normalized(n) == key) out.emplace_back(LanguageCode(l));
  }
  return out;
}

void ShapeWriter::WriteTyped(uint32_t street, const std::string& name,
                             const std::string& typed, const PlaceText& place,
                             Language lang, double structured_share,
                             LabelledQuery* q) {
  const NumberText n = rng_.Chance(0.6) ? Number(street, true) : NumberText{};
  Write(typed, n, place, lang, rng_.Chance(structured_share), q);
  Finish(street, name, place, "", n, q);
}

void ShapeWriter::Finish(uint32_t street, const std::string& name,
                         const PlaceText& place, const std::string& other_name,
                         const NumberText& number, LabelledQuery* q) {
  q->kind = "shape";
  if (!place.kind.empty()) q->noise.push_back(place.kind);
  if (q->languages.empty()) q->languages = NameLanguages(street, name);
  q->expected =
      corpus_.Label(street, name, place.scope, other_name, number.house);
  q->expected_house_number = number.house;
  q->expected_box_number = number.box;
}

ShapeGenerator::ShapeGenerator(const internal::IndexData& index,
                               const internal::IndexStore& store, uint64_t seed)
    : corpus_(index, store), rng_(seed) {}

std::vector<std::string> ShapeGenerator::Families() {
  std::vector<std::string> names;
  for (const ShapeFamily& f : AllShapeFamilies()) names.emplace_back(f.name);
  return names;
}

std::vector<LabelledQuery> ShapeGenerator::Generate(size_t per_family) {
  ShapeWriter writer(&corpus_, &rng_);
  std::vector<LabelledQuery> out;
  for (const ShapeFamily& family : AllShapeFamilies()) {
    size_t made = 0;
    for (size_t attempt = 0; made < per_family && attempt < 200 * per_family;
         ++attempt) {
      LabelledQuery q;
      q.noise.push_back(std::string("shape:") + family.name);
      if (!family.make(writer, &q)) continue;
      ++made;
      q.id = std::string("shape-") + family.name + "-" + std::to_string(made);
      out.push_back(std::move(q));
    }
    if (made < per_family) {
      std::cerr << "shape " << family.name << ": only " << made << " of "
                << per_family << " queries (too few streets of that shape)\n";
    }
  }
  return out;
}

}  // namespace beladdr::quality
