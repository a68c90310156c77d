#include "beladdr/declaration_api.h"

#include <boost/json.hpp>
#include <set>
#include <span>

#include "beladdr/declarations/validation.h"
#include "json_writer.h"
#include "result_writer.h"

namespace beladdr::api {
namespace json = boost::json;
namespace decl = beladdr::declarations;
namespace {

constexpr size_t kMaxNameChars = 100;
constexpr size_t kMaxDescriptionChars = 500;
constexpr size_t kMaxContacts = 5;
constexpr std::string_view kDetectionKinds[] = {"intrusion", "fire", "panic",
                                                "technical", "medical"};
constexpr std::string_view kPremisesTypes[] = {"residential", "commercial",
                                               "industrial", "public", "other"};

// Collects the invalid inputs of a body, each named by its path.
class Issues {
 public:
  explicit Issues(std::vector<InputIssue>* out) : out_(out) {}
  void Add(std::string_view path, std::string_view value,
           std::string_view detail) {
    if (first_.ok()) first_ = Status::InvalidArgument(detail);
    if (out_ != nullptr) {
      out_->push_back(
          {"body", std::string(path), std::string(value), std::string(detail)});
    }
  }
  const Status& status() const { return first_; }

 private:
  std::vector<InputIssue>* out_;
  Status first_;
};

std::string ValueText(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

size_t Chars(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool OneOf(std::string_view value, std::span<const std::string_view> allowed) {
  for (std::string_view a : allowed) {
    if (a == value) return true;
  }
  return false;
}

std::string List(std::span<const std::string_view> allowed) {
  std::string out;
  for (std::string_view a : allowed)
    out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

// The body as an object, or an issue.
std::optional<json::object> ParseObject(std::string_view body, Issues* issues) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    issues->Add("", "",
                "the body must be a JSON object (" +
                    (ec ? ec.message() : std::string("not an object")) + ")");
    return std::nullopt;
  }
  return std::move(v.as_object());
}

// Members of `o` other than `allowed` are issues.
void OnlyMembers(const json::object& o, std::string_view path,
                 std::initializer_list<std::string_view> allowed,
                 Issues* issues) {
  for (const auto& [key, value] : o) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      std::string names;
      for (std::string_view a : allowed) {
        names += (names.empty() ? "" : ", ") + std::string(a);
      }
      issues->Add(
          std::string(path) + (path.empty() ? "" : ".") + std::string(key),
          ValueText(value),
          "unknown field '" + std::string(key) + "'; allowed: " + names);
    }
  }
}

// A required string member, 1..max_chars characters.
std::optional<std::string> Text(const json::object& o, std::string_view path,
                                std::string_view key, size_t max_chars,
                                Issues* issues, bool required = true) {
  const std::string name = path.empty()
                               ? std::string(key)
                               : std::string(path) + "." + std::string(key);
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) issues->Add(name, "", "'" + name + "' is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    issues->Add(name, ValueText(*v), "'" + name + "' must be a string");
    return std::nullopt;
  }
  std::string text(v->as_string());
  const size_t chars = Chars(text);
  if (text.find_first_not_of(" \t") == std::string::npos || chars > max_chars) {
    issues->Add(name, text,
                "'" + name + "' must have 1 to " + std::to_string(max_chars) +
                    " characters");
    return std::nullopt;
  }
  return text;
}

// A checked identifier: Text, then `check` (whose message is the detail).
std::optional<std::string> Checked(
    const json::object& o, std::string_view path, std::string_view key,
    StatusOr<std::string> (*check)(std::string_view), Issues* issues) {
  std::optional<std::string> text = Text(o, path, key, 64, issues);
  if (!text) return std::nullopt;
  StatusOr<std::string> canonical = check(*text);
  if (!canonical.ok()) {
    issues->Add(path.empty() ? std::string(key)
                             : std::string(path) + "." + std::string(key),
                *text, canonical.status().message());
    return std::nullopt;
  }
  return std::move(canonical).value();
}

const json::object* ObjectPart(const json::value& v, std::string_view name,
                               Issues* issues) {
  if (!v.is_object()) {
    issues->Add(name, ValueText(v),
                "'" + std::string(name) + "' must be an object");
    return nullptr;
  }
  return &v.as_object();
}

