// A labelled query, as stored in bench/queries/*.jsonl (one JSON object a
// line), and its reading and writing.
//
// Fields: "id", "kind" (noisy | structured | place | negative), free text
// "query" or the structured fields ("street", "houseNumber", "boxNumber",
// "postCode", "municipality"), "expected" (StreetCodes that are all
// correct answers, or NIS codes for place queries), "languages" (the
// acceptable detected languages), "noise" (what the generator did), and
// for structured queries "houseNumber" as it should be read back.

#ifndef BELADDR_BENCH_QUALITY_QUERY_SET_H_
#define BELADDR_BENCH_QUALITY_QUERY_SET_H_

#include <string>
#include <vector>

#include "beladdr/address.h"
#include "beladdr/status.h"

namespace beladdr::quality {

struct LabelledQuery {
  std::string id;
  std::string kind;
  SearchRequest request;
  std::vector<std::string> expected;
  std::vector<std::string> languages;
  std::vector<std::string> noise;
  std::string expected_house_number;
  std::string expected_box_number;
};

std::string ToJsonLine(const LabelledQuery& q);
StatusOr<std::vector<LabelledQuery>> ReadQuerySet(const std::string& path);
Status WriteQuerySet(const std::string& path,
                     const std::vector<LabelledQuery>& queries);

}  // namespace beladdr::quality

#endif  // BELADDR_BENCH_QUALITY_QUERY_SET_H_
