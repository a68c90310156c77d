#include "beladdr/declarations/validation.h"

#include <gtest/gtest.h>

#include "beladdr/declarations/declaration.h"
#include "beladdr/declarations/keys.h"

namespace beladdr::declarations {
namespace {

TEST(Validation, NationalRegisterNumberChecksum) {
  EXPECT_EQ(CheckNationalRegisterNumber("85.07.30-033.28").value(),
            "85073003328");
  // Born in 2000 or later: the checksum is taken over 2 and the nine.
  const uint64_t base = 10203123;  // 01.02.03-123
  const uint64_t check = 97 - (2000000000ULL + base) % 97;
  char text[16];
  std::snprintf(text, sizeof(text), "%09llu%02llu",
                static_cast<unsigned long long>(base),
                static_cast<unsigned long long>(check));
  EXPECT_TRUE(CheckNationalRegisterNumber(text).ok()) << text;
  const Status bad = CheckNationalRegisterNumber("85073003329").status();
  EXPECT_TRUE(bad.IsInvalidArgument());
  EXPECT_EQ(bad.message(),
            "rijksregisternummer '85073003329' voldoet niet aan checksum97");
  EXPECT_FALSE(CheckNationalRegisterNumber("8507300332").ok());
  EXPECT_FALSE(CheckNationalRegisterNumber("85073003328x").ok());
}

TEST(Validation, EnterpriseNumberChecksum) {
  EXPECT_EQ(CheckEnterpriseNumber("0203.201.340").value(), "0203201340");
  EXPECT_EQ(CheckEnterpriseNumber("BE 0203 201 340").value(), "0203201340");
  EXPECT_FALSE(CheckEnterpriseNumber("0203.201.341").ok());
  EXPECT_FALSE(CheckEnterpriseNumber("2203.201.340").ok());  // 0 or 1 first
  EXPECT_FALSE(CheckEnterpriseNumber("203.201.340").ok());
}

TEST(Validation, PhonesBecomeE164) {
  EXPECT_EQ(CheckPhone("0470 12 34 56").value(), "+32470123456");
  EXPECT_EQ(CheckPhone("02/123.45.67").value(), "+3221234567");
  EXPECT_EQ(CheckPhone("+32 (0)2 123 45 67").value(), "+3221234567");
  EXPECT_FALSE(CheckPhone("+32 02 123 45 67").ok());  // no 0 after 32
  EXPECT_EQ(CheckPhone("0032 470 12 34 56").value(), "+32470123456");
  EXPECT_EQ(CheckPhone("+33 1 23 45 67 89").value(), "+33123456789");
  EXPECT_FALSE(CheckPhone("12345").ok());
  EXPECT_FALSE(CheckPhone("0470 12 34 5x").ok());
  EXPECT_FALSE(CheckPhone("").ok());
}

TEST(Validation, DatesExist) {
  EXPECT_TRUE(CheckDate("2024-02-29").ok());
  EXPECT_FALSE(CheckDate("2026-02-29").ok());
  EXPECT_FALSE(CheckDate("2026-13-01").ok());
  EXPECT_FALSE(CheckDate("06/12/2026").ok());
}

TEST(Numbers, FormatParseAndOrder) {
  EXPECT_EQ(FormatNumber(20261206, 42), "2026.12.06.0042");
  EXPECT_EQ(FormatNumber(20261206, 12345), "2026.12.06.12345");
  int day = 0;
  int64_t seq = 0;
  ASSERT_TRUE(ParseNumber("2026.12.06.0042", &day, &seq));
  EXPECT_EQ(day, 20261206);
  EXPECT_EQ(seq, 42);
  EXPECT_FALSE(ParseNumber("2026.12.06.042", &day, &seq));
  EXPECT_FALSE(ParseNumber("2026.12.06.00042", &day, &seq));
  EXPECT_FALSE(ParseNumber("2026.13.06.0042", &day, &seq));
  EXPECT_FALSE(ParseNumber("x", &day, &seq));
}

TEST(Times, Rfc3339RoundTrip) {
  const Micros at = ParseTime("2026-12-06T21:59:22.5+01:00").value();
  EXPECT_EQ(FormatTime(at), "2026-12-06T20:59:22.500000Z");
  EXPECT_EQ(UtcDay(at), 20261206);
  EXPECT_FALSE(ParseTime("2026-12-06 21:59:22").ok());
  EXPECT_FALSE(ParseTime("2026-12-06T21:59:22").ok());  // no offset
}

TEST(Keys, ShownOnceStoredAsHash) {
  const NewKey key = MakeKey("central-a", Now()).value();
  EXPECT_TRUE(key.secret.starts_with("bla_"));
  EXPECT_EQ(key.secret.size(), 4u + 43u);
  EXPECT_EQ(key.record.sha256_hex, KeyHash(key.secret));
  EXPECT_EQ(key.record.sha256_hex.find(key.secret), std::string::npos);
  EXPECT_NE(MakeKey("central-a", Now()).value().secret, key.secret);
  EXPECT_FALSE(MakeKey("no spaces", Now()).ok());
}

}  // namespace
}  // namespace beladdr::declarations