std::optional<std::string> DecodeUser(const json::value& v, Issues* issues) {
  const json::object* o = ObjectPart(v, "user", issues);
  if (o == nullptr) return std::nullopt;
  std::optional<std::string> type = Text(*o, "user", "type", 20, issues);
  json::object out;
  if (type == "person") {
    OnlyMembers(*o, "user", {"type", "nationalRegisterNumber", "name"}, issues);
    out["type"] = "person";
    auto nrn = Checked(*o, "user", "nationalRegisterNumber",
                       &decl::CheckNationalRegisterNumber, issues);
    if (nrn) out["nationalRegisterNumber"] = *nrn;
  } else if (type == "enterprise") {
    OnlyMembers(*o, "user", {"type", "enterpriseNumber", "name"}, issues);
    out["type"] = "enterprise";
    auto kbo = Checked(*o, "user", "enterpriseNumber",
                       &decl::CheckEnterpriseNumber, issues);
    if (kbo) out["enterpriseNumber"] = *kbo;
  } else if (type) {
    issues->Add("user.type", *type, "'user.type' must be person or enterprise");
  }
  if (auto name = Text(*o, "user", "name", kMaxNameChars, issues)) {
    out["name"] = *name;
  }
  return json::serialize(out);
}

std::optional<std::string> DecodeAlarm(const json::value& v, Issues* issues) {
  const json::object* o = ObjectPart(v, "alarm", issues);
  if (o == nullptr) return std::nullopt;
  OnlyMembers(*o, "alarm",
              {"detectionKinds", "premisesType", "startDate", "description"},
              issues);
  json::object out;
  const json::value* kinds = o->if_contains("detectionKinds");
  const std::string kinds_help =
      "'alarm.detectionKinds' must be 1 to 5 different of " +
      List(kDetectionKinds);
  if (kinds == nullptr || !kinds->is_array() || kinds->as_array().empty() ||
      kinds->as_array().size() > std::size(kDetectionKinds)) {
    issues->Add("alarm.detectionKinds", kinds ? ValueText(*kinds) : "",
                kinds_help);
  } else {
    std::set<std::string> seen;
    json::array list;
    for (const json::value& k : kinds->as_array()) {
      if (!k.is_string() || !OneOf(k.as_string(), kDetectionKinds) ||
          !seen.insert(std::string(k.as_string())).second) {
        issues->Add("alarm.detectionKinds", ValueText(k), kinds_help);
        continue;
      }
      list.push_back(k);
    }
    out["detectionKinds"] = std::move(list);
  }
  if (auto premises = Text(*o, "alarm", "premisesType", 20, issues)) {
    if (OneOf(*premises, kPremisesTypes)) {
      out["premisesType"] = *premises;
    } else {
      issues->Add(
          "alarm.premisesType", *premises,
          "'alarm.premisesType' must be one of " + List(kPremisesTypes));
    }
  }
  if (auto date = Checked(*o, "alarm", "startDate", &decl::CheckDate, issues)) {
    out["startDate"] = *date;
  }
  if (auto description = Text(*o, "alarm", "description", kMaxDescriptionChars,
                              issues, false)) {
    out["description"] = *description;
  }
  return json::serialize(out);
}

std::optional<std::string> DecodeContacts(const json::value& v,
                                          Issues* issues) {
  if (!v.is_array() || v.as_array().empty() ||
      v.as_array().size() > kMaxContacts) {
    issues->Add("contacts", ValueText(v),
                "'contacts' must list 1 to 5 persons, each with a name and a "
                "phone");
    return std::nullopt;
  }
  json::array out;
  for (size_t i = 0; i < v.as_array().size(); ++i) {
    const std::string path = "contacts[" + std::to_string(i) + "]";
    const json::object* o = ObjectPart(v.as_array()[i], path, issues);
    if (o == nullptr) continue;
    OnlyMembers(*o, path, {"name", "phone"}, issues);
    json::object contact;
    if (auto name = Text(*o, path, "name", kMaxNameChars, issues)) {
      contact["name"] = *name;
    }
    if (auto phone = Checked(*o, path, "phone", &decl::CheckPhone, issues)) {
      contact["phone"] = *phone;
    }
    out.push_back(std::move(contact));
  }
  return json::serialize(out);
}

std::optional<ResolveRequest> DecodeAddress(const json::value& v,
                                            bool need_number, Issues* issues) {
  const json::object* o = ObjectPart(v, "address", issues);
  if (o == nullptr) return std::nullopt;
  std::vector<InputIssue> found;
  StatusOr<ResolveRequest> request =
      DecodeResolveRequest(json::serialize(*o), &found);
  for (const InputIssue& issue : found) {
    issues->Add("address" + (issue.name.empty() ? "" : "." + issue.name),
                issue.value, issue.detail);
  }
  if (!request.ok()) return std::nullopt;
  if (need_number &&
      request->house_number.find_first_not_of(" \t") == std::string::npos) {
    issues->Add("address.houseNumber", "",
                "'address.houseNumber' is required: an alarm is declared at "
                "a building");
    return std::nullopt;
  }
  return std::move(request).value();
}

