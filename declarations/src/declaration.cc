#include "beladdr/declarations/declaration.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace beladdr::declarations {
namespace json = boost::json;
namespace {

constexpr Micros kMicrosPerSecond = 1000 * 1000;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool Digits(std::string_view s, size_t at, size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

std::string_view Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->as_string())
                                        : std::string_view();
}

int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

}  // namespace

std::string_view StatusName(DeclarationStatus status) {
  return status == DeclarationStatus::kDeleted ? "deleted" : "active";
}

std::string EncodeRecord(const Declaration& d) {
  json::object o;
  o["number"] = d.number;
  o["central"] = d.central;
  o["status"] = StatusName(d.status);
  o["version"] = d.version;
  o["streetCode"] = d.street_code;
  o["postCode"] = d.post_code;
  o["municipalityNis"] = d.municipality_nis;
  o["createdAt"] = d.created_at;
  o["modifiedAt"] = d.modified_at;
  o["deletedAt"] = d.deleted_at;
  o["content"] = d.content;
  return json::serialize(o);
}

StatusOr<Declaration> DecodeRecord(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    return Status::Corruption("declaration record is not a JSON object");
  }
  const json::object& o = v.as_object();
  Declaration d;
  d.number = Str(o, "number");
  d.central = Str(o, "central");
  d.status = Str(o, "status") == "deleted" ? DeclarationStatus::kDeleted
                                           : DeclarationStatus::kActive;
  d.version = Int(o, "version");
  d.street_code = Str(o, "streetCode");
  d.post_code = Str(o, "postCode");
  d.municipality_nis = Str(o, "municipalityNis");
  d.created_at = Int(o, "createdAt");
  d.modified_at = Int(o, "modifiedAt");
  d.deleted_at = Int(o, "deletedAt");
  d.content = Str(o, "content");
  if (d.number.empty() || d.central.empty() || d.version < 1) {
    return Status::Corruption("declaration record lacks its number");
  }
  return d;
}

std::string FormatNumber(int yyyymmdd, int64_t sequence) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d.%02d.%02d.%04lld", yyyymmdd / 10000,
                yyyymmdd / 100 % 100, yyyymmdd % 100,
                static_cast<long long>(sequence));
  return buf;
}

bool ParseNumber(std::string_view number, int* yyyymmdd, int64_t* sequence) {
  int y = 0, m = 0, d = 0;
  if (number.size() < 15 || number.size() > 22 || !Digits(number, 0, 4, &y) ||
      number[4] != '.' || !Digits(number, 5, 2, &m) || number[7] != '.' ||
      !Digits(number, 8, 2, &d) || number[10] != '.') {
    return false;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const std::string_view seq = number.substr(11);
  if (seq.size() < 4 || (seq.size() > 4 && seq[0] == '0')) return false;
  int64_t s = 0;
  for (char c : seq) {
    if (c < '0' || c > '9') return false;
    s = s * 10 + (c - '0');
  }
  if (s < 1) return false;
  *yyyymmdd = y * 10000 + m * 100 + d;
  *sequence = s;
  return true;
}

int UtcDay(Micros at) {
  const std::time_t seconds = static_cast<std::time_t>(at / kMicrosPerSecond);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

std::string FormatTime(Micros at) {
  const std::time_t seconds = static_cast<std::time_t>(at / kMicrosPerSecond);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec,
                static_cast<long long>(at % kMicrosPerSecond));
  return buf;
}

StatusOr<Micros> ParseTime(std::string_view t) {
  const Status bad = Status::InvalidArgument(
      "'" + std::string(t) +
      "' is not an RFC 3339 time (2026-12-06T10:00:00Z or +01:00)");
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!Digits(t, 0, 4, &y) || t.size() < 20 || t[4] != '-' ||
      !Digits(t, 5, 2, &mo) || t[7] != '-' || !Digits(t, 8, 2, &d) ||
      (t[10] != 'T' && t[10] != 't') || !Digits(t, 11, 2, &h) || t[13] != ':' ||
      !Digits(t, 14, 2, &mi) || t[16] != ':' || !Digits(t, 17, 2, &s)) {
    return bad;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return bad;
  }
  size_t i = 19;
  Micros fraction = 0;
  if (i < t.size() && t[i] == '.') {
    Micros scale = 100000;
    size_t digits = 0;
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
      fraction += (t[i] - '0') * scale;
      scale /= 10;
    }
    if (digits == 0) return bad;
  }
  int64_t offset_minutes = 0;
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) {
  } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') &&
             t[i + 3] == ':') {
    int oh = 0, om = 0;
    if (!Digits(t, i + 1, 2, &oh) || !Digits(t, i + 4, 2, &om) || oh > 23 ||
        om > 59) {
      return bad;
    }
    offset_minutes = (t[i] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return bad;
  }
  const int64_t days =
      DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t seconds =
      days * 86400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
  return seconds * kMicrosPerSecond + fraction;
}

std::string FormatCursor(const Cursor& cursor) {
  if (!cursor.modified_at) return cursor.number;
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%016llx-",
                static_cast<unsigned long long>(*cursor.modified_at));
  return buf + cursor.number;
}

bool ParseCursor(std::string_view text, Cursor* cursor) {
  int day = 0;
  int64_t sequence = 0;
  if (text.size() > 17 && text[16] == '-') {
    uint64_t at = 0;
    for (char c : text.substr(0, 16)) {
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
      if (digit < 0) return false;
      at = at * 16 + static_cast<uint64_t>(digit);
    }
    if (!ParseNumber(text.substr(17), &day, &sequence)) return false;
    cursor->modified_at = static_cast<Micros>(at);
    cursor->number = std::string(text.substr(17));
    return true;
  }
  if (!ParseNumber(text, &day, &sequence)) return false;
  cursor->modified_at.reset();
  cursor->number = std::string(text);
  return true;
}

Micros Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsCentralId(std::string_view central) {
  if (central.empty() || central.size() > 64) return false;
  for (char c : central) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace beladdr::declarations
