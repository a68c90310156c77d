#include "beladdr/api.h"

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <set>

#include "beladdr/utf8.h"
#include "json_writer.h"
#include "result_writer.h"

namespace beladdr::api {
namespace json = boost::json;
namespace {

constexpr char kAllowedFields[] =
    "query, street, houseNumber, boxNumber, postCode, municipality, language, "
    "limit";
constexpr char kAllowedResolveFields[] =
    "street, houseNumber, boxNumber, postCode, municipality, streetCode, "
    "language, limit";

Status SetString(const char* name, const json::value& v, std::string* out) {
  if (v.is_null()) return Status::OK();  // absent
  if (!v.is_string()) {
    return Status::InvalidArgument(std::string("field '") + name +
                                   "' must be a string");
  }
  out->assign(v.as_string().data(), v.as_string().size());
  return Status::OK();
}

Status SetLanguage(std::string_view text, std::optional<Language>* out) {
  auto lang = ParseLanguage(text);
  if (!lang) {
    return Status::InvalidArgument(
        "'language' must be one of nl, fr, de; got '" + std::string(text) +
        "'");
  }
  *out = lang;
  return Status::OK();
}

// "language": a string, or null for the default.
Status SetLanguageField(const json::value& v, std::optional<Language>* out) {
  if (v.is_null()) return Status::OK();
  if (!v.is_string())
    return Status::InvalidArgument("field 'language' must be a string");
  return SetLanguage(
      std::string_view(v.as_string().data(), v.as_string().size()), out);
}

Status LimitError() {
  return Status::InvalidArgument("'limit' must be an integer from 1 to " +
                                 std::to_string(kMaxSearchLimit));
}

// A limit given as text ("10").
StatusOr<int> ParseLimit(std::string_view value) {
  if (value.empty() || value.size() > 3 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return LimitError();
  }
  const int limit = std::stoi(std::string(value));
  if (limit < 1 || limit > kMaxSearchLimit) return LimitError();
  return limit;
}

// "limit": an integer in 1..kMaxSearchLimit, or null for the default.
Status SetLimitField(const json::value& v, int* out) {
  if (v.is_null()) return Status::OK();
  if (v.is_int64() && v.as_int64() >= 1 && v.as_int64() <= kMaxSearchLimit) {
    *out = static_cast<int>(v.as_int64());
  } else if (v.is_uint64() && v.as_uint64() >= 1 &&
             v.as_uint64() <= static_cast<uint64_t>(kMaxSearchLimit)) {
    *out = static_cast<int>(v.as_uint64());
  } else {
    return LimitError();
  }
  return Status::OK();
}

// The body as a JSON object, or why it is not one.
StatusOr<json::object> ParseBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return Status::InvalidArgument("the body is larger than 16 KiB");
  }
  if (!IsValidUtf8(body))
    return Status::InvalidArgument("the body is not valid UTF-8");
  json::parse_options options;
  options.max_depth = 16;
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec,
                              json::storage_ptr(), options);
  if (ec) {
    return Status::InvalidArgument("the body is not valid JSON (" +
                                   ec.message() + ")");
  }
  if (!v.is_object())
    return Status::InvalidArgument("the body must be a JSON object");
  return std::move(v.as_object());
}

// Scores are printed with four decimals (0.9921).
constexpr int kScoreDecimals = 4;

void WriteDetectedLanguage(std::optional<Language> lang, JsonWriter* w) {
  w->Key("detectedLanguage");
  if (lang) {
    w->String(LanguageCode(*lang));
  } else {
    w->Null();
  }
}

// A request body: the text fields that are set, the language when given,
// the limit when not the default (kDefaultSearchLimit for both types).
std::string EncodeRequest(
    std::initializer_list<std::pair<const char*, const std::string*>> fields,
    std::optional<Language> language, int limit) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [name, value] : fields) {
    if (!value->empty()) w.Field(name, *value);
  }
  if (language) w.Field("language", LanguageCode(*language));
  if (limit != kDefaultSearchLimit) {
    w.Key("limit");
    w.Int(limit);
  }
  w.EndObject();
  return w.Release();
}

// Collects the invalid inputs of one request; status() is the first.
class Issues {
 public:
  Issues(std::string_view in, std::vector<InputIssue>* out)
      : in_(in), out_(out) {}
  void Add(std::string_view name, std::string_view value, const Status& s) {
    if (first_.ok()) first_ = s;
    if (out_ != nullptr) {
      out_->push_back({std::string(in_), std::string(name), std::string(value),
                       s.message()});
    }
  }
  const Status& status() const { return first_; }

