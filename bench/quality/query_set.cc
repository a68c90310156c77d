#include "query_set.h"

#include <boost/json.hpp>
#include <fstream>

namespace beladdr::quality {
namespace json = boost::json;
namespace {

json::array ToArray(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> FromArray(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array()) {
    for (const json::value& e : v->as_array()) {
      if (e.is_string()) out.emplace_back(e.as_string());
    }
  }
  return out;
}

std::string Str(const json::object& o, const char* key) {
  if (const json::value* v = o.if_contains(key); v && v->is_string()) {
    return std::string(v->as_string());
  }
  return "";
}

}  // namespace

std::string ToJsonLine(const LabelledQuery& q) {
  json::object o;
  o["id"] = q.id;
  o["kind"] = q.kind;
  const SearchRequest& r = q.request;
  if (!r.query.empty()) o["query"] = r.query;
  if (!r.street.empty()) o["street"] = r.street;
  if (!r.house_number.empty()) o["houseNumber"] = r.house_number;
  if (!r.box_number.empty()) o["boxNumber"] = r.box_number;
  if (!r.post_code.empty()) o["postCode"] = r.post_code;
  if (!r.municipality.empty()) o["municipality"] = r.municipality;
  o["expected"] = ToArray(q.expected);
  o["languages"] = ToArray(q.languages);
  o["noise"] = ToArray(q.noise);
  if (!q.expected_house_number.empty()) {
    o["expectedHouseNumber"] = q.expected_house_number;
  }
  if (!q.expected_box_number.empty())
    o["expectedBoxNumber"] = q.expected_box_number;
  return json::serialize(o);
}

StatusOr<std::vector<LabelledQuery>> ReadQuerySet(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError(path + ": cannot open");
  std::vector<LabelledQuery> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_no) +
                                     ": not a JSON object");
    }
    const json::object& o = v.as_object();
    LabelledQuery q;
    q.id = Str(o, "id");
    q.kind = Str(o, "kind");
    q.request.query = Str(o, "query");
    q.request.street = Str(o, "street");
    q.request.house_number = Str(o, "houseNumber");
    q.request.box_number = Str(o, "boxNumber");
    q.request.post_code = Str(o, "postCode");
    q.request.municipality = Str(o, "municipality");
    q.expected = FromArray(o, "expected");
    q.languages = FromArray(o, "languages");
    q.noise = FromArray(o, "noise");
    q.expected_house_number = Str(o, "expectedHouseNumber");
    q.expected_box_number = Str(o, "expectedBoxNumber");
    out.push_back(std::move(q));
  }
  return out;
}

Status WriteQuerySet(const std::string& path,
                     const std::vector<LabelledQuery>& queries) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::IOError(path + ": cannot write");
  for (const LabelledQuery& q : queries) out << ToJsonLine(q) << "\n";
  return out ? Status::OK() : Status::IOError(path + ": write failed");
}

}  // namespace beladdr::quality
