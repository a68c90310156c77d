// The street and municipality results of the API as JSON, shared by the
// search, resolve and declaration answers (internal to beladdr_api).

#ifndef BELADDR_API_SRC_RESULT_WRITER_H_
#define BELADDR_API_SRC_RESULT_WRITER_H_

#include <array>
#include <string>

#include "beladdr/address.h"
#include "beladdr/resolve.h"
#include "json_writer.h"

namespace beladdr::api {

// {"nl": ..., "fr": ..., "de": ...}, the names that exist.
void WriteNames(const std::array<std::string, 3>& names, JsonWriter* w);
// {"nisCode", "name", "names"}.
void WriteMunicipality(const MunicipalityRef& m, JsonWriter* w);
// The fields of a street result (inside an object the caller opened).
void WriteStreetFields(const SearchResult& r, JsonWriter* w);
// A street result with "houseNumberKnown", as an object.
void WriteResolved(const ResolvedAddress& a, JsonWriter* w);
// The "houseNumberKnown" field.
void WriteHouseNumberKnown(HouseNumberKnown known, JsonWriter* w);

}  // namespace beladdr::api

#endif  // BELADDR_API_SRC_RESULT_WRITER_H_