 private:
  std::string_view in_;
  std::vector<InputIssue>* out_;
  Status first_;
};

// ParseBody, with a body that is not a JSON object recorded in *issues.
StatusOr<json::object> ParseBody(std::string_view body, Issues* issues) {
  StatusOr<json::object> object = ParseBody(body);
  if (!object.ok()) issues->Add("", "", object.status());
  return object;
}

// A JSON value as the text an issue shows ("abc", 0, null).
std::string ValueText(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

// A postcode given must be four digits.
Status CheckPostcode(std::string_view postcode) {
  if (postcode.empty() ||
      (postcode.size() == 4 &&
       postcode.find_first_not_of("0123456789") == std::string_view::npos)) {
    return Status::OK();
  }
  return Status::InvalidArgument("postCode must be 4 digits, got '" +
                                 std::string(postcode) + "'");
}

// Where each field of a request goes: its text fields by name, its
// language and limit. One table per request type serves both the JSON
// body and name/value parameters.
struct Fields {
  std::vector<std::pair<std::string_view, std::string*>> text;
  std::optional<Language>* language;
  int* limit;
};

Fields SearchFields(SearchRequest* r) {
  return {{{"query", &r->query},
           {"street", &r->street},
           {"houseNumber", &r->house_number},
           {"boxNumber", &r->box_number},
           {"postCode", &r->post_code},
           {"municipality", &r->municipality}},
          &r->language,
          &r->limit};
}

Fields ResolveFields(ResolveRequest* r) {
  return {{{"street", &r->street},
           {"houseNumber", &r->house_number},
           {"boxNumber", &r->box_number},
           {"postCode", &r->post_code},
           {"municipality", &r->municipality},
           {"streetCode", &r->street_code}},
          &r->language,
          &r->limit};
}

std::string* TextField(const Fields& fields, std::string_view name) {
  for (const auto& [field, out] : fields.text) {
    if (field == name) return out;
  }
  return nullptr;
}

// A JSON object's members into `fields`; an unknown member is an error
// listing `allowed` (plus `query_hint` when the member is "query").
Status DecodeFields(const json::object& object, const Fields& fields,
                    std::string_view allowed, std::string_view query_hint,
                    Issues* issues) {
  for (const auto& [key, value] : object) {
    const std::string k(key.data(), key.size());
    Status s;
    if (std::string* out = TextField(fields, k)) {
      s = SetString(k.c_str(), value, out);
      if (s.ok() && k == "postCode") s = CheckPostcode(*out);
    } else if (k == "language") {
      s = SetLanguageField(value, fields.language);
    } else if (k == "limit") {
      s = SetLimitField(value, fields.limit);
    } else {
      s = Status::InvalidArgument(
          "unknown field '" + k + "'; allowed fields: " + std::string(allowed) +
          (k == "query" ? std::string(query_hint) : ""));
    }
    if (!s.ok()) issues->Add(k, ValueText(value), s);
  }
  return issues->status();
}

// Name/value parameters into `fields` ("q" is "query"); each at most once.
Status ParamFields(
    const std::vector<std::pair<std::string, std::string>>& params,
    const Fields& fields, std::string_view allowed, Issues* issues) {
  std::set<std::string> seen;
  for (const auto& [key, value] : params) {
    const std::string name = key == "q"      ? "query"
                             : key == "lang" ? "language"
                                             : key;
    Status s;
    if (!seen.insert(name).second) {
      s = Status::InvalidArgument("parameter '" + key + "' is given twice");
    } else if (!IsValidUtf8(value)) {
      s = Status::InvalidArgument("parameter '" + key + "' is not valid UTF-8");
    } else if (std::string* out = TextField(fields, name)) {
      *out = value;
      if (name == "postCode") s = CheckPostcode(value);
    } else if (name == "language") {
      s = SetLanguage(value, fields.language);
    } else if (name == "limit") {
      StatusOr<int> limit = ParseLimit(value);
      if (limit.ok()) {
        *fields.limit = *limit;
      } else {
        s = limit.status();
      }
    } else {
      s = Status::InvalidArgument("unknown parameter '" + key +
                                  "'; allowed: " + std::string(allowed));
    }
    if (!s.ok()) issues->Add(key, IsValidUtf8(value) ? value : "", s);
  }
  return issues->status();
}

Status RequireStreetOrCode(const ResolveRequest& r) {
  if (r.street.find_first_not_of(" \t") == std::string::npos &&
      r.street_code.find_first_not_of(" \t") == std::string::npos) {
    return Status::InvalidArgument("give 'street' or 'streetCode'");
  }
  return Status::OK();
}

}  // namespace

