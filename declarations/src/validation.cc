#include "beladdr/declarations/validation.h"

#include <cstdint>

namespace beladdr::declarations {
namespace {

// The digits of `text`, skipping the separators people type; false when
// another character occurs.
bool DigitsOf(std::string_view text, std::string_view separators,
              std::string* digits) {
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits->push_back(c);
    } else if (separators.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

uint64_t Number(std::string_view digits) {
  uint64_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<uint64_t>(c - '0');
  return n;
}

}  // namespace

StatusOr<std::string> CheckNationalRegisterNumber(std::string_view text) {
  std::string digits;
  const Status bad =
      Status::InvalidArgument("rijksregisternummer '" + std::string(text) +
                              "' voldoet niet aan checksum97");
  if (!DigitsOf(text, ".- ", &digits) || digits.size() != 11) {
    return Status::InvalidArgument("rijksregisternummer '" + std::string(text) +
                                   "' heeft geen 11 cijfers");
  }
  const uint64_t base = Number(std::string_view(digits).substr(0, 9));
  const uint64_t check = Number(std::string_view(digits).substr(9));
  const bool before_2000 = 97 - base % 97 == check;
  const bool from_2000 = 97 - (2000000000ULL + base) % 97 == check;
  if (!before_2000 && !from_2000) return bad;
  return digits;
}

StatusOr<std::string> CheckEnterpriseNumber(std::string_view text) {
  std::string_view rest = text;
  if (rest.size() >= 2 &&
      (rest.substr(0, 2) == "BE" || rest.substr(0, 2) == "be")) {
    rest.remove_prefix(2);
  }
  std::string digits;
  if (!DigitsOf(rest, ". ", &digits) || digits.size() != 10 ||
      (digits[0] != '0' && digits[0] != '1')) {
    return Status::InvalidArgument(
        "ondernemingsnummer '" + std::string(text) +
        "' is not 10 digits starting with 0 or 1 (0203.201.340)");
  }
  const uint64_t base = Number(std::string_view(digits).substr(0, 8));
  const uint64_t check = Number(std::string_view(digits).substr(8));
  if (97 - base % 97 != check) {
    return Status::InvalidArgument("ondernemingsnummer '" + std::string(text) +
                                   "' voldoet niet aan checksum97");
  }
  return digits;
}

StatusOr<std::string> CheckPhone(std::string_view text) {
  // "+32 (0)2 ...": the trunk 0 in brackets is not dialled from abroad.
  std::string cleaned(text);
  if (const size_t trunk = cleaned.find("(0)"); trunk != std::string::npos) {
    cleaned.erase(trunk, 3);
  }
  std::string_view rest = cleaned;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const bool plus = !rest.empty() && rest.front() == '+';
  if (plus) rest.remove_prefix(1);
  std::string digits;
  const Status bad = Status::InvalidArgument(
      "phone '" + std::string(text) +
      "' is not a phone number (+32 470 12 34 56, 02 123 45 67)");
  if (!DigitsOf(rest, " ./-()", &digits)) return bad;
  std::string e164;
  if (plus) {
    e164 = digits;
  } else if (digits.starts_with("00")) {
    e164 = digits.substr(2);
  } else if (digits.starts_with("0")) {
    e164 = "32" + digits.substr(1);  // Belgian national format
  } else {
    return bad;
  }
  // E.164: at most 15 digits, a country code that does not start with 0.
  if (e164.size() < 8 || e164.size() > 15 || e164[0] == '0') return bad;
  // A Belgian number has 8 (fixed) or 9 (mobile) digits after the 32.
  if (e164.starts_with("32") &&
      (e164.size() < 10 || e164.size() > 11 || e164[2] == '0')) {
    return bad;
  }
  return "+" + e164;
}

StatusOr<std::string> CheckDate(std::string_view text) {
  const Status bad = Status::InvalidArgument("'" + std::string(text) +
                                             "' is not a date (YYYY-MM-DD)");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return bad;
  }
  const auto y = static_cast<int>(Number(text.substr(0, 4)));
  const auto m = static_cast<int>(Number(text.substr(5, 2)));
  const auto d = static_cast<int>(Number(text.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1900 || m < 1 || m > 12 || d < 1 ||
      d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) {
    return bad;
  }
  return std::string(text);
}

}  // namespace beladdr::declarations
