#include "street_code.h"

#include <cstdint>
#include <cstdio>

namespace beladdr::importer {
namespace {

uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view StreetCodeNamespace(std::string_view source) {
  if (source == "best_brussels_2022" || Contains(source, "databrussels") ||
      Contains(source, "urbis")) {
    return "urbis";
  }
  if (source == "crab_wegenregister_2020" || Contains(source, "vlaanderen") ||
      Contains(source, "crab")) {
    return "crab";
  }
  if (source == "icar_2020" || Contains(source, "wallonie") ||
      Contains(source, "icar")) {
    return "icar";
  }
  return "";
}

std::string MakeStreetCode(const internal::StreetRecord& r) {
  const std::string_view ns = StreetCodeNamespace(r.official_id_source);
  if (!r.official_id.empty() && !ns.empty() &&
      r.id_match != internal::IdMatch::kAmbiguous) {
    return std::string(ns) + ":" + r.official_id + "@" + r.postcode;
  }
  std::string content(internal::RegionCode(r.region));
  content += '|';
  content += r.postcode;
  for (const std::string& nis : r.nis_codes) {
    content += '|';
    content += nis;
  }
  for (const std::string& name : r.names) {
    content += '|';
    content += name;
  }
  char hex[13];
  std::snprintf(hex, sizeof(hex), "%012llx",
                static_cast<unsigned long long>(Fnv1a64(content) >> 16));
  return "gen:" + std::string(hex) + "@" + r.postcode;
}

}  // namespace beladdr::importer