void WriteNames(const std::array<std::string, 3>& names, JsonWriter* w) {
  w->BeginObject();
  for (Language l : kAllLanguages) {
    const std::string& n = names[static_cast<size_t>(l)];
    if (!n.empty()) w->Field(LanguageCode(l), n);
  }
  w->EndObject();
}

void WriteMunicipality(const MunicipalityRef& m, JsonWriter* w) {
  w->BeginObject();
  w->Field("nisCode", m.nis_code);
  if (!m.name.empty()) w->Field("name", m.name);
  w->Key("names");
  WriteNames(m.names, w);
  w->EndObject();
}

// The fields of a street result (inside an object the caller opened).
void WriteStreetFields(const SearchResult& r, JsonWriter* w) {
  w->Field("kind", "street");
  w->Field("streetCode", r.street_code);
  w->Field("streetName", r.street_name);
  if (r.matched_language)
    w->Field("language", LanguageCode(*r.matched_language));
  w->Key("names");
  WriteNames(r.street_names, w);
  w->Field("postCode", r.post_code);
  w->Key("municipality");
  WriteMunicipality(r.municipality, w);
  w->Key("score");
  w->Fixed(r.score, kScoreDecimals);
  if (!r.house_number.empty()) w->Field("houseNumber", r.house_number);
  if (!r.box_number.empty()) w->Field("boxNumber", r.box_number);
}

void WriteHouseNumberKnown(HouseNumberKnown known, JsonWriter* w) {
  w->Key("houseNumberKnown");
  switch (known) {
    case HouseNumberKnown::kTrue:
      w->Bool(true);
      break;
    case HouseNumberKnown::kFalse:
      w->Bool(false);
      break;
    case HouseNumberKnown::kUnknown:
      w->String("unknown");
      break;
  }
}

void WriteResolved(const ResolvedAddress& a, JsonWriter* w) {
  w->BeginObject();
  WriteStreetFields(a.street, w);
  WriteHouseNumberKnown(a.house_number_known, w);
  w->EndObject();
}

StatusOr<SearchRequest> DecodeSearchRequest(std::string_view body,
                                            std::vector<InputIssue>* issues) {
  Issues found("body", issues);
  BELADDR_ASSIGN_OR_RETURN(const json::object object, ParseBody(body, &found));
  SearchRequest r;
  BELADDR_RETURN_IF_ERROR(
      DecodeFields(object, SearchFields(&r), kAllowedFields, "", &found));
  return r;
}

StatusOr<ResolveRequest> DecodeResolveRequest(std::string_view body,
                                              std::vector<InputIssue>* issues) {
  Issues found("body", issues);
  BELADDR_ASSIGN_OR_RETURN(const json::object object, ParseBody(body, &found));
  ResolveRequest r;
  // Every invalid field is in `found`, with the missing street below.
  static_cast<void>(DecodeFields(object, ResolveFields(&r),
                                 kAllowedResolveFields,
                                 " (ResolveAddress takes structured fields "
                                 "only; use SearchAddresses for free text)",
                                 &found));
  if (Status s = RequireStreetOrCode(r); !s.ok()) found.Add("street", "", s);
  BELADDR_RETURN_IF_ERROR(found.status());
  return r;
}

StatusOr<SearchRequest> SearchRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues) {
  Issues found("query", issues);
  SearchRequest r;
  BELADDR_RETURN_IF_ERROR(ParamFields(params, SearchFields(&r),
                                      "q, street, houseNumber, boxNumber, "
                                      "postCode, municipality, language, "
                                      "limit",
                                      &found));
  return r;
}

StatusOr<AutocompleteRequest> AutocompleteRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues) {
  Issues found("query", issues);
  AutocompleteRequest r;
  // "q" is named "query" by ParamFields.
  const Fields fields{{{"query", &r.q},
                       {"postCode", &r.post_code},
                       {"municipality", &r.municipality}},
                      &r.language,
                      &r.limit};
  BELADDR_RETURN_IF_ERROR(ParamFields(
      params, fields, "q, postCode, municipality, lang, limit", &found));
  if (r.q.find_first_not_of(" \t") == std::string::npos) {
    found.Add("q", r.q,
              Status::InvalidArgument("give q: the text typed so far"));
  }
  if (!found.status().ok()) return found.status();
  return r;
}