// The parts present in `o` into *input.
void DecodeParts(const json::object& o, bool create, DeclarationInput* input,
                 Issues* issues) {
  auto part = [&](std::string_view name) -> const json::value* {
    const json::value* v = o.if_contains(name);
    if (v == nullptr && create) {
      issues->Add(name, "", "'" + std::string(name) + "' is required");
    }
    return v;
  };
  if (const json::value* v = part("address")) {
    input->address = DecodeAddress(*v, true, issues);
  }
  if (const json::value* v = part("user")) input->user = DecodeUser(*v, issues);
  if (const json::value* v = part("alarm")) {
    input->alarm = DecodeAlarm(*v, issues);
  }
  if (const json::value* v = part("contacts")) {
    input->contacts = DecodeContacts(*v, issues);
  }
}

// A declarationNumber member: required, yyyy.mm.dd.sequence.
std::optional<std::string> Number(const json::object& o, Issues* issues) {
  const json::value* v = o.if_contains("declarationNumber");
  int day = 0;
  int64_t seq = 0;
  if (v == nullptr || !v->is_string() ||
      !decl::ParseNumber(v->as_string(), &day, &seq)) {
    issues->Add("declarationNumber", v ? ValueText(*v) : "",
                "'declarationNumber' must be yyyy.mm.dd.sequence "
                "(2026.12.06.0042)");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

}  // namespace

StatusOr<DeclarationInput> DecodeCreateDeclaration(
    std::string_view body, std::vector<InputIssue>* found) {
  Issues issues(found);
  DeclarationInput input;
  if (auto o = ParseObject(body, &issues)) {
    OnlyMembers(*o, "", {"address", "user", "alarm", "contacts"}, &issues);
    DecodeParts(*o, true, &input, &issues);
  }
  if (!issues.status().ok()) return issues.status();
  return input;
}

StatusOr<ModifyInput> DecodeModifyDeclaration(std::string_view body,
                                              std::vector<InputIssue>* found) {
  Issues issues(found);
  ModifyInput input;
  if (auto o = ParseObject(body, &issues)) {
    OnlyMembers(*o, "",
                {"declarationNumber", "version", "address", "user", "alarm",
                 "contacts"},
                &issues);
    if (auto number = Number(*o, &issues)) input.number = *number;
    const json::value* version = o->if_contains("version");
    if (version == nullptr || !version->is_int64() || version->as_int64() < 1) {
      issues.Add("version", version ? ValueText(*version) : "",
                 "'version' must be the declaration's current version (an "
                 "integer from 1)");
    } else {
      input.version = version->as_int64();
    }
    DecodeParts(*o, false, &input.parts, &issues);
    if (!o->contains("address") && !o->contains("user") &&
        !o->contains("alarm") && !o->contains("contacts")) {
      issues.Add("", "",
                 "nothing to change: give address, user, alarm or contacts");
    }
  }
  if (!issues.status().ok()) return issues.status();
  return input;
}

StatusOr<std::string> DecodeDeleteDeclaration(std::string_view body,
                                              std::vector<InputIssue>* found) {
  Issues issues(found);
  std::string number;
  if (auto o = ParseObject(body, &issues)) {
    OnlyMembers(*o, "", {"declarationNumber"}, &issues);
    if (auto n = Number(*o, &issues)) number = *n;
  }
  if (!issues.status().ok()) return issues.status();
  return number;
}

StatusOr<SearchDeclarationsInput> DecodeSearchDeclarations(
    std::string_view body, std::vector<InputIssue>* found) {
  Issues issues(found);
  SearchDeclarationsInput input;
  decl::DeclarationQuery& q = input.query;
  std::optional<json::object> o =
      body.find_first_not_of(" \t\r\n") == std::string_view::npos
          ? json::object()
          : ParseObject(body, &issues);
  if (o) {
    OnlyMembers(*o, "",
                {"declarationNumber", "streetCode", "postCode", "municipality",
                 "status", "modifiedSince", "limit", "cursor"},
                &issues);
    if (o->contains("declarationNumber")) {
      if (auto n = Number(*o, &issues)) q.number = *n;
    }
    if (auto code = Text(*o, "", "streetCode", 64, &issues, false)) {
      q.street_code = *code;
    }
    if (auto pc = Text(*o, "", "postCode", 4, &issues, false)) {
      if (pc->size() == 4 &&
          pc->find_first_not_of("0123456789") == std::string::npos) {
        q.post_code = *pc;
      } else {
        issues.Add("postCode", *pc, "'postCode' must be 4 digits");
      }
    }
    if (auto m = Text(*o, "", "municipality", kMaxNameChars, &issues, false)) {
      if (m->size() == 5 &&
          m->find_first_not_of("0123456789") == std::string::npos) {
        q.municipality_nis = *m;
      } else {
        input.municipality_text = *m;
      }
    }
    if (auto status = Text(*o, "", "status", 10, &issues, false)) {
      if (*status == "active") {
        q.status = decl::StatusFilter::kActive;
      } else if (*status == "deleted") {
        q.status = decl::StatusFilter::kDeleted;
      } else if (*status == "all") {
        q.status = decl::StatusFilter::kAll;
      } else {
        issues.Add("status", *status,
                   "'status' must be active, deleted or all");
      }
    }
    if (auto since = Text(*o, "", "modifiedSince", 40, &issues, false)) {
      StatusOr<decl::Micros> at = decl::ParseTime(*since);
      if (at.ok()) {
        q.modified_since = *at;
      } else {
        issues.Add("modifiedSince", *since, at.status().message());
      }
    }
    if (const json::value* limit = o->if_contains("limit")) {
      if (!limit->is_int64() || limit->as_int64() < 1 ||
          limit->as_int64() > decl::kMaxQueryLimit) {
        issues.Add("limit", ValueText(*limit),
                   "'limit' must be an integer from 1 to 100");
      } else {
        q.limit = static_cast<int>(limit->as_int64());
      }
    }
    if (auto cursor = Text(*o, "", "cursor", 40, &issues, false)) {
      decl::Cursor parsed;
      if (decl::ParseCursor(*cursor, &parsed)) {
        q.after = *cursor;
      } else {
        issues.Add("cursor", *cursor,
                   "'cursor' must be a nextCursor of an earlier answer");
      }
    }
  }
  if (!issues.status().ok()) return issues.status();
  return input;
}

bool IsContradiction(ResolveIssue issue) {
  return issue != ResolveIssue::kHouseNumberUnknown &&
         issue != ResolveIssue::kBoxNumberUnknown;
}

std::string EncodeDeclarationAddress(
    const ResolvedAddress& address, const std::vector<ResolveIssue>& warnings) {
  const SearchResult& r = address.street;
  JsonWriter w;
  w.BeginObject();
  w.Field("streetCode", r.street_code);
  w.Field("streetName", r.street_name);
  w.Key("names");
  WriteNames(r.street_names, &w);
  w.Field("postCode", r.post_code);
  w.Key("municipality");
  WriteMunicipality(r.municipality, &w);
  w.Field("houseNumber", r.house_number);
  if (!r.box_number.empty()) w.Field("boxNumber", r.box_number);
  WriteHouseNumberKnown(address.house_number_known, &w);
  w.Key("warnings");
  w.BeginArray();
  for (ResolveIssue issue : warnings) w.String(ResolveIssueName(issue));
  w.EndArray();
  w.EndObject();
  return w.Release();
}

StatusOr<std::string> BuildContent(const DeclarationInput& input,
                                   std::string_view address_json,
                                   std::string_view previous) {
  json::object old;
  if (!previous.empty()) {
    json::error_code ec;
    json::value v = json::parse(previous, ec);
    if (ec || !v.is_object()) {
      return Status::Corruption("a stored declaration's content is not JSON");
    }
    old = std::move(v.as_object());
  }
  json::object content;
  auto put = [&](std::string_view key, std::string_view given) -> Status {
    if (!given.empty()) {
      json::error_code ec;
      content[key] = json::parse(given, ec);
      if (ec) return Status::Internal("a validated part is not JSON");
    } else if (const json::value* v = old.if_contains(key)) {
      content[key] = *v;
    } else {
      return Status::Internal("a declaration without its " + std::string(key));
    }
    return Status::OK();
  };
  BELADDR_RETURN_IF_ERROR(put("address", address_json));
  BELADDR_RETURN_IF_ERROR(put("user", input.user.value_or("")));
  BELADDR_RETURN_IF_ERROR(put("alarm", input.alarm.value_or("")));
  BELADDR_RETURN_IF_ERROR(put("contacts", input.contacts.value_or("")));
  return json::serialize(content);
}

namespace {

// The declaration's JSON: its own fields around the members of its content
// (a JSON object this module wrote), spliced without parsing it again.
void WriteDeclaration(const decl::Declaration& d, std::string* out) {
  JsonWriter w;
  w.BeginObject();
  w.Field("declarationNumber", d.number);
  w.Field("status", decl::StatusName(d.status));
  w.Key("version");
  w.Int(d.version);
  w.Field("createdAt", decl::FormatTime(d.created_at));
  w.Field("modifiedAt", decl::FormatTime(d.modified_at));
  if (d.deleted_at != 0) w.Field("deletedAt", decl::FormatTime(d.deleted_at));
  w.EndObject();
  std::string head = w.Release();
  head.pop_back();  // the closing brace
  out->append(head);
  const std::string_view content = d.content;
  if (content.size() > 2 && content.front() == '{' && content.back() == '}') {
    out->push_back(',');
    out->append(content.substr(1, content.size() - 2));
  }
  out->push_back('}');
}

std::string_view IssueField(ResolveIssue issue) {
  switch (issue) {
    case ResolveIssue::kStreetCodeUnknown:
      return "address.streetCode";
    case ResolveIssue::kStreetNameMismatch:
      return "address.street";
    case ResolveIssue::kPostCodeMismatch:
      return "address.postCode";
    case ResolveIssue::kMunicipalityMismatch:
      return "address.municipality";
    default:
      return "address.houseNumber";
  }
}

std::string_view IssueDetail(ResolveIssue issue) {
  switch (issue) {
    case ResolveIssue::kStreetCodeUnknown:
      return "streetCode names no known street";
    case ResolveIssue::kStreetNameMismatch:
      return "street does not name the street of streetCode";
    case ResolveIssue::kPostCodeMismatch:
      return "postCode is not the street's postcode";
    case ResolveIssue::kMunicipalityMismatch:
      return "municipality is not the street's municipality or a locality "
             "of it";
    default:
      return "houseNumber is required";
  }
}

}  // namespace

std::string EncodeDeclaration(const decl::Declaration& d) {
  std::string out;
  WriteDeclaration(d, &out);
  return out;
}

std::string EncodeDeclarationPage(const decl::DeclarationPage& page) {
  std::string out = "{\"count\":" + std::to_string(page.declarations.size()) +
                    ",\"declarations\":[";
  for (size_t i = 0; i < page.declarations.size(); ++i) {
    if (i > 0) out.push_back(',');
    WriteDeclaration(page.declarations[i], &out);
  }
  out += "],\"nextCursor\":";
  if (page.next_after.empty()) {
    out += "null";
  } else {
    JsonWriter w;
    w.String(page.next_after);
    out += w.Release();
  }
  out.push_back('}');
  return out;
}

std::string_view AddressProblemSlug(const ResolveResponse& resolution) {
  switch (resolution.status) {
    case ResolveStatus::kAmbiguous:
      return "address-ambiguous";
    case ResolveStatus::kNotFound:
      return "address-not-found";
    case ResolveStatus::kUnique:
      return "address-contradiction";
  }
  return "address-not-found";
}

std::string EncodeAddressProblem(const ResolveResponse& resolution,
                                 std::string_view correlation_id) {
  // Written with JsonWriter: the candidates' scores stay plain decimals.
  JsonWriter w;
  w.BeginObject();
  w.Field("type",
          "urn:beladdr:problem:" + std::string(AddressProblemSlug(resolution)));
  w.Field("title", "Unprocessable Content");
  w.Key("status");
  w.Int(422);
  if (resolution.status == ResolveStatus::kAmbiguous) {
    w.Field("detail",
            "the address matches several streets; choose one of the "
            "candidates and send the request again with its streetCode");
  } else if (resolution.status == ResolveStatus::kNotFound) {
    w.Field("detail", "no street matches the address");
  } else {
    w.Field("detail",
            "the address contradicts itself: the street found does not have "
            "the postcode, municipality or name given");
  }
  if (!correlation_id.empty()) w.Field("correlationId", correlation_id);
  if (resolution.status == ResolveStatus::kAmbiguous) {
    w.Key("candidates");
    w.BeginArray();
    for (const ResolvedAddress& c : resolution.candidates) WriteResolved(c, &w);
    w.EndArray();
    w.Key("more");
    w.Bool(resolution.more);
  }
  bool any = false;
  for (ResolveIssue issue : resolution.issues) {
    if (!IsContradiction(issue)) continue;
    if (!any) {
      w.Key("issues");
      w.BeginArray();
      any = true;
    }
    w.BeginObject();
    w.Field("type",
            "urn:beladdr:problem:" + std::string(ResolveIssueName(issue)));
    w.Field("in", "body");
    w.Field("name", IssueField(issue));
    w.Field("detail", IssueDetail(issue));
    w.EndObject();
  }
  if (any) w.EndArray();
  w.EndObject();
  return w.Release();
}

}  // namespace beladdr::api
