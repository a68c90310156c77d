// beladdr/declarations/validation.h — the identifiers and values a
// declaration carries, checked and written one way.
//
// Each check returns the canonical form, or InvalidArgument with a message
// that says what is wrong with the value given.
//
// Thread safety: pure functions.

#ifndef BELADDR_DECLARATIONS_VALIDATION_H_
#define BELADDR_DECLARATIONS_VALIDATION_H_

#include <string>
#include <string_view>

#include "beladdr/status.h"

namespace beladdr::declarations {

// A Belgian national register number (rijksregisternummer): 11 digits,
// dots, dashes and spaces allowed ("85.07.30-033.28"). The last two digits
// are 97 minus the first nine modulo 97; for births from 2000 on, the nine
// are prefixed by a 2. Returns the 11 digits.
StatusOr<std::string> CheckNationalRegisterNumber(std::string_view text);

// A KBO/BCE enterprise number: 10 digits starting with 0 or 1, with or
// without "BE", dots and spaces ("0203.201.340"); the last two digits are
// 97 minus the first eight modulo 97. Returns the 10 digits.
StatusOr<std::string> CheckEnterpriseNumber(std::string_view text);

// A phone number: Belgian national ("0470 12 34 56", "02/123.45.67") or
// international ("+32 470 12 34 56", "0032..."), with spaces, dots,
// slashes, dashes and brackets. Returns E.164: "+32470123456".
StatusOr<std::string> CheckPhone(std::string_view text);

// A calendar date, YYYY-MM-DD, that exists (no 2026-02-30).
StatusOr<std::string> CheckDate(std::string_view text);

}  // namespace beladdr::declarations

#endif  // BELADDR_DECLARATIONS_VALIDATION_H_