StatusOr<ResolveRequest> ResolveRequestFromParams(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::vector<InputIssue>* issues) {
  Issues found("query", issues);
  ResolveRequest r;
  static_cast<void>(
      ParamFields(params, ResolveFields(&r), kAllowedResolveFields, &found));
  if (Status s = RequireStreetOrCode(r); !s.ok()) found.Add("street", "", s);
  BELADDR_RETURN_IF_ERROR(found.status());
  return r;
}

std::string EncodeSearchRequest(const SearchRequest& request) {
  return EncodeRequest({{"query", &request.query},
                        {"street", &request.street},
                        {"houseNumber", &request.house_number},
                        {"boxNumber", &request.box_number},
                        {"postCode", &request.post_code},
                        {"municipality", &request.municipality}},
                       request.language, request.limit);
}

std::string EncodeSearchResponse(const SearchResponse& response) {
  JsonWriter w;
  w.BeginObject();
  WriteDetectedLanguage(response.detected_language, &w);
  w.Key("count");
  w.Int(static_cast<long long>(response.results.size()));
  w.Key("results");
  w.BeginArray();
  for (const SearchResult& r : response.results) {
    w.BeginObject();
    if (r.kind == ResultKind::kStreet) {
      WriteStreetFields(r, &w);
    } else {
      w.Field("kind", "municipality");
      w.Key("municipality");
      WriteMunicipality(r.municipality, &w);
      w.Key("postCodes");
      w.BeginArray();
      for (const std::string& pc : r.post_codes) w.String(pc);
      w.EndArray();
      w.Key("score");
      w.Fixed(r.score, kScoreDecimals);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("more");
  w.Bool(response.more);
  w.EndObject();
  return w.Release();
}

std::string EncodeResolveRequest(const ResolveRequest& request) {
  return EncodeRequest({{"street", &request.street},
                        {"houseNumber", &request.house_number},
                        {"boxNumber", &request.box_number},
                        {"postCode", &request.post_code},
                        {"municipality", &request.municipality},
                        {"streetCode", &request.street_code}},
                       request.language, request.limit);
}

std::string EncodeResolveResponse(const ResolveResponse& response) {
  JsonWriter w;
  w.BeginObject();
  w.Field("status", ResolveStatusName(response.status));
  WriteDetectedLanguage(response.detected_language, &w);
  if (response.status == ResolveStatus::kUnique && response.address) {
    w.Key("address");
    WriteResolved(*response.address, &w);
  }
  if (response.status == ResolveStatus::kAmbiguous) {
    w.Key("candidates");
    w.BeginArray();
    for (const ResolvedAddress& c : response.candidates) WriteResolved(c, &w);
    w.EndArray();
    w.Key("more");
    w.Bool(response.more);
  }
  w.Key("issues");
  w.BeginArray();
  for (ResolveIssue issue : response.issues) w.String(ResolveIssueName(issue));
  w.EndArray();
  w.EndObject();
  return w.Release();
}

std::string EncodePing(const IndexInfo& info) {
  json::object index;
  index["formatVersion"] = info.format_version;
  index["streets"] = info.streets;
  index["municipalities"] = info.municipalities;
  index["postcodes"] = info.postcodes;
  if (!info.id.empty()) index["id"] = info.id;
  index["builtAt"] = info.built_at;
  index["dataVintage"] = info.data_vintage;
  index["sizeOnDisk"] = info.size_on_disk;
  json::object o;
  o["status"] = "ok";
  o["index"] = std::move(index);
  return json::serialize(o);
}

std::string EncodeProblem(int status, std::string_view slug,
                          std::string_view title, std::string_view detail,
                          std::string_view correlation_id,
                          const std::vector<InputIssue>& issues) {
  json::object o;
  o["type"] = "urn:beladdr:problem:" + std::string(slug);
  o["title"] = title;
  o["status"] = status;
  o["detail"] = detail;
  if (!correlation_id.empty()) o["correlationId"] = correlation_id;
  if (!issues.empty()) {
    json::array list;
    for (const InputIssue& issue : issues) {
      json::object i;
      i["type"] = "urn:beladdr:problem:invalid-input";
      i["in"] = issue.in;
      if (!issue.name.empty()) i["name"] = issue.name;
      if (!issue.value.empty()) i["value"] = issue.value;
      i["detail"] = issue.detail;
      list.push_back(std::move(i));
    }
    o["issues"] = std::move(list);
  }
  return json::serialize(o);
}

}  // namespace beladdr::api
